"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("adviseur consult")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci


def test_the_benchmark_is_documented() -> None:
    """docs/prestaties.md names every figure with a target, and the README points to it."""
    bench = (ROOT / "bench" / "run.py").read_text(encoding="utf-8")
    block = bench.split("TARGETS: dict[str, tuple[float, str]] = {", 1)[1].split("}", 1)[0]
    targets = re.findall(r'"(\w+)": \(', block)
    assert "startup_ratio" in targets
    assert "memory_growth_mb" in targets
    doc = (ROOT / "docs" / "prestaties.md").read_text(encoding="utf-8")
    for key in targets:
        assert key.replace("10000", "N") in doc or key in doc, key
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bench/run.py --snel" in readme
    assert "docs/prestaties.md" in readme
