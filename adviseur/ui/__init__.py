"""The only package that imports prompt_toolkit: prompts, validators, completers."""
