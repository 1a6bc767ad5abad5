"""Answer values: what a user can say to a question."""

from __future__ import annotations

from enum import Enum
from typing import Final


class Unknown(Enum):
    """The answer "weet ik niet": a definite answer that settles no test."""

    UNKNOWN = "weet ik niet"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown.UNKNOWN
UNKNOWN_WORDS: Final = ("weet ik niet", "weet niet", "onbekend")

# A known answer: "ja"/"nee" and choices are str, scales and numbers int, multiple choice a
# frozenset of option values.
Known = str | int | frozenset[str]
AnswerValue = Known | Unknown


class AnswerProblem(ValueError):
    """A value that is not a valid answer to a question; the message is Dutch and names the fix."""


def describe(value: AnswerValue) -> str:
    """An answer as the user would write it."""
    if isinstance(value, Unknown):
        return value.value
    if isinstance(value, frozenset):
        return ", ".join(sorted(value)) if value else "(geen)"
    return str(value)
