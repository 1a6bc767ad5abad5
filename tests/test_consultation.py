"""The consultation state machine on the small test knowledge base."""

from __future__ import annotations

import pytest

from adviseur.engine import create_engine
from adviseur.model.answers import UNKNOWN, AnswerProblem
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.consultation import Consultation

FACTOR = ConclusionKind.FACTOR


@pytest.fixture(params=["durable", "referentie"])
def consultation(request: pytest.FixtureRequest, mini_kb: KnowledgeBase) -> Consultation:
    engine = create_engine(mini_kb, request.param)
    c = Consultation(mini_kb, engine, full=True)
    yield c
    c.close()
    engine.close()


def asked(c: Consultation, answers: dict[str, object]) -> list[str]:
    """Answer whatever is asked from `answers` until done; return the questions asked."""
    order = []
    while (q := c.next_question()) is not None:
        order.append(q.id)
        c.answer(q.id, answers.get(q.id, "weet ik niet"))
    return order


def test_intake_first_and_follow_ups_only_when_their_gate_holds(consultation: Consultation) -> None:
    order = asked(consultation, {"aantal_diensten": "een", "samenwerking_diensten": 5})
    assert order[0] == "aantal_diensten"
    assert "integraal_wethouder" not in order  # vraag_als: only with several diensten


def test_multi_dienst_route_asks_the_follow_up(consultation: Consultation) -> None:
    order = asked(
        consultation,
        {
            "aantal_diensten": "twee_of_meer",
            "integraal_wethouder": "nee",
            "samenwerking_diensten": 1,
        },
    )
    assert order[:2] == ["aantal_diensten", "integraal_wethouder"]
    assert consultation.result().ids(FACTOR) >= {"verkokering", "geen_integraal_verantwoordelijke"}


def test_a_question_that_can_no_longer_matter_is_skipped(mini_kb: KnowledgeBase) -> None:
    engine = create_engine(mini_kb, "referentie")
    c = Consultation(mini_kb, engine, full=True)
    # One dienst and excellent cooperation: nothing about verkokering can still fire, but the
    # losse-nota's route to incoherence needs the documents question.
    order = asked(c, {"aantal_diensten": "een", "samenwerking_diensten": 5, "documenten": "visie"})
    assert "smart_doelen" not in order  # only read together with verkokering, which cannot hold
    c.close()


def test_short_route_asks_only_core_questions(mini_kb: KnowledgeBase) -> None:
    engine = create_engine(mini_kb, "referentie")
    c = Consultation(mini_kb, engine, full=False)
    order = asked(
        c,
        {
            "aantal_diensten": "twee_of_meer",
            "integraal_wethouder": "ja",
            "samenwerking_diensten": 2,
        },
    )
    assert set(order) <= {q.id for q in mini_kb.questions if q.core}
    assert "verkokering" in c.result().ids(FACTOR)
    c.close()


def test_changing_an_answer_rederives(consultation: Consultation) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    consultation.answer("integraal_wethouder", "nee")
    assert "geen_integraal_verantwoordelijke" in consultation.result().ids(FACTOR)
    consultation.answer("integraal_wethouder", "ja")
    assert "geen_integraal_verantwoordelijke" not in consultation.result().ids(FACTOR)
    consultation.change("integraal_wethouder", None)
    assert "integraal_wethouder" not in consultation.answers


def test_an_answer_behind_a_closed_gate_no_longer_counts(consultation: Consultation) -> None:
    consultation.answer("aantal_diensten", "twee_of_meer")
    consultation.answer("integraal_wethouder", "nee")
    consultation.answer("aantal_diensten", "een")
    assert consultation.answers["integraal_wethouder"] == "nee"  # kept for when the gate reopens
    assert not consultation.counts("integraal_wethouder")
    assert "geen_integraal_verantwoordelijke" not in consultation.result().ids(FACTOR)
    consultation.answer("aantal_diensten", "twee_of_meer")
    assert "geen_integraal_verantwoordelijke" in consultation.result().ids(FACTOR)


def test_weet_ik_niet_is_an_answer_that_settles_nothing(consultation: Consultation) -> None:
    consultation.answer("aantal_diensten", "weet ik niet")
    assert consultation.answers["aantal_diensten"] is UNKNOWN
    consultation.answer("samenwerking_diensten", 1)
    assert "verkokering" not in consultation.result().ids(FACTOR)


def test_invalid_answers_are_refused_in_dutch(consultation: Consultation) -> None:
    with pytest.raises(AnswerProblem, match="kies uit: een, twee_of_meer"):
        consultation.answer("aantal_diensten", "drie")
    with pytest.raises(AnswerProblem, match="buiten het bereik"):
        consultation.answer("samenwerking_diensten", "9")
    assert consultation.answers == {}


def test_certainty_combines_rules_for_the_same_factor(consultation: Consultation) -> None:
    for q, v in {
        "aantal_diensten": "twee_of_meer",
        "samenwerking_diensten": 2,
        "documenten": "losse_notas",
    }.items():
        consultation.answer(q, v)
    finding = consultation.result().get("verkokering")
    assert finding is not None
    assert finding.certainty == pytest.approx(0.6 + 0.3 * (1 - 0.6))
