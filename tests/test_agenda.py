"""The fast agenda chooses exactly what the plain definition of goal-driven questioning does."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviseur.engine.base import derive
from adviseur.engine.logic import Truth, evaluate
from adviseur.engine.reference import ReferenceEngine
from adviseur.model.answers import UNKNOWN, AnswerValue
from adviseur.model.conditions import Derived, questions_read
from adviseur.model.knowledge import Dimension, KnowledgeBase, Question
from adviseur.session.agenda import Agenda
from tests.kbgen import answer_test, answer_value, knowledge_bases


class PlainAgenda:
    """The agenda as first written: every rule re-evaluated until the possible set is stable."""

    def __init__(self, kb: KnowledgeBase, *, full: bool) -> None:
        self.kb = kb
        position = {d.id: i for i, d in enumerate(kb.dimensions)}
        self.order = sorted(kb.questions, key=lambda q: position.get(q.dimension, len(position)))
        self.on_route = {q.id for q in kb.questions if full or q.core}
        self.gates = {
            qid for q in kb.questions if q.ask_if is not None for qid in questions_read(q.ask_if)
        }
        self.intake = {d.id for d in kb.dimensions if d.intake}

    def may_ask(self, q: Question, answers: Mapping[str, AnswerValue]) -> bool:
        return q.id in self.on_route and (
            q.ask_if is None or evaluate(q.ask_if, answers, lambda _d: Truth.UNKNOWN) is Truth.TRUE
        )

    def may_ask_later(self, q: Question, answers: Mapping[str, AnswerValue]) -> bool:
        return q.id in self.on_route and (
            q.ask_if is None
            or evaluate(q.ask_if, answers, lambda _d: Truth.UNKNOWN) is not Truth.FALSE
        )

    def live_rules(self, answers: Mapping[str, AnswerValue], concluded: set[str]) -> set[str]:
        assumed = dict(answers)
        for q in self.kb.questions:
            if q.id not in assumed and not self.may_ask_later(q, answers):
                assumed[q.id] = UNKNOWN
        possible = {r.conclusion.target for r in self.kb.rules}
        while True:
            holds = maybe(concluded, frozenset(possible))
            live = {
                r.id: r
                for r in self.kb.rules
                if evaluate(r.condition, assumed, holds) is not Truth.FALSE
            }
            still = {r.conclusion.target for r in live.values()} | concluded
            if still == possible:
                return set(live)
            possible = still

    def pending(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> list[Question]:
        live = self.live_rules(answers, concluded) - fired
        return [
            q
            for q in self.order
            if q.id not in answers
            and self.may_ask_later(q, answers)
            and (
                q.dimension in self.intake
                or q.id in self.gates
                or any(r.id in live for r in self.kb.rules if q.id in questions_read(r.condition))
            )
        ]

    def next(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> Question | None:
        return next(
            (q for q in self.pending(answers, fired, concluded) if self.may_ask(q, answers)), None
        )


def maybe(concluded: set[str], possible: frozenset[str]) -> Callable[[Derived], Truth]:
    def holds(d: Derived) -> Truth:
        if d.target in concluded:
            return Truth.TRUE
        return Truth.UNKNOWN if d.target in possible else Truth.FALSE

    return holds


@st.composite
def consultations(draw: Any) -> tuple[KnowledgeBase, dict[str, AnswerValue], bool]:
    """A generated knowledge base with an intake, core questions and `vraag_als` gates on
    earlier questions, and a partial set of answers."""
    kb = draw(knowledge_bases(max_rules=10))
    questions: list[Question] = []
    for i, q in enumerate(kb.questions):
        gate = (
            answer_test(draw(st.sampled_from(questions)), draw)
            if i and draw(st.booleans())
            else None
        )
        questions.append(
            dataclasses.replace(
                q,
                ask_if=gate,
                core=draw(st.booleans()),
                dimension="intake" if i == 0 else "d",
            )
        )
    kb = dataclasses.replace(
        kb,
        dimensions=(Dimension(id="intake", name="I", intake=True), *kb.dimensions),
        questions=tuple(questions),
        index={},
    )
    answers = {q.id: answer_value(q, draw) for q in questions if draw(st.booleans())}
    return kb, answers, draw(st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consultations())
def test_fast_agenda_equals_the_plain_definition(
    case: tuple[KnowledgeBase, dict[str, AnswerValue], bool],
) -> None:
    kb, answers, full = case
    firings = derive(ReferenceEngine(kb), answers)
    fired = {f.rule for f in firings}
    concluded = {kb.rule(r).conclusion.target for r in fired}
    fast, plain = Agenda(kb, full=full), PlainAgenda(kb, full=full)
    assert fast.live_rules(answers, concluded) == plain.live_rules(answers, concluded)
    assert fast.pending(answers, fired, concluded) == plain.pending(answers, fired, concluded)
    assert fast.next(answers, fired, concluded) == plain.next(answers, fired, concluded)
