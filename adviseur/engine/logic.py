"""Three-valued evaluation of conditions (Kleene): an unanswered or "weet ik niet" question
leaves a test undecided; a rule fires only when its condition is certainly true."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from adviseur.model.answers import UNKNOWN, AnswerValue, Known, Unknown
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


# --- compiled evaluation -------------------------------------------------------------------------
#
# The agenda evaluates every rule's condition after every answer; walking the condition tree
# with `match` costs most of that. A condition compiled once into nested closures gives the
# same three-valued result (tests/test_logic.py checks it against `evaluate`) several times
# faster. Closures, not generated source: nothing is ever passed to eval.

Evaluator = Callable[[Mapping[str, AnswerValue], Callable[[Derived], Truth]], Truth]

_TRUE, _FALSE, _UNKNOWN = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
_NOT = {_TRUE: _FALSE, _FALSE: _TRUE, _UNKNOWN: _UNKNOWN}
_ORDER: dict[Op, Callable[[int, int], bool]] = {
    Op.LT: int.__lt__,
    Op.LE: int.__le__,
    Op.GT: int.__gt__,
    Op.GE: int.__ge__,
}


def compile_condition(condition: Condition) -> Evaluator:
    """An evaluator equal to `evaluate(condition, answers, derived)`."""
    match condition:
        case AnswerTest():
            return _compile_test(condition)
        case Derived():
            derived_atom = condition
            return lambda _answers, derived: derived(derived_atom)
        case Not(item=item):
            inner = compile_condition(item)
            return lambda answers, derived: _NOT[inner(answers, derived)]
        case AllOf(items=items):
            return _all_of(tuple(compile_condition(i) for i in items))
        case AnyOf(items=items):
            return _any_of(tuple(compile_condition(i) for i in items))
    raise AssertionError(condition)  # pragma: no cover - exhaustive match


def _all_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def all_of(answers: Mapping[str, AnswerValue], derived: Callable[[Derived], Truth]) -> Truth:
        result = _TRUE
        for part in parts:
            value = part(answers, derived)
            if value is _FALSE:
                return _FALSE
            if value is _UNKNOWN:
                result = _UNKNOWN
        return result

    return all_of


def _any_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def any_of(answers: Mapping[str, AnswerValue], derived: Callable[[Derived], Truth]) -> Truth:
        result = _FALSE
        for part in parts:
            value = part(answers, derived)
            if value is _TRUE:
                return _TRUE
            if value is _UNKNOWN:
                result = _UNKNOWN
        return result

    return any_of


def _compile_test(test: AnswerTest) -> Evaluator:
    """`truth_of_test`, specialised for one test."""
    question, op, value = test.question, test.op, test.value
    check: Callable[[Known], bool]
    if op is Op.UNKNOWN or op is Op.ANSWERED:
        when_unknown = _TRUE if op is Op.UNKNOWN else _FALSE
        when_known = _FALSE if op is Op.UNKNOWN else _TRUE

        def answered(answers: Mapping[str, AnswerValue], _d: Callable[[Derived], Truth]) -> Truth:
            answer = answers.get(question)
            if answer is None:
                return _UNKNOWN
            return when_unknown if answer is UNKNOWN else when_known

        return answered
    if op is Op.CONTAINS:
        check = lambda answer: isinstance(answer, frozenset) and value in answer  # noqa: E731
    elif op is Op.IS:
        check = lambda answer: not isinstance(answer, frozenset) and answer == value  # noqa: E731
    elif op is Op.IN:
        options = value if isinstance(value, tuple) else None
        check = lambda answer: (  # noqa: E731
            options is not None and not isinstance(answer, frozenset) and answer in options
        )
    else:
        order = _ORDER[op]
        bound = value if isinstance(value, int) else None
        check = lambda answer: (  # noqa: E731
            bound is not None and isinstance(answer, int) and order(answer, bound)
        )

    def known(answers: Mapping[str, AnswerValue], _d: Callable[[Derived], Truth]) -> Truth:
        answer = answers.get(question)
        if answer is None or answer is UNKNOWN:
            return _UNKNOWN
        return _TRUE if check(answer) else _FALSE

    return known
