"""`adviseur schema`: one JSON Schema that accepts every shipped rule and scenario file and
rejects what the loader rejects for its form."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from adviseur.loading.schema import json_schema
from tests.conftest import DATA, MINI_RULES, MINI_SCENARIOS, ROOT

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SHIPPED = [
    path
    for folder in (ROOT / "rules", ROOT / "scenarios", MINI_RULES, MINI_SCENARIOS)
    if folder.is_dir()
    for path in sorted(folder.rglob("*.y*ml"))
]
# codes the schema sees too: the form of a file, not its cross-references
FORM_CODES = {"E103", "E104", "E105", "E106", "E108", "E109", "E302", "E304"}
# codes for files plain YAML loading does not even get through the same way
UNPARSED_CODES = {"E100", "E101", "E102", "E107", "E110", "E111"}


def errors(data: Any) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_command_prints_the_schema(run: Any) -> None:
    result = run("schema")
    assert result.code == 0
    assert json.loads(result.out) == SCHEMA


def test_the_copy_in_docs_is_current() -> None:
    copy = json.loads((ROOT / "docs" / "adviseur.schema.json").read_text(encoding="utf-8"))
    assert copy == SCHEMA, "run: adviseur schema > docs/adviseur.schema.json"


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_every_shipped_file_is_valid(path: Path) -> None:
    assert errors(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def fixture_codes(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"^# verwacht: .*?\[([EW]\d{3})\]", text, flags=re.MULTILINE))


FIXTURES = [
    path
    for path in sorted((DATA / "invalid").glob("*.yaml"))
    if not fixture_codes(path) & UNPARSED_CODES
]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_the_schema_agrees_with_the_loader_on_form(path: Path) -> None:
    codes = fixture_codes(path)
    found = errors(yaml.safe_load(path.read_text(encoding="utf-8")))
    if codes & FORM_CODES:
        assert found, f"schema accepts {path.name}, the loader reports {sorted(codes)}"
    else:
        assert found == [], f"schema rejects {path.name}: {found}"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("titel: x\n", "scenario without antwoorden"),
        ("antwoorden: {a: ja}\n", "scenario without titel"),
        (
            "regels: [{id: r, als: {vraag: q}, dan: {faalfactor: f, zekerheid: 0.5}, "
            "uitleg: u, citaties: [{bron: b, locatie: l, citaat: c}]}]\n",
            "test without operator",
        ),
        (
            "regels: [{id: r, als: {vraag: q, is: a}, dan: {faalfactor: f}, uitleg: u, "
            "citaties: [{bron: b, locatie: l, citaat: c}]}]\n",
            "faalfactor without zekerheid",
        ),
        (
            "vragen: [{id: q, dimensie: d, tekst: t, type: keuze, toelichting: u}]\n",
            "keuze without opties",
        ),
        (
            "vragen: [{id: q, dimensie: d, tekst: t, type: ja_nee, toelichting: u, "
            "opties: [a, b]}]\n",
            "ja_nee with opties",
        ),
        ("bronnen: [{id: Bron, titel: t, auteur: a, jaar: 2005}]\n", "id with a capital"),
        ("titel: x\nantwoorden: {}\nvragen: []\n", "a rule file and a scenario at once"),
    ],
)
def test_invalid_documents_are_rejected(text: str, why: str) -> None:
    assert errors(yaml.safe_load(text)), why
