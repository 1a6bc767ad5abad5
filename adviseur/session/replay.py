"""Replaying a scenario: its answers through a consultation, compared with `verwacht`."""

from __future__ import annotations

from dataclasses import dataclass

from adviseur.engine.base import Engine
from adviseur.engine.scoring import Outcome
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.model.scenario import Scenario
from adviseur.session.consultation import Consultation


@dataclass(frozen=True, slots=True)
class Mismatch:
    kind: str  # "ontbreekt" (expected, not derived) or "onterecht" (derived, must not be)
    what: str  # faalfactor, interventie, les, praktijkvoorbeeld
    id: str


@dataclass(frozen=True, slots=True)
class ReplayResult:
    scenario: Scenario
    outcome: Outcome
    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def replay(kb: KnowledgeBase, engine: Engine, scenario: Scenario) -> ReplayResult:
    consultation = Consultation(kb, engine, full=True, answers=scenario.answer_map())
    try:
        outcome = consultation.result()
    finally:
        consultation.close()
    expected = scenario.expected
    mismatches: list[Mismatch] = []
    wanted = (
        (ConclusionKind.FACTOR, expected.factors),
        (ConclusionKind.INTERVENTION, expected.interventions),
        (ConclusionKind.LESSON, expected.lessons),
        (ConclusionKind.CASE, expected.cases),
    )
    for kind, ids in wanted:
        derived = outcome.ids(kind)
        mismatches += [Mismatch("ontbreekt", str(kind), i) for i in ids if i not in derived]
    factors = outcome.ids(ConclusionKind.FACTOR)
    mismatches += [
        Mismatch("onterecht", "faalfactor", i) for i in expected.not_factors if i in factors
    ]
    return ReplayResult(scenario=scenario, outcome=outcome, mismatches=tuple(mismatches))
