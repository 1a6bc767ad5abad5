"""Conditions in plain Dutch, and which parts of a rule hold for a set of answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from adviseur.engine.logic import Truth, evaluate, truth_of_test
from adviseur.model.answers import AnswerValue, describe
from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Derived, Not, Op
from adviseur.model.knowledge import KnowledgeBase, Question

_OP_WORDS = {
    Op.IS: "",
    Op.IN: "",
    Op.CONTAINS: "aangekruist:",
    Op.LT: "kleiner dan",
    Op.LE: "ten hoogste",
    Op.GT: "groter dan",
    Op.GE: "ten minste",
}
_KIND_WORDS = {
    "faalfactor": "faalfactor",
    "interventie": "interventie",
    "les": "les",
    "praktijkvoorbeeld": "praktijkvoorbeeld",
}


def _value_text(question: Question, value: object) -> str:
    if isinstance(value, tuple):
        return " of ".join(_value_text(question, v) for v in value)
    if isinstance(value, str):
        return f"'{question.label_of(value)}'"
    return str(value)


def answer_text(question: Question, value: AnswerValue) -> str:
    """An answer as the user saw it: option labels, numbers, or 'weet ik niet'."""
    if isinstance(value, frozenset):
        return (
            ", ".join(question.label_of(v) for v in question.option_values() if v in value)
            or "(geen)"
        )
    if isinstance(value, str):
        return question.label_of(value)
    return describe(value)


_NEGATED_OPS = {Op.LT: Op.GE, Op.LE: Op.GT, Op.GT: Op.LE, Op.GE: Op.LT}


def phrase_test(kb: KnowledgeBase, test: AnswerTest, *, negated: bool = False) -> str:
    """`{vraag: q, ten_hoogste: 2}` → "<vraagtekst> → ten hoogste 2"."""
    question = kb.question(test.question)
    subject = question.text.strip()
    if test.op is Op.ANSWERED:
        return f"{subject} → {'weet ik niet' if negated else 'beantwoord'}"
    if test.op is Op.UNKNOWN:
        return f"{subject} → {'beantwoord' if negated else 'weet ik niet'}"
    op: Op = test.op
    if negated and op in _NEGATED_OPS:
        op, negated = _NEGATED_OPS[op], False
    if negated and op in (Op.IS, Op.IN) and question.options:
        excluded = test.value if isinstance(test.value, tuple) else (test.value,)
        rest = tuple(v for v in question.option_values() if v not in excluded)
        return f"{subject} → {_value_text(question, rest)}"
    words = {Op.IS: "", Op.IN: "", Op.CONTAINS: "aangekruist:"}.get(op, _OP_WORDS[op])
    if negated:
        words = "niet aangekruist:" if op is Op.CONTAINS else f"niet {words}".strip()
    return f"{subject} → {words} {_value_text(question, test.value)}".replace("→  ", "→ ")


def condition_text(kb: KnowledgeBase, cond: Condition) -> str:
    """A whole condition on one line, for rule authors and explanations."""
    match cond:
        case AnswerTest():
            return phrase_test(kb, cond)
        case Derived(kind=kind, target=target):
            item = kb.index.get(target)
            name = getattr(item, "name", None) or getattr(item, "title", None) or target
            return f"{_KIND_WORDS[str(kind)]} '{name}' speelt"
        case Not(item=AnswerTest() as inner):
            return phrase_test(kb, inner, negated=True)
        case Not(item=item):
            return f"niet ({condition_text(kb, item)})"
        case AllOf(items=items):
            return " en ".join(_grouped(kb, i) for i in items)
        case AnyOf(items=items):
            return " of ".join(_grouped(kb, i) for i in items)


def _grouped(kb: KnowledgeBase, cond: Condition) -> str:
    text = condition_text(kb, cond)
    return f"({text})" if isinstance(cond, AllOf | AnyOf) else text


@dataclass(frozen=True, slots=True)
class Check:
    """One leaf of a condition and how it came out for these answers."""

    text: str
    truth: Truth
    question: str | None = None
    answer: str | None = None  # the given answer, as the user wrote it
    target: str | None = None  # a derived conclusion this leaf refers to


def checks(
    kb: KnowledgeBase,
    cond: Condition,
    answers: Mapping[str, AnswerValue],
    holds: Callable[[Derived], Truth],
    *,
    negated: bool = False,
) -> list[Check]:
    """Every leaf of a condition with its truth (already accounting for `niet`)."""
    match cond:
        case AnswerTest(question=q):
            answer = answers.get(q)
            result = truth_of_test(cond, answer)
            return [
                Check(
                    text=phrase_test(kb, cond, negated=negated),
                    truth=~result if negated else result,
                    question=q,
                    answer=answer_text(kb.question(q), answer) if answer is not None else None,
                )
            ]
        case Derived():
            return [Check(text=condition_text(kb, cond), truth=holds(cond), target=cond.target)]
        case Not(item=item):
            return checks(kb, item, answers, holds, negated=not negated)
        case AllOf(items=items) | AnyOf(items=items):
            return [c for i in items for c in checks(kb, i, answers, holds, negated=negated)]


def rule_truth(
    cond: Condition, answers: Mapping[str, AnswerValue], holds: Callable[[Derived], Truth]
) -> Truth:
    return evaluate(cond, answers, holds)
