"""Conclusions that can never be derived: interventies that counter nothing (W503), rules that
wait for a conclusion that never comes (W504), lessen and praktijkvoorbeelden never shown (W505).

Which conclusions can be derived at all is a fixpoint: a rule can fire when one of its
possible alternatives needs only conclusions that can themselves be derived.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from adviseur.checks.context import Context
from adviseur.checks.logic import Logic, lits_derived
from adviseur.checks.registry import problem
from adviseur.diagnostics import Diagnostic
from adviseur.engine.normal import Conjunction
from adviseur.model.conditions import Derived, atoms
from adviseur.model.knowledge import Case, Intervention, Lesson, Rule


def derivable(ctx: Context, logic: Logic) -> tuple[set[str], set[str]]:
    """(rule ids that can fire, conclusion ids that can be derived)."""
    fired: set[str] = set()
    reached: set[str] = set()
    changed = True
    while changed:
        changed = False
        for rule in ctx.kb.rules:
            if rule.id in fired:
                continue
            status = logic.rules[rule.id]
            if status.alternatives is None or any(
                all(lit.ref in reached for lit in lits_derived(alt)) for alt in status.alternatives
            ):
                fired.add(rule.id)
                reached.add(rule.conclusion.target)
                changed = True
    return fired, reached


def check(ctx: Context, logic: Logic) -> Iterator[Diagnostic]:
    if not ctx.complete:
        return  # a rule that concludes something may be in the part that could not be read
    fired, reached = derivable(ctx, logic)
    by_target: dict[str, list[Rule]] = {}
    for rule in ctx.kb.rules:
        by_target.setdefault(rule.conclusion.target, []).append(rule)
    for rule in ctx.kb.rules:
        status = logic.rules[rule.id]
        if rule.generated_from is None and status.alternatives and rule.id not in fired:
            yield _waits(rule, status.alternatives, reached)
    items: Sequence[Intervention | Lesson | Case] = (
        *ctx.kb.interventions,
        *ctx.kb.lessons,
        *ctx.kb.cases,
    )
    for item in items:
        if item.id in reached or not ctx.clean(item.id):
            continue
        rules = by_target.get(item.id, [])
        generated = [r for r in rules if r.generated_from == item.id]
        if any(logic.rules[r.id].dead for r in generated):
            continue  # its own `als` can never hold: reported as E402/E403
        if generated or not rules:  # direct rules that cannot fire are reported themselves
            yield from _never_derived(item, bool(generated))


def _waits(rule: Rule, alternatives: Sequence[Conjunction], reached: set[str]) -> Diagnostic:
    missing: list[str] = []
    for alt in alternatives:
        for lit in lits_derived(alt):
            if lit.ref not in reached and lit.ref not in missing:
                missing.append(lit.ref)
    where = next(
        (a.origin for a in atoms(rule.condition) if isinstance(a, Derived) and a.target in missing),
        None,
    )
    kinds = {a.target: str(a.kind) for a in atoms(rule.condition) if isinstance(a, Derived)}
    named = ", ".join(f"{kinds.get(m, 'conclusie')} '{m}'" for m in missing)
    return problem(
        "W504",
        where or rule.origin,
        f"regel '{rule.id}' vuurt nooit: zij wacht op {named}, die nooit wordt afgeleid",
        "zorg dat een regel die conclusie afleidt, of pas de voorwaarde aan",
    )


def _never_derived(item: Intervention | Lesson | Case, generated: bool) -> Iterator[Diagnostic]:
    if isinstance(item, Intervention):
        if not generated:
            yield problem(
                "W503",
                item.origin,
                f"interventie '{item.id}' gaat geen faalfactor tegen en geen regel stelt haar voor",
                "noem in 'tegen' de faalfactoren die zij tegengaat",
            )
        else:
            yield problem(
                "W503",
                item.origin,
                f"interventie '{item.id}' wordt nooit voorgesteld: geen van de faalfactoren "
                f"die zij tegengaat wordt afgeleid ({', '.join(item.counters)})",
                "schrijf een regel voor een van deze faalfactoren, of pas 'tegen' aan",
            )
        return
    what = "les" if isinstance(item, Lesson) else "praktijkvoorbeeld"
    refs = item.applies_to if isinstance(item, Lesson) else (*item.factors, *item.interventions)
    key = "bij" if isinstance(item, Lesson) else "faalfactoren' en 'interventies"
    if not generated:
        yield problem(
            "W505",
            item.origin,
            f"{what} '{item.id}' wordt nooit getoond: '{key}' noemt niets",
            "noem de faalfactoren of interventies waar het om gaat",
        )
        return
    yield problem(
        "W505",
        item.origin,
        f"{what} '{item.id}' wordt nooit getoond: niets uit '{key}' wordt afgeleid "
        f"({', '.join(refs)})",
        "noem iets dat een regel afleidt, of schrijf zo'n regel",
    )
