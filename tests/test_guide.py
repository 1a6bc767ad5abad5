"""The guide for rules authors is tested: its table of codes is the registry, and its
walk-through, typed in as written, gives a clean knowledge base and passing scenarios."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from adviseur.checks.registry import CODES
from adviseur.checks.runner import check_paths
from adviseur.cli import build_parser
from tests.conftest import MINI_RULES, ROOT, SOURCES, write

GUIDE = ROOT / "docs" / "regels-schrijven.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BEGIN = "<!-- codes: begin (bijgehouden door tests/test_guide.py) -->\n"
END = "<!-- codes: end -->"


def codes_table() -> str:
    rows = ["| code | ernst | wat | oplossing |", "|---|---|---|---|"]
    rows += [f"| {c.code} | {c.severity} | {c.title} | {c.remedy} |" for c in CODES.values()]
    return "\n".join(rows) + "\n"


def test_the_table_of_codes_is_the_registry() -> None:
    table = TEXT.split(BEGIN, 1)[1].split(END, 1)[0]
    assert table == codes_table(), "copy codes_table() from tests/test_guide.py into the guide"


def test_the_guide_is_the_only_table_of_codes() -> None:
    for doc in (ROOT / "docs").glob("*.md"):
        if doc != GUIDE:
            assert "| E201 |" not in doc.read_text(encoding="utf-8"), doc


def walkthrough_blocks() -> list[tuple[str, str]]:
    """(target path, YAML) for every block that starts with `# in: rules/…` or `scenarios/…`."""
    blocks = re.findall(r"```yaml\n# in: (\S+)\n(.*?)```", TEXT, flags=re.DOTALL)
    return [(target, body) for target, body in blocks]


def test_the_walkthrough_has_every_step() -> None:
    text = "".join(body for _, body in walkthrough_blocks())
    for key in ("vragen:", "faalfactoren:", "regels:", "interventies:", "citaties:", "verwacht:"):
        assert key in text, key


@pytest.fixture
def walkthrough(tmp_path: Path) -> tuple[Path, Path]:
    rules, scenarios = tmp_path / "rules", tmp_path / "scenarios"
    # The shipped knowledge base has the dimension lerend_vermogen; the mini set has not.
    write(rules / "00_dimensie.yaml", "dimensies:\n  - {id: lerend_vermogen, naam: Leren}\n")
    for n, (target, body) in enumerate(walkthrough_blocks()):
        folder = rules if target.startswith("rules/") else scenarios
        write(folder / f"{n:02d}_{Path(target).name}", body)
    return rules, scenarios


def test_the_walkthrough_gives_a_clean_knowledge_base(walkthrough: tuple[Path, Path]) -> None:
    rules, _ = walkthrough
    texts = SOURCES if SOURCES.is_dir() else None
    assert [str(d) for d in check_paths([MINI_RULES, rules], texts=texts)] == []


def test_the_walkthrough_scenarios_pass(walkthrough: tuple[Path, Path], run: Any) -> None:
    rules, scenarios = walkthrough
    result = run(
        "afspelen",
        str(scenarios),
        "--regels",
        str(MINI_RULES),
        "--regels",
        str(rules),
        "--engine",
        "referentie",
    )
    assert result.code == 0, result.out + result.err
    assert "2 van 2 scenario's kloppen" in result.out


def test_every_command_the_guide_names_exists() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    commands = set(re.findall(r"`adviseur (\w+)", TEXT))
    assert commands <= set(sub.choices), commands - set(sub.choices)  # type: ignore[arg-type]
