"""Three-valued evaluation of conditions (Kleene): an unanswered or "weet ik niet" question
leaves a test undecided; a rule fires only when its condition is certainly true."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from adviseur.model.answers import AnswerValue, Unknown
from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Derived, Not, Op


class Truth(Enum):
    TRUE = "waar"
    FALSE = "onwaar"
    UNKNOWN = "onbekend"

    def __invert__(self) -> Truth:
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)


def truth(value: bool) -> Truth:
    return Truth.TRUE if value else Truth.FALSE


def truth_of_test(test: AnswerTest, answer: AnswerValue | None) -> Truth:
    """The truth of one answer test given the answer (None = not answered yet)."""
    if answer is None:
        return Truth.UNKNOWN
    if test.op is Op.UNKNOWN:
        return truth(isinstance(answer, Unknown))
    if test.op is Op.ANSWERED:
        return truth(not isinstance(answer, Unknown))
    if isinstance(answer, Unknown):
        return Truth.UNKNOWN
    value = test.value
    if test.op is Op.CONTAINS:
        return truth(isinstance(answer, frozenset) and value in answer)
    if isinstance(answer, frozenset):
        return Truth.FALSE
    if test.op is Op.IS:
        return truth(answer == value)
    if test.op is Op.IN:
        return truth(isinstance(value, tuple) and answer in value)
    if not isinstance(answer, int) or not isinstance(value, int):
        return Truth.FALSE
    compare: dict[Op, Callable[[int, int], bool]] = {
        Op.LT: int.__lt__,
        Op.LE: int.__le__,
        Op.GT: int.__gt__,
        Op.GE: int.__ge__,
    }
    return truth(compare[test.op](answer, value))


def evaluate(
    condition: Condition,
    answers: Mapping[str, AnswerValue],
    derived: Callable[[Derived], Truth],
) -> Truth:
    """Kleene evaluation; `derived` says whether a conclusion holds (or may still)."""
    match condition:
        case AnswerTest():
            return truth_of_test(condition, answers.get(condition.question))
        case Derived():
            return derived(condition)
        case Not(item=item):
            return ~evaluate(item, answers, derived)
        case AllOf(items=items):
            results = [evaluate(i, answers, derived) for i in items]
            if Truth.FALSE in results:
                return Truth.FALSE
            return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.TRUE
        case AnyOf(items=items):
            results = [evaluate(i, answers, derived) for i in items]
            if Truth.TRUE in results:
                return Truth.TRUE
            return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.FALSE
    raise AssertionError(condition)  # pragma: no cover - exhaustive match


def closed_world(present: Mapping[str, object] | set[str]) -> Callable[[Derived], Truth]:
    """Derived conclusions hold iff present (after the fixpoint)."""
    return lambda d: truth(d.target in present)
