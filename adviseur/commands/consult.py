"""`adviseur consult`: the consultation, interactive or from an answers file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from adviseur.commands.common import load, write_json
from adviseur.errors import ExitStatus, UsageError
from adviseur.session.consultation import Consultation

if TYPE_CHECKING:
    from rich.console import Console

# The report and scenario modules are imported where they are used: the time until the
# first question is on screen is what users feel at every start (bench/run.py measures it).


def consult(
    *,
    rules: Sequence[Path] | None,
    engine: str,
    answers_file: Path | None,
    as_json: bool,
    full: bool,
    out: TextIO,
    console: Console,
) -> int:
    if answers_file is None and not sys.stdin.isatty():
        raise UsageError(
            "geen terminal voor een interactieve consultatie; "
            "geef de antwoorden mee met --antwoorden BESTAND (en eventueel --json)"
        )
    kb, eng = load(rules, engine)
    try:
        if answers_file is not None:
            from adviseur.loading.scenarios import load_scenario

            scenario = load_scenario(answers_file, kb)
            consultation = Consultation(kb, eng, full=True, answers=scenario.answer_map())
        else:
            from rich.text import Text

            from adviseur.ui.interactive import run_consultation
            from adviseur.ui.prompts import Asker

            consultation = Consultation(kb, eng, full=full)
            # Text, not markup: markup would load rich's emoji table before the first question
            header = Text.assemble(
                ("adviseur", "bold"), f" — consultatie op kennisbank {kb.digest[:12]}"
            )
            console.print(header)
            run_consultation(kb, consultation, console=console, asker=Asker())
        from adviseur.report.view import build

        view = build(
            kb,
            consultation.result(),
            consultation.answers,
            engine=eng.name,
            counting=set(consultation.active_answers()),
        )
        consultation.close()
    finally:
        eng.close()
    if as_json:
        from adviseur.report.json_doc import advice_document

        write_json(advice_document(view), out)
    else:
        from adviseur.report.terminal import print_advice

        print_advice(console, view)
    return ExitStatus.OK
