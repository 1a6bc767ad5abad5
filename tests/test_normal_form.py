"""The normal form the durable compiler relies on agrees with three-valued evaluation, for every
test, its negation and every possible answer (exhaustive over small domains)."""

from __future__ import annotations

import itertools

import pytest

from adviseur.engine.logic import Truth, evaluate
from adviseur.engine.normal import Conjunction, Lit, Literal, normalize
from adviseur.model.answers import UNKNOWN, AnswerValue
from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Not, Op
from adviseur.model.knowledge import Question, QuestionKind
from tests.kbgen import question

QUESTIONS = [question(i, kind) for i, kind in enumerate(QuestionKind)]


def possible_answers(q: Question) -> list[AnswerValue | None]:
    result: list[AnswerValue | None] = [None, UNKNOWN]
    if q.kind is QuestionKind.MULTIPLE:
        values = q.option_values()
        result += [
            frozenset(c) for n in range(len(values) + 1) for c in itertools.combinations(values, n)
        ]
    elif q.options:
        result += list(q.option_values())
    else:
        assert q.minimum is not None
        assert q.maximum is not None
        result += list(range(q.minimum, q.maximum + 1))
    return result


def answer_tests_for(q: Question) -> list[AnswerTest]:
    result = [AnswerTest(question=q.id, op=Op.ANSWERED), AnswerTest(question=q.id, op=Op.UNKNOWN)]
    if q.kind is QuestionKind.MULTIPLE:
        return result + [
            AnswerTest(question=q.id, op=Op.CONTAINS, value=v) for v in q.option_values()
        ]
    if q.options:
        values = q.option_values()
        return (
            result
            + [AnswerTest(question=q.id, op=Op.IS, value=v) for v in values]
            + [AnswerTest(question=q.id, op=Op.IN, value=tuple(values[:2]))]
        )
    assert q.minimum is not None
    assert q.maximum is not None
    numbers = range(q.minimum - 1, q.maximum + 2)
    result += [
        AnswerTest(question=q.id, op=op, value=n)
        for op in (Op.IS, Op.LT, Op.LE, Op.GT, Op.GE)
        for n in numbers
    ]
    return [*result, AnswerTest(question=q.id, op=Op.IN, value=(q.minimum + 1, q.maximum - 1))]


def holds(literal: Literal, answer: AnswerValue | None) -> bool:
    """What a pattern matcher sees: facts exist only for given answers."""
    if answer is None:
        return False
    if literal.op is Lit.UNKNOWN:
        return answer is UNKNOWN
    if answer is UNKNOWN:
        return False
    if literal.op is Lit.KNOWN:
        return True
    if isinstance(answer, frozenset):
        return (literal.value in answer) == (literal.op is Lit.HAS)
    assert not isinstance(answer, frozenset)
    value = literal.value
    return {
        Lit.EQ: answer == value,
        Lit.LT: isinstance(value, int) and isinstance(answer, int) and answer < value,
        Lit.LE: isinstance(value, int) and isinstance(answer, int) and answer <= value,
        Lit.GT: isinstance(value, int) and isinstance(answer, int) and answer > value,
        Lit.GE: isinstance(value, int) and isinstance(answer, int) and answer >= value,
    }[literal.op]


def matches(dnf: list[Conjunction], answer: AnswerValue | None) -> bool:
    return any(all(holds(lit, answer) for lit in conj) for conj in dnf)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.kind.value for q in QUESTIONS])
def test_normal_form_matches_kleene_evaluation(q: Question) -> None:
    qs = {q.id: q}
    for test in answer_tests_for(q):
        conditions: list[Condition] = [
            test,
            Not(item=test),
            Not(item=Not(item=test)),
            Not(item=AllOf(items=(test, AnswerTest(question=q.id, op=Op.ANSWERED)))),
            Not(item=AnyOf(items=(test, AnswerTest(question=q.id, op=Op.UNKNOWN)))),
        ]
        for cond in conditions:
            dnf = normalize(cond, qs)
            for answer in possible_answers(q):
                answers = {} if answer is None else {q.id: answer}
                expected = evaluate(cond, answers, lambda _d: Truth.FALSE) is Truth.TRUE
                assert matches(dnf, answer) == expected, (cond, answer, dnf)


def test_contradictions_are_dropped() -> None:
    q = QUESTIONS[1]  # keuze
    both = AllOf(
        items=(
            AnswerTest(question=q.id, op=Op.IS, value="rood"),
            AnswerTest(question=q.id, op=Op.IS, value="geel"),
        )
    )
    assert normalize(both, {q.id: q}) == []
    scale = next(x for x in QUESTIONS if x.kind is QuestionKind.SCALE)
    empty = AllOf(
        items=(
            AnswerTest(question=scale.id, op=Op.GT, value=4),
            AnswerTest(question=scale.id, op=Op.LT, value=5),
        )
    )
    assert normalize(empty, {scale.id: scale}) == []
