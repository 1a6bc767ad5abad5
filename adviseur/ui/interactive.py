"""The interactive consultation: one dimension at a time, key commands at every prompt."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from rich.console import Console
from rich.text import Text

from adviseur.model.answers import AnswerProblem, AnswerValue
from adviseur.model.knowledge import KnowledgeBase, Question, QuestionKind
from adviseur.session.consultation import Consultation
from adviseur.session.impact import preview
from adviseur.session.why import why_question
from adviseur.ui.panels import impact_panel, overview_panel, value_text, why_panel
from adviseur.ui.prompts import Asker, Command

OnChange = Callable[[Consultation], None]


class Ending(Enum):
    FINISHED = "klaar"
    STOPPED = "gestopt"


def question_header(kb: KnowledgeBase, consultation: Consultation, question: Question) -> Text:
    dimensions = [d for d in kb.dimensions if any(q.dimension == d.id for q in kb.questions)]
    dimension = kb.dimension(question.dimension)
    position = [d.id for d in dimensions].index(dimension.id) + 1
    left = len(consultation.pending())
    route = "volledige" if consultation.full else "korte"
    text = Text(f"{dimension.name}", style="bold magenta")
    text.append(
        f"  · dimensie {position} van {len(dimensions)} · nog {left} "
        f"{'vraag' if left == 1 else 'vragen'} op de {route} route",
        style="dim",
    )
    return text


def question_body(question: Question, current: str | None = None) -> Text:
    text = Text(question.text, style="bold")
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        for n, option in enumerate(question.options, start=1):
            text.append(f"\n  {n}. {option.label}")
        if question.kind is QuestionKind.MULTIPLE:
            text.append(
                "\n  (meerdere mogelijk, gescheiden door komma's; 'geen' als niets past)",
                style="dim",
            )
    elif question.kind is QuestionKind.YES_NO:
        text.append("\n  ja / nee")
    elif question.kind is QuestionKind.SCALE:
        low = f" = {question.low_label}" if question.low_label else ""
        high = f" = {question.high_label}" if question.high_label else ""
        text.append(f"\n  {question.minimum}{low} … {question.maximum}{high}")
    else:
        bounds = (
            f" ({question.minimum} tot en met {question.maximum})"
            if question.maximum is not None
            else ""
        )
        text.append(f"\n  een geheel getal{bounds}")
    if current is not None:
        text.append(f"\n  Huidig antwoord: {current}", style="cyan")
    unknown = " · weet ik niet" if question.allow_unknown else ""
    text.append(f"\n  ? uitleg · waarom · terug · wijzig · overzicht · stop{unknown}", style="dim")
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
                dimension = self.kb.dimension(question.dimension)
                self.console.print()
                self.console.rule(Text(dimension.name, style="bold magenta"))
                if dimension.description:
                    self.console.print(Text(dimension.description, style="italic"))
            self.console.print()
            self.console.print(question_header(self.kb, self.consultation, question))
            self.console.print(question_body(question))
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
        question = self.kb.question(question_id)
        current = self.consultation.answers.get(question_id)
        self.console.print()
        self.console.print(Text("Antwoord wijzigen", style="bold"))
        self.console.print(question_body(question, value_text(self.kb, question_id, current)))
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
