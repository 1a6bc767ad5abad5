"""AdviceView → a Markdown report, with citations as footnotes."""

from __future__ import annotations

from adviseur.report.notes import Notes, dutch_date
from adviseur.report.view import (
    AdviceView,
    CitationView,
    FactorView,
    ItemView,
    number,
    resting_on_unknown,
)


def _escape(text: str) -> str:
    """Text from rule files is shown literally, never as Markdown or HTML markup."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def _same(rule: str | None) -> str:
    return f"; telt één keer mee, met regel `{rule}`" if rule else ""


def _cite(notes: Notes, citations: tuple[CitationView, ...]) -> str:
    return "".join(f"[^{notes.number(c)}]" for c in citations)


def _factor(rank: int, f: FactorView, view: AdviceView, notes: Notes) -> list[str]:
    names = {i.id: i for i in view.interventions}
    lines = [
        f"### {rank}. {_escape(f.name)} — {f.band} ({number(f.certainty)})",
        "",
        f"*{_escape(f.dimension_name)}.* {_escape(f.description)}{_cite(notes, f.citations)}",
        "",
        "**Hoe is dit afgeleid?**",
        "",
    ]
    for step in f.steps:
        lines.append(
            f"{step.number}. Regel `{step.rule}` (gewicht {number(step.weight)} → "
            f"{number(step.contribution)}{_same(step.same_as)}): {_escape(step.explanation)}{_cite(notes, step.citations)}"
        )
        for n, check in enumerate(step.checks, start=1):
            answer = f" — u antwoordde: {_escape(check.answer)}" if check.answer else ""
            lines.append(f"   {step.number}.{n}. {_escape(check.text)}{answer}")
    if len(f.steps) > 1:
        lines += ["", f"Combinatie van de regels: {f.arithmetic}"]
    if f.unknown_answers:
        lines += ["", f"*Rust mede op 'weet ik niet' bij: {', '.join(f.unknown_answers)}.*"]
    if f.interventions:
        lines += ["", "**Interventies**", ""]
        for iid in f.interventions:
            item = names[iid]
            factor_names = {x.id: x.name for x in view.factors}
            also = [factor_names.get(b, b) for b in item.because if b != f.id]
            extra = f" (helpt ook tegen: {', '.join(_escape(a) for a in also)})" if also else ""
            lines.append(
                f"- **{_escape(item.title)}** — {_escape(item.text)}{extra}{_cite(notes, item.citations)}"
            )
    return [*lines, ""]


def _matched(items: tuple[ItemView, ...], names: dict[str, str], notes: Notes) -> list[str]:
    lines = []
    for item in items:
        why = ", ".join(_escape(names.get(b, b)) for b in item.because)
        text = f" {_escape(item.text)}" if item.text else ""
        lines.append(
            f"- **{_escape(item.title)}**{text} *Past omdat: {why}.*{_cite(notes, item.citations)}"
        )
    return [*lines, ""]


def render(view: AdviceView) -> str:
    notes = Notes()
    names = {f.id: f.name for f in view.factors} | {i.id: i.title for i in view.interventions}
    out = [
        "# Advies van adviseur",
        "",
        f"Datum: {dutch_date(view.date)} · Route: {'volledig' if view.full else 'kort'} · "
        f"Engine: {view.engine}  ",
        f"Regelset: `{view.ruleset}`",
        "",
        "## Samenvatting",
        "",
    ]
    if view.factors:
        out += ["| # | faalfactor | dimensie | aanwijzing | zekerheid |", "|---|---|---|---|---|"]
        for rank, f in enumerate(view.factors, start=1):
            out.append(
                f"| {rank} | {_escape(f.name)} | {_escape(f.dimension_name)} | {f.band} | {number(f.certainty)} |"
            )
    else:
        out.append("Uit de antwoorden is geen faalfactor afgeleid.")
    out += ["", "## Profiel per dimensie", "", "| dimensie | score | |", "|---|---|---|"]
    for _id, name, score in view.profile:
        out.append(
            f"| {_escape(name)} | {number(score)} | {'█' * round(score * 20)}{'░' * (20 - round(score * 20))} |"
        )
    out += ["", "## Faalfactoren", ""]
    for rank, f in enumerate(view.factors, start=1):
        out += _factor(rank, f, view, notes)
    if view.lessons:
        out += ["## Lessen", "", *_matched(view.lessons, names, notes)]
    if view.cases:
        out += ["## Praktijkvoorbeelden", "", *_matched(view.cases, names, notes)]
    unknown = resting_on_unknown(view)
    out += ["## Conclusies die rusten op 'weet ik niet'", ""]
    if unknown:
        out += [f"- {_escape(f.name)}: {', '.join(f.unknown_answers)}" for f in unknown]
    else:
        out.append("Geen: geen enkele conclusie rust op een 'weet ik niet'-antwoord.")
    out += ["", "## Uw antwoorden", "", "| vraag | antwoord |", "|---|---|"]
    for a in view.answers:
        note = "" if a.counts else " (telt niet mee: vervolgvraag niet van toepassing)"
        out.append(f"| {_escape(a.text)} | {_escape(a.answer)}{note} |")
    if notes.items:
        out += ["", "## Bronnen", ""]
        for n, c in enumerate(notes.items, start=1):
            out.append(
                f"[^{n}]: {_escape(c.source_title)}, {_escape(c.locator)}: “{_escape(c.quote)}”"
            )
    return "\n".join(out) + "\n"
