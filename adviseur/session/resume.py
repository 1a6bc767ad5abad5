"""Picking up a saved session on the current knowledge base, and saying what changed."""

from __future__ import annotations

from dataclasses import dataclass

from adviseur.model.answers import AnswerProblem, AnswerValue, Unknown
from adviseur.model.coerce import coerce_answer
from adviseur.model.knowledge import KnowledgeBase, Question
from adviseur.session.consultation import Consultation
from adviseur.session.store import SavedSession


@dataclass(frozen=True, slots=True)
class Resumption:
    answers: dict[str, AnswerValue]
    notes: tuple[str, ...]  # what changed since the session was saved, in Dutch


def saved_answers(
    kb: KnowledgeBase, saved: SavedSession
) -> tuple[dict[str, AnswerValue], list[str]]:
    """The saved answers the knowledge base still accepts, and a note for each it does not."""
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


def changes_since(
    kb: KnowledgeBase, saved: SavedSession, consultation: Consultation, notes: list[str]
) -> tuple[str, ...]:
    """Notes for a session saved under another rule-set version: what the change did."""
    if saved.ruleset == kb.digest:
        return tuple(notes)
    result = [
        f"deze sessie begon met regelset {saved.ruleset[:12]}; de kennisbank is nu {kb.digest[:12]}",
        *notes,
    ]
    now = {f.id: f.certainty for f in consultation.result().findings}
    gone = sorted(set(saved.findings) - set(now))
    new = sorted(set(now) - set(saved.findings))
    if gone:
        result.append("niet meer afgeleid: " + ", ".join(gone))
    if new:
        result.append("nu ook afgeleid: " + ", ".join(new))
    if not (gone or new or notes):
        result.append("de conclusies uit uw antwoorden zijn niet veranderd")
    return tuple(result)
