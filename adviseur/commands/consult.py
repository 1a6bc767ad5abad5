"""`adviseur consult` and `adviseur hervat`: the consultation, interactive or from a file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from adviseur.commands.common import load, write_json
from adviseur.commands.keeper import Keeper
from adviseur.errors import ExitStatus, UsageError
from adviseur.paths import sessions_dir
from adviseur.session.consultation import Consultation

if TYPE_CHECKING:
    from rich.console import Console

    from adviseur.engine.base import Engine
    from adviseur.model.knowledge import KnowledgeBase
    from adviseur.report.view import AdviceView

# The report, scenario and YAML modules are imported where they are used: the time until the
# first question is on screen is what users feel at every start (bench/run.py measures it).
REPORT_SUFFIXES = (".md", ".html", ".json")

NO_TERMINAL = (
    "geen terminal voor een interactieve consultatie; "
    "geef de antwoorden mee met --antwoorden BESTAND (en eventueel --json)"
)


def view_of(consultation: Consultation, engine: Engine) -> AdviceView:
    from adviseur.report.view import build

    return build(
        consultation.kb,
        consultation.result(),
        consultation.answers,
        engine=engine.name,
        counting=set(consultation.active_answers()),
        full=consultation.full,
    )


def check_report_path(report: Path | None) -> None:
    if report is not None and report.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"onbekend rapportformaat '{report.suffix}'; kies .md, .html of .json")


def consult(
    *,
    rules: Sequence[Path] | None,
    engine: str,
    answers_file: Path | None,
    as_json: bool,
    full: bool,
    report: Path | None,
    out: TextIO,
    console: Console,
) -> int:
    check_report_path(report)
    if answers_file is None and not sys.stdin.isatty():
        raise UsageError(NO_TERMINAL)
    kb, eng = load(rules, engine)
    try:
        if answers_file is None:
            consultation = Consultation(kb, eng, full=full)
            keeper = Keeper.start(consultation, engine=eng.name, directory=sessions_dir())
            return interactive(
                kb, consultation, eng, keeper, console=console, report=report, intro=True
            )
        from adviseur.loading.scenarios import load_scenario

        scenario = load_scenario(answers_file, kb)
        consultation = Consultation(kb, eng, full=True, answers=scenario.answer_map())
        view = view_of(consultation, eng)
        consultation.close()
    finally:
        eng.close()
    from rich.text import Text

    from adviseur.report import write_report
    from adviseur.report.json_doc import advice_document
    from adviseur.report.terminal import print_advice

    if report is not None:
        write_report(view, report)
    if as_json:
        write_json(advice_document(view), out)
    else:
        print_advice(console, view, details=False)
        if report is not None:
            console.print(Text(f"Rapport geschreven: {report}", style="green"))
    return ExitStatus.OK


def interactive(
    kb: KnowledgeBase,
    consultation: Consultation,
    engine: Engine,
    keeper: Keeper,
    *,
    console: Console,
    report: Path | None,
    intro: bool,
) -> int:
    from adviseur.ui.interactive import Dialogue, Ending
    from adviseur.ui.prompts import Asker

    asker = Asker()
    if intro:
        route = "volledige" if consultation.full else "korte"
        asker.show(
            [
                ("bold", "adviseur"),
                ("", f" — consultatie op kennisbank {kb.digest[:12]}\n"),
                (
                    "",
                    f"U volgt de {route} route: eerst de situatie, daarna één onderwerp tegelijk. "
                    "Bij elke vraag kunt u ? (uitleg), waarom, terug, wijzig, overzicht of stop "
                    "typen; 'weet ik niet' is altijd een goed antwoord. Uw antwoorden worden na "
                    "elke vraag bewaard.\n",
                ),
            ]
        )
    dialogue = Dialogue(kb, consultation, console=console, asker=asker, on_change=keeper.save)
    try:
        ending = dialogue.run()
        if ending is Ending.FINISHED:
            from rich.text import Text

            from adviseur.report import write_report
            from adviseur.ui.advice import AdviceDesk

            keeper.save(consultation, finished=True)
            if report is not None:
                write_report(view_of(consultation, engine), report)
                console.print(Text(f"Rapport geschreven: {report}", style="green"))
            desk = AdviceDesk(
                kb, dialogue, view=lambda: view_of(consultation, engine), console=console
            )
            ending = desk.run()
        keeper.save(consultation, finished=ending is Ending.FINISHED)
    except KeyboardInterrupt:
        from rich.text import Text

        keeper.save(consultation)
        console.print()
        console.print(
            Text(f"Onderbroken. Uw antwoorden zijn bewaard in {keeper.path}.", style="yellow")
        )
        console.print(Text("Hervat met: adviseur hervat", style="yellow"))
        return ExitStatus.INTERRUPTED
    except EOFError:  # the terminal went away: nothing more can be asked
        from rich.text import Text

        keeper.save(consultation)
        console.print()
        console.print(
            Text(
                f"De invoer is gesloten. Uw antwoorden zijn bewaard in {keeper.path}; "
                "hervat met: adviseur hervat",
                style="yellow",
            )
        )
        return ExitStatus.INVALID
    finally:
        consultation.close()
    if ending is Ending.STOPPED:
        from rich.text import Text

        console.print(
            Text(f"Sessie bewaard in {keeper.path}. Hervat met: adviseur hervat", style="green")
        )
    return ExitStatus.OK
