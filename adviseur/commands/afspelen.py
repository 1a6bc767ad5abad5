"""`adviseur afspelen`: replay scenarios and check their `verwacht`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.commands.common import load
from adviseur.diagnostics import Diagnostic
from adviseur.errors import DiagnosticsError, ExitStatus
from adviseur.loading.scenarios import load_scenario, scenario_files
from adviseur.session.replay import ReplayResult, replay


def afspelen(
    paths: Sequence[Path], *, rules: Sequence[Path] | None, engine: str, console: Console
) -> int:
    kb, eng = load(rules, engine)
    try:
        files = scenario_files(paths)
        problems: list[Diagnostic] = []
        results: list[ReplayResult] = []
        for path in files:
            try:
                scenario = load_scenario(path, kb)
            except DiagnosticsError as exc:
                problems.extend(exc.diagnostics)
                continue
            results.append(replay(kb, eng, scenario))
        if problems:
            raise DiagnosticsError(problems)
    finally:
        eng.close()
    failed = 0
    for result in results:
        if result.ok:
            console.print(Text(f"✓ {result.scenario.path}: {result.scenario.title}", style="green"))
            continue
        failed += 1
        console.print(Text(f"✗ {result.scenario.path}: {result.scenario.title}", style="bold red"))
        for m in result.mismatches:
            name = getattr(kb.index.get(m.id), "name", None) or m.id
            if m.kind == "ontbreekt":
                console.print(
                    Text(f"    - verwacht {m.what} '{m.id}' ({name}), maar die is niet afgeleid")
                )
            else:
                console.print(
                    Text(f"    + {m.what} '{m.id}' ({name}) is afgeleid, maar mocht niet")
                )
        derived = [f.id for f in result.outcome.findings if f.kind.value == "faalfactor"]
        console.print(
            Text(f"    afgeleide faalfactoren: {', '.join(derived) or '(geen)'}", style="dim")
        )
    total = len(results)
    style = "bold red" if failed else "bold green"
    console.print(Text(f"{total - failed} van {total} scenario's kloppen", style=style))
    return ExitStatus.INVALID if failed else ExitStatus.OK
