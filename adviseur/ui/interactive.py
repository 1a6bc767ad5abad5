"""The interactive consultation: one dimension at a time, key commands at every prompt."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from adviseur.model.answers import AnswerProblem, AnswerValue
from adviseur.model.knowledge import Dimension, KnowledgeBase, Question, QuestionKind
from adviseur.session.consultation import Consultation
from adviseur.ui.prompts import Asker, Command, Fragments

if TYPE_CHECKING:
    from rich.console import Console

# The questions are drawn with prompt_toolkit, which is loaded anyway; rich, the panels, WHY and
# impact modules load when something first needs them: the time until the first question is on
# screen is what users feel at every start.

OnChange = Callable[[Consultation], None]
DIM = "fg:ansibrightblack"


class Ending(Enum):
    FINISHED = "klaar"
    STOPPED = "gestopt"


def dimension_banner(dimension: Dimension) -> Fragments:
    lines: Fragments = [
        ("", "\n"),
        ("bold fg:ansimagenta", f"── {dimension.name} " + "─" * 40),
        ("", "\n"),
    ]
    if dimension.description:
        lines += [("italic", dimension.description), ("", "\n")]
    return lines


def question_header(kb: KnowledgeBase, consultation: Consultation, question: Question) -> Fragments:
    dimensions = [d for d in kb.dimensions if any(q.dimension == d.id for q in kb.questions)]
    dimension = kb.dimension(question.dimension)
    position = [d.id for d in dimensions].index(dimension.id) + 1
    left = len(consultation.pending())
    route = "volledige" if consultation.full else "korte"
    return [
        ("", "\n"),
        ("bold fg:ansimagenta", dimension.name),
        (
            DIM,
            f"  · dimensie {position} van {len(dimensions)} · nog {left} "
            f"{'vraag' if left == 1 else 'vragen'} op de {route} route",
        ),
        ("", "\n"),
    ]


def question_body(question: Question, current: str | None = None) -> Fragments:
    text: Fragments = [("bold", question.text)]
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        for n, option in enumerate(question.options, start=1):
            text.append(("", f"\n  {n}. {option.label}"))
        if question.kind is QuestionKind.MULTIPLE:
            text.append(
                (DIM, "\n  (meerdere mogelijk, gescheiden door komma's; 'geen' als niets past)")
            )
    elif question.kind is QuestionKind.YES_NO:
        text.append(("", "\n  ja / nee"))
    elif question.kind is QuestionKind.SCALE:
        low = f" = {question.low_label}" if question.low_label else ""
        high = f" = {question.high_label}" if question.high_label else ""
        text.append(("", f"\n  {question.minimum}{low} … {question.maximum}{high}"))
    else:
        bounds = (
            f" ({question.minimum} tot en met {question.maximum})"
            if question.maximum is not None
            else ""
        )
        text.append(("", f"\n  een geheel getal{bounds}"))
    if current is not None:
        text.append(("fg:ansicyan", f"\n  Huidig antwoord: {current}"))
    unknown = " · weet ik niet" if question.allow_unknown else ""
    text.append((DIM, f"\n  ? uitleg · waarom · terug · wijzig · overzicht · stop{unknown}\n"))
    return text


class Dialogue:
    """Runs the questions and the key commands; saves through `on_change` after every change."""

    def __init__(
        self,
        kb: KnowledgeBase,
        consultation: Consultation,
        *,
        console: Console,
        asker: Asker,
        on_change: OnChange | None = None,
    ) -> None:
        self.kb = kb
        self.consultation = consultation
        self.console = console
        self.asker = asker
        self.on_change = on_change or (lambda _c: None)
        self.shown_dimension: str | None = None

    def run(self) -> Ending:
        """Ask until the advice is complete or the user stops (Ctrl-C propagates to the caller)."""
        while (question := self.consultation.next_question()) is not None:
            if question.dimension != self.shown_dimension:
                self.shown_dimension = question.dimension
                self.asker.show(dimension_banner(self.kb.dimension(question.dimension)))
            self.asker.show(
                question_header(self.kb, self.consultation, question) + question_body(question)
            )
            reply = self.asker.ask(question)
            if isinstance(reply, Command):
                if reply.name == "stop":
                    return Ending.STOPPED
                self.command(question, reply)
                continue
            self.consultation.answer(question.id, reply)
            self.on_change(self.consultation)
        return Ending.FINISHED

    def command(self, question: Question, command: Command) -> None:
        from rich.text import Text

        from adviseur.session.why import why_question
        from adviseur.ui.panels import overview_panel, why_panel

        if command.name == "?":
            self.console.print(
                Text(question.help or "Bij deze vraag is geen toelichting.", style="italic")
            )
        elif command.name == "waarom":
            self.console.print(
                why_panel(self.kb, self.consultation, why_question(self.consultation, question))
            )
        elif command.name == "overzicht":
            self.console.print(overview_panel(self.kb, self.consultation))
        elif command.name == "terug":
            answered = list(self.consultation.answers)
            if not answered:
                self.console.print(
                    Text("Er is nog geen eerder antwoord om te wijzigen.", style="yellow")
                )
            else:
                self.change(answered[-1])
        elif command.name == "wijzig":
            target = self.find(command.argument)
            if target is not None:
                self.change(target)

    def find(self, argument: str) -> str | None:
        """A question by its number in `overzicht`, its id, or the start of its id."""
        from rich.text import Text

        from adviseur.ui.panels import overview_panel

        answered = list(self.consultation.answers)
        if not argument:
            self.console.print(overview_panel(self.kb, self.consultation))
            self.console.print(
                Text("Typ 'wijzig' met het nummer of de id van de vraag.", style="yellow")
            )
            return None
        if argument.isdigit() and 1 <= int(argument) <= len(answered):
            return answered[int(argument) - 1]
        matches = [q for q in answered if q == argument] or [
            q for q in answered if q.startswith(argument)
        ]
        if len(matches) == 1:
            return matches[0]
        if argument in self.kb.index and argument not in answered:
            self.console.print(Text(f"Vraag '{argument}' is nog niet beantwoord.", style="yellow"))
        else:
            self.console.print(
                Text(f"Geen beantwoorde vraag gevonden voor '{argument}'.", style="yellow")
            )
        return None

    def change(self, question_id: str) -> bool:
        """Ask a question again, show what the new answer would change, and apply it on confirmation."""
        from rich.text import Text

        from adviseur.ui.panels import value_text

        question = self.kb.question(question_id)
        current = self.consultation.answers.get(question_id)
        self.asker.show(
            [
                ("", "\n"),
                ("bold", "Antwoord wijzigen\n"),
                *question_body(question, value_text(self.kb, question_id, current)),
            ]
        )
        while True:
            reply = self.asker.ask(question, prompt="nieuw antwoord> ")
            if not isinstance(reply, Command):
                break
            if reply.name == "stop":
                self.console.print(Text("Niets gewijzigd.", style="dim"))
                return False
            if reply.name == "?":
                self.console.print(Text(question.help, style="italic"))
        return self.apply(question_id, reply)

    def apply(self, question_id: str, value: AnswerValue) -> bool:
        from rich.text import Text

        from adviseur.session.impact import preview
        from adviseur.ui.panels import impact_panel

        impact = preview(self.consultation, question_id, value)
        self.console.print(impact_panel(self.kb, impact))
        if not self.asker.confirm("Doorvoeren?"):
            self.console.print(Text("Niets gewijzigd.", style="dim"))
            return False
        try:
            self.consultation.answer(question_id, value)
        except AnswerProblem as exc:  # pragma: no cover - the prompt validated it already
            self.console.print(Text(str(exc), style="red"))
            return False
        self.on_change(self.consultation)
        self.console.print(Text("Gewijzigd.", style="green"))
        return True
