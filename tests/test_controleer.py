"""`adviseur controleer`: one pass over everything, three output formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from adviseur.checks.context import Context
from adviseur.checks.runner import quality
from adviseur.loading import read_knowledge_base
from tests.conftest import DATA, MINI_RULES, write

Runner = Any
ONE_PASS = DATA / "invalid" / "alles_in_een_keer.yaml"


def test_json_format_lists_every_problem(run: Runner) -> None:
    result = run("controleer", str(MINI_RULES), str(ONE_PASS), "--format", "json")
    assert result.code == 1
    doc = json.loads(result.out)
    assert doc["versie"] == 1
    codes = sorted(p["code"] for p in doc["problemen"])
    assert codes == ["E104", "E201", "E201", "E304", "E304", "E402", "W501"]
    assert doc["fouten"] == 6
    assert doc["waarschuwingen"] == 1
    first = doc["problemen"][0]
    assert first == {
        "code": "E201",
        "ernst": "fout",
        "bericht": "dimensie 'mandat' bestaat niet",
        "hint": "bedoelde u 'mandaat'?",
        "bestand": str(ONE_PASS),
        "regel": 10,
        "kolom": 5,
    }


def test_github_format_gives_workflow_commands(run: Runner) -> None:
    result = run("controleer", str(MINI_RULES), str(ONE_PASS), "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        f"::error file={ONE_PASS},line=10,col=5,title=E201::"
        "[E201] dimensie 'mandat' bestaat niet (bedoelde u 'mandaat'?)"
    )
    assert any(line.startswith("::warning ") and "title=W501" in line for line in lines)
    assert lines[-1] == "7 problemen (6 fouten, 1 waarschuwing) in 1 bestand"


def test_github_format_escapes_what_github_would_misread(run: Runner, tmp_path: Path) -> None:
    path = write(tmp_path / "a,b:c.yaml", "vragen: [\n")
    line = run("controleer", str(path), "--format", "github").out.splitlines()[0]
    assert line.startswith(f"::error file={str(path).replace(',', '%2C').replace(':', '%3A')},")


def test_clean_rules_exit_0_in_every_format(run: Runner) -> None:
    assert run("controleer", str(MINI_RULES)).out.strip() == "geen problemen gevonden"
    doc = json.loads(run("controleer", str(MINI_RULES), "--format", "json").out)
    assert doc["problemen"] == []
    assert run("controleer", str(MINI_RULES), "--format", "github").code == 0


def test_warnings_alone_also_exit_1(run: Runner) -> None:
    result = run("controleer", str(MINI_RULES), str(DATA / "invalid" / "ongelezen_vraag.yaml"))
    assert result.code == 1
    assert "waarschuwing[W501]" in result.out


def test_an_item_with_an_error_gets_no_warnings_about_its_use() -> None:
    # extra_vraag has an unknown dimension (E201): it is not also reported as unread (W501).
    loaded = read_knowledge_base([MINI_RULES, DATA / "invalid" / "ongeldig_type.yaml"])
    assert loaded.kb is not None
    assert "extra_vraag" in loaded.damaged
    assert quality(Context(loaded.kb, loaded.damaged, loaded.complete)) == []


def test_content_that_could_not_be_read_switches_off_the_unused_checks(tmp_path: Path) -> None:
    # The rule that reads the question is lost to a typo; the question is not "unread".
    path = write(
        tmp_path / "r.yaml",
        """
        vragen:
          - {id: extra, dimensie: mandaat, tekst: Vraag?, type: ja_nee, toelichting: Uitleg.}
        regels:
          - id: extra_regel
            als: {vraaag: extra, is: ja}
            dan: {faalfactor: verkokering, zekerheid: 0.5}
            uitleg: Test.
        """,
    )
    loaded = read_knowledge_base([MINI_RULES, path])
    assert not loaded.complete
    assert loaded.kb is not None
    assert quality(Context(loaded.kb, loaded.damaged, loaded.complete)) == []


def test_a_vraag_als_cycle_is_a_question_never_asked(run: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        """
        vragen:
          - id: eerste
            dimensie: mandaat
            tekst: Eerste?
            type: ja_nee
            toelichting: Uitleg.
            vraag_als: {vraag: tweede, is: ja}
          - id: tweede
            dimensie: mandaat
            tekst: Tweede?
            type: ja_nee
            toelichting: Uitleg.
            vraag_als: {vraag: eerste, is: ja}
        """,
    )
    out = run("controleer", str(MINI_RULES), str(path)).out
    assert (
        f"{path}:8:16: fout[E404] vraag 'eerste' wordt nooit gesteld: "
        "haar vraag_als hangt via vraag 'tweede' van haarzelf af" in out
    )
    assert "vraag 'tweede' wordt nooit gesteld" in out


def test_a_self_contradicting_vraag_als(run: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        """
        vragen:
          - id: extra
            dimensie: mandaat
            tekst: Vraag?
            type: ja_nee
            toelichting: Uitleg.
            vraag_als:
              alle: [{vraag: aantal_diensten, is: een}, {niet: {vraag: aantal_diensten, is: een}}]
        regels:
          - id: extra_regel
            als: {vraag: extra, is: ja}
            dan: {faalfactor: verkokering, zekerheid: 0.5}
            uitleg: Test.
            citaties: [{bron: gsb_2005, locatie: "§1.2", citaat: "Gemeenten ervaren"}]
        """,
    )
    out = run("controleer", str(MINI_RULES), str(path)).out
    assert (
        "fout[E404] vraag 'extra' wordt nooit gesteld: haar vraag_als spreekt zichzelf tegen "
        "(de toetsen op vraag 'aantal_diensten' sluiten elkaar uit)" in out
    )
    assert "extra_regel" not in out  # the rule's only problem is the question: reported once


def test_an_interventie_whose_als_never_holds(run: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.yaml",
        """
        interventies:
          - id: extra
            naam: Extra
            beschrijving: Test.
            tegen: [verkokering]
            als: {alle: [{vraag: aantal_diensten, is: een}, {vraag: integraal_wethouder, is: ja}]}
            citaties: [{bron: gsb_2005, locatie: "§1.2", citaat: "Gemeenten ervaren"}]
        """,
    )
    out = run("controleer", str(MINI_RULES), str(path)).out
    assert (
        "fout[E403] interventie 'extra' wordt nooit voorgesteld: de voorwaarde toetst vraag "
        "'integraal_wethouder', maar die wordt alleen gesteld als aantal_diensten is "
        "twee_of_meer" in out
    )
    assert "W503" not in out


def test_a_syntax_error_in_one_file_does_not_hide_a_typo_in_another(
    run: Runner, tmp_path: Path
) -> None:
    write(tmp_path / "a.yaml", "vragen: [\n")
    write(
        tmp_path / "b.yaml",
        """
        regels:
          - id: extra_regel
            als: {vraag: integraal_wethoudr, is: nee}
            dan: {faalfactor: verkokering, zekerheid: 0.5}
            uitleg: Test.
            citaties: [{bron: gsb_2005, locatie: "§1.2", citaat: "Gemeenten ervaren"}]
        """,
    )
    result = run("controleer", str(MINI_RULES), str(tmp_path))
    assert result.out.splitlines() == [
        f"{tmp_path / 'a.yaml'}:2:1: fout[E101] YAML-syntaxfout: "
        "did not find expected node content",
        f"{tmp_path / 'b.yaml'}:4:10: fout[E201] vraag 'integraal_wethoudr' bestaat niet "
        "(bedoelde u 'integraal_wethouder'?)",
        "2 problemen (2 fouten) in 2 bestanden",
    ]
