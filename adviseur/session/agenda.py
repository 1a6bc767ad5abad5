"""Which question to ask next: on the route, allowed by its `vraag_als`, and still able to
change a conclusion (goal-driven, as the best consultation systems do)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from adviseur.engine.logic import Truth, evaluate
from adviseur.model.answers import UNKNOWN, AnswerValue
from adviseur.model.conditions import Derived, questions_read
from adviseur.model.knowledge import KnowledgeBase, Question, Rule


class Agenda:
    def __init__(self, kb: KnowledgeBase, *, full: bool) -> None:
        self.kb = kb
        self.full = full
        position = {d.id: i for i, d in enumerate(kb.dimensions)}
        self.order: tuple[Question, ...] = tuple(
            sorted(kb.questions, key=lambda q: position.get(q.dimension, len(position)))
        )
        self.on_route = {q.id for q in kb.questions if full or q.core}
        self.gates = {
            qid for q in kb.questions if q.ask_if is not None for qid in questions_read(q.ask_if)
        }
        self.intake = {d.id for d in kb.dimensions if d.intake}
        self.readers: dict[str, list[Rule]] = {}
        for rule in kb.rules:
            for qid in questions_read(rule.condition):
                self.readers.setdefault(qid, []).append(rule)

    def may_ask(self, question: Question, answers: Mapping[str, AnswerValue]) -> bool:
        """On the route and its `vraag_als` (if any) certainly holds."""
        if question.id not in self.on_route:
            return False
        if question.ask_if is None:
            return True
        return evaluate(question.ask_if, answers, lambda _d: Truth.UNKNOWN) is Truth.TRUE

    def live_rules(self, answers: Mapping[str, AnswerValue], concluded: set[str]) -> set[str]:
        """Rules that have not fired and can still fire with the questions left on the route."""
        # A question that can no longer be asked counts as "weet ik niet": it settles nothing.
        assumed = dict(answers)
        for q in self.kb.questions:
            if q.id not in assumed and not self.may_ask_later(q, answers):
                assumed[q.id] = UNKNOWN
        possible = {r.conclusion.target for r in self.kb.rules}
        while True:
            holds = _maybe(concluded, frozenset(possible))
            live = {
                r.id: r
                for r in self.kb.rules
                if evaluate(r.condition, assumed, holds) is not Truth.FALSE
            }
            still = {r.conclusion.target for r in live.values()} | concluded
            if still == possible:
                return set(live)
            possible = still

    def may_ask_later(self, question: Question, answers: Mapping[str, AnswerValue]) -> bool:
        """Could this question still be asked (its gate is true or still undecided)?"""
        if question.id not in self.on_route:
            return False
        if question.ask_if is None:
            return True
        return evaluate(question.ask_if, answers, lambda _d: Truth.UNKNOWN) is not Truth.FALSE

    def pending(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> list[Question]:
        """The questions still to ask, in consultation order."""
        live = self.live_rules(answers, concluded) - fired
        result = []
        for question in self.order:
            if question.id in answers or not self.may_ask_later(question, answers):
                continue
            relevant = (
                question.dimension in self.intake
                or question.id in self.gates
                or any(r.id in live for r in self.readers.get(question.id, ()))
            )
            if relevant:
                result.append(question)
        return result

    def next(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> Question | None:
        for question in self.pending(answers, fired, concluded):
            if self.may_ask(question, answers):
                return question
        return None


def _maybe(concluded: set[str], possible: frozenset[str]) -> Callable[[Derived], Truth]:
    """Concluded → true; could still be concluded → undecided; otherwise false."""

    def holds(d: Derived) -> Truth:
        if d.target in concluded:
            return Truth.TRUE
        return Truth.UNKNOWN if d.target in possible else Truth.FALSE

    return holds
