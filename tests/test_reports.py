"""The three report formats and the terminal advice: same facts, shown literally."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from adviseur.engine import create_engine
from adviseur.loading import load_knowledge_base
from adviseur.model.knowledge import KnowledgeBase
from adviseur.report import render_report, write_report
from adviseur.report.terminal import print_advice
from adviseur.report.view import AdviceView, build
from adviseur.session.consultation import Consultation
from tests.conftest import MINI_RULES

WHEN = datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
ANSWERS = {
    "aantal_diensten": "twee_of_meer",
    "integraal_wethouder": "nee",
    "samenwerking_diensten": 2,
    "documenten": "weet ik niet",
}


def advice(kb: KnowledgeBase, answers: dict[str, object] = ANSWERS) -> AdviceView:
    engine = create_engine(kb, "referentie")
    consultation = Consultation(kb, engine, full=True)
    for q, v in answers.items():
        consultation.answer(q, v)
    view = build(kb, consultation.result(), consultation.answers, engine=engine.name, when=WHEN)
    consultation.close()
    return view


def test_markdown_states_date_ruleset_and_unknowns(mini_kb: KnowledgeBase) -> None:
    text = render_report(advice(mini_kb), ".md")
    assert "Datum: 25 november 2026, 14:30" in text
    assert mini_kb.digest in text
    assert "### 2. Verkokering tussen diensten — matige aanwijzing (0,60)" in text
    assert "## Conclusies die rusten op 'weet ik niet'" in text
    assert (
        "[^3]: Grotestedenbeleid: een kwestie van doen, §1.2 Ontkokeren: “Gemeenten ervaren" in text
    )


def test_html_is_standalone_with_svg_and_footnotes(mini_kb: KnowledgeBase) -> None:
    text = render_report(advice(mini_kb), ".html")
    assert text.startswith("<!DOCTYPE html>")
    assert "<svg" in text
    assert "@media print" in text
    assert 'href="#noot1"' in text
    assert 'id="noot1"' in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing external


def test_json_report_is_the_consult_shape_plus_answers_and_date(mini_kb: KnowledgeBase) -> None:
    doc = json.loads(render_report(advice(mini_kb), ".json"))
    assert {
        "regelset",
        "faalfactoren",
        "interventies",
        "lessen",
        "praktijkvoorbeelden",
        "profiel",
    } <= doc.keys()
    assert doc["datum"] == "2026-11-25T14:30:00+00:00"
    assert doc["antwoorden"]["documenten"] == "weet ik niet"
    assert "rust_op_weet_ik_niet" in doc


def test_a_conclusion_resting_on_weet_ik_niet_is_named(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for f in MINI_RULES.iterdir():
        (rules / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    extra = (
        "\n  - id: onbekende_documenten\n"
        "    als: {alle: [{vraag: documenten, onbekend: true}, {vraag: aantal_diensten, is: twee_of_meer}]}\n"
        "    dan: {faalfactor: incoherent_programma, zekerheid: 0.3}\n"
        "    grondslag: context\n"
        "    uitleg: Niemand weet welke documenten sturen.\n"
        "    citaties: [{bron: gsb_2005, locatie: '§1.2', citaat: 'Het gevaar bestaat'}]\n"
    )
    (rules / "advies.yaml").write_text(
        (rules / "advies.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8"
    )
    view = advice(load_knowledge_base([rules]))
    text = render_report(view, ".md")
    assert "- Programma zonder samenhang: documenten" in text
    doc = json.loads(render_report(view, ".json"))
    assert doc["rust_op_weet_ik_niet"] == {"incoherent_programma": ["documenten"]}


def test_unknown_report_suffix_is_refused(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    from adviseur.errors import UsageError

    with pytest.raises(UsageError, match=r"kies \.md, \.html of \.json"):
        write_report(advice(mini_kb), tmp_path / "advies.pdf")


def test_text_from_rule_files_is_never_markup(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for f in MINI_RULES.iterdir():
        text = f.read_text(encoding="utf-8").replace(
            "Verkokering tussen diensten", "<script>alert(1)</script> [bold red]Verkokering[/]"
        )
        (rules / f.name).write_text(text, encoding="utf-8")
    view = advice(load_knowledge_base([rules]))
    html = render_report(view, ".html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\<script\\>" in render_report(view, ".md")
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_advice(console, view)
    assert "[bold red]Verkokering[/]" in console.file.getvalue()  # type: ignore[attr-defined]
