"""Conditions → disjunctive normal form over positive, monotone literals.

This is what a pattern-matching engine can run: every `niet` is pushed down to the answer
tests and turned into a positive test on the known answer (`niet is ja` → `is nee`,
`niet ten_hoogste 2` → `groter_dan 2`), every `in` and `een_van` becomes alternatives, and
alternatives that can never hold together are dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    AnyOf,
    ConclusionKind,
    Condition,
    Derived,
    Not,
    Op,
)
from adviseur.model.knowledge import Question, QuestionKind

MAX_CONJUNCTIONS = 256


class Lit(StrEnum):
    EQ = "eq"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    HAS = "has"  # multiple choice: this option was ticked
    LACKS = "lacks"  # multiple choice: answered, and this option was not ticked
    KNOWN = "known"
    UNKNOWN = "unknown"  # "weet ik niet"
    DERIVED = "derived"


@dataclass(frozen=True, slots=True, order=True)
class Literal:
    op: Lit
    ref: str  # question id, or the id of a derived conclusion
    value: str | int = ""
    kind: str = ""  # for DERIVED: the ConclusionKind value


Conjunction = tuple[Literal, ...]


class TooComplex(ValueError):
    """A condition whose normal form has more alternatives than an engine should get."""


_NUMERIC = {Lit.LT, Lit.LE, Lit.GT, Lit.GE}
_FLIP = {Lit.LT: Lit.GE, Lit.LE: Lit.GT, Lit.GT: Lit.LE, Lit.GE: Lit.LT}
_CMP = {Op.LT: Lit.LT, Op.LE: Lit.LE, Op.GT: Lit.GT, Op.GE: Lit.GE}


def normalize(condition: Condition, questions: Mapping[str, Question]) -> list[Conjunction]:
    """The satisfiable alternatives of a condition; an empty list means it can never hold."""
    raw = _dnf(condition, questions, negate=False)
    result: list[Conjunction] = []
    seen: set[Conjunction] = set()
    for conj in raw:
        simplified = _simplify(conj, questions)
        if simplified is not None and simplified not in seen:
            seen.add(simplified)
            result.append(simplified)
    return result


def _product(parts: list[list[Conjunction]]) -> list[Conjunction]:
    result: list[Conjunction] = [()]
    for alternatives in parts:
        result = [left + right for left in result for right in alternatives]
        if len(result) > MAX_CONJUNCTIONS:
            raise TooComplex(f"meer dan {MAX_CONJUNCTIONS} alternatieven")
    return result


def _union(parts: list[list[Conjunction]]) -> list[Conjunction]:
    result = [conj for alternatives in parts for conj in alternatives]
    if len(result) > MAX_CONJUNCTIONS:
        raise TooComplex(f"meer dan {MAX_CONJUNCTIONS} alternatieven")
    return result


def _dnf(cond: Condition, questions: Mapping[str, Question], *, negate: bool) -> list[Conjunction]:
    match cond:
        case Not(item=item):
            return _dnf(item, questions, negate=not negate)
        case AllOf(items=items):
            parts = [_dnf(i, questions, negate=negate) for i in items]
            return _union(parts) if negate else _product(parts)
        case AnyOf(items=items):
            parts = [_dnf(i, questions, negate=negate) for i in items]
            return _product(parts) if negate else _union(parts)
        case Derived():
            if negate:
                raise TooComplex("'niet' over een afgeleide conclusie")
            return [
                (Literal(op=Lit.DERIVED, ref=cond.target, kind=ConclusionKind(cond.kind).value),)
            ]
        case AnswerTest():
            return _test(cond, questions[cond.question], negate=negate)
    raise AssertionError(cond)  # pragma: no cover - exhaustive match


def _test(test: AnswerTest, q: Question, *, negate: bool) -> list[Conjunction]:
    """One answer test as alternatives (mostly of single literals)."""
    ref = q.id
    if test.op is Op.ANSWERED:
        return [(Literal(op=Lit.UNKNOWN if negate else Lit.KNOWN, ref=ref),)]
    if test.op is Op.UNKNOWN:
        return [(Literal(op=Lit.KNOWN if negate else Lit.UNKNOWN, ref=ref),)]
    if test.op is Op.CONTAINS:
        return [(Literal(op=Lit.LACKS if negate else Lit.HAS, ref=ref, value=str(test.value)),)]
    if test.op in _CMP:
        op = _CMP[test.op]
        assert isinstance(test.value, int)
        return [(Literal(op=_FLIP[op] if negate else op, ref=ref, value=test.value),)]
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    if not negate:
        return [(Literal(op=Lit.EQ, ref=ref, value=v),) for v in values if not isinstance(v, bool)]
    if q.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        return _numeric_complement(ref, sorted({v for v in values if isinstance(v, int)}))
    return [(Literal(op=Lit.EQ, ref=ref, value=v),) for v in q.option_values() if v not in values]


def _numeric_complement(ref: str, excluded: list[int]) -> list[Conjunction]:
    """`niet in [2, 5]` → `< 2`, `> 2 en < 5`, `> 5`."""
    if not excluded:
        return [(Literal(op=Lit.KNOWN, ref=ref),)]
    alternatives: list[Conjunction] = [(Literal(op=Lit.LT, ref=ref, value=excluded[0]),)]
    for low, high in itertools.pairwise(excluded):
        if high - low > 1:
            alternatives.append(
                (Literal(op=Lit.GT, ref=ref, value=low), Literal(op=Lit.LT, ref=ref, value=high))
            )
    alternatives.append((Literal(op=Lit.GT, ref=ref, value=excluded[-1]),))
    return alternatives


def _simplify(conj: Conjunction, questions: Mapping[str, Question]) -> Conjunction | None:
    """Drop redundant literals; None when the literals contradict each other."""
    by_question: dict[str, list[Literal]] = {}
    others: set[Literal] = set()
    for lit in conj:
        if lit.op is Lit.DERIVED:
            others.add(lit)
        else:
            by_question.setdefault(lit.ref, []).append(lit)
    result = set(others)
    for ref, lits in by_question.items():
        kept = _simplify_question(lits, questions[ref])
        if kept is None:
            return None
        result.update(kept)
    return tuple(sorted(result))


def _simplify_question(lits: list[Literal], q: Question) -> set[Literal] | None:
    ops = {lit.op for lit in lits}
    if Lit.UNKNOWN in ops:
        return None if ops - {Lit.UNKNOWN} else {Literal(op=Lit.UNKNOWN, ref=q.id)}
    has = {lit.value for lit in lits if lit.op is Lit.HAS}
    lacks = {lit.value for lit in lits if lit.op is Lit.LACKS}
    if has & lacks:
        return None
    eqs = {lit.value for lit in lits if lit.op is Lit.EQ}
    if len(eqs) > 1:
        return None
    low, high = q.minimum, q.maximum
    for lit in lits:
        if lit.op in _NUMERIC:
            n = int(lit.value)
            if lit.op is Lit.LT:
                high = n - 1 if high is None else min(high, n - 1)
            elif lit.op is Lit.LE:
                high = n if high is None else min(high, n)
            elif lit.op is Lit.GT:
                low = n + 1 if low is None else max(low, n + 1)
            else:
                low = n if low is None else max(low, n)
    if low is not None and high is not None and low > high:
        return None
    if eqs:
        (value,) = eqs
        if isinstance(value, int) and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            return None
        return {Literal(op=Lit.EQ, ref=q.id, value=value)}
    kept = {lit for lit in lits if lit.op in (Lit.HAS, Lit.LACKS)}
    numeric = [lit for lit in lits if lit.op in _NUMERIC]
    if numeric:
        if low is not None and low == high:
            return kept | {Literal(op=Lit.EQ, ref=q.id, value=low)}
        if low is not None and low != q.minimum:
            kept.add(Literal(op=Lit.GE, ref=q.id, value=low))
        if high is not None and high != q.maximum:
            kept.add(Literal(op=Lit.LE, ref=q.id, value=high))
    if not kept:
        kept.add(Literal(op=Lit.KNOWN, ref=q.id))
    return kept


def clashing_questions(condition: Condition, questions: Mapping[str, Question]) -> list[str]:
    """The questions whose tests contradict each other, in the alternatives of a condition.

    For a condition that can never hold (`normalize` returns []) this names the culprits, so a
    rule author learns where to look.
    """
    found: list[str] = []
    for conj in _dnf(condition, questions, negate=False):
        by_question: dict[str, list[Literal]] = {}
        for lit in conj:
            if lit.op is not Lit.DERIVED:
                by_question.setdefault(lit.ref, []).append(lit)
        for ref, lits in by_question.items():
            if _simplify_question(lits, questions[ref]) is None:
                if ref not in found:
                    found.append(ref)
                break
    return found
