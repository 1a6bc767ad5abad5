"""Rule levels: a rule runs after every rule whose conclusion it reads (no cycles exist)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from adviseur.model.conditions import conclusions_read, questions_read
from adviseur.model.knowledge import Rule


def levels(rules: Sequence[Rule]) -> dict[str, int]:
    """Rule id → level: 0 reads only answers, n+1 reads a conclusion of level n."""
    concluded_by: dict[str, list[Rule]] = {}
    for rule in rules:
        concluded_by.setdefault(rule.conclusion.target, []).append(rule)
    memo: dict[str, int] = {}

    def level(rule: Rule) -> int:
        if rule.id not in memo:
            memo[rule.id] = 0  # cycles are rejected by the loader; this only guards recursion
            needed = [
                r
                for _, target in conclusions_read(rule.condition)
                for r in concluded_by.get(target, [])
            ]
            memo[rule.id] = 1 + max((level(r) for r in needed), default=-1)
        return memo[rule.id]

    for rule in rules:
        level(rule)
    return memo


@dataclass(frozen=True, slots=True)
class RuleFacts:
    """What scoring needs to know about a rule set, worked out once per rule set."""

    levels: Mapping[str, int]
    reads_conclusions: frozenset[str]  # ids of rules whose condition reads a conclusion
    evidence: Mapping[str, frozenset[str]]  # rule id → the questions and conclusions it reads


_recent: list[tuple[Sequence[Rule], RuleFacts]] = []


def rule_facts(rules: Sequence[Rule]) -> RuleFacts:
    """`RuleFacts`, remembered for the last few rule sets (scoring runs after every answer)."""
    for known, facts in _recent:
        if known is rules:
            return facts
    facts = RuleFacts(
        levels=levels(rules),
        reads_conclusions=frozenset(r.id for r in rules if conclusions_read(r.condition)),
        evidence={
            r.id: questions_read(r.condition) | {t for _k, t in conclusions_read(r.condition)}
            for r in rules
        },
    )
    _recent.insert(0, (rules, facts))
    del _recent[4:]
    return facts
