"""The reference engine: a small pure-Python forward chainer with the same semantics as the
durable-rules engine. It is the oracle in the property tests and runs wherever the C extension
cannot be built (`--engine referentie`)."""

from __future__ import annotations

from collections.abc import Mapping

from adviseur.engine.base import Firing, Premise
from adviseur.engine.logic import Truth, closed_world, evaluate
from adviseur.engine.strata import levels
from adviseur.errors import EngineError
from adviseur.model.answers import AnswerValue, describe
from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Derived, Not
from adviseur.model.knowledge import KnowledgeBase, Rule


class ReferenceEngine:
    name = "referentie"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        order = levels(kb.rules)
        # Rules in level order, so one pass reaches the fixpoint.
        self.rules: tuple[Rule, ...] = tuple(sorted(kb.rules, key=lambda r: order[r.id]))

    def open(self) -> ReferenceSession:
        return ReferenceSession(self)

    def close(self) -> None:
        """Nothing to free."""


class ReferenceSession:
    def __init__(self, engine: ReferenceEngine) -> None:
        self.engine = engine
        self.answers: dict[str, AnswerValue] = {}
        self.derived: dict[str, str] = {}  # target → first rule
        self._firings: list[Firing] = []
        self._fired: set[str] = set()

    def add(self, answers: Mapping[str, AnswerValue]) -> tuple[Firing, ...]:
        for question, value in answers.items():
            if question in self.answers and self.answers[question] != value:
                raise EngineError(f"antwoord op '{question}' gewijzigd in een lopende sessie")
        self.answers.update(answers)
        start = len(self._firings)
        holds = closed_world(self.derived)
        for rule in self.engine.rules:
            if rule.id in self._fired:
                continue
            if evaluate(rule.condition, self.answers, holds) is Truth.TRUE:
                self._fired.add(rule.id)
                self.derived.setdefault(rule.conclusion.target, rule.id)
                premises = tuple(dict.fromkeys(self._premises(rule.condition)))
                self._firings.append(Firing(rule=rule.id, premises=premises))
        return tuple(self._firings[start:])

    def firings(self) -> tuple[Firing, ...]:
        return tuple(self._firings)

    def close(self) -> None:
        self.answers.clear()

    def _premises(self, cond: Condition) -> list[Premise]:
        """The answers and conclusions that made a (true) condition true."""
        holds = closed_world(self.derived)
        match cond:
            case AnswerTest(question=q):
                return [Premise("vraag", q, describe(self.answers[q]))]
            case Derived(kind=kind, target=target):
                return [Premise(str(kind), target)]
            case Not(item=item):
                return self._premises_any(item)
            case AllOf(items=items):
                return [p for item in items for p in self._premises(item)]
            case AnyOf(items=items):
                for item in items:
                    if evaluate(item, self.answers, holds) is Truth.TRUE:
                        return self._premises(item)
        return []

    def _premises_any(self, cond: Condition) -> list[Premise]:
        """Under a `niet`, every answered question the negated test looked at is a premise."""
        match cond:
            case AnswerTest(question=q):
                answer = self.answers.get(q)
                return [Premise("vraag", q, describe(answer))] if answer is not None else []
            case AllOf(items=items) | AnyOf(items=items):
                return [p for item in items for p in self._premises_any(item)]
            case Not(item=item):
                return self._premises_any(item)
        return []
