"""`adviseur dekking`: which rules, faalfactoren, interventies, lessen, praktijkvoorbeelden and
source sections the scenarios and citations never touch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from adviseur.checks.coverage import Coverage, coverage, coverage_document
from adviseur.commands.common import load, replay_all, scenario_paths, write_json
from adviseur.errors import ExitStatus
from adviseur.model.knowledge import KnowledgeBase


def dekking(
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
        results = replay_all(kb, eng, files)
    finally:
        eng.close()
    cov = coverage(kb, results)
    if as_json:
        write_json(coverage_document(kb, cov), out)
    else:
        _print(console, kb, cov, origin)
    return ExitStatus.OK


def _percent(part: int, total: int) -> str:
    return f" ({round(100 * part / total)} %)" if total else ""


def _group(
    console: Console, title: str, total: int, missing: Sequence[Any], verb: str, label: str
) -> None:
    done = total - len(missing)
    style = "green" if not missing else "yellow"
    console.print(Text(f"{title}: {done} van {total} {verb}{_percent(done, total)}", style=style))
    if missing:
        console.print(Text(f"  {label}:", style="dim"))
    for item in missing:
        line = Text(f"    {item.id}")
        if item.origin is not None:
            line.append(f"  {item.origin}", style="dim")
        console.print(line, soft_wrap=True)


def _print(console: Console, kb: KnowledgeBase, cov: Coverage, origin: str) -> None:
    n = len(cov.scenarios)
    noun = "scenario" if n == 1 else "scenario's"
    console.print(
        Text(
            f"Dekking van kennisbank {kb.digest[:12]} door {n} {noun}: {origin}",
            style="bold",
        ),
        soft_wrap=True,
    )
    _group(
        console,
        "Regels",
        len(cov.rules),
        cov.unfired,
        "vuren in minstens één scenario",
        "vuren in geen scenario",
    )
    _group(
        console,
        "Faalfactoren",
        len(kb.factors),
        cov.unexpected,
        "worden door een scenario verwacht",
        "door geen scenario verwacht",
    )
    _group(
        console,
        "Interventies",
        len(kb.interventions),
        cov.unsuggested,
        "worden in een scenario voorgesteld",
        "in geen scenario voorgesteld",
    )
    _group(
        console,
        "Lessen",
        len(kb.lessons),
        cov.unshown_lessons,
        "worden in een scenario getoond",
        "in geen scenario getoond",
    )
    _group(
        console,
        "Praktijkvoorbeelden",
        len(kb.cases),
        cov.unshown_cases,
        "worden in een scenario getoond",
        "in geen scenario getoond",
    )
    console.print(Text("Bronnen:", style="bold"))
    for gaps in cov.sources:
        total = len(gaps.source.sections)
        done = total - len(gaps.unused)
        head = Text(f"  {gaps.source.id}: ")
        if not total:
            head.append("geen onderdelen opgegeven (zie 'onderdelen' in de bron)", style="dim")
        else:
            style = "green" if not gaps.unused else "yellow"
            head.append(f"{done} van {total} onderdelen geciteerd{_percent(done, total)}", style)
        console.print(head)
        for section in gaps.unused:
            console.print(Text(f"    niet geciteerd: {section.locator} {section.title}"))
