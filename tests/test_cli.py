"""The command line, called through main(argv): exit codes, messages, JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_RULES, MINI_SCENARIOS, SOURCES, write

Runner = Any


def test_consult_json_has_the_documented_shape(run: Runner) -> None:
    result = run(
        "consult",
        "--regels",
        str(MINI_RULES),
        "--antwoorden",
        str(MINI_SCENARIOS / "verkokerd.yaml"),
        "--json",
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert {
        "regelset",
        "faalfactoren",
        "interventies",
        "lessen",
        "praktijkvoorbeelden",
        "profiel",
    } <= doc.keys()
    assert len(doc["regelset"]) == 64
    factor = doc["faalfactoren"][0]
    assert {"id", "naam", "dimensie", "zekerheid", "hoe"} <= factor.keys()
    assert factor["id"] == "verkokering"
    assert factor["zekerheid"] == pytest.approx(0.72)
    step = factor["hoe"][0]
    assert step["regel"]
    assert step["voorwaarden"]
    assert step["citaties"][0]["citaat"]
    interventies = {i["id"]: i for i in doc["interventies"]}
    assert interventies["taakverdeling_per_dienst"]["tegen"] == [
        "verkokering",
        "incoherent_programma",
    ]
    assert set(doc["profiel"]) == {"mandaat", "koers"}


def test_both_engines_give_the_same_json(run: Runner) -> None:
    docs = []
    for engine in ("durable", "referentie"):
        result = run(
            "consult",
            "--regels",
            str(MINI_RULES),
            "--engine",
            engine,
            "--antwoorden",
            str(MINI_SCENARIOS / "verkokerd.yaml"),
            "--json",
        )
        doc = json.loads(result.out)
        doc.pop("engine")
        docs.append(doc)
    assert docs[0] == docs[1]


def test_plain_answers_file(run: Runner, tmp_path: Path) -> None:
    answers = write(
        tmp_path / "a.yaml", "aantal_diensten: twee_of_meer\nintegraal_wethouder: nee\n"
    )
    doc = json.loads(
        run("consult", "--regels", str(MINI_RULES), "--antwoorden", str(answers), "--json").out
    )
    assert [f["id"] for f in doc["faalfactoren"]] == ["geen_integraal_verantwoordelijke"]
    assert doc["antwoorden"] == {"aantal_diensten": "twee_of_meer", "integraal_wethouder": "nee"}


def test_bad_answers_file_is_located_in_dutch(run: Runner, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", "aantal_dienstn: een\nsamenwerking_diensten: 8\n")
    result = run("consult", "--regels", str(MINI_RULES), "--antwoorden", str(answers), "--json")
    assert result.code == 1
    assert (
        f"{answers}:1:1: fout[E201] onbekende vraag 'aantal_dienstn' "
        "(bedoelde u 'aantal_diensten'?)" in result.err
    )
    assert (
        f"{answers}:2:24: fout[E203] ongeldig antwoord op vraag 'samenwerking_diensten'"
        in result.err
    )
    assert "Traceback" not in result.err


def test_kennisbank_json(run: Runner) -> None:
    doc = json.loads(run("kennisbank", "--regels", str(MINI_RULES), "--json").out)
    for key in (
        "bronnen",
        "dimensies",
        "vragen",
        "faalfactoren",
        "interventies",
        "lessen",
        "praktijkvoorbeelden",
        "regels",
    ):
        assert all("id" in item for item in doc[key]), key
    assert all("dimensie" in q for q in doc["vragen"])
    assert all(
        c.keys() == {"bron", "locatie", "citaat"}
        for f in doc["faalfactoren"]
        for c in f["citaties"]
    )
    generated = [r for r in doc["regels"] if r["afgeleid_van"]]
    assert generated, "interventies, lessen and voorbeelden get generated rules"


def test_controleer_clean_and_with_source_texts(run: Runner) -> None:
    assert run("controleer", str(MINI_RULES)).code == 0
    if SOURCES.is_dir():
        result = run("controleer", str(MINI_RULES), "--bronteksten", str(SOURCES))
        assert result.code == 0, result.out


def test_controleer_reports_a_quote_not_in_the_source(run: Runner, tmp_path: Path) -> None:
    texts = tmp_path / "bronnen"
    texts.mkdir()
    # A source text with the PDF artefacts the checker must see through: a word hyphenated at
    # a line break, a ligature gap, other quote marks and a replacement character.
    (texts / "000_5efa7262e92e93be.txt").write_text(
        "Gemeenten ervaren 'verkokering' als één van de grootste belem-\n"
        "meringen voor slagvaardig handelen.\n\ufffd effectieve ontkokering bij GSB-\n"
        "programma’s gebaat is bij politieke en ambtelijke dekking.\n",
        encoding="utf-8",
    )
    result = run("controleer", str(MINI_RULES), "--bronteksten", str(texts))
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "E301" in line]
    owners = sorted(line.split("citaat bij '")[1].split("'")[0] for line in lines)
    # verkokering and geen_integraal_verantwoordelijke quote what the text has; the rest do not
    assert "verkokering" not in owners
    assert "geen_integraal_verantwoordelijke" not in owners
    assert "incoherent_programma" in owners
    assert (
        f"{MINI_RULES / 'advies.yaml'}:25:17: fout[E301] citaat bij 'incoherent_programma'"
        in result.out
    )


def test_controleer_missing_path(run: Runner, tmp_path: Path) -> None:
    result = run("controleer", str(tmp_path / "nergens"))
    assert result.code == 1
    assert "fout[E100] bestand of map bestaat niet (controleer het pad)" in result.out


def test_afspelen_passes_and_fails_with_a_diff(run: Runner, tmp_path: Path) -> None:
    assert run("afspelen", str(MINI_SCENARIOS), "--regels", str(MINI_RULES)).code == 0
    wrong = write(
        tmp_path / "fout.yaml",
        """
        titel: Fout verwacht
        antwoorden: {aantal_diensten: een}
        verwacht:
          faalfactoren: [verkokering]
        """,
    )
    result = run("afspelen", str(wrong), "--regels", str(MINI_RULES))
    assert result.code == 1
    assert (
        "verwacht faalfactor 'verkokering' (Verkokering tussen diensten), maar die is niet afgeleid"
        in result.out
    )


def test_interactive_consult_without_a_terminal_points_to_antwoorden(run: Runner) -> None:
    result = run("consult", "--regels", str(MINI_RULES))
    assert result.code == 2
    assert "--antwoorden" in result.err


def test_usage_errors_exit_2_in_dutch(run: Runner) -> None:
    with pytest.raises(SystemExit) as caught:
        run("afspelen")
    assert caught.value.code == 2


@pytest.mark.parametrize(
    "content",
    ["", "   \n", "- een\n- lijst\n", "\x00\x01binair", "vragen: [\n", "vragen:\n\t- id: x\n"],
    ids=["leeg", "witruimte", "lijst", "binair", "syntax", "tab"],
)
def test_bad_rule_files_never_give_a_traceback(run: Runner, tmp_path: Path, content: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("controleer", str(path))
    assert result.code == 1
    assert f"{path}:" in result.out
    assert "Traceback" not in result.out + result.err
