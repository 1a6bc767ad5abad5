"""One view model of an advice; the terminal, Markdown, HTML and JSON skins all render it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from adviseur.engine.logic import Truth, closed_world
from adviseur.engine.scoring import Finding, Outcome
from adviseur.model.answers import AnswerValue, Unknown
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import Case, Citation, Intervention, KnowledgeBase, Lesson
from adviseur.session.explain import Check, answer_text, checks


def band(certainty: float) -> str:
    """Zekerheid in words."""
    if certainty >= 0.7:
        return "sterke aanwijzing"
    if certainty >= 0.4:
        return "matige aanwijzing"
    return "zwakke aanwijzing"


def number(value: float) -> str:
    """0.6 → "0,60" (Dutch decimal comma)."""
    return f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class CitationView:
    source: str
    source_title: str
    locator: str
    quote: str


@dataclass(frozen=True, slots=True)
class StepView:
    """One fired rule behind a conclusion (a numbered step of `hoe`)."""

    number: int
    rule: str
    explanation: str
    weight: float
    strength: float
    contribution: float
    checks: tuple[Check, ...]
    citations: tuple[CitationView, ...]
    same_as: str | None = None  # counted once, under this rule: it reads the same answers


@dataclass(frozen=True, slots=True)
class FactorView:
    id: str
    name: str
    dimension: str
    dimension_name: str
    description: str
    certainty: float
    band: str
    steps: tuple[StepView, ...]
    arithmetic: str
    unknown_answers: tuple[str, ...]  # questions answered "weet ik niet" it rests on
    citations: tuple[CitationView, ...]
    interventions: tuple[str, ...] = ()  # ids of the suggested interventies that counter it


@dataclass(frozen=True, slots=True)
class ItemView:
    """An interventie, les or praktijkvoorbeeld, with the findings that made it match."""

    kind: ConclusionKind
    id: str
    title: str
    text: str
    because: tuple[str, ...]  # ids of the findings it matched on
    counters: tuple[str, ...]  # interventies: every faalfactor it counters
    certainty: float
    steps: tuple[StepView, ...]
    citations: tuple[CitationView, ...]


@dataclass(frozen=True, slots=True)
class AnswerView:
    question: str
    text: str
    value: str | int | list[str]  # as written in an answers file
    answer: str  # as shown to a person
    unknown: bool
    counts: bool


@dataclass(frozen=True, slots=True)
class AdviceView:
    ruleset: str
    engine: str
    date: str  # ISO 8601, local time
    full: bool
    answers: tuple[AnswerView, ...]
    factors: tuple[FactorView, ...]
    interventions: tuple[ItemView, ...]
    lessons: tuple[ItemView, ...]
    cases: tuple[ItemView, ...]
    profile: tuple[tuple[str, str, float], ...]  # dimension id, name, score


def _citations(kb: KnowledgeBase, cited: Sequence[Citation]) -> tuple[CitationView, ...]:
    titles = {s.id: s.title for s in kb.sources}
    return tuple(
        CitationView(
            source=c.source,
            source_title=titles.get(c.source, c.source),
            locator=c.locator,
            quote=c.quote,
        )
        for c in cited
    )


def _steps(
    kb: KnowledgeBase, finding: Finding, answers: Mapping[str, AnswerValue], present: set[str]
) -> tuple[StepView, ...]:
    holds = closed_world(present)
    result = []
    for n, support in enumerate(finding.supports, start=1):
        rule = kb.rule(support.rule)
        leaves = [c for c in checks(kb, rule.condition, answers, holds) if c.truth is Truth.TRUE]
        result.append(
            StepView(
                number=n,
                rule=rule.id,
                explanation=rule.explanation,
                weight=support.weight,
                strength=support.strength,
                contribution=support.contribution,
                checks=tuple(leaves),
                citations=_citations(kb, rule.citations),
                same_as=support.same_as,
            )
        )
    return tuple(result)


def arithmetic(contributions: Sequence[float]) -> str:
    """How the parallel combination was computed, step by step."""
    if not contributions:
        return ""
    text, total = number(contributions[0]), contributions[0]
    for value in contributions[1:]:
        new = total + value * (1 - total)
        text = f"{number(total)} + {number(value)} × (1 − {number(total)}) = {number(new)}"
        total = new
    return text if len(contributions) > 1 else f"{text} (één regel)"


def build(
    kb: KnowledgeBase,
    outcome: Outcome,
    answers: Mapping[str, AnswerValue],
    *,
    engine: str,
    counting: set[str] | None = None,
    when: datetime | None = None,
    full: bool = False,
) -> AdviceView:
    """The advice for these answers as plain data."""
    present = {f.id for f in outcome.findings}
    counted = set(answers) if counting is None else counting
    unknown_questions = {q for q, v in answers.items() if isinstance(v, Unknown)}
    factors = []
    for f in outcome.of_kind(ConclusionKind.FACTOR):
        item = kb.factor(f.id)
        steps = _steps(kb, f, answers, present)
        used = {c.question for s in steps for c in s.checks if c.question}
        factors.append(
            FactorView(
                id=f.id,
                name=item.name,
                dimension=item.dimension,
                dimension_name=kb.dimension(item.dimension).name,
                description=item.description,
                certainty=f.certainty,
                band=band(f.certainty),
                steps=steps,
                arithmetic=arithmetic([s.contribution for s in f.supports if s.same_as is None]),
                unknown_answers=tuple(sorted(used & unknown_questions)),
                citations=_citations(kb, item.citations),
            )
        )
    interventions = _items(kb, outcome, ConclusionKind.INTERVENTION, answers, present)
    factors = [replace(f, interventions=_countering(f.id, interventions)) for f in factors]
    return AdviceView(
        ruleset=kb.digest,
        engine=engine,
        date=(when or datetime.now().astimezone()).isoformat(timespec="seconds"),
        full=full,
        answers=tuple(
            AnswerView(
                question=q,
                text=kb.question(q).text,
                value=_raw(v),
                answer=answer_text(kb.question(q), v),
                unknown=isinstance(v, Unknown),
                counts=q in counted,
            )
            for q, v in answers.items()
        ),
        factors=tuple(factors),
        interventions=interventions,
        lessons=_items(kb, outcome, ConclusionKind.LESSON, answers, present),
        cases=_items(kb, outcome, ConclusionKind.CASE, answers, present),
        profile=tuple((d, kb.dimension(d).name, s) for d, s in outcome.profile),
    )


def _items(
    kb: KnowledgeBase,
    outcome: Outcome,
    kind: ConclusionKind,
    answers: Mapping[str, AnswerValue],
    present: set[str],
) -> tuple[ItemView, ...]:
    result = []
    for f in outcome.of_kind(kind):
        item = kb.index[f.id]
        steps = _steps(kb, f, answers, present)
        because = tuple(dict.fromkeys(c.target for s in steps for c in s.checks if c.target))
        counters: tuple[str, ...] = ()
        if isinstance(item, Intervention):
            title, text, counters = item.name, item.description, item.counters
        elif isinstance(item, Lesson):
            title, text = item.text, ""
        elif isinstance(item, Case):
            title, text = item.title, item.summary
        else:  # pragma: no cover - the loader guarantees the kinds
            continue
        result.append(
            ItemView(
                kind=kind,
                id=f.id,
                title=title,
                text=text,
                because=because,
                counters=counters,
                certainty=f.certainty,
                steps=steps,
                citations=_citations(kb, item.citations),
            )
        )
    return tuple(result)


def _raw(value: AnswerValue) -> str | int | list[str]:
    if isinstance(value, Unknown):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def _countering(factor: str, interventions: Sequence[ItemView]) -> tuple[str, ...]:
    """The interventies that counter this factor, those countering most findings first."""
    relevant = [i for i in interventions if factor in i.because]
    relevant.sort(key=lambda i: (-len(i.because), -i.certainty, i.title))
    return tuple(i.id for i in relevant)


def resting_on_unknown(view: AdviceView) -> tuple[FactorView, ...]:
    """Conclusions that rest (partly) on a "weet ik niet" answer."""
    return tuple(f for f in view.factors if f.unknown_answers)
