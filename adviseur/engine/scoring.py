"""From firings to findings: zekerheid per faalfactor (the parallel combination of evidence), the
suggested interventies, matching lessen and praktijkvoorbeelden, and the dimension profile.

The parallel combination assumes independent evidence. Rules from several sources that read
exactly the same answers are one piece of evidence said several times: they count once, with
the highest weight, so a single answer never adds up to near-certainty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from adviseur.engine.base import Firing
from adviseur.engine.strata import rule_facts
from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    AnyOf,
    ConclusionKind,
    Condition,
    Derived,
    Not,
)
from adviseur.model.knowledge import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Support:
    """One fired rule's share in a conclusion."""

    rule: str
    weight: float  # the rule's own zekerheid (1 for rules without one)
    strength: float  # how strongly its premises hold (the weakest derived premise)
    evidence: frozenset[str] = frozenset()  # the questions and conclusions the rule reads
    same_as: str | None = None  # a rule on the same evidence that counts instead of this one

    @property
    def contribution(self) -> float:
        return self.weight * self.strength


@dataclass(frozen=True, slots=True)
class Finding:
    kind: ConclusionKind
    id: str
    certainty: float
    supports: tuple[Support, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The derived advice for one set of answers."""

    firings: tuple[Firing, ...]
    findings: tuple[Finding, ...]
    profile: tuple[tuple[str, float], ...]

    def of_kind(self, kind: ConclusionKind) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is kind)

    def ids(self, kind: ConclusionKind) -> set[str]:
        return {f.id for f in self.findings if f.kind is kind}

    def get(self, target: str) -> Finding | None:
        return next((f for f in self.findings if f.id == target), None)


def counted(supports: Sequence[Support]) -> tuple[Support, ...]:
    """Mark, per set of evidence, every support but the strongest as `same_as` that one."""
    best: dict[frozenset[str], Support] = {}
    for s in supports:
        current = best.get(s.evidence)
        if current is None or s.contribution > current.contribution:
            best[s.evidence] = s
    return tuple(
        s if best[s.evidence] is s else replace(s, same_as=best[s.evidence].rule) for s in supports
    )


def combine(values: Sequence[float]) -> float:
    """The parallel combination of positive evidence: z = z1 + z2·(1 − z1)."""
    total = 0.0
    for value in values:
        total = total + value * (1 - total)
    return total


def _strength(cond: Condition, certainty: dict[str, float]) -> float:
    match cond:
        case Derived(target=target):
            return certainty.get(target, 0.0)
        case AllOf(items=items):
            return min(_strength(i, certainty) for i in items)
        case AnyOf(items=items):
            return max(_strength(i, certainty) for i in items)
        case AnswerTest() | Not():
            return 1.0


def score(kb: KnowledgeBase, firings: Sequence[Firing]) -> Outcome:
    """Findings ordered by kind and then by zekerheid (highest first)."""
    facts = rule_facts(kb.rules)
    order = facts.levels
    fired = sorted({f.rule for f in firings}, key=lambda r: (order[r], r))
    certainty: dict[str, float] = {}
    supports: dict[str, list[Support]] = {}
    kinds: dict[str, ConclusionKind] = {}
    for rule_id in fired:
        rule = kb.rule(rule_id)
        target = rule.conclusion.target
        # Rules run in level order, so every conclusion a rule reads already has its final value.
        strength = (
            _strength(rule.condition, certainty) if rule_id in facts.reads_conclusions else 1.0
        )
        support = Support(
            rule=rule_id,
            weight=rule.conclusion.certainty,
            strength=strength,
            evidence=facts.evidence[rule_id],
        )
        supports[target] = list(counted([*supports.get(target, []), support]))
        kinds[target] = rule.conclusion.kind
        certainty[target] = round(
            combine([s.contribution for s in supports[target] if s.same_as is None]), 6
        )
    findings = [
        Finding(kind=kinds[t], id=t, certainty=certainty[t], supports=tuple(supports[t]))
        for t in supports
    ]
    rank = {k: i for i, k in enumerate(ConclusionKind)}
    findings.sort(key=lambda f: (rank[f.kind], -f.certainty, f.id))
    return Outcome(firings=tuple(firings), findings=tuple(findings), profile=profile(kb, findings))


def profile(kb: KnowledgeBase, findings: Sequence[Finding]) -> tuple[tuple[str, float], ...]:
    """Per dimension: the combined evidence of its faalfactoren (0 = no sign of trouble)."""
    by_dimension: dict[str, list[float]] = {d.id: [] for d in kb.dimensions if not d.intake}
    for finding in findings:
        if finding.kind is ConclusionKind.FACTOR:
            dimension = kb.factor(finding.id).dimension
            by_dimension.setdefault(dimension, []).append(finding.certainty)
    return tuple((d, round(combine(v), 6)) for d, v in by_dimension.items())
