"""Golden files: every file in data/invalid gives exactly the diagnostics its `# verwacht:`
lines name when `adviseur controleer` checks it.

By default a fixture is checked together with the small test knowledge base (tests/data/rules/
mini). Header lines change that:

    # regelset: eigen            the fixture is a rule set of its own (checked alone)
    # bronteksten: bronteksten   also check citaten against this folder (under tests/data)

In the expected lines `{pad}` is the fixture's path, `{mini}` the mini rule set and `{data}`
the tests/data folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adviseur.checks.runner import check_paths
from tests.conftest import DATA, MINI_RULES, ROOT, SOURCES

CASES = sorted((DATA / "invalid").glob("*.yaml"))
DIRECTIVES = ("regelset", "bronteksten")


def directives(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for key in DIRECTIVES:
            if line.startswith(f"# {key}: "):
                found[key] = line.removeprefix(f"# {key}: ").strip()
    return found


def expected_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# verwacht: "):
            text = line.removeprefix("# verwacht: ")
            lines.append(
                text.replace("{pad}", str(path))
                .replace("{mini}", str(MINI_RULES))
                .replace("{data}", str(DATA))
            )
    return lines


def run_fixture(path: Path) -> list[str]:
    """What `adviseur controleer` reports for a fixture, one line per problem."""
    options = directives(path)
    paths = [path] if options.get("regelset") == "eigen" else [MINI_RULES, path]
    texts = DATA / options["bronteksten"] if "bronteksten" in options else None
    return [str(d) for d in check_paths(paths, texts=texts)]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_invalid_file_gives_its_diagnostics(path: Path) -> None:
    assert sorted(run_fixture(path)) == sorted(expected_lines(path))


def test_every_case_names_what_it_expects() -> None:
    assert len(CASES) >= 15
    for path in CASES:
        assert expected_lines(path), f"{path.name} has no '# verwacht:' line"


def test_the_mini_knowledge_base_is_clean() -> None:
    assert check_paths([MINI_RULES]) == []


def test_the_shipped_knowledge_base_is_clean() -> None:
    rules = ROOT / "rules"
    texts = SOURCES if SOURCES.is_dir() else None  # the quotes are checked in test_shipped too
    assert [str(d) for d in check_paths([rules], texts=texts)] == []
