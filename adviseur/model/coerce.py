"""Turning what a user typed or wrote in a file into a valid answer for a question."""

from __future__ import annotations

import unicodedata

from adviseur.model.answers import UNKNOWN, UNKNOWN_WORDS, AnswerProblem, AnswerValue, Unknown
from adviseur.model.knowledge import Question, QuestionKind

_YES = {"ja", "j", "yes", "true"}
_NO = {"nee", "n", "no", "false"}


def normalise(text: str) -> str:
    """NFC, trimmed, lower case: the form answers are compared in."""
    return unicodedata.normalize("NFC", text).strip().lower()


def coerce_answer(question: Question, raw: object) -> AnswerValue:
    """A valid answer from raw input (typed text or a YAML value), or AnswerProblem."""
    if isinstance(raw, Unknown) or (isinstance(raw, str) and normalise(raw) in UNKNOWN_WORDS):
        if not question.allow_unknown:
            raise AnswerProblem("bij deze vraag is 'weet ik niet' niet mogelijk")
        return UNKNOWN
    kind = question.kind
    if kind is QuestionKind.YES_NO:
        return _yes_no(raw)
    if kind is QuestionKind.CHOICE:
        return _choice(question, raw)
    if kind is QuestionKind.MULTIPLE:
        return _multiple(question, raw)
    return _integer(question, raw)


def _yes_no(raw: object) -> str:
    if isinstance(raw, bool):
        return "ja" if raw else "nee"
    if isinstance(raw, str):
        word = normalise(raw)
        if word in _YES:
            return "ja"
        if word in _NO:
            return "nee"
    raise AnswerProblem(f"{_show(raw)} is geen antwoord op een ja/nee-vraag; antwoord ja of nee")


def _choice(question: Question, raw: object) -> str:
    if isinstance(raw, str):
        word = normalise(raw)
        if word.isdigit() and 1 <= int(word) <= len(question.options):  # typed: option number
            return question.options[int(word) - 1].value
        for option in question.options:
            if word in (option.value, normalise(option.label)):
                return option.value
    choices = ", ".join(question.option_values())
    raise AnswerProblem(f"{_show(raw)} is geen van de antwoorden; kies uit: {choices}")


def _multiple(question: Question, raw: object) -> frozenset[str]:
    if isinstance(raw, str):
        parts: list[object] = [p for p in raw.replace(";", ",").split(",") if p.strip()]
        if normalise(raw) in ("", "geen", "-"):
            return frozenset()
    elif isinstance(raw, list | tuple | set | frozenset):
        parts = list(raw)
    else:
        raise AnswerProblem(f"{_show(raw)} is geen lijst van antwoorden")
    chosen: set[str] = set()
    for part in parts:
        chosen.add(_choice(question, part))
    return frozenset(chosen)


def _integer(question: Question, raw: object) -> int:
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str):
        word = normalise(raw)
        if word.lstrip("-").isdigit():
            value = int(word)
    if value is None:
        raise AnswerProblem(f"{_show(raw)} is geen geheel getal")
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = (
            f"{low} tot en met {high}"
            if low is not None and high is not None
            else (f"minstens {low}" if low is not None else f"hoogstens {high}")
        )
        raise AnswerProblem(f"{value} ligt buiten het bereik: kies {bounds}")
    return value


def _show(raw: object) -> str:
    return f"'{raw}'" if isinstance(raw, str) else repr(raw)
