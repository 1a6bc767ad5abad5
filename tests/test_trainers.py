"""Trainer features: step through, predict then reveal, compare variants, handouts, `basis`."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_RULES, MINI_SCENARIOS, write

Runner = Any
RULES = ("--regels", str(MINI_RULES))


def test_stap_through_piped_input(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 10))
    result = run("afspelen", str(MINI_SCENARIOS / "verkokerd.yaml"), "--stap", *RULES)
    assert result.code == 0
    out = result.out
    assert out.index("Stap 1") < out.index("Stap 2") < out.index("Stap 5")
    assert "+ verschijnt: faalfactor 'Geen integraal verantwoordelijke' (0,70)" in out
    assert "▲ sterker: faalfactor 'Verkokering tussen diensten' 0,60 → 0,72" in out
    assert "✓ " in out  # and the expectation is still checked


def test_voorspel_scores_hits_misses_and_false_alarms(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one prediction line per step: intake, wethouder, samenwerking, documenten, smart_doelen
    predictions = "\ngeen integraal\nprogramma zonder samenhang\n\nonzin\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(predictions))
    result = run("afspelen", str(MINI_SCENARIOS / "verkokerd.yaml"), "--voorspel", *RULES)
    assert result.code == 0
    out = result.out
    assert "Niet herkend: onzin" in out
    assert "Score: 67% — 2 goed, 1 gemist, 0 vals alarm" in out
    assert "Gemist: Verkokering tussen diensten" in out
    assert "Goed voorspeld: Programma zonder samenhang" in out  # predicted before it appeared
    assert (
        "regel verkokering_bij_slechte_samenwerking: Meerdere diensten die slecht samenwerken"
        in out
    )
    assert "Gemeenten ervaren ‘verkokering’" in out  # the citation of the rule that was missed
    assert "Goed voorspeld: Geen integraal verantwoordelijke" in out


def test_voorspel_false_alarm_shows_the_rule_that_would_have_shown_it(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("verkokering\n\n\n\n"))
    result = run("afspelen", str(MINI_SCENARIOS / "gezond.yaml"), "--voorspel", *RULES)
    assert "Score: 0% — 0 goed, 0 gemist, 1 vals alarm" in result.out
    assert "Vals alarm: Verkokering tussen diensten" in result.out
    assert "zou blijken uit regel verkokering_bij_slechte_samenwerking" in result.out


def test_vergelijk_json_is_pinned(run: Runner) -> None:
    result = run(
        "vergelijk",
        str(MINI_SCENARIOS / "verkokerd.yaml"),
        str(MINI_SCENARIOS / "variant.yaml"),
        "--json",
        *RULES,
    )
    assert result.code == 0
    assert json.loads(result.out) == {
        "a": "Verkokerde stad",
        "b": "Verkokerde stad, met een integraal verantwoordelijke wethouder",
        "antwoorden": [
            {"vraag": "integraal_wethouder", "a": "nee", "b": "ja"},
            {"vraag": "smart_doelen", "a": 1, "b": None},
        ],
        "alleen_in_a": [
            {
                "soort": "faalfactor",
                "id": "geen_integraal_verantwoordelijke",
                "naam": "Geen integraal verantwoordelijke",
                "a": 0.7,
                "b": None,
                "door": ["integraal_wethouder"],
            }
        ],
        "alleen_in_b": [],
        "verschillende_zekerheid": [],
    }


def test_vergelijk_text(run: Runner) -> None:
    result = run(
        "vergelijk",
        str(MINI_SCENARIOS / "gezond.yaml"),
        str(MINI_SCENARIOS / "verkokerd.yaml"),
        *RULES,
    )
    assert result.code == 0
    assert "Alleen in B" in result.out
    assert "faalfactor: Verkokering tussen diensten (— → 0,72)" in result.out


def test_vergelijk_a_saved_session_with_a_scenario(run: Runner, tmp_path: Path) -> None:
    session = tmp_path / "s.json"
    session.write_text(
        json.dumps(
            {
                "formaat": "adviseur-sessie",
                "versie": 1,
                "id": "s1",
                "gestart": "2026-01-01T10:00:00",
                "bijgewerkt": "2026-01-01T10:00:00",
                "regelset": "x",
                "route": "kort",
                "engine": "durable",
                "antwoorden": [{"vraag": "aantal_diensten", "waarde": "een"}],
            }
        ),
        encoding="utf-8",
    )
    doc = json.loads(
        run("vergelijk", str(session), str(MINI_SCENARIOS / "verkokerd.yaml"), "--json", *RULES).out
    )
    assert doc["a"] == "sessie s1"
    assert {d["id"] for d in doc["alleen_in_b"]} >= {
        "verkokering",
        "geen_integraal_verantwoordelijke",
    }


def test_basis_cycle_and_missing_basis_are_located(run: Runner, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "titel: A\nbasis: b.yaml\nantwoorden: {aantal_diensten: een}\n")
    write(tmp_path / "b.yaml", "titel: B\nbasis: a.yaml\nantwoorden: {aantal_diensten: een}\n")
    write(tmp_path / "c.yaml", "titel: C\nbasis: nergens.yaml\n")
    result = run("afspelen", str(tmp_path), *RULES)
    assert result.code == 1
    assert (
        f"{tmp_path / 'b.yaml'}:2:8: fout[E602] scenario bouwt (via andere) op zichzelf voort: a.yaml"
        in result.err
    )
    assert (
        f"{tmp_path / 'c.yaml'}:2:8: fout[E201] basisscenario 'nergens.yaml' bestaat niet"
        in result.err
    )


def test_handouts_per_scenario(run: Runner, tmp_path: Path) -> None:
    result = run("afspelen", str(MINI_SCENARIOS), "--rapport", str(tmp_path / "hand-outs"), *RULES)
    assert result.code == 0
    page = (tmp_path / "hand-outs" / "verkokerd.html").read_text(encoding="utf-8")
    assert (
        "<h1>Verkokerde stad</h1><h2>Situatie</h2><p>Drie diensten werken langs elkaar heen" in page
    )
    assert "<h2>Vragen en antwoorden</h2>" in page
    assert "Gemeenten ervaren ‘verkokering’" in page
    assert sorted(p.name for p in (tmp_path / "hand-outs").iterdir()) == [
        "gezond.html",
        "variant.html",
        "verkokerd.html",
    ]
