"""Impact of a change, WHY a question, WHY NOT a conclusion, on the small knowledge base."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from adviseur.engine import create_engine
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.consultation import Consultation
from adviseur.session.impact import preview
from adviseur.session.why import why_not, why_question


@pytest.fixture
def consultation(mini_kb: KnowledgeBase) -> Iterator[Consultation]:
    engine = create_engine(mini_kb, "durable")
    c = Consultation(mini_kb, engine, full=True)
    yield c
    c.close()
    engine.close()


def test_preview_names_what_is_gained_lost_and_does_not_change_anything(
    consultation: Consultation,
) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    consultation.answer("integraal_wethouder", "nee")
    consultation.answer("samenwerking_diensten", 2)
    before = dict(consultation.answers)
    impact = preview(consultation, "aantal_diensten", "een")
    lost = {s.id for s in impact.lost()}
    assert {
        "verkokering",
        "geen_integraal_verantwoordelijke",
        "integraal_verantwoordelijke_wethouder",
    } <= lost
    assert impact.stop_counting == ("integraal_wethouder",)  # its vraag_als closes
    assert consultation.answers == before  # a preview changes nothing


def test_preview_shows_strengthening_and_new_questions(consultation: Consultation) -> None:
    consultation.answer("aantal_diensten", "een")
    consultation.answer("samenwerking_diensten", 2)
    consultation.answer("documenten", "losse_notas")
    impact = preview(consultation, "aantal_diensten", "twee_of_meer")
    assert "integraal_wethouder" in impact.appear
    stronger = {s.id: (s.before, s.after) for s in impact.stronger()}
    assert stronger["verkokering"] == (pytest.approx(0.3), pytest.approx(0.72))


def test_why_names_the_goal_what_is_established_and_the_source(
    consultation: Consultation, mini_kb: KnowledgeBase
) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    why = why_question(consultation, mini_kb.question("integraal_wethouder"))
    goal = why.goals[0]
    assert goal.rule.conclusion.target == "geen_integraal_verantwoordelijke"
    assert [c.question for c in goal.holding()] == ["aantal_diensten"]
    assert goal.rule.citations[0].quote.startswith("effectieve ontkokering")
    gate = why_question(consultation, mini_kb.question("aantal_diensten"))
    assert [q.id for q in gate.dependents] == ["integraal_wethouder"]


def test_why_not_shows_failed_conditions_and_the_smallest_change(
    consultation: Consultation,
) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    consultation.answer("integraal_wethouder", "ja")
    consultation.answer("samenwerking_diensten", 4)
    result = why_not(consultation, "geen_integraal_verantwoordelijke")
    assert result.certainty is None
    failing = [c.question for v in result.rules for c in v.failing()]
    assert failing == ["integraal_wethouder"]
    assert result.changes[0] == (("integraal_wethouder", "nee"),)
    verkokering = why_not(consultation, "verkokering")
    assert (("samenwerking_diensten", 2),) in verkokering.changes


def test_why_not_for_a_derived_factor_says_so(consultation: Consultation) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    consultation.answer("integraal_wethouder", "nee")
    result = why_not(consultation, "geen_integraal_verantwoordelijke")
    assert result.certainty == pytest.approx(0.7)
    assert consultation.result().ids(ConclusionKind.FACTOR) == {"geen_integraal_verantwoordelijke"}
