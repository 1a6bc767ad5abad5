"""Resuming a session saved under another version of the rule set says what changed."""

from __future__ import annotations

from datetime import UTC, datetime

from adviseur.engine import create_engine
from adviseur.model.answers import UNKNOWN
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.consultation import Consultation
from adviseur.session.resume import changes_since, saved_answers
from adviseur.session.store import SavedSession


def saved(ruleset: str) -> SavedSession:
    return SavedSession(
        id="s",
        started="2026-01-01T10:00:00+00:00",
        updated="2026-01-01T10:05:00+00:00",
        ruleset=ruleset,
        full=True,
        engine="durable",
        answers=(
            ("aantal_diensten", "twee_of_meer"),
            ("integraal_wethouder", "nee"),
            ("verdwenen_vraag", "ja"),
            ("samenwerking_diensten", 9),
            ("documenten", UNKNOWN),
        ),
        findings={"verkokering": 0.6, "oude_factor": 0.5},
    )


def test_answers_that_no_longer_fit_are_named_and_the_rest_kept(mini_kb: KnowledgeBase) -> None:
    answers, notes = saved_answers(mini_kb, saved(mini_kb.digest))
    assert answers == {
        "aantal_diensten": "twee_of_meer",
        "integraal_wethouder": "nee",
        "documenten": UNKNOWN,
    }
    assert notes[0] == "vraag 'verdwenen_vraag' bestaat niet meer; het antwoord is vervallen"
    assert notes[1].startswith(
        "antwoord op 'samenwerking_diensten' past niet meer (9 ligt buiten het bereik"
    )


def test_another_rule_set_version_gives_a_note_of_what_changed(mini_kb: KnowledgeBase) -> None:
    session = saved("0123456789ab" + "0" * 52)
    answers, notes = saved_answers(mini_kb, session)
    engine = create_engine(mini_kb, "referentie")
    consultation = Consultation(mini_kb, engine, full=True, answers=answers)
    result = changes_since(mini_kb, session, consultation, notes)
    consultation.close()
    assert (
        result[0]
        == f"deze sessie begon met regelset 0123456789ab; de kennisbank is nu {mini_kb.digest[:12]}"
    )
    assert "niet meer afgeleid: oude_factor, verkokering" in result
    assert any(
        n.startswith("nu ook afgeleid: ") and "geen_integraal_verantwoordelijke" in n
        for n in result
    )
    assert datetime.fromisoformat(session.updated) < datetime.now(UTC)
