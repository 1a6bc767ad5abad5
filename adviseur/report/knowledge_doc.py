"""The loaded knowledge base as one JSON document (`adviseur kennisbank --json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Derived, Not
from adviseur.model.knowledge import Citation, KnowledgeBase


def condition_data(cond: Condition | None) -> Any:
    """A condition back in the shape it is written in YAML."""
    match cond:
        case None:
            return None
        case AnswerTest(question=q, op=op, value=value):
            return {"vraag": q, str(op): list(value) if isinstance(value, tuple) else value}
        case Derived(kind=kind, target=target):
            return {str(kind): target}
        case Not(item=item):
            return {"niet": condition_data(item)}
        case AllOf(items=items):
            return {"alle": [condition_data(i) for i in items]}
        case AnyOf(items=items):
            return {"een_van": [condition_data(i) for i in items]}


def _citations(items: Sequence[Citation]) -> list[dict[str, str]]:
    return [{"bron": c.source, "locatie": c.locator, "citaat": c.quote} for c in items]


def knowledge_document(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "regelset": kb.digest,
        "bronnen": [
            {
                "id": s.id,
                "titel": s.title,
                "auteur": s.author,
                "jaar": s.year,
                "bestand": s.filename,
                "onderdelen": [{"locatie": x.locator, "titel": x.title} for x in s.sections],
            }
            for s in kb.sources
        ],
        "dimensies": [
            {
                "id": d.id,
                "naam": d.name,
                "beschrijving": d.description,
                "soort": "intake" if d.intake else "dimensie",
            }
            for d in kb.dimensions
        ],
        "vragen": [
            {
                "id": q.id,
                "dimensie": q.dimension,
                "tekst": q.text,
                "type": str(q.kind),
                "opties": [{"waarde": o.value, "label": o.label} for o in q.options],
                **(
                    {"min": q.minimum, "max": q.maximum}
                    if q.minimum is not None or q.maximum is not None
                    else {}
                ),
                "toelichting": q.help,
                "route": "kort" if q.core else "volledig",
                "vraag_als": condition_data(q.ask_if),
                "weet_niet": q.allow_unknown,
                "citaties": _citations(q.citations),
            }
            for q in kb.questions
        ],
        "faalfactoren": [
            {
                "id": f.id,
                "naam": f.name,
                "dimensie": f.dimension,
                "beschrijving": f.description,
                "citaties": _citations(f.citations),
            }
            for f in kb.factors
        ],
        "interventies": [
            {
                "id": i.id,
                "naam": i.name,
                "beschrijving": i.description,
                "tegen": list(i.counters),
                "als": condition_data(i.condition),
                "citaties": _citations(i.citations),
            }
            for i in kb.interventions
        ],
        "lessen": [
            {
                "id": les.id,
                "les": les.text,
                "thema": les.theme,
                "bij": list(les.applies_to),
                "als": condition_data(les.condition),
                "citaties": _citations(les.citations),
            }
            for les in kb.lessons
        ],
        "praktijkvoorbeelden": [
            {
                "id": c.id,
                "titel": c.title,
                "setting": c.setting,
                "wat_gebeurde": c.summary,
                "faalfactoren": list(c.factors),
                "interventies": list(c.interventions),
                "als": condition_data(c.condition),
                "citaties": _citations(c.citations),
            }
            for c in kb.cases
        ],
        "regels": [
            {
                "id": r.id,
                "als": condition_data(r.condition),
                "dan": {
                    str(r.conclusion.kind): r.conclusion.target,
                    **(
                        {"zekerheid": r.conclusion.certainty}
                        if r.conclusion.kind.value == "faalfactor"
                        else {}
                    ),
                },
                "grondslag": str(r.basis) if r.basis else None,
                "uitleg": r.explanation,
                "afgeleid_van": r.generated_from,
                "citaties": _citations(r.citations),
            }
            for r in kb.rules
        ],
    }
