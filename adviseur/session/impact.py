"""What changing an earlier answer would do, shown before the change is made."""

from __future__ import annotations

from dataclasses import dataclass

from adviseur.engine.scoring import Outcome
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import ConclusionKind
from adviseur.session.consultation import Consultation


@dataclass(frozen=True, slots=True)
class Shift:
    """A conclusion whose presence or zekerheid changes."""

    kind: ConclusionKind
    id: str
    before: float | None  # None: not derived
    after: float | None


@dataclass(frozen=True, slots=True)
class Impact:
    question: str
    old: AnswerValue | None
    new: AnswerValue | None
    shifts: tuple[Shift, ...]
    appear: tuple[str, ...]  # questions that become relevant
    disappear: tuple[str, ...]  # questions that are no longer asked
    stop_counting: tuple[str, ...]  # earlier answers whose vraag_als no longer holds
    start_counting: tuple[str, ...]

    def gained(self) -> tuple[Shift, ...]:
        return tuple(s for s in self.shifts if s.before is None)

    def lost(self) -> tuple[Shift, ...]:
        return tuple(s for s in self.shifts if s.after is None)

    def stronger(self) -> tuple[Shift, ...]:
        return tuple(
            s
            for s in self.shifts
            if s.before is not None and s.after is not None and s.after > s.before
        )

    def weaker(self) -> tuple[Shift, ...]:
        return tuple(
            s
            for s in self.shifts
            if s.before is not None and s.after is not None and s.after < s.before
        )

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.shifts
            or self.appear
            or self.disappear
            or self.stop_counting
            or self.start_counting
        )


def shifts_between(before: Outcome, after: Outcome) -> tuple[Shift, ...]:
    """Conclusions that appear, disappear or change zekerheid, by kind and then by id."""
    old = {f.id: f for f in before.findings}
    new = {f.id: f for f in after.findings}
    shifts = []
    for target in old.keys() | new.keys():
        b, a = old.get(target), new.get(target)
        if b is not None and a is not None and abs(b.certainty - a.certainty) < 1e-9:
            continue
        kind = a.kind if a is not None else b.kind if b is not None else ConclusionKind.FACTOR
        shifts.append(Shift(kind, target, b.certainty if b else None, a.certainty if a else None))
    rank = {kind: n for n, kind in enumerate(ConclusionKind)}
    return tuple(sorted(shifts, key=lambda s: (rank[s.kind], s.id)))


def preview(consultation: Consultation, question_id: str, value: AnswerValue | None) -> Impact:
    """Derive the advice as it would be after the change, without changing anything."""
    answers = dict(consultation.answers)
    old = answers.get(question_id)
    if value is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = value
    trial = Consultation(
        consultation.kb, consultation.engine, full=consultation.full, answers=answers
    )
    try:
        shifts = shifts_between(consultation.result(), trial.result())
        pending_before = {q.id for q in consultation.pending()}
        pending_after = {q.id for q in trial.pending()}
        counted_before = set(consultation.active_answers())
        counted_after = set(trial.active_answers())
    finally:
        trial.close()
    order = [q.id for q in consultation.agenda.order]
    return Impact(
        question=question_id,
        old=old,
        new=value,
        shifts=shifts,
        appear=tuple(q for q in order if q in pending_after - pending_before and q != question_id),
        disappear=tuple(
            q for q in order if q in pending_before - pending_after and q != question_id
        ),
        stop_counting=tuple(
            q for q in order if q in counted_before - counted_after and q != question_id
        ),
        start_counting=tuple(
            q for q in order if q in counted_after - counted_before and q != question_id
        ),
    )
