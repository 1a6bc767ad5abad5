"""AdviceView → one standalone, printable HTML page with an inline SVG profile and footnotes."""

from __future__ import annotations

from html import escape

from adviseur.report.notes import Notes, dutch_date
from adviseur.report.svg import profile_svg
from adviseur.report.view import (
    AdviceView,
    CitationView,
    FactorView,
    ItemView,
    number,
    resting_on_unknown,
)

STYLE = """
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.meta{color:#555;font-size:.9rem}.band{font-weight:bold}ol.hoe li{margin:.3rem 0}
.unknown{color:#8a5a00}sup a{text-decoration:none}.notes{font-size:.85rem}
@media print{body{margin:0;max-width:none}a{color:inherit}h2,h3{page-break-after:avoid}section{page-break-inside:avoid}}
"""


def _cite(notes: Notes, citations: tuple[CitationView, ...]) -> str:
    return "".join(
        f'<sup><a href="#noot{notes.number(c)}">{notes.number(c)}</a></sup>' for c in citations
    )


def _factor(rank: int, f: FactorView, view: AdviceView, notes: Notes) -> str:
    items = {i.id: i for i in view.interventions}
    steps = []
    for step in f.steps:
        checks = "".join(
            f"<li>{escape(c.text)}"
            + (f" — <em>u antwoordde: {escape(c.answer)}</em>" if c.answer else "")
            + "</li>"
            for c in step.checks
        )
        steps.append(
            f"<li>Regel <code>{escape(step.rule)}</code> (gewicht {number(step.weight)} → "
            f"{number(step.contribution)}"
            + (
                f"; telt één keer mee, met regel <code>{escape(step.same_as)}</code>"
                if step.same_as
                else ""
            )
            + f"): {escape(step.explanation)}{_cite(notes, step.citations)}"
            f"<ol>{checks}</ol></li>"
        )
    parts = [
        f"<section><h3>{rank}. {escape(f.name)} — <span class='band'>{f.band}</span> ({number(f.certainty)})</h3>",
        f"<p><em>{escape(f.dimension_name)}.</em> {escape(f.description)}{_cite(notes, f.citations)}</p>",
        f"<p><strong>Hoe is dit afgeleid?</strong></p><ol class='hoe'>{''.join(steps)}</ol>",
    ]
    if len(f.steps) > 1:
        parts.append(f"<p>Combinatie van de regels: {escape(f.arithmetic)}</p>")
    if f.unknown_answers:
        parts.append(
            f"<p class='unknown'>Rust mede op 'weet ik niet' bij: {escape(', '.join(f.unknown_answers))}.</p>"
        )
    if f.interventions:
        lis = "".join(
            f"<li><strong>{escape(items[i].title)}</strong> — {escape(items[i].text)}{_cite(notes, items[i].citations)}</li>"
            for i in f.interventions
        )
        parts.append(f"<p><strong>Interventies</strong></p><ul>{lis}</ul>")
    return "".join(parts) + "</section>"


def _matched(title: str, items: tuple[ItemView, ...], names: dict[str, str], notes: Notes) -> str:
    if not items:
        return ""
    lis = "".join(
        f"<li><strong>{escape(i.title)}</strong> {escape(i.text)} <em>Past omdat: "
        f"{escape(', '.join(names.get(b, b) for b in i.because))}.</em>{_cite(notes, i.citations)}</li>"
        for i in items
    )
    return f"<h2>{title}</h2><ul>{lis}</ul>"


def render(view: AdviceView, *, situation: tuple[str, str] | None = None) -> str:
    """The report; with `situation` (title, prose) it is a workshop handout for a scenario."""
    notes = Notes()
    names = {f.id: f.name for f in view.factors} | {i.id: i.title for i in view.interventions}
    summary = (
        "<table><tr><th>#</th><th>faalfactor</th><th>dimensie</th><th>aanwijzing</th><th>zekerheid</th></tr>"
        + "".join(
            f"<tr><td>{n}</td><td>{escape(f.name)}</td><td>{escape(f.dimension_name)}</td>"
            f"<td>{f.band}</td><td>{number(f.certainty)}</td></tr>"
            for n, f in enumerate(view.factors, start=1)
        )
        + "</table>"
        if view.factors
        else "<p>Uit de antwoorden is geen faalfactor afgeleid.</p>"
    )
    factors = "".join(_factor(n, f, view, notes) for n, f in enumerate(view.factors, start=1))
    lessons = _matched("Lessen", view.lessons, names, notes)
    cases = _matched("Praktijkvoorbeelden", view.cases, names, notes)
    unknown = resting_on_unknown(view)
    unknown_html = (
        "<ul>"
        + "".join(
            f"<li>{escape(f.name)}: {escape(', '.join(f.unknown_answers))}</li>" for f in unknown
        )
        + "</ul>"
        if unknown
        else "<p>Geen: geen enkele conclusie rust op een 'weet ik niet'-antwoord.</p>"
    )
    answers = "".join(
        f"<tr><td>{escape(a.text)}</td><td>{escape(a.answer)}"
        + ("" if a.counts else " <em>(telt niet mee)</em>")
        + "</td></tr>"
        for a in view.answers
    )
    footnotes = "".join(
        f'<li id="noot{n}">{escape(c.source_title)}, {escape(c.locator)}: “{escape(c.quote)}”</li>'
        for n, c in enumerate(notes.items, start=1)
    )
    route = "volledig" if view.full else "kort"
    heading = "<h1>Advies van adviseur</h1>"
    answers_title = "Uw antwoorden"
    if situation is not None:
        heading = f"<h1>{escape(situation[0])}</h1><h2>Situatie</h2><p>{escape(situation[1])}</p>"
        answers_title = "Vragen en antwoorden"
    parts = [
        "<!DOCTYPE html>\n<html lang='nl'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Advies van adviseur — {escape(dutch_date(view.date))}</title><style>{STYLE}</style></head><body>",
        heading,
        f"<p class='meta'>Datum: {escape(dutch_date(view.date))} · Route: {route} · Engine: {escape(view.engine)}",
        f"<br>Regelset: <code>{escape(view.ruleset)}</code></p>",
        f"<h2>Samenvatting</h2>{summary}<h2>Profiel per dimensie</h2>{profile_svg(view.profile)}",
        f"<h2>Faalfactoren</h2>{factors}{lessons}{cases}",
        f"<h2>Conclusies die rusten op 'weet ik niet'</h2>{unknown_html}",
        f"<h2>{answers_title}</h2><table><tr><th>vraag</th><th>antwoord</th></tr>{answers}</table>",
        f"<h2>Bronnen</h2><ol class='notes'>{footnotes}</ol></body></html>\n",
    ]
    return "".join(parts)
