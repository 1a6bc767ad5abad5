"""AdviceView → rich renderables for the terminal. Text from rule files is never markup."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from adviseur.report.view import AdviceView, CitationView, FactorView, ItemView, StepView, number

BAR_WIDTH = 30


def citation_text(c: CitationView) -> Text:
    text = Text("Bron: ", style="dim")
    text.append(f"{c.source_title}, {c.locator}", style="dim")
    text.append("\n")
    text.append(f"“{c.quote}”", style="italic")
    return text


def step_tree(step: StepView, *, label: str | None = None) -> Tree:
    head = Text(f"[{label or step.number}] regel {step.rule}", style="bold")
    head.append(f" — gewicht {number(step.weight)}")
    if step.strength < 1:
        head.append(f" × {number(step.strength)}")
    head.append(f" → {number(step.contribution)}")
    if step.same_as:
        head.append(
            f" (telt één keer mee, met regel {step.same_as}: dezelfde antwoorden)", style="dim"
        )
    tree = Tree(head)
    if step.explanation:
        tree.add(Text(step.explanation))
    for n, check in enumerate(step.checks, start=1):
        line = Text(f"[{label or step.number}.{n}] {check.text}")
        if check.answer is not None:
            line.append(f"  (u antwoordde: {check.answer})", style="cyan")
        tree.add(line)
    for citation in step.citations:
        tree.add(citation_text(citation))
    return tree


def hoe(factor: FactorView, *, arithmetic: bool = True, title: bool = True) -> Tree:
    """The numbered chain rule → conditions → answers behind one faalfactor."""
    head = Text(f"{factor.name}", style="bold")
    head.append(f" — {factor.band} ({number(factor.certainty)})")
    tree = Tree(head if title else Text("Hoe is dit afgeleid?", style="bold"))
    for step in factor.steps:
        tree.add(step_tree(step))
    if arithmetic and len(factor.steps) > 1:
        tree.add(Text(f"Combinatie: {factor.arithmetic}", style="dim"))
    if factor.unknown_answers:
        tree.add(
            Text(
                "Rust mede op 'weet ik niet' bij: " + ", ".join(factor.unknown_answers),
                style="yellow",
            )
        )
    return tree


def profile_table(view: AdviceView) -> Table:
    table = Table(title="Profiel per dimensie", show_header=True, header_style="bold", box=None)
    table.add_column("dimensie")
    table.add_column("signalen", no_wrap=True)
    table.add_column("score", justify="right")
    for _id, name, score in view.profile:
        filled = round(score * BAR_WIDTH)
        bar = Text(
            "█" * filled, style="red" if score >= 0.7 else "yellow" if score >= 0.4 else "green"
        )
        bar.append("░" * (BAR_WIDTH - filled), style="dim")
        table.add_row(Text(name), bar, number(score))
    return table


def _item_line(item: ItemView, names: dict[str, str]) -> Text:
    line = Text("• ")
    line.append(item.title, style="bold")
    if item.because:
        line.append(
            "  (past omdat: " + ", ".join(names.get(b, b) for b in item.because) + ")", style="dim"
        )
    return line


def advice(view: AdviceView, *, details: bool = True) -> RenderableType:
    """The advice: faalfactoren with `hoe` and interventies, then lessen and voorbeelden."""
    names = {f.id: f.name for f in view.factors} | {i.id: i.title for i in view.interventions}
    parts: list[RenderableType] = []
    if not view.factors:
        parts.append(Text("Er zijn geen faalfactoren afgeleid uit uw antwoorden.", style="green"))
    items = {i.id: i for i in view.interventions}
    for rank, factor in enumerate(view.factors, start=1):
        body: list[RenderableType] = [Text(factor.description)]
        if details:
            body.append(hoe(factor, title=False))
        else:
            body.append(_why_short(factor))
        if factor.interventions:
            body.append(Text("Interventies:", style="bold"))
            for iid in factor.interventions:
                line = Text("• ")
                line.append(items[iid].title, style="bold")
                others = [names.get(b, b) for b in items[iid].because if b != factor.id]
                if others:
                    line.append("  (helpt ook tegen: " + ", ".join(others) + ")", style="dim")
                body.append(line)
        parts.append(
            Panel(
                Group(*body),
                title=Text(f"{rank}. {factor.name} — {factor.band} ({number(factor.certainty)})"),
                subtitle=Text(factor.dimension_name),
                title_align="left",
            )
        )
    if view.lessons:
        parts.append(Text("Lessen die bij uw situatie passen", style="bold underline"))
        for lesson in view.lessons:
            parts.append(_item_line(lesson, names))
            if details:
                parts.extend(citation_text(c) for c in lesson.citations[:1])
    if view.cases:
        parts.append(Text("Praktijkvoorbeelden", style="bold underline"))
        for case in view.cases:
            parts.append(_item_line(case, names))
            if details and case.text:
                parts.append(Text(case.text))
    parts.append(profile_table(view))
    parts.append(Text(f"Regelset {view.ruleset[:12]} · engine {view.engine}", style="dim"))
    return Group(*parts)


def _why_short(factor: FactorView) -> Text:
    """One line on why: the strongest rule's explanation and how many rules agree."""
    strongest = max(factor.steps, key=lambda s: s.contribution)
    text = Text("Waarom: ", style="bold")
    text.append(strongest.explanation)
    others = len(factor.steps) - 1
    if others:
        text.append(f" (en nog {others} {'regel' if others == 1 else 'regels'})", style="dim")
    text.append(f"  → hoe {factor.id}", style="dim")
    return text


def print_advice(console: Console, view: AdviceView, *, details: bool = True) -> None:
    console.print(advice(view, details=details))
