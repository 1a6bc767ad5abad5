"""`adviseur hervat [PAD]`: resume a saved consultation (the latest by default)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.commands.common import load
from adviseur.commands.consult import check_report_path, interactive
from adviseur.commands.keeper import Keeper
from adviseur.errors import UsageError
from adviseur.paths import sessions_dir
from adviseur.session.consultation import Consultation
from adviseur.session.resume import changes_since, saved_answers
from adviseur.session.store import latest
from adviseur.session.store import load as load_session


def hervat(
    path: Path | None,
    *,
    rules: Sequence[Path] | None,
    engine: str,
    report: Path | None,
    console: Console,
) -> int:
    check_report_path(report)
    if not sys.stdin.isatty():
        raise UsageError(
            "geen terminal om de consultatie te hervatten; start 'adviseur hervat' in een terminal, "
            "of geef de antwoorden mee met 'adviseur consult --antwoorden BESTAND'"
        )
    directory = sessions_dir()
    chosen = path or latest(directory)
    if chosen is None:
        raise UsageError(
            f"geen bewaarde sessie gevonden in {directory}; begin met 'adviseur consult'"
        )
    saved = load_session(chosen)
    kb, eng = load(rules, engine)
    try:
        answers, notes = saved_answers(kb, saved)
        consultation = Consultation(kb, eng, full=saved.full, answers=answers)
        console.print(Text(f"Sessie {saved.id} hervat ({len(answers)} antwoorden).", style="bold"))
        for note in changes_since(kb, saved, consultation, notes):
            console.print(Text(f"  • {note}", style="yellow"))
        keeper = Keeper(saved, directory)
        return interactive(
            kb, consultation, eng, keeper, console=console, report=report, intro=False
        )
    finally:
        eng.close()
