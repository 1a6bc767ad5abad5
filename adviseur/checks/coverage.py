"""`adviseur dekking`: what the scenarios never exercise, and which parts of the sources no
citation uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adviseur.checks.citations import cited
from adviseur.loading.resolve import section_of
from adviseur.model.knowledge import (
    Case,
    FailureFactor,
    Intervention,
    KnowledgeBase,
    Lesson,
    Rule,
    Section,
    Source,
)
from adviseur.session.replay import ReplayResult


@dataclass(frozen=True, slots=True)
class SourceGaps:
    source: Source
    unused: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per kind: everything there is, and what the scenarios (or citations) never touch."""

    scenarios: tuple[str, ...]
    rules: tuple[Rule, ...]
    unfired: tuple[Rule, ...]
    unexpected: tuple[FailureFactor, ...]  # faalfactoren no scenario expects
    unsuggested: tuple[Intervention, ...]
    unshown_lessons: tuple[Lesson, ...]
    unshown_cases: tuple[Case, ...]
    sources: tuple[SourceGaps, ...]


def coverage(kb: KnowledgeBase, results: Sequence[ReplayResult]) -> Coverage:
    fired = {f.rule for r in results for f in r.outcome.firings}
    derived = {f.id for r in results for f in r.outcome.findings}
    expected = {i for r in results for i in r.scenario.expected.factors}
    rules = tuple(r for r in kb.rules if r.generated_from is None)
    used: dict[str, set[str]] = {}
    for _, citation in cited(kb):
        src = kb.index.get(citation.source)
        if isinstance(src, Source) and (section := section_of(src, citation.locator)):
            used.setdefault(src.id, set()).add(section)
    return Coverage(
        scenarios=tuple(r.scenario.path for r in results),
        rules=rules,
        unfired=tuple(r for r in rules if r.id not in fired),
        unexpected=tuple(f for f in kb.factors if f.id not in expected),
        unsuggested=tuple(i for i in kb.interventions if i.id not in derived),
        unshown_lessons=tuple(les for les in kb.lessons if les.id not in derived),
        unshown_cases=tuple(c for c in kb.cases if c.id not in derived),
        sources=tuple(
            SourceGaps(
                source=s,
                unused=tuple(x for x in s.sections if x.locator not in used.get(s.id, set())),
            )
            for s in kb.sources
        ),
    )


def _where(item: Any) -> str | None:
    return str(item.origin) if item.origin is not None else None


def coverage_document(kb: KnowledgeBase, cov: Coverage) -> dict[str, Any]:
    """`adviseur dekking --json`."""

    def items(group: Sequence[Any], total: int, key: str) -> dict[str, Any]:
        return {
            "totaal": total,
            key: [{"id": i.id, "plaats": _where(i)} for i in group],
        }

    return {
        "regelset": kb.digest,
        "scenarios": list(cov.scenarios),
        "regels": items(cov.unfired, len(cov.rules), "nooit_gevuurd"),
        "faalfactoren": items(cov.unexpected, len(kb.factors), "nooit_verwacht"),
        "interventies": items(cov.unsuggested, len(kb.interventions), "nooit_voorgesteld"),
        "lessen": items(cov.unshown_lessons, len(kb.lessons), "nooit_getoond"),
        "praktijkvoorbeelden": items(cov.unshown_cases, len(kb.cases), "nooit_getoond"),
        "bronnen": [
            {
                "id": g.source.id,
                "titel": g.source.title,
                "onderdelen": len(g.source.sections),
                "niet_geciteerd": [{"locatie": s.locator, "titel": s.title} for s in g.unused],
            }
            for g in cov.sources
        ],
    }
