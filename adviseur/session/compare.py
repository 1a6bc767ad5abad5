"""Two answer sets side by side: which conclusions differ, and which answers cause it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adviseur.engine.base import Engine
from adviseur.engine.scoring import Outcome
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import ConclusionKind, conclusions_read, questions_read
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.consultation import Consultation


@dataclass(frozen=True, slots=True)
class Difference:
    kind: ConclusionKind
    id: str
    a: float | None  # zekerheid in A (None: not derived)
    b: float | None
    causes: tuple[str, ...]  # the questions whose different answers explain it


@dataclass(frozen=True, slots=True)
class Comparison:
    answers: tuple[
        tuple[str, AnswerValue | None, AnswerValue | None], ...
    ]  # the answers that differ
    differences: tuple[Difference, ...]

    def only_a(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.b is None)

    def only_b(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.a is None)

    def changed(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.a is not None and d.b is not None)


def _outcome(
    kb: KnowledgeBase, engine: Engine, answers: Mapping[str, AnswerValue]
) -> tuple[Outcome, set[str]]:
    consultation = Consultation(kb, engine, full=True, answers=answers)
    try:
        return consultation.result(), set(consultation.active_answers())
    finally:
        consultation.close()


def _reads(kb: KnowledgeBase, target: str, seen: set[str] | None = None) -> set[str]:
    """Every question the rules for a conclusion read, directly, via gates or via premises."""
    seen = seen if seen is not None else set()
    if target in seen:
        return set()
    seen.add(target)
    found: set[str] = set()
    for rule in kb.rules:
        if rule.conclusion.target != target:
            continue
        found |= questions_read(rule.condition)
        for _kind, needed in conclusions_read(rule.condition):
            found |= _reads(kb, needed, seen)
    for question in list(found):
        gate = kb.question(question).ask_if
        if gate is not None:
            found |= questions_read(gate)
    return found


def compare(
    kb: KnowledgeBase,
    engine: Engine,
    a: Mapping[str, AnswerValue],
    b: Mapping[str, AnswerValue],
) -> Comparison:
    outcome_a, _ = _outcome(kb, engine, a)
    outcome_b, _ = _outcome(kb, engine, b)
    order = {q.id: n for n, q in enumerate(kb.questions)}
    differing = sorted(
        (q for q in a.keys() | b.keys() if a.get(q) != b.get(q)), key=lambda q: order.get(q, 0)
    )
    found_a = {f.id: f for f in outcome_a.findings}
    found_b = {f.id: f for f in outcome_b.findings}
    rank = {kind: n for n, kind in enumerate(ConclusionKind)}
    differences = []
    for target in found_a.keys() | found_b.keys():
        fa, fb = found_a.get(target), found_b.get(target)
        if fa is not None and fb is not None and abs(fa.certainty - fb.certainty) < 1e-9:
            continue
        kind = fa.kind if fa is not None else fb.kind if fb is not None else ConclusionKind.FACTOR
        reads = _reads(kb, target)
        differences.append(
            Difference(
                kind=kind,
                id=target,
                a=fa.certainty if fa else None,
                b=fb.certainty if fb else None,
                causes=tuple(q for q in differing if q in reads),
            )
        )
    differences.sort(key=lambda d: (rank[d.kind], d.id))
    return Comparison(
        answers=tuple((q, a.get(q), b.get(q)) for q in differing),
        differences=tuple(differences),
    )
