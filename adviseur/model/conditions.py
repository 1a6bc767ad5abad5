"""Conditions as data: the condition language of `als`, `vraag_als` and context gates."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from adviseur.model.location import SourceLocation


class Op(StrEnum):
    """The tests one can make on the answer to a question (YAML keys)."""

    IS = "is"
    IN = "in"
    CONTAINS = "bevat"
    LT = "kleiner_dan"
    LE = "ten_hoogste"
    GT = "groter_dan"
    GE = "ten_minste"
    ANSWERED = "beantwoord"
    UNKNOWN = "onbekend"


class ConclusionKind(StrEnum):
    """What a rule can conclude (YAML keys of `dan`)."""

    FACTOR = "faalfactor"
    INTERVENTION = "interventie"
    LESSON = "les"
    CASE = "praktijkvoorbeeld"


Scalar = str | int


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerTest:
    """A test on the answer to one question, e.g. `{vraag: q, ten_hoogste: 2}`."""

    question: str
    op: Op
    value: Scalar | tuple[Scalar, ...] | bool = True
    origin: SourceLocation | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Derived:
    """Holds when a conclusion (faalfactor, interventie, …) has been derived."""

    kind: ConclusionKind
    target: str
    origin: SourceLocation | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AllOf:
    items: tuple[Condition, ...]
    origin: SourceLocation | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AnyOf:
    items: tuple[Condition, ...]
    origin: SourceLocation | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Not:
    item: Condition
    origin: SourceLocation | None = field(default=None, compare=False)


Condition = AnswerTest | Derived | AllOf | AnyOf | Not


def atoms(condition: Condition) -> tuple[AnswerTest | Derived, ...]:
    """Every answer test and derived reference in a condition, in reading order."""
    match condition:
        case AllOf(items=items) | AnyOf(items=items):
            return tuple(a for item in items for a in atoms(item))
        case Not(item=item):
            return atoms(item)
        case _:
            return (condition,)


def questions_read(condition: Condition | None) -> frozenset[str]:
    """The ids of the questions a condition tests."""
    if condition is None:
        return frozenset()
    return frozenset(a.question for a in atoms(condition) if isinstance(a, AnswerTest))


def conclusions_read(condition: Condition | None) -> frozenset[tuple[ConclusionKind, str]]:
    """The derived conclusions a condition tests."""
    if condition is None:
        return frozenset()
    return frozenset((a.kind, a.target) for a in atoms(condition) if isinstance(a, Derived))
