"""Golden files: every file in data/invalid gives exactly the diagnostics its `# verwacht:`
lines name, loaded together with the small test knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from adviseur.errors import DiagnosticsError
from adviseur.loading import load_knowledge_base
from tests.conftest import DATA, MINI_RULES

CASES = sorted((DATA / "invalid").glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# verwacht: "):
            text = line.removeprefix("# verwacht: ")
            lines.append(text.replace("{pad}", str(path)).replace("{mini}", str(MINI_RULES)))
    return lines


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_invalid_file_gives_its_diagnostics(path: Path) -> None:
    with pytest.raises(DiagnosticsError) as caught:
        load_knowledge_base([MINI_RULES, path])
    actual = sorted(str(d) for d in caught.value.diagnostics)
    assert actual == sorted(expected_lines(path))


def test_every_case_names_what_it_expects() -> None:
    assert len(CASES) >= 15
    for path in CASES:
        assert expected_lines(path), f"{path.name} has no '# verwacht:' line"
