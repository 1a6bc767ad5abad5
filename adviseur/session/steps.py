"""A scenario replayed answer by answer: what each answer changed, and prediction scores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from adviseur.engine.base import Engine
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.model.scenario import Scenario
from adviseur.session.consultation import Consultation
from adviseur.session.impact import Shift, shifts_between


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    question: str
    value: AnswerValue
    shifts: tuple[Shift, ...]  # what appeared, disappeared, strengthened or weakened

    def appeared(self, kind: ConclusionKind = ConclusionKind.FACTOR) -> tuple[str, ...]:
        return tuple(s.id for s in self.shifts if s.kind is kind and s.before is None)


def steps(kb: KnowledgeBase, engine: Engine, scenario: Scenario) -> Iterator[Step]:
    """The scenario's answers in consultation order (intake first, then dimension by dimension)."""
    answers = scenario.answer_map()
    consultation = Consultation(kb, engine, full=True)
    order = [q.id for q in consultation.agenda.order if q.id in answers]
    try:
        for number, question in enumerate(order, start=1):
            before = consultation.result()
            consultation.answer(question, answers[question])
            yield Step(
                number=number,
                question=question,
                value=answers[question],
                shifts=shifts_between(before, consultation.result()),
            )
    finally:
        consultation.close()


@dataclass(frozen=True, slots=True)
class Score:
    hits: tuple[str, ...]
    misses: tuple[str, ...]  # appeared, not predicted
    false_alarms: tuple[str, ...]  # predicted, never appeared

    @property
    def percentage(self) -> int:
        total = len(self.hits) + len(self.misses) + len(self.false_alarms)
        return round(100 * len(self.hits) / total) if total else 100


def score(predicted: Sequence[set[str]], revealed: Sequence[set[str]]) -> Score:
    """Predictions per step against what appeared at that step; a factor predicted early and
    appearing later still counts as a hit (the group saw it coming)."""
    all_predicted = set().union(*predicted) if predicted else set()
    all_revealed = set().union(*revealed) if revealed else set()
    hits = sorted(all_revealed & all_predicted)
    return Score(
        hits=tuple(hits),
        misses=tuple(sorted(all_revealed - all_predicted)),
        false_alarms=tuple(sorted(all_predicted - all_revealed)),
    )
