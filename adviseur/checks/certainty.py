"""A rule's zekerheid must fit its grondslag (W506): how explicitly the source says it."""

from __future__ import annotations

from collections.abc import Iterator

from adviseur.checks.context import Context
from adviseur.checks.registry import problem
from adviseur.diagnostics import Diagnostic
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import Basis

BANDS = {
    Basis.EXPLICIT: (0.6, 0.9),
    Basis.IMPLIED: (0.4, 0.6),
    Basis.CONTEXT: (0.2, 0.4),
}


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def check(ctx: Context) -> Iterator[Diagnostic]:
    for rule in ctx.kb.rules:
        if rule.basis is None or rule.conclusion.kind is not ConclusionKind.FACTOR:
            continue
        low, high = BANDS[rule.basis]
        certainty = rule.conclusion.certainty
        if low - 1e-9 <= certainty <= high + 1e-9 or not ctx.clean(rule.id):
            continue
        yield problem(
            "W506",
            rule.origin,
            f"zekerheid {_number(certainty)} van regel '{rule.id}' past niet bij grondslag "
            f"'{rule.basis}' ({_number(low)}–{_number(high)})",
            "pas de zekerheid of de grondslag aan",
        )
