"""Rule levels: a rule runs after every rule whose conclusion it reads (no cycles exist)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from adviseur.model.conditions import conclusions_read
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


_recent: list[tuple[Sequence[Rule], dict[str, int]]] = []


def cached_levels(rules: Sequence[Rule]) -> Mapping[str, int]:
    """`levels`, remembered for the last few rule sets (scoring needs them after every answer)."""
    for known, result in _recent:
        if known is rules:
            return result
    result = levels(rules)
    _recent.insert(0, (rules, result))
    del _recent[4:]
    return result
