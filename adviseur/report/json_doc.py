"""AdviceView → a JSON-ready dict (the contract of `adviseur consult --json`)."""

from __future__ import annotations

from typing import Any

from adviseur.report.view import AdviceView, CitationView, ItemView, StepView

SCHEMA_VERSION = 1


def citations(items: tuple[CitationView, ...]) -> list[dict[str, str]]:
    return [{"bron": c.source, "locatie": c.locator, "citaat": c.quote} for c in items]


def _steps(steps: tuple[StepView, ...]) -> list[dict[str, Any]]:
    return [
        {
            "stap": s.number,
            "regel": s.rule,
            "uitleg": s.explanation,
            "gewicht": s.weight,
            "sterkte": s.strength,
            "bijdrage": round(s.contribution, 6),
            "telt_mee": s.same_as is None,
            "voorwaarden": [
                {
                    "tekst": c.text,
                    **({"vraag": c.question, "antwoord": c.answer} if c.question else {}),
                    **({"conclusie": c.target} if c.target else {}),
                }
                for c in s.checks
            ],
            "citaties": citations(s.citations),
        }
        for s in steps
    ]


def _item(item: ItemView) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": item.id, "naam": item.title}
    if item.text:
        doc["beschrijving"] = item.text
    if item.counters:
        doc["tegen"] = list(item.counters)
    doc["omdat"] = list(item.because)
    doc["gewicht"] = round(item.certainty, 6)
    doc["citaties"] = citations(item.citations)
    return doc


def advice_document(view: AdviceView) -> dict[str, Any]:
    return {
        "versie": SCHEMA_VERSION,
        "regelset": view.ruleset,
        "engine": view.engine,
        "faalfactoren": [
            {
                "id": f.id,
                "naam": f.name,
                "dimensie": f.dimension,
                "zekerheid": round(f.certainty, 6),
                "aanwijzing": f.band,
                "berekening": f.arithmetic,
                "rust_op_weet_ik_niet": list(f.unknown_answers),
                "hoe": _steps(f.steps),
                "citaties": citations(f.citations),
            }
            for f in view.factors
        ],
        "interventies": [_item(i) for i in view.interventions],
        "lessen": [_item(i) for i in view.lessons],
        "praktijkvoorbeelden": [_item(i) for i in view.cases],
        "profiel": {d: round(score, 6) for d, _name, score in view.profile},
        "antwoorden": {a.question: a.value for a in view.answers},
    }


def report_document(view: AdviceView) -> dict[str, Any]:
    """The `.json` report: the consult --json document plus the date and what rests on unknowns."""
    doc = advice_document(view)
    doc["datum"] = view.date
    doc["route"] = "volledig" if view.full else "kort"
    doc["rust_op_weet_ik_niet"] = {
        f.id: list(f.unknown_answers) for f in view.factors if f.unknown_answers
    }
    return doc
