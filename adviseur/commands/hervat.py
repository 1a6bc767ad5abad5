"""`adviseur hervat [PAD]`: resume a saved consultation (the latest by default)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.commands.common import load
from adviseur.commands.consult import NO_TERMINAL, check_report_path, interactive
from adviseur.commands.keeper import Keeper
from adviseur.errors import UsageError
from adviseur.model.answers import AnswerProblem, AnswerValue, Unknown
from adviseur.model.coerce import coerce_answer
from adviseur.model.knowledge import KnowledgeBase, Question
from adviseur.paths import sessions_dir
from adviseur.session.consultation import Consultation
from adviseur.session.store import SavedSession, latest
from adviseur.session.store import load as load_session


def _valid_answers(
    kb: KnowledgeBase, saved: SavedSession
) -> tuple[dict[str, AnswerValue], list[str]]:
    """The saved answers the current knowledge base still accepts, and notes on the others."""
    answers: dict[str, AnswerValue] = {}
    notes: list[str] = []
    for question_id, value in saved.answers:
        question = kb.index.get(question_id)
        if not isinstance(question, Question):
            notes.append(f"vraag '{question_id}' bestaat niet meer; het antwoord is vervallen")
            continue
        if isinstance(value, Unknown):
            if question.allow_unknown:
                answers[question_id] = value
            else:
                notes.append(
                    f"bij '{question_id}' kan 'weet ik niet' niet meer; de vraag komt opnieuw"
                )
            continue
        try:
            answers[question_id] = coerce_answer(
                question, sorted(value) if isinstance(value, frozenset) else value
            )
        except AnswerProblem as exc:
            notes.append(
                f"antwoord op '{question_id}' past niet meer ({exc}); de vraag komt opnieuw"
            )
    return answers, notes


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
        raise UsageError(NO_TERMINAL.replace("interactieve consultatie", "hervatte consultatie"))
    directory = sessions_dir()
    chosen = path or latest(directory)
    if chosen is None:
        raise UsageError(
            f"geen bewaarde sessie gevonden in {directory}; begin met 'adviseur consult'"
        )
    saved = load_session(chosen)
    kb, eng = load(rules, engine)
    try:
        answers, notes = _valid_answers(kb, saved)
        consultation = Consultation(kb, eng, full=saved.full, answers=answers)
        console.print(Text(f"Sessie {saved.id} hervat ({len(answers)} antwoorden).", style="bold"))
        if saved.ruleset != kb.digest:
            console.print(
                Text(
                    f"Let op: deze sessie begon met regelset {saved.ruleset[:12]}; "
                    f"de kennisbank is nu {kb.digest[:12]}.",
                    style="yellow",
                )
            )
            now = {f.id: f.certainty for f in consultation.result().findings}
            gone = sorted(set(saved.findings) - set(now))
            new = sorted(set(now) - set(saved.findings))
            if gone:
                notes.append("niet meer afgeleid: " + ", ".join(gone))
            if new:
                notes.append("nu ook afgeleid: " + ", ".join(new))
            if not (gone or new or notes):
                notes.append("de conclusies uit uw antwoorden zijn niet veranderd")
        for note in notes:
            console.print(Text(f"  • {note}", style="yellow"))
        keeper = Keeper(saved, directory)
        return interactive(
            kb, consultation, eng, keeper, console=console, report=report, intro=False
        )
    finally:
        eng.close()
