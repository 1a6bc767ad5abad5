"""Scenarios: a situation in prose, the answers that describe it, and the expected advice."""

from __future__ import annotations

from dataclasses import dataclass, field

from adviseur.model.answers import AnswerValue
from adviseur.model.knowledge import Citation
from adviseur.model.location import SourceLocation


@dataclass(frozen=True, slots=True, kw_only=True)
class Expectation:
    """`verwacht`: what must and must not be derived."""

    factors: tuple[str, ...] = ()
    not_factors: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    path: str
    title: str
    description: str
    answers: tuple[tuple[str, AnswerValue], ...]
    expected: Expectation
    citations: tuple[Citation, ...] = ()
    answer_origins: dict[str, SourceLocation] = field(default_factory=dict, compare=False)
    origin: SourceLocation | None = field(default=None, compare=False)
    base: str | None = None  # the scenario this one builds on

    def answer_map(self) -> dict[str, AnswerValue]:
        return dict(self.answers)
