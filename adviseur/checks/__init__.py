"""Checks for rules authors that go beyond loading: each finding has a stable code."""
