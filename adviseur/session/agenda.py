"""Which question to ask next: on the route, allowed by its `vraag_als`, and still able to
change a conclusion (goal-driven, as the best consultation systems do).

This runs after every answer, so it is built for speed: conditions are compiled once
(`compile_condition`), and whether a rule can still fire is worked out lazily, only for the
rules that read the questions looked at, each at most once per call.
"""

from __future__ import annotations

from collections.abc import Mapping

from adviseur.engine.logic import Evaluator, Truth, compile_condition
from adviseur.model.answers import UNKNOWN, AnswerValue
from adviseur.model.conditions import Derived, questions_read
from adviseur.model.knowledge import KnowledgeBase, Question, Rule

_TRUE, _FALSE, _UNKNOWN = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


def _undecided(_d: Derived) -> Truth:
    return _UNKNOWN


class _Compiled:
    """What the agenda needs from a knowledge base, worked out once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        position = {d.id: i for i, d in enumerate(kb.dimensions)}
        self.order: tuple[Question, ...] = tuple(
            sorted(kb.questions, key=lambda q: position.get(q.dimension, len(position)))
        )
        self.gates = {
            qid for q in kb.questions if q.ask_if is not None for qid in questions_read(q.ask_if)
        }
        self.intake = {d.id for d in kb.dimensions if d.intake}
        self.readers: dict[str, list[Rule]] = {}
        self.concluders: dict[str, list[Rule]] = {}
        for rule in kb.rules:
            for qid in questions_read(rule.condition):
                self.readers.setdefault(qid, []).append(rule)
            self.concluders.setdefault(rule.conclusion.target, []).append(rule)
        self.conditions = _Conditions(kb)
        self.ask_if: dict[str, Evaluator] = {
            q.id: compile_condition(q.ask_if) for q in kb.questions if q.ask_if is not None
        }


class _Conditions(dict[str, Evaluator]):
    """Rule id → compiled condition, compiled when first needed: the first questions (the
    intake) are asked without looking at any rule, so a consultation starts without it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        super().__init__()
        self.kb = kb

    def __missing__(self, rule_id: str) -> Evaluator:
        evaluator = self[rule_id] = compile_condition(self.kb.rule(rule_id).condition)
        return evaluator


_recent: list[tuple[KnowledgeBase, _Compiled]] = []


def _compiled(kb: KnowledgeBase) -> _Compiled:
    """`_Compiled` for the last few knowledge bases: every consultation, replay and comparison
    builds an Agenda, and compiling the conditions of a few hundred rules costs milliseconds."""
    for known, compiled in _recent:
        if known is kb:
            return compiled
    compiled = _Compiled(kb)
    _recent.insert(0, (kb, compiled))
    del _recent[4:]
    return compiled


class Agenda:
    def __init__(self, kb: KnowledgeBase, *, full: bool) -> None:
        self.kb = kb
        self.full = full
        self.on_route = {q.id for q in kb.questions if full or q.core}
        compiled = _compiled(kb)
        self.order = compiled.order
        self.gates = compiled.gates
        self.intake = compiled.intake
        self.readers = compiled.readers
        self.concluders = compiled.concluders
        self.conditions = compiled.conditions
        self.ask_if = compiled.ask_if

    def gate(self, question_id: str, answers: Mapping[str, AnswerValue]) -> Truth:
        """The truth of a question's `vraag_als` (true when it has none)."""
        gate = self.ask_if.get(question_id)
        return _TRUE if gate is None else gate(answers, _undecided)

    def may_ask(self, question: Question, answers: Mapping[str, AnswerValue]) -> bool:
        """On the route and its `vraag_als` (if any) certainly holds."""
        return question.id in self.on_route and self.gate(question.id, answers) is _TRUE

    def may_ask_later(self, question: Question, answers: Mapping[str, AnswerValue]) -> bool:
        """Could this question still be asked (its gate is true or still undecided)?"""
        return question.id in self.on_route and self.gate(question.id, answers) is not _FALSE

    def live_rules(self, answers: Mapping[str, AnswerValue], concluded: set[str]) -> set[str]:
        """Rules that have not fired and can still fire with the questions left on the route."""
        liveness = _Liveness(self, answers, concluded)
        return {r.id for r in self.kb.rules if liveness.live(r.id)}

    def pending(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> list[Question]:
        """The questions still to ask, in consultation order."""
        liveness = _Liveness(self, answers, concluded)
        return [
            q
            for q in self.order
            if q.id not in answers
            and self.may_ask_later(q, answers)
            and self._relevant(q, fired, liveness)
        ]

    def next(
        self, answers: Mapping[str, AnswerValue], fired: set[str], concluded: set[str]
    ) -> Question | None:
        """The first pending question that may be asked now."""
        liveness = _Liveness(self, answers, concluded)
        for question in self.order:
            if (
                question.id not in answers
                and self.may_ask(question, answers)
                and self._relevant(question, fired, liveness)
            ):
                return question
        return None

    def _relevant(self, question: Question, fired: set[str], liveness: _Liveness) -> bool:
        """Intake, a gate of other questions, or read by a rule that can still fire."""
        if question.dimension in self.intake or question.id in self.gates:
            return True
        readers = self.readers.get(question.id, ())
        return any(r.id not in fired and liveness.live(r.id) for r in readers)


class _Liveness:
    """Which rules can still fire, for one state of the consultation, worked out on demand.

    A question that can no longer be asked counts as "weet ik niet": it settles nothing. A
    conclusion is possible when it is concluded or some rule concluding it can still fire; a
    rule can still fire when its condition is not false, with concluded conclusions true,
    possible ones undecided and the rest false. Rules form no cycles (the loader rejects
    them), so this recursion has one answer: the fixpoint the definition describes.
    """

    def __init__(
        self, agenda: Agenda, answers: Mapping[str, AnswerValue], concluded: set[str]
    ) -> None:
        self.agenda = agenda
        self.concluded = concluded
        self.assumed = dict(answers)
        for question in agenda.kb.questions:
            if question.id not in answers and not agenda.may_ask_later(question, answers):
                self.assumed[question.id] = UNKNOWN
        self._live: dict[str, bool] = {}
        self._possible: dict[str, bool] = {}

    def live(self, rule_id: str) -> bool:
        known = self._live.get(rule_id)
        if known is None:
            condition = self.agenda.conditions[rule_id]
            known = self._live[rule_id] = condition(self.assumed, self.holds) is not _FALSE
        return known

    def holds(self, derived: Derived) -> Truth:
        target = derived.target
        if target in self.concluded:
            return _TRUE
        return _UNKNOWN if self.possible(target) else _FALSE

    def possible(self, target: str) -> bool:
        known = self._possible.get(target)
        if known is None:
            self._possible[target] = True  # only reached again through a cycle: stay undecided
            known = target in self.concluded or any(
                self.live(r.id) for r in self.agenda.concluders.get(target, ())
            )
            self._possible[target] = known
        return known
