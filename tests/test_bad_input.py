"""The bad-input catalogue: every case ends in a located Dutch message and exit 1 or 2 —
never a traceback, never a hang. Cases that could hang run in a child process with a timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI_RULES, MINI_SCENARIOS, ROOT

Setup = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    code: int
    expect: str  # text the output must contain; {tmp} is the case's folder


def rules_file(content: str | bytes, name: str = "r.yaml") -> Setup:
    def setup(tmp: Path) -> list[str]:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return ["controleer", str(path)]

    return setup


def extra_rules(content: str) -> Setup:
    """A rule file added to the small test knowledge base."""

    def setup(tmp: Path) -> list[str]:
        (tmp / "extra.yaml").write_text(content, encoding="utf-8")
        return ["controleer", str(MINI_RULES), str(tmp / "extra.yaml")]

    return setup


def answers(content: str, *extra: str) -> Setup:
    def setup(tmp: Path) -> list[str]:
        (tmp / "a.yaml").write_text(content, encoding="utf-8")
        return [
            "consult",
            "--regels",
            str(MINI_RULES),
            "--antwoorden",
            str(tmp / "a.yaml"),
            "--json",
            *extra,
        ]

    return setup


def session(content: str | bytes | None) -> Setup:
    def setup(tmp: Path) -> list[str]:
        path = tmp / "s.json"
        if content is None:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return [
            "vergelijk",
            str(path),
            str(MINI_SCENARIOS / "gezond.yaml"),
            "--regels",
            str(MINI_RULES),
        ]

    return setup


def argv(*args: str) -> Setup:
    return lambda tmp: [a.replace("{tmp}", str(tmp)) for a in args]


RULE = "regels:\n  - id: extra_regel\n    als: {cond}\n    dan: {dan}\n    uitleg: Test.\n    citaties: [{{bron: gsb_2005, locatie: '§1.2', citaat: 'x y'}}]\n"
FACTOR = "dan"
GOOD_SESSION = {
    "formaat": "adviseur-sessie", "versie": 1, "id": "s", "gestart": "2026-01-01T10:00:00",
    "bijgewerkt": "2026-01-01T10:00:00", "regelset": "x", "route": "kort", "engine": "durable",
    "antwoorden": [{"vraag": "aantal_diensten", "waarde": "een"}],
}  # fmt: skip

CASES = [
    Case("leeg bestand", rules_file(""), 1, "{tmp}/r.yaml:1:1: fout[E110] het bestand is leeg"),
    Case(
        "alleen witruimte",
        rules_file("  \n\n   \n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E110] het bestand is leeg",
    ),
    Case(
        "binair bestand",
        rules_file(b"\x00\x01\x02binair"),
        1,
        "{tmp}/r.yaml:1:1: fout[E101] dit is geen tekstbestand",
    ),
    Case(
        "geen UTF-8",
        rules_file("vragen: caf\xe9\n".encode("latin-1")),
        1,
        "{tmp}/r.yaml:1:12: fout[E101] het bestand is geen geldige UTF-8-tekst",
    ),
    Case(
        "tabs",
        rules_file("vragen:\n\t- id: x\n"),
        1,
        "{tmp}/r.yaml:2:1: fout[E101] YAML-syntaxfout",
    ),
    Case(
        "bovenaan een lijst",
        rules_file("- a\n- b\n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E103] een regelbestand is een mapping",
    ),
    Case(
        "bovenaan een getal",
        rules_file("42\n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E103] een regelbestand is een mapping",
    ),
    Case(
        "meerdere documenten",
        rules_file("vragen: []\n---\nregels: []\n"),
        1,
        "{tmp}/r.yaml:2:1: fout[E101] YAML-syntaxfout",
    ),
    Case(
        "syntaxfout", rules_file("vragen: [\n"), 1, "{tmp}/r.yaml:2:1: fout[E101] YAML-syntaxfout"
    ),
    Case(
        "dubbele sleutel",
        rules_file("vragen: []\nvragen: []\n"),
        1,
        "{tmp}/r.yaml:2:1: fout[E102] dubbele sleutel 'vragen'",
    ),
    Case(
        "onbekende sleutel",
        rules_file("vragn: []\n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E104] onbekende sleutel 'vragn' bovenaan een regelbestand (bedoelde u 'vragen'?)",
    ),
    Case(
        "getal als sleutel",
        rules_file("1: x\n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E103] een sleutel moet tekst zijn",
    ),
    Case(
        "samenvoegsleutel",
        rules_file("a: &a {x: 1}\nb:\n  <<: *a\n"),
        1,
        "{tmp}/r.yaml:3:3: fout[E107] samenvoegsleutels (<<) worden niet ondersteund",
    ),
    Case(
        "python-tag",
        rules_file("vragen: !!python/object/apply:os.system ['echo gevaar']\n"),
        1,
        "{tmp}/r.yaml:1:9: fout[E107] niet-toegestane YAML-tag",
    ),
    Case(
        "verkeerd type",
        extra_rules(
            "vragen:\n  - {id: x_vraag, dimensie: mandaat, tekst: 5, type: ja_nee, toelichting: t}\n"
        ),
        1,
        "extra.yaml:2:45: fout[E103] 'tekst' moet tekst zijn, niet getal",
    ),
    Case(
        "id met spatie",
        extra_rules(
            "vragen:\n  - {id: Vraag 1, dimensie: mandaat, tekst: t, type: ja_nee, toelichting: t}\n"
        ),
        1,
        "fout[E106] ongeldige id 'Vraag 1'",
    ),
    Case(
        "id met accent",
        extra_rules(
            "vragen:\n  - {id: vraag_é, dimensie: mandaat, tekst: t, type: ja_nee, toelichting: t}\n"
        ),
        1,
        "fout[E106] ongeldige id 'vraag_é'",
    ),
    Case(
        "id met streepje",
        extra_rules(
            "vragen:\n  - {id: a-b, dimensie: mandaat, tekst: t, type: ja_nee, toelichting: t}\n"
        ),
        1,
        "fout[E106] ongeldige id 'a-b'",
    ),
    Case(
        "onbekende dimensie",
        extra_rules(
            "vragen:\n  - {id: x_vraag, dimensie: mandat, tekst: t, type: ja_nee, toelichting: t}\n"
        ),
        1,
        "fout[E201] dimensie 'mandat' bestaat niet (bedoelde u 'mandaat'?)",
    ),
    Case(
        "onbekende vraag in regel",
        extra_rules(
            RULE.format(
                cond="{vraag: aantal_dienste, is: een}",
                dan="{faalfactor: verkokering, zekerheid: 0.5}",
            )
        ),
        1,
        "fout[E201] vraag 'aantal_dienste' bestaat niet (bedoelde u 'aantal_diensten'?)",
    ),
    Case(
        "onbekende optie in regel",
        extra_rules(
            RULE.format(
                cond="{vraag: aantal_diensten, is: veel}",
                dan="{faalfactor: verkokering, zekerheid: 0.5}",
            )
        ),
        1,
        "fout[E203] vraag 'aantal_diensten' heeft geen antwoord 'veel'",
    ),
    Case(
        "zekerheid te groot",
        extra_rules(
            RULE.format(
                cond="{vraag: aantal_diensten, is: een}",
                dan="{faalfactor: verkokering, zekerheid: 1.5}",
            )
        ),
        1,
        "fout[E109] zekerheid 1.5 ligt niet tussen 0 en 1",
    ),
    Case(
        "niet over conclusie",
        extra_rules(
            RULE.format(
                cond="{niet: {faalfactor: verkokering}}",
                dan="{faalfactor: incoherent_programma, zekerheid: 0.5}",
            )
        ),
        1,
        "fout[E204] 'niet' over een afgeleide conclusie",
    ),
    Case(
        "kringredenering",
        extra_rules(
            RULE.format(
                cond="{faalfactor: incoherent_programma}",
                dan="{faalfactor: verkokering, zekerheid: 0.5}",
            ).replace("extra_regel", "r1")
            + RULE.format(
                cond="{faalfactor: verkokering}",
                dan="{faalfactor: incoherent_programma, zekerheid: 0.5}",
            )
            .replace("regels:\n", "")
            .replace("extra_regel", "r2")
        ),
        1,
        "fout[E401] kringredenering",
    ),
    Case(
        "onbekende bron",
        extra_rules(
            "faalfactoren:\n  - {id: x_f, naam: X, dimensie: mandaat, beschrijving: b, citaties: [{bron: gsb, locatie: '§1.2', citaat: c}]}\n"
        ),
        1,
        "fout[E201] bron 'gsb' bestaat niet (bedoelde u 'gsb_2005'?)",
    ),
    Case(
        "regelmap bestaat niet",
        argv("controleer", "{tmp}/nergens"),
        1,
        "{tmp}/nergens:1:1: fout[E100] bestand of map bestaat niet",
    ),
    Case(
        "regelpad is geen YAML",
        argv("controleer", str(ROOT / "README.md")),
        1,
        "README.md:1:1: fout[E100] geen YAML-bestand: README.md",
    ),
    Case(
        "map zonder regels",
        argv("controleer", "{tmp}"),
        1,
        "{tmp}:1:1: fout[E100] map bevat geen regelbestanden (*.yaml)",
    ),
    Case(
        "bronteksten ontbreken",
        argv("controleer", str(MINI_RULES), "--bronteksten", "{tmp}/geen"),
        1,
        "fout[E100] map met bronteksten bestaat niet",
    ),
    Case(
        "kennisbank op kapotte regels",
        argv("kennisbank", "--regels", "{tmp}/nergens", "--json"),
        1,
        "{tmp}/nergens:1:1: fout[E100]",
    ),
    Case(
        "onbekende vraag in antwoorden",
        answers("aantal_dienstn: een\n"),
        1,
        "{tmp}/a.yaml:1:1: fout[E201] onbekende vraag 'aantal_dienstn' (bedoelde u 'aantal_diensten'?)",
    ),
    Case(
        "onbekende waarde in antwoorden",
        answers("aantal_diensten: drie\n"),
        1,
        "{tmp}/a.yaml:1:18: fout[E203] ongeldig antwoord op vraag 'aantal_diensten': 'drie' is geen van de antwoorden",
    ),
    Case(
        "antwoord buiten schaal",
        answers("samenwerking_diensten: 9\n"),
        1,
        "{tmp}/a.yaml:1:24: fout[E203] ongeldig antwoord op vraag 'samenwerking_diensten': 9 ligt buiten het bereik",
    ),
    Case(
        "negatief getal",
        answers("smart_doelen: -3\n"),
        1,
        "{tmp}/a.yaml:1:15: fout[E203] ongeldig antwoord op vraag 'smart_doelen': -3 ligt buiten het bereik",
    ),
    Case(
        "lijst bij keuzevraag",
        answers("aantal_diensten: [een, twee_of_meer]\n"),
        1,
        "{tmp}/a.yaml:1:18: fout[E203] ongeldig antwoord op vraag 'aantal_diensten'",
    ),
    Case(
        "kommagetal",
        answers("samenwerking_diensten: 2.5\n"),
        1,
        "{tmp}/a.yaml:1:24: fout[E203] ongeldig antwoord op vraag 'samenwerking_diensten': kommagetal",
    ),
    Case(
        "antwoordbestand is een lijst",
        answers("- een\n"),
        1,
        "{tmp}/a.yaml:1:1: fout[E103] een scenario of antwoordbestand is een mapping, niet lijst",
    ),
    Case(
        "leeg antwoordbestand",
        answers(""),
        1,
        "{tmp}/a.yaml:1:1: fout[E103] een scenario of antwoordbestand is een mapping, niet leeg",
    ),
    Case(
        "scenario met onbekende faalfactor",
        answers(
            "titel: T\nantwoorden: {aantal_diensten: een}\nverwacht: {faalfactoren: [verkoking]}\n"
        ),
        1,
        "{tmp}/a.yaml:3:26: fout[E201] verwacht.faalfactoren noemt 'verkoking', maar die bestaat niet in de kennisbank (bedoelde u 'verkokering'?)",
    ),
    Case(
        "scenario zonder titel",
        answers("antwoorden: {aantal_diensten: een}\n"),
        1,
        "{tmp}/a.yaml:1:1: fout[E105] verplichte sleutel 'titel' ontbreekt in scenario",
    ),
    Case(
        "rapport met onbekend formaat",
        answers("aantal_diensten: een\n", "--rapport", "advies.pdf"),
        2,
        "onbekend rapportformaat '.pdf'; kies .md, .html of .json",
    ),
    Case(
        "rapport in map die niet bestaat",
        answers("aantal_diensten: een\n", "--rapport", "/nergens/advies.md"),
        1,
        "kan het rapport niet schrijven naar /nergens/advies.md",
    ),
    Case(
        "sessie afgebroken",
        session('{"formaat": "adviseur-sessie", "versie": 1, "antw'),
        1,
        "{tmp}/s.json:1:45: fout[E601] sessiebestand is beschadigd of afgebroken",
    ),
    Case(
        "sessie leeg",
        session(""),
        1,
        "{tmp}/s.json:1:1: fout[E601] sessiebestand is beschadigd of afgebroken",
    ),
    Case(
        "sessie binair",
        session(b"\xff\xfe\x00"),
        1,
        "{tmp}/s.json:1:1: fout[E601] sessiebestand is beschadigd (geen tekst)",
    ),
    Case(
        "sessie van ander programma",
        session('{"a": 1}'),
        1,
        "{tmp}/s.json:1:1: fout[E601] dit is geen sessiebestand van adviseur",
    ),
    Case(
        "sessie van andere versie",
        session(json.dumps({**GOOD_SESSION, "versie": 7})),
        1,
        "{tmp}/s.json:1:1: fout[E601] sessiebestand heeft versie 7",
    ),
    Case(
        "sessie onvolledig",
        session(json.dumps({k: v for k, v in GOOD_SESSION.items() if k != "regelset"})),
        1,
        "{tmp}/s.json:1:1: fout[E601] sessiebestand is onvolledig",
    ),
    Case(
        "sessie is een map",
        session(None),
        1,
        "{tmp}/s.json:1:1: fout[E601] dit is een map, geen sessiebestand",
    ),
    Case(
        "sessie bestaat niet",
        argv(
            "vergelijk",
            "{tmp}/weg.json",
            str(MINI_SCENARIOS / "gezond.yaml"),
            "--regels",
            str(MINI_RULES),
        ),
        1,
        "{tmp}/weg.json:1:1: fout[E601] sessiebestand bestaat niet",
    ),
    Case(
        "geen terminal voor consult",
        argv("consult", "--regels", str(MINI_RULES)),
        2,
        "geen terminal voor een interactieve consultatie; geef de antwoorden mee met --antwoorden BESTAND",
    ),
    Case(
        "geen terminal voor hervat",
        argv("hervat", "--regels", str(MINI_RULES)),
        2,
        "geen terminal om de consultatie te hervatten",
    ),
    Case("onbekende engine", argv("consult", "--engine", "snel"), 2, "ongeldige keuze: 'snel'"),
    Case("onbekende opdracht", argv("raadpleeg"), 2, "ongeldige keuze: 'raadpleeg'"),
    Case(
        "scenario in een lege map",
        argv("afspelen", "{tmp}", "--regels", str(MINI_RULES)),
        1,
        "{tmp}:1:1: fout[E100] map bevat geen scenario's (*.yaml)",
    ),
]


def run_cli(
    args: list[str], home: Path, *, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADVISEUR_HOME": str(home), "PYTHONPATH": str(ROOT), "COLUMNS": "300"}
    return subprocess.run(
        [sys.executable, "-m", "adviseur", *args],
        capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL, cwd=ROOT, check=False,
    )  # fmt: skip


def check(result_code: int, output: str, case: Case, tmp: Path) -> None:
    assert "Traceback" not in output, output
    assert result_code == case.code, output
    assert case.expect.replace("{tmp}", str(tmp)) in output, output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISEUR_HOME", str(tmp_path / "home"))
    args = case.setup(tmp_path)
    try:
        result = run(*args)
        code, output = result.code, result.out + result.err
    except SystemExit as exc:  # argparse's own usage errors
        import io

        code, output = int(exc.code or 0), ""
        buffer = io.StringIO()
        monkeypatch.setattr("sys.stderr", buffer)
        result = run_cli(args, tmp_path / "home")
        output = result.stdout + result.stderr
    check(code, output, case, tmp_path)


def test_the_catalogue_is_large() -> None:
    assert len(CASES) + len(HANGING) >= 50


HANGING = [
    Case(
        "aliasbom",
        rules_file(
            "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        ),
        1,
        "{tmp}/r.yaml:6:1: fout[E111] het bestand is te groot of vermenigvuldigt zich via aliassen",
    ),
    Case(
        "diep genest",
        rules_file("a: " + "[" * 5000 + "]" * 5000 + "\n"),
        1,
        "{tmp}/r.yaml:1:1003: fout[E111] te diep genest",
    ),
    Case(
        "enorm bestand",
        rules_file("# " + "x" * (3 * 1024 * 1024) + "\n"),
        1,
        "{tmp}/r.yaml:1:1: fout[E111] bestand is te groot (3072 kB; de grens is 2 MB)",
    ),
]


@pytest.mark.parametrize("case", HANGING, ids=[c.name for c in HANGING])
def test_input_that_could_hang_or_exhaust_memory(case: Case, tmp_path: Path) -> None:
    result = run_cli(case.setup(tmp_path), tmp_path / "home", timeout=30)
    check(result.returncode, result.stdout + result.stderr, case, tmp_path)


def test_an_unreadable_rules_file(
    tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root here, where file modes do not stop reading; simulate what a user sees.
    path = tmp_path / "r.yaml"
    path.write_text("vragen: []\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("controleer", str(path))
    assert result.code == 1
    assert (
        f"{path}:1:1: fout[E100] bestand is niet leesbaar (geen toegang) (controleer de rechten)"
        in result.out
    )
