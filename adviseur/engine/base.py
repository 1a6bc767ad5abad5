"""The engine seam: what the consultation needs from an inference engine, and nothing more."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from adviseur.model.answers import AnswerValue


@dataclass(frozen=True, slots=True)
class Premise:
    """One fact a firing matched: an answer (`vraag`, id, shown value) or a derived conclusion."""

    kind: str
    ref: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Firing:
    """A rule that fired, with the facts it matched (in the engine's order)."""

    rule: str
    premises: tuple[Premise, ...]


class EngineSession(Protocol):
    """One consultation's working memory. Answers only ever get added; a changed answer means
    a fresh session (there is no truth maintenance)."""

    def add(self, answers: Mapping[str, AnswerValue]) -> tuple[Firing, ...]:
        """Assert new answers, run to a fixpoint and return the firings this caused."""
        ...

    def firings(self) -> tuple[Firing, ...]:
        """Every firing so far, in order."""
        ...

    def close(self) -> None:
        """Free the session's state in the engine."""
        ...


class Engine(Protocol):
    name: str

    def open(self) -> EngineSession: ...

    def close(self) -> None: ...


def derive(engine: Engine, answers: Mapping[str, AnswerValue]) -> tuple[Firing, ...]:
    """All firings for a complete set of answers, in a fresh session."""
    session = engine.open()
    try:
        session.add(answers)
        return session.firings()
    finally:
        session.close()
