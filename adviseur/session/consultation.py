"""The consultation as a pure state machine: it never prints and never prompts."""

from __future__ import annotations

from collections.abc import Mapping

from adviseur.engine.base import Engine, EngineSession
from adviseur.engine.logic import Truth
from adviseur.engine.scoring import Outcome, score
from adviseur.model.answers import AnswerValue
from adviseur.model.coerce import coerce_answer
from adviseur.model.knowledge import KnowledgeBase, Question
from adviseur.session.agenda import Agenda


class Consultation:
    """Answers in, advice out.

    Each new answer is asserted into one live engine session. Changing or withdrawing an
    answer starts a fresh session on the remaining answers (the engine has no truth
    maintenance). An answer whose `vraag_als` no longer holds is kept, so it comes back when
    the gate opens again, but it does not count.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        engine: Engine,
        *,
        full: bool = False,
        answers: Mapping[str, AnswerValue] | None = None,
    ) -> None:
        self.kb = kb
        self.engine = engine
        self.agenda = Agenda(kb, full=full)
        self.answers: dict[str, AnswerValue] = {}
        self._asserted: set[str] = set()
        self._session: EngineSession = engine.open()
        self._outcome = score(kb, ())
        if answers:
            self._rebuild(dict(answers))

    @property
    def full(self) -> bool:
        return self.agenda.full

    def next_question(self) -> Question | None:
        """The next question to ask, or None when the advice is complete."""
        return self.agenda.next(self.answers, self._fired(), self._concluded())

    def pending(self) -> list[Question]:
        """The questions still expected on this route (for progress)."""
        return self.agenda.pending(self.answers, self._fired(), self._concluded())

    def answer(self, question_id: str, raw: object) -> Outcome:
        """Record an answer, validated against its question (AnswerProblem if invalid)."""
        value = coerce_answer(self.kb.question(question_id), raw)
        if question_id in self.answers:
            return self.change(question_id, value)
        self.answers[question_id] = value
        active = self.active_answers()
        if self._asserted - active.keys():
            self._rebuild(self.answers)  # a gate closed: derive afresh without those answers
            return self._outcome
        new = {q: v for q, v in active.items() if q not in self._asserted}
        if new:
            self._session.add(new)
            self._asserted |= new.keys()
            self._outcome = score(self.kb, self._session.firings())
        return self._outcome

    def change(self, question_id: str, value: AnswerValue | None) -> Outcome:
        """Change an earlier answer, or withdraw it with None; derives afresh."""
        answers = dict(self.answers)
        if value is None:
            answers.pop(question_id, None)
        else:
            answers[question_id] = value
        self._rebuild(answers)
        return self._outcome

    def counts(self, question_id: str) -> bool:
        """Whether an answer to this question takes part (its `vraag_als`, if any, holds)."""
        return self.agenda.gate(question_id, self.answers) is Truth.TRUE

    def active_answers(self) -> dict[str, AnswerValue]:
        return {q: v for q, v in self.answers.items() if self.counts(q)}

    def result(self) -> Outcome:
        return self._outcome

    def close(self) -> None:
        self._session.close()

    def _rebuild(self, answers: dict[str, AnswerValue]) -> None:
        self._session.close()
        self.answers = answers
        self._session = self.engine.open()
        active = self.active_answers()
        self._session.add(active)
        self._asserted = set(active)
        self._outcome = score(self.kb, self._session.firings())

    def _fired(self) -> set[str]:
        return {f.rule for f in self._outcome.firings}

    def _concluded(self) -> set[str]:
        return {f.id for f in self._outcome.findings}
