"""WHY a question is asked, and WHY NOT a conclusion was reached (with the smallest change)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from adviseur.engine.logic import Truth, closed_world, evaluate
from adviseur.engine.reference import ReferenceEngine
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import AnswerTest, Op, atoms, conclusions_read, questions_read
from adviseur.model.knowledge import Question, QuestionKind, Rule
from adviseur.session.consultation import Consultation
from adviseur.session.explain import Check, checks

MAX_ALTERNATIVES = 3
MAX_PAIRS = 600


@dataclass(frozen=True, slots=True)
class RuleView:
    """One rule and how its conditions stand for the current answers."""

    rule: Rule
    truth: Truth
    checks: tuple[Check, ...]

    def holding(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.truth is Truth.TRUE)

    def failing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.truth is Truth.FALSE)

    def open(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.truth is Truth.UNKNOWN)


def _view(consultation: Consultation, rule: Rule) -> RuleView:
    present = {f.id for f in consultation.result().findings}
    holds = closed_world(present)
    answers = consultation.active_answers()
    return RuleView(
        rule=rule,
        truth=evaluate(rule.condition, answers, holds),
        checks=tuple(checks(consultation.kb, rule.condition, answers, holds)),
    )


@dataclass(frozen=True, slots=True)
class Why:
    question: Question
    goals: tuple[RuleView, ...]  # live rules that read this question
    dependents: tuple[Question, ...]  # follow-up questions this one opens or closes


def why_question(consultation: Consultation, question: Question) -> Why:
    kb = consultation.kb
    fired = {f.rule for f in consultation.result().firings}
    concluded = {f.id for f in consultation.result().findings}
    live = consultation.agenda.live_rules(consultation.answers, concluded) - fired
    goals = [
        _view(consultation, r)
        for r in kb.rules
        if r.id in live and question.id in questions_read(r.condition) and r.generated_from is None
    ]
    goals.sort(key=lambda v: (-len(v.holding()), -v.rule.conclusion.certainty, v.rule.id))
    dependents = tuple(
        q for q in kb.questions if q.ask_if and question.id in questions_read(q.ask_if)
    )
    return Why(question=question, goals=tuple(goals), dependents=dependents)


@dataclass(frozen=True, slots=True)
class WhyNot:
    target: str
    certainty: float | None  # None: not derived
    rules: tuple[RuleView, ...]
    changes: tuple[
        tuple[tuple[str, AnswerValue], ...], ...
    ]  # smallest answer changes that derive it


def why_not(consultation: Consultation, target: str) -> WhyNot:
    """Which conditions fail or are unknown, and the fewest answer changes that would help."""
    kb = consultation.kb
    rules = [r for r in kb.rules if r.conclusion.target == target]
    finding = consultation.result().get(target)
    views = tuple(_view(consultation, r) for r in rules)
    changes: tuple[tuple[tuple[str, AnswerValue], ...], ...] = ()
    if finding is None:
        changes = _smallest_changes(consultation, target, rules)
    return WhyNot(
        target=target,
        certainty=finding.certainty if finding else None,
        rules=views,
        changes=changes,
    )


def _relevant_questions(
    consultation: Consultation, rules: Iterable[Rule], depth: int = 3
) -> list[str]:
    kb = consultation.kb
    found: dict[str, None] = {}
    frontier = list(rules)
    for _ in range(depth):
        following: list[Rule] = []
        for rule in frontier:
            for q in sorted(questions_read(rule.condition)):
                found.setdefault(q, None)
            for _kind, needed in conclusions_read(rule.condition):
                following += [r for r in kb.rules if r.conclusion.target == needed]
        frontier = following
    # gates of those questions matter too: a follow-up only counts when its gate holds
    for q in list(found):
        gate = kb.question(q).ask_if
        for g in sorted(questions_read(gate) if gate else ()):
            found.setdefault(g, None)
    return list(found)


def _candidates(consultation: Consultation, question: Question) -> list[AnswerValue]:
    current = consultation.answers.get(question.id)
    values: list[AnswerValue] = []
    if question.kind is QuestionKind.MULTIPLE:
        chosen = current if isinstance(current, frozenset) else frozenset()
        values = [chosen ^ {option} for option in question.option_values()]
    elif question.options:
        values = list(question.option_values())
    else:
        low = question.minimum if question.minimum is not None else 0
        high = question.maximum if question.maximum is not None else 100
        points = {low, high}
        for rule in consultation.kb.rules:
            for atom in atoms(rule.condition):
                if (
                    isinstance(atom, AnswerTest)
                    and atom.question == question.id
                    and atom.op is not Op.IN
                    and isinstance(atom.value, int)
                    and not isinstance(atom.value, bool)
                ):
                    points |= {atom.value - 1, atom.value, atom.value + 1}
        values.extend(sorted(p for p in points if low <= p <= high))
    return [v for v in values if v != current]


def _smallest_changes(
    consultation: Consultation, target: str, rules: list[Rule]
) -> tuple[tuple[tuple[str, AnswerValue], ...], ...]:
    kb = consultation.kb
    engine = ReferenceEngine(kb)
    questions = _relevant_questions(consultation, rules)
    options = [(q, v) for q in questions for v in _candidates(consultation, kb.question(q))]

    def works(change: tuple[tuple[str, AnswerValue], ...]) -> bool:
        answers = dict(consultation.answers)
        answers.update(change)
        trial = Consultation(kb, engine, full=True, answers=answers)
        try:
            return trial.result().get(target) is not None
        finally:
            trial.close()

    singles = tuple(((q, v),) for q, v in options if works(((q, v),)))
    if singles:
        return singles[:MAX_ALTERNATIVES]
    found: list[tuple[tuple[str, AnswerValue], ...]] = []
    for (q1, v1), (q2, v2) in itertools.islice(itertools.combinations(options, 2), MAX_PAIRS):
        if q1 != q2 and works(((q1, v1), (q2, v2))):
            found.append(((q1, v1), (q2, v2)))
            if len(found) >= MAX_ALTERNATIVES:
                break
    return tuple(found)
