"""Compiled conditions give exactly what the tree-walking Kleene evaluation gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from adviseur.engine.logic import Truth, compile_condition, evaluate
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import Condition, Derived
from adviseur.model.knowledge import QuestionKind
from tests.kbgen import answer_value, condition, question

DERIVED = ["f0", "f1", "f2"]


@st.composite
def cases(draw: Any) -> tuple[Condition, dict[str, AnswerValue], dict[str, Truth]]:
    kinds = draw(st.lists(st.sampled_from(list(QuestionKind)), min_size=1, max_size=4))
    questions = [question(i, k) for i, k in enumerate(kinds)]
    cond = condition(draw, questions, DERIVED)
    answers = {q.id: answer_value(q, draw) for q in questions if draw(st.booleans())}
    truths = {f: draw(st.sampled_from(list(Truth))) for f in DERIVED}
    return cond, answers, truths


@settings(max_examples=1000, deadline=None)
@given(cases())
def test_compiled_condition_equals_evaluate(
    case: tuple[Condition, dict[str, AnswerValue], dict[str, Truth]],
) -> None:
    cond, answers, truths = case

    def derived(d: Derived) -> Truth:
        return truths[d.target]

    assert compile_condition(cond)(answers, derived) is evaluate(cond, answers, derived)
