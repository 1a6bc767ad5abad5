"""The catalogue of diagnostic codes is complete: every code the package can emit is in the
registry, and every registered code has a failing fixture that pins its exact message."""

from __future__ import annotations

import ast
import re

from adviseur.checks.registry import CODES
from tests.conftest import DATA, ROOT

CODE = re.compile(r"[EW]\d{3}\Z")


def emitted_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "adviseur").rglob("*.py"):
        if path.name == "registry.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found |= {node.value} if CODE.match(node.value) else set()
    return found


def pinned_codes() -> dict[str, set[str]]:
    """code → the severities its fixture lines show.

    Rule-file codes are pinned by the golden files in data/invalid; the session and scenario
    codes (E6xx) by the exact messages in the bad-input catalogue and the trainer tests."""
    pinned: dict[str, set[str]] = {}
    for path in (DATA / "invalid").glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"# verwacht: .*?(fout|waarschuwing)\[([EW]\d{3})\]", line):
                pinned.setdefault(match[2], set()).add(match[1])
    for name in ("test_bad_input.py", "test_trainers.py"):
        text = (ROOT / "tests" / name).read_text(encoding="utf-8")
        for match in re.finditer(r"(fout)\[(E6\d\d)\] ", text):
            pinned.setdefault(match[2], set()).add(match[1])
    return pinned


def test_every_emitted_code_is_registered() -> None:
    assert emitted_codes() - CODES.keys() == set()


def test_every_registered_code_is_emitted() -> None:
    assert CODES.keys() - emitted_codes() == set()


def test_every_code_has_a_fixture_with_its_severity() -> None:
    pinned = pinned_codes()
    missing = sorted(CODES.keys() - pinned.keys())
    assert missing == [], f"codes without a fixture in tests/data/invalid: {missing}"
    for code, severities in pinned.items():
        assert severities == {str(CODES[code].severity)}, code


def test_code_letters_follow_severity() -> None:
    for code in CODES.values():
        assert code.code[0] == ("E" if code.severity.value == "fout" else "W"), code.code
