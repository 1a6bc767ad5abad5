"""Rich renderables for the consultation: waarom, impact of a change, waarom niet, overzicht."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from adviseur.engine.logic import Truth
from adviseur.model.answers import AnswerValue
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.report.terminal import citation_text
from adviseur.report.view import CitationView, band, number
from adviseur.session.consultation import Consultation
from adviseur.session.explain import answer_text
from adviseur.session.impact import Impact, Shift
from adviseur.session.why import RuleView, Why, WhyNot

_KIND_WORDS = {
    ConclusionKind.FACTOR: "faalfactor",
    ConclusionKind.INTERVENTION: "interventie",
    ConclusionKind.LESSON: "les",
    ConclusionKind.CASE: "praktijkvoorbeeld",
}
_MARK = {Truth.TRUE: "✓", Truth.FALSE: "✗", Truth.UNKNOWN: "?"}


def name_of(kb: KnowledgeBase, item_id: str) -> str:
    item = kb.index.get(item_id)
    for attr in ("name", "title", "text"):
        value = getattr(item, attr, None)
        if isinstance(value, str) and value:
            return value
    return item_id


def value_text(kb: KnowledgeBase, question_id: str, value: AnswerValue | None) -> str:
    if value is None:
        return "(geen antwoord)"
    return answer_text(kb.question(question_id), value)


def _citation(kb: KnowledgeBase, citations: tuple[object, ...]) -> RenderableType | None:
    titles = {s.id: s.title for s in kb.sources}
    for c in citations:
        source, locator, quote = (
            getattr(c, "source", ""),
            getattr(c, "locator", ""),
            getattr(c, "quote", ""),
        )
        return citation_text(CitationView(source, titles.get(source, source), locator, quote))
    return None


def why_panel(kb: KnowledgeBase, consultation: Consultation, why: Why) -> RenderableType:
    parts: list[RenderableType] = []
    current = {f.id: f.certainty for f in consultation.result().findings}
    if not why.goals and not why.dependents:
        parts.append(
            Text(
                "Deze vraag schetst de situatie; de antwoorden bepalen welke regels van toepassing zijn."
            )
        )
    best: dict[str, list[RuleView]] = {}
    for goal in why.goals:  # best first; one block per conclusion
        best.setdefault(goal.rule.conclusion.target, []).append(goal)
    for n, (target, views) in enumerate(list(best.items())[:4], start=1):
        view = views[0]
        rule = view.rule
        now = (
            f"nu {band(current[target])} ({number(current[target])})"
            if target in current
            else "nu niet afgeleid"
        )
        verb = "speelt" if rule.conclusion.kind is ConclusionKind.FACTOR else "past"
        head = Text(f"[{n}.0] ", style="bold")
        head.append(f"Ik wil bepalen of {_KIND_WORDS[rule.conclusion.kind]} ")
        head.append(f"'{name_of(kb, target)}'", style="bold")
        head.append(f" {verb} ({now}).")
        parts.append(head)
        holding = view.holding()
        if holding:
            parts.append(Text("      Al vastgesteld:"))
            for k, check in enumerate(holding, start=1):
                answer = f"  (u antwoordde: {check.answer})" if check.answer else ""
                parts.append(Text(f"      [{n}.{k}] {check.text}{answer}"))
        this = [c for c in view.open() if c.question == why.question.id]
        others = [c for c in view.open() if c.question != why.question.id]
        parts.append(Text("      Deze vraag beslist:"))
        for check in this:
            parts.append(Text(f"      • {check.text}", style="cyan"))
        if others:
            parts.append(Text(f"      Daarna nog open: {len(others)} andere voorwaarde(n)."))
        factor = rule.conclusion.kind is ConclusionKind.FACTOR
        zekerheid = f", zekerheid {number(rule.conclusion.certainty)}" if factor else ""
        parts.append(
            Text(f"      Dan: regel {rule.id}{zekerheid} — {rule.explanation}", style="dim")
        )
        citation = _citation(kb, rule.citations)
        if citation is not None:
            parts.append(citation)
        if len(views) > 1:
            parts.append(
                Text(
                    f"      (nog {len(views) - 1} andere regel(s) voor dit punt lezen deze vraag)",
                    style="dim",
                )
            )
    if len(best) > 4:
        parts.append(
            Text(
                f"… en nog {len(best) - 4} andere conclusies die deze vraag helpt bepalen.",
                style="dim",
            )
        )
    if why.dependents:
        names = ", ".join(q.text for q in why.dependents[:3])
        parts.append(Text(f"Uw antwoord bepaalt ook of deze vervolgvragen nodig zijn: {names}"))
    return Panel(
        Group(*parts), title=Text(f"Waarom vraag ik dit? — {why.question.id}"), title_align="left"
    )


def _shift_line(kb: KnowledgeBase, shift: Shift, sign: str) -> Text:
    what = f"{_KIND_WORDS[shift.kind]} '{name_of(kb, shift.id)}'"
    if shift.before is None:
        return Text(f"  {sign} {what} komt erbij ({number(shift.after or 0)})", style="green")
    if shift.after is None:
        return Text(f"  {sign} {what} vervalt (was {number(shift.before)})", style="red")
    return Text(f"  {sign} {what}: {number(shift.before)} → {number(shift.after)}")


def impact_panel(kb: KnowledgeBase, impact: Impact) -> RenderableType:
    q = kb.question(impact.question)
    lines: list[RenderableType] = [
        Text(f"{q.text}", style="bold"),
        Text(f"  {value_text(kb, q.id, impact.old)} → {value_text(kb, q.id, impact.new)}"),
    ]
    if not impact.changes_anything:
        lines.append(Text("Dit verandert niets aan de conclusies of aan de vragen die nog komen."))
    for shift in impact.gained():
        lines.append(_shift_line(kb, shift, "+"))
    for shift in impact.lost():
        lines.append(_shift_line(kb, shift, "−"))
    for shift in impact.stronger():
        lines.append(_shift_line(kb, shift, "▲"))
    for shift in impact.weaker():
        lines.append(_shift_line(kb, shift, "▼"))
    if impact.appear:
        lines.append(
            Text(
                f"  Nieuwe vragen: {', '.join(kb.question(x).text for x in impact.appear)}",
                style="yellow",
            )
        )
    if impact.disappear:
        lines.append(
            Text(
                f"  Vervallen vragen: {', '.join(kb.question(x).text for x in impact.disappear)}",
                style="yellow",
            )
        )
    if impact.stop_counting:
        lines.append(
            Text(
                f"  Antwoorden die niet meer meetellen (ze blijven bewaard): {', '.join(impact.stop_counting)}"
            )
        )
    if impact.start_counting:
        lines.append(Text(f"  Antwoorden die weer meetellen: {', '.join(impact.start_counting)}"))
    return Panel(Group(*lines), title=Text("Wat verandert er?"), title_align="left")


def why_not_panel(kb: KnowledgeBase, result: WhyNot) -> RenderableType:
    parts: list[RenderableType] = []
    name = name_of(kb, result.target)
    if result.certainty is not None:
        parts.append(
            Text(
                f"'{name}' is wél afgeleid: {band(result.certainty)} ({number(result.certainty)}). Zie 'hoe'."
            )
        )
    elif not result.rules:
        parts.append(Text(f"Geen regel leidt '{name}' af."))
    for n, view in enumerate(result.rules, start=1):
        parts.append(Text(f"[{n}] regel {view.rule.id}: {view.rule.explanation}", style="bold"))
        for check in view.checks:
            answer = (
                f"  (u antwoordde: {check.answer})"
                if check.answer
                else "  (nog niet beantwoord)"
                if check.question
                else ""
            )
            style = {Truth.TRUE: "green", Truth.FALSE: "red", Truth.UNKNOWN: "yellow"}[check.truth]
            parts.append(Text(f"    {_MARK[check.truth]} {check.text}{answer}", style=style))
    if result.certainty is None and result.changes:
        parts.append(Text("Kleinste wijziging waardoor dit wel zou spelen:", style="bold"))
        for change in result.changes:
            text = " én ".join(f"{kb.question(q).text} → {value_text(kb, q, v)}" for q, v in change)
            parts.append(Text(f"  • {text}"))
    elif result.certainty is None and result.rules:
        parts.append(Text("Geen kleine wijziging van de antwoorden maakt dit waar.", style="dim"))
    return Panel(Group(*parts), title=Text(f"Waarom niet: {name}"), title_align="left")


def overview_panel(kb: KnowledgeBase, consultation: Consultation) -> RenderableType:
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("vraag")
    table.add_column("antwoord")
    for n, (qid, value) in enumerate(consultation.answers.items(), start=1):
        counts = "" if consultation.counts(qid) else " (telt niet mee)"
        table.add_row(
            str(n), Text(kb.question(qid).text), Text(value_text(kb, qid, value) + counts)
        )
    left = len(consultation.pending())
    findings = [f for f in consultation.result().findings if f.kind is ConclusionKind.FACTOR]
    parts: list[RenderableType] = [
        Text(
            f"{len(consultation.answers)} vragen beantwoord, nog ongeveer {left} te gaan.",
            style="bold",
        ),
        table,
    ]
    if findings:
        parts.append(Text("Faalfactoren tot nu toe:", style="bold"))
        for f in findings:
            parts.append(
                Text(f"  • {name_of(kb, f.id)} — {band(f.certainty)} ({number(f.certainty)})")
            )
    else:
        parts.append(Text("Nog geen faalfactoren afgeleid."))
    parts.append(
        Text("Wijzig een antwoord met 'wijzig <nummer>' of 'wijzig <vraag-id>'.", style="dim")
    )
    return Panel(Group(*parts), title=Text("Overzicht"), title_align="left")
