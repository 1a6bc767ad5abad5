"""`adviseur uitleg` and `adviseur dekking` on the mini knowledge base and its scenarios."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_RULES, MINI_SCENARIOS, write

Runner = Any
MINI = ("--regels", str(MINI_RULES), "--scenarios", str(MINI_SCENARIOS), "--engine", "referentie")


def test_uitleg_of_a_faalfactor(run: Runner) -> None:
    result = run("uitleg", "verkokering", *MINI)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("faalfactor verkokering — Verkokering tussen diensten\n")
    assert f"  {MINI_RULES / 'advies.yaml'}:2:5\n" in out
    # the rules that conclude it, with their conditions in plain Dutch
    assert "• regel verkokering_bij_slechte_samenwerking" in out
    assert (
        "als Hoeveel diensten werken mee aan de opgave? → 'Twee of meer diensten' en "
        "Hoe goed werken de diensten samen aan deze opgave? → ten hoogste 2" in out
    )
    assert "zekerheid 0,60, grondslag expliciet" in out
    # what uses it, its citation, and the scenarios
    assert "• regel incoherent_zonder_visie" in out
    assert "• interventie:integraal_verantwoordelijke_wethouder (vanzelf" in out
    assert "“Gemeenten ervaren ‘verkokering’ als één van de grootste belemmeringen" in out
    assert "• Verkokerde stad" in out
    assert "afgeleid (zekerheid 0,72), verwacht" in out
    assert "mag niet" in out


@pytest.mark.parametrize(
    ("item", "first_line", "expected"),
    [
        ("aantal_diensten", "vraag aantal_diensten", "• vraag integraal_wethouder (vraag_als)"),
        (
            "taakverdeling_per_dienst",
            "interventie taakverdeling_per_dienst",
            "alleen als: Hoeveel diensten werken mee aan de opgave? → 'Twee of meer diensten'",
        ),
        ("dekking_maakt_ontkokering_mogelijk", "les dekking_maakt", "afgeleid, verwacht"),
        ("jeugdprojecten_vallen_tussen_wal_en_schip", "praktijkvoorbeeld", "Verkokerde stad"),
        ("verkokering_bij_losse_notas", "regel verkokering_bij_losse_notas", "vuurt"),
        ("gsb_2005", "bron gsb_2005", "• §1.4 Verbind prestige aan resultaten\n      0 citaties"),
        ("mandaat", "dimensie mandaat", "geen_integraal_verantwoordelijke, verkokering"),
        ("interventie:taakverdeling_per_dienst", "regel interventie:", "gemaakt uit:"),
    ],
)
def test_uitleg_of_every_kind(run: Runner, item: str, first_line: str, expected: str) -> None:
    result = run("uitleg", item, *MINI)
    assert result.code == 0, result.err
    assert result.out.startswith(first_line)
    assert expected in result.out


def test_uitleg_of_an_unknown_id_suggests_one(run: Runner) -> None:
    result = run("uitleg", "verkokerng", "--regels", str(MINI_RULES))
    assert result.code == 1
    assert result.err.strip() == (
        f"adviseur: fout: 'verkokerng' bestaat niet in {MINI_RULES} (bedoelde u 'verkokering'?)"
    )


def test_uitleg_json_and_without_scenarios(run: Runner) -> None:
    doc = json.loads(run("uitleg", "verkokering", "--regels", str(MINI_RULES), "--json").out)
    assert doc["soort"] == "faalfactor"
    assert doc["scenarios_uit"] is None
    assert [p["titel"] for p in doc["delen"]] == [
        "Afgeleid door",
        "Gebruikt door",
        "Citaties",
        "Scenario's",
    ]
    text = run("uitleg", "verkokering", "--regels", str(MINI_RULES)).out
    assert "geen scenario's: geef ze mee met --scenarios PAD" in text


def test_uitleg_reports_a_broken_scenario_located(run: Runner, tmp_path: Path) -> None:
    bad = write(tmp_path / "s.yaml", "titel: Kapot\nantwoorden: {aantal_dienstn: een}\n")
    result = run("uitleg", "verkokering", "--regels", str(MINI_RULES), "--scenarios", str(bad))
    assert result.code == 1
    assert f"{bad}:2:14: fout[E201] onbekende vraag 'aantal_dienstn'" in result.err


def test_dekking_of_the_mini_set(run: Runner) -> None:
    result = run("dekking", *MINI)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Dekking van kennisbank ")
    assert lines[0].endswith(f"door 3 scenario's: {MINI_SCENARIOS}")
    assert "Regels: 4 van 4 vuren in minstens één scenario (100 %)" in lines
    assert "  gsb_2005: 1 van 2 onderdelen geciteerd (50 %)" in lines
    assert "    niet geciteerd: §1.4 Verbind prestige aan resultaten" in lines


def test_dekking_json_names_what_one_healthy_scenario_leaves_out(run: Runner) -> None:
    healthy = str(MINI_SCENARIOS / "gezond.yaml")
    result = run("dekking", "--regels", str(MINI_RULES), "--scenarios", healthy, "--json")
    doc = json.loads(result.out)
    assert doc["scenarios"] == [healthy]
    assert doc["regels"]["totaal"] == 4
    assert len(doc["regels"]["nooit_gevuurd"]) == 4
    assert {f["id"] for f in doc["faalfactoren"]["nooit_verwacht"]} == {
        "verkokering",
        "geen_integraal_verantwoordelijke",
        "incoherent_programma",
    }
    assert [i["id"] for i in doc["interventies"]["nooit_voorgesteld"]] == [
        "integraal_verantwoordelijke_wethouder",
        "taakverdeling_per_dienst",
    ]
    assert doc["bronnen"][0]["niet_geciteerd"] == [
        {"locatie": "§1.4", "titel": "Verbind prestige aan resultaten"}
    ]
