"""Zekerheid: parallel combination of independent evidence; the same answers count once."""

from __future__ import annotations

import pytest

from adviseur.engine.base import derive
from adviseur.engine.reference import ReferenceEngine
from adviseur.engine.scoring import combine, score
from adviseur.model.conditions import AllOf, AnswerTest, ConclusionKind, Op
from adviseur.model.knowledge import Conclusion, QuestionKind, Rule
from tests.kbgen import build, question


def rule(rule_id: str, condition: object, certainty: float) -> Rule:
    return Rule(
        id=rule_id,
        condition=condition,  # type: ignore[arg-type]
        conclusion=Conclusion(kind=ConclusionKind.FACTOR, target="f0", certainty=certainty),
    )


def test_parallel_combination() -> None:
    assert combine([0.6, 0.3]) == pytest.approx(0.72)
    assert combine([]) == 0
    assert combine([0.5, 0.5, 0.5]) == pytest.approx(0.875)


def test_rules_on_the_same_answers_count_once_with_the_highest_weight() -> None:
    q0, q1 = question(0, QuestionKind.YES_NO), question(1, QuestionKind.YES_NO)
    yes0 = AnswerTest(question="q0", op=Op.IS, value="ja")
    yes1 = AnswerTest(question="q1", op=Op.IS, value="ja")
    kb = build(
        [q0, q1],
        ["f0"],
        [rule("a", yes0, 0.7), rule("b", yes0, 0.5), rule("c", AllOf(items=(yes0, yes1)), 0.4)],
        digest="same",
    )
    outcome = score(kb, derive(ReferenceEngine(kb), {"q0": "ja", "q1": "ja"}))
    finding = outcome.get("f0")
    assert finding is not None
    assert finding.certainty == pytest.approx(0.7 + 0.4 * (1 - 0.7))  # b repeats a; c adds q1
    assert {s.rule: s.same_as for s in finding.supports} == {"a": None, "b": "a", "c": None}
