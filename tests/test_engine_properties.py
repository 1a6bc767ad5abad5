"""durable-rules and the reference engine derive the same advice on generated rule sets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from adviseur.engine.base import derive
from adviseur.engine.durable import DurableEngine
from adviseur.engine.reference import ReferenceEngine
from adviseur.engine.scoring import score
from adviseur.model.answers import AnswerValue
from adviseur.model.knowledge import KnowledgeBase
from tests.kbgen import kb_and_answers


def summary(
    kb: KnowledgeBase, firings: tuple
) -> tuple[frozenset[str], tuple[tuple[str, float], ...]]:
    outcome = score(kb, firings)
    return frozenset(f.rule for f in firings), tuple(
        sorted((f.id, f.certainty) for f in outcome.findings)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kb_and_answers())
def test_durable_equals_reference_in_both_answer_orders(
    case: tuple[KnowledgeBase, dict[str, AnswerValue]],
) -> None:
    kb, answers = case
    expected = summary(kb, derive(ReferenceEngine(kb), answers))
    durable = DurableEngine(kb)
    try:
        assert summary(kb, derive(durable, answers)) == expected
        for order in (list(answers.items()), list(reversed(answers.items()))):
            session = durable.open()
            try:
                for question, value in order:  # one at a time, as in a consultation
                    session.add({question: value})
                assert summary(kb, session.firings()) == expected
            finally:
                session.close()
    finally:
        durable.close()
