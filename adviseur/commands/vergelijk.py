"""`adviseur vergelijk A B`: two scenarios or saved sessions side by side."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from adviseur.commands.common import load, write_json
from adviseur.errors import ExitStatus
from adviseur.loading.scenarios import load_scenario
from adviseur.model.answers import AnswerValue
from adviseur.model.knowledge import KnowledgeBase
from adviseur.report.view import number
from adviseur.session.compare import Comparison, Difference, compare
from adviseur.session.resume import saved_answers
from adviseur.session.store import load as load_session
from adviseur.ui.panels import name_of, value_text


def _answers(kb: KnowledgeBase, path: Path) -> tuple[str, dict[str, AnswerValue]]:
    """A scenario file or a saved session (`.json`) → a label and its answers."""
    if path.suffix.lower() == ".json":
        saved = load_session(path)
        answers, _notes = saved_answers(kb, saved)
        return f"sessie {saved.id}", answers
    scenario = load_scenario(path, kb)
    return scenario.title, scenario.answer_map()


def _raw(value: AnswerValue | None) -> Any:
    from adviseur.session.store import encode_answer

    return None if value is None else encode_answer(value)


def comparison_document(
    kb: KnowledgeBase, labels: tuple[str, str], result: Comparison
) -> dict[str, Any]:
    def item(d: Difference) -> dict[str, Any]:
        return {
            "soort": str(d.kind),
            "id": d.id,
            "naam": name_of(kb, d.id),
            "a": d.a,
            "b": d.b,
            "door": list(d.causes),
        }

    return {
        "a": labels[0],
        "b": labels[1],
        "antwoorden": [{"vraag": q, "a": _raw(a), "b": _raw(b)} for q, a, b in result.answers],
        "alleen_in_a": [item(d) for d in result.only_a()],
        "alleen_in_b": [item(d) for d in result.only_b()],
        "verschillende_zekerheid": [item(d) for d in result.changed()],
    }


def vergelijk(
    a: Path,
    b: Path,
    *,
    rules: Sequence[Path] | None,
    engine: str,
    as_json: bool,
    out: TextIO,
    console: Console,
) -> int:
    kb, eng = load(rules, engine)
    try:
        label_a, answers_a = _answers(kb, a)
        label_b, answers_b = _answers(kb, b)
        result = compare(kb, eng, answers_a, answers_b)
    finally:
        eng.close()
    if as_json:
        write_json(comparison_document(kb, (label_a, label_b), result), out)
        return ExitStatus.OK
    console.print(Text(f"A: {label_a}\nB: {label_b}", style="bold"))
    table = Table(title="Antwoorden die verschillen", box=None, header_style="bold")
    table.add_column("vraag")
    table.add_column("A")
    table.add_column("B")
    for q, va, vb in result.answers:
        table.add_row(
            Text(kb.question(q).text), Text(value_text(kb, q, va)), Text(value_text(kb, q, vb))
        )
    console.print(table if result.answers else Text("De antwoorden zijn gelijk."))
    sections = (
        ("Alleen in A", result.only_a()),
        ("Alleen in B", result.only_b()),
        ("In beide, met een andere zekerheid", result.changed()),
    )
    for title, items in sections:
        console.print(Text(f"\n{title}", style="bold underline"))
        if not items:
            console.print(Text("  (niets)", style="dim"))
        for d in items:
            values = f"{number(d.a) if d.a is not None else '—'} → {number(d.b) if d.b is not None else '—'}"
            line = Text(f"  • {d.kind}: {name_of(kb, d.id)} ({values})")
            console.print(line)
            if d.causes:
                console.print(
                    Text(
                        "      door: " + "; ".join(kb.question(q).text for q in d.causes),
                        style="dim",
                    )
                )
    return ExitStatus.OK
