"""`adviseur afspelen`: replay scenarios, check `verwacht`; step through, predict, hand out."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.commands.common import load
from adviseur.diagnostics import Diagnostic
from adviseur.engine.base import Engine
from adviseur.errors import AdviseurError, DiagnosticsError, ExitStatus
from adviseur.loading.scenarios import load_scenario, scenario_files
from adviseur.model.knowledge import KnowledgeBase
from adviseur.model.scenario import Scenario
from adviseur.report import html_page
from adviseur.report.view import build
from adviseur.session.replay import ReplayResult, replay
from adviseur.session.steps import steps


def afspelen(
    paths: Sequence[Path],
    *,
    rules: Sequence[Path] | None,
    engine: str,
    console: Console,
    step: bool = False,
    predict: bool = False,
    handouts: Path | None = None,
) -> int:
    kb, eng = load(rules, engine)
    try:
        scenarios = _load_all(kb, paths)
        if step or predict:
            _step_through(kb, eng, scenarios, console=console, predict=predict)
        results = [replay(kb, eng, s) for s in scenarios]
        if handouts is not None:
            _write_handouts(kb, results, handouts, engine=eng.name, console=console)
    finally:
        eng.close()
    return _summary(kb, results, console)


def _load_all(kb: KnowledgeBase, paths: Sequence[Path]) -> list[Scenario]:
    problems: list[Diagnostic] = []
    scenarios = []
    for path in scenario_files(paths):
        try:
            scenarios.append(load_scenario(path, kb))
        except DiagnosticsError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise DiagnosticsError(problems)
    return scenarios


def _step_through(
    kb: KnowledgeBase, engine: Engine, scenarios: list[Scenario], *, console: Console, predict: bool
) -> None:
    from adviseur.ui.stepping import PipedInput, StepInput, TerminalInput, replay_steps

    source: StepInput = TerminalInput() if sys.stdin.isatty() else PipedInput()
    for scenario in scenarios:
        replay_steps(
            kb,
            scenario,
            list(steps(kb, engine, scenario)),
            console=console,
            source=source,
            predicting=predict,
        )


def _write_handouts(
    kb: KnowledgeBase, results: list[ReplayResult], folder: Path, *, engine: str, console: Console
) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AdviseurError(f"kan de map {folder} niet maken: {exc.strerror}") from None
    for result in results:
        scenario = result.scenario
        answers = scenario.answer_map()
        view = build(kb, result.outcome, answers, engine=engine, full=True)
        target = folder / f"{Path(scenario.path).stem}.html"
        try:
            target.write_text(
                html_page.render(view, situation=(scenario.title, scenario.description)),
                encoding="utf-8",
            )
        except OSError as exc:
            raise AdviseurError(f"kan {target} niet schrijven: {exc.strerror}") from None
        console.print(Text(f"hand-out: {target}", style="dim"))


def _summary(kb: KnowledgeBase, results: list[ReplayResult], console: Console) -> int:
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
