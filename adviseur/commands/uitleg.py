"""`adviseur uitleg ID`: everything about one item of the knowledge base."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from adviseur.checks.uitleg import Explanation, explain_item
from adviseur.commands.common import load, replay_all, scenario_paths, write_json
from adviseur.diagnostics import did_you_mean
from adviseur.errors import AdviseurError, ExitStatus


def uitleg(
    item_id: str,
    *,
    rules: Sequence[Path] | None,
    scenarios: Sequence[Path] | None,
    engine: str,
    as_json: bool,
    out: TextIO,
    console: Console,
) -> int:
    files, origin = scenario_paths(scenarios, rules)
    kb, eng = load(rules, engine)
    try:
        item = kb.index.get(item_id.strip()) or kb.index.get(item_id.strip().lower())
        if item is None:
            hint = (
                did_you_mean(item_id, kb.index) or "zie 'adviseur kennisbank --json' voor alle ids"
            )
            where = ", ".join(str(p) for p in rules) if rules else "de meegeleverde kennisbank"
            raise AdviseurError(f"'{item_id}' bestaat niet in {where} ({hint})")
        results = replay_all(kb, eng, files)
    finally:
        eng.close()
    explanation = explain_item(kb, item, results)
    if as_json:
        write_json(document(explanation, origin if files else None), out)
    else:
        show(console, explanation, origin if files else None)
    return ExitStatus.OK


def document(e: Explanation, origin: str | None) -> dict[str, Any]:
    """`adviseur uitleg ID --json`."""
    return {
        "soort": e.kind,
        "id": e.id,
        "naam": e.name,
        "plaats": e.where,
        "gegevens": [{"wat": label, "waarde": value} for label, value in e.facts],
        "delen": [
            {
                "titel": part.title,
                "items": [
                    {"tekst": x.text, "details": list(x.details), "plaats": x.where}
                    for x in part.entries
                ],
            }
            for part in e.parts
        ],
        "scenarios_uit": origin,
    }


def show(console: Console, e: Explanation, origin: str | None) -> None:
    """Print an explanation; `origin` says where the scenarios came from (None: none given)."""
    head = Text(f"{e.kind} {e.id}", style="bold")
    if e.name != e.id:
        head.append(f" — {e.name}")
    console.print(head, soft_wrap=True)
    if e.where:
        console.print(Text(f"  {e.where}", style="dim"), soft_wrap=True)
    for label, value in e.facts:
        line = Text(f"  {label}: ", style="bold")
        line.append(value)
        console.print(line, soft_wrap=True)
    for part in e.parts:
        console.print()
        title = Text(f"{part.title}", style="bold")
        scenarios = part.title == "Scenario's"
        if scenarios and origin:
            title.append(f" ({origin})", style="dim")
        console.print(title, soft_wrap=True)
        if scenarios and origin is None:
            console.print(Text("  geen scenario's: geef ze mee met --scenarios PAD", style="dim"))
        elif not part.entries:
            console.print(Text(f"  {part.empty}", style="dim"))
        for entry in part.entries:
            line = Text(f"  • {entry.text}")
            if entry.where:
                line.append(f"  {entry.where}", style="dim")
            console.print(line, soft_wrap=True)
            for detail in entry.details:
                console.print(Text(f"      {detail}"), soft_wrap=True)
