"""Trainer mode: step through a scenario, let the group predict, reveal, score."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Protocol, TextIO

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.model.scenario import Scenario
from adviseur.report.terminal import citation_text
from adviseur.report.view import CitationView, number
from adviseur.session.steps import Score, Step
from adviseur.ui.panels import name_of, value_text


class StepInput(Protocol):
    def pause(self) -> None:
        """Wait until the trainer is ready for the next step."""

    def predict(self, names: Sequence[str]) -> str:
        """What the group expects to appear (free text; empty is allowed)."""


class PipedInput:
    """Lines from a pipe or file: one line per pause or prediction; at the end nothing waits."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin

    def pause(self) -> None:
        self.stream.readline()

    def predict(self, names: Sequence[str]) -> str:
        return self.stream.readline().strip()


class TerminalInput:
    """Enter to continue; predictions with completion over the faalfactor names."""

    def __init__(self) -> None:
        from prompt_toolkit import PromptSession

        self.session: PromptSession[str] = PromptSession()

    def pause(self) -> None:
        self.session.prompt("Enter voor de volgende stap… ")

    def predict(self, names: Sequence[str]) -> str:
        from prompt_toolkit.completion import WordCompleter

        completer = WordCompleter(list(names), ignore_case=True, match_middle=True, sentence=True)
        return self.session.prompt(
            "Voorspelling (faalfactoren, komma's ertussen; leeg mag)> ", completer=completer
        )


def resolve_prediction(kb: KnowledgeBase, text: str) -> tuple[set[str], list[str]]:
    """Faalfactor ids from typed names or ids; and the words that matched nothing."""
    chosen: set[str] = set()
    unknown: list[str] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        lowered = part.lower()
        exact = [f.id for f in kb.factors if lowered in (f.id, f.name.lower())]
        partial = [
            f.id for f in kb.factors if lowered in f.name.lower() or f.id.startswith(lowered)
        ]
        matches = exact or partial
        if len(matches) == 1:
            chosen.add(matches[0])
        else:
            unknown.append(part)
    return chosen, unknown


def scenario_intro(kb: KnowledgeBase, scenario: Scenario) -> RenderableType:
    parts: list[RenderableType] = [Text(scenario.description or "(geen beschrijving)")]
    titles = {s.id: s.title for s in kb.sources}
    for c in scenario.citations[:1]:
        parts.append(
            citation_text(
                CitationView(c.source, titles.get(c.source, c.source), c.locator, c.quote)
            )
        )
    return Panel(Group(*parts), title=Text(scenario.title, style="bold"), title_align="left")


def step_panel(kb: KnowledgeBase, step: Step) -> RenderableType:
    question = kb.question(step.question)
    lines: list[RenderableType] = [
        Text(f"{question.text}", style="bold"),
        Text(f"  antwoord: {value_text(kb, step.question, step.value)}", style="cyan"),
    ]
    words = {ConclusionKind.FACTOR: "faalfactor", ConclusionKind.INTERVENTION: "interventie",
             ConclusionKind.LESSON: "les", ConclusionKind.CASE: "praktijkvoorbeeld"}  # fmt: skip
    for shift in step.shifts:
        what = f"{words[shift.kind]} '{name_of(kb, shift.id)}'"
        if shift.before is None:
            lines.append(
                Text(f"  + verschijnt: {what} ({number(shift.after or 0)})", style="green")
            )
        elif shift.after is None:
            lines.append(Text(f"  − verdwijnt: {what}", style="red"))
        elif shift.after > shift.before:
            lines.append(
                Text(f"  ▲ sterker: {what} {number(shift.before)} → {number(shift.after)}")
            )
        else:
            lines.append(
                Text(f"  ▼ zwakker: {what} {number(shift.before)} → {number(shift.after)}")
            )
    if not step.shifts:
        lines.append(Text("  (verandert nog niets aan het advies)", style="dim"))
    return Panel(Group(*lines), title=Text(f"Stap {step.number}"), title_align="left")


def score_panel(kb: KnowledgeBase, result: Score) -> RenderableType:
    titles = {s.id: s.title for s in kb.sources}
    lines: list[RenderableType] = [
        Text(
            f"Score: {result.percentage}% — {len(result.hits)} goed, {len(result.misses)} gemist, "
            f"{len(result.false_alarms)} vals alarm",
            style="bold",
        )
    ]
    for fid in result.misses:
        lines.append(Text(f"Gemist: {name_of(kb, fid)}", style="yellow"))
        for rule in (r for r in kb.rules if r.conclusion.target == fid):
            lines.append(Text(f"  regel {rule.id}: {rule.explanation}"))
            for c in rule.citations[:1]:
                lines.append(
                    citation_text(
                        CitationView(c.source, titles.get(c.source, c.source), c.locator, c.quote)
                    )
                )
            break
    for fid in result.false_alarms:
        lines.append(Text(f"Vals alarm: {name_of(kb, fid)}", style="red"))
        rules = [r for r in kb.rules if r.conclusion.target == fid]
        if rules:
            lines.append(Text(f"  zou blijken uit regel {rules[0].id}: {rules[0].explanation}"))
            for c in rules[0].citations[:1]:
                lines.append(
                    citation_text(
                        CitationView(c.source, titles.get(c.source, c.source), c.locator, c.quote)
                    )
                )
    for fid in result.hits:
        lines.append(Text(f"Goed voorspeld: {name_of(kb, fid)}", style="green"))
    return Panel(Group(*lines), title=Text("Uitslag van de voorspellingen"), title_align="left")


def replay_steps(
    kb: KnowledgeBase,
    scenario: Scenario,
    stepped: list[Step],
    *,
    console: Console,
    source: StepInput,
    predicting: bool,
) -> Score | None:
    """Show each step after a pause (and a prediction); returns the score when predicting."""
    from adviseur.session.steps import score

    console.print(scenario_intro(kb, scenario))
    names = [f.name for f in kb.factors] + [f.id for f in kb.factors]
    predicted: list[set[str]] = []
    revealed: list[set[str]] = []
    for step in stepped:
        question = kb.question(step.question)
        console.print(Text(f"\nVolgende vraag: {question.text}", style="bold"))
        console.print(
            Text(
                f"Antwoord in dit scenario: {value_text(kb, step.question, step.value)}",
                style="cyan",
            )
        )
        if predicting:
            chosen, unknown = resolve_prediction(kb, source.predict(names))
            if unknown:
                console.print(Text(f"Niet herkend: {', '.join(unknown)}", style="yellow"))
            predicted.append(chosen)
        else:
            source.pause()
        console.print(step_panel(kb, step))
        revealed.append(set(step.appeared()))
    if not predicting:
        return None
    result = score(predicted, revealed)
    console.print(score_panel(kb, result))
    return result
