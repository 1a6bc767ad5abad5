"""The interactive consultation loop: next question → prompt → answer → … → advice."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from adviseur.model.answers import AnswerValue, describe
from adviseur.model.conditions import questions_read
from adviseur.model.knowledge import KnowledgeBase, Question, QuestionKind
from adviseur.session.consultation import Consultation
from adviseur.ui.prompts import Asker, Command


def question_header(kb: KnowledgeBase, consultation: Consultation, question: Question) -> Text:
    dimension = kb.dimension(question.dimension)
    names = [d.id for d in kb.dimensions]
    left = len(consultation.pending())
    text = Text(f"{dimension.name}", style="bold magenta")
    text.append(
        f"  · dimensie {names.index(dimension.id) + 1} van {len(names)} · nog ongeveer {left} "
        f"{'vraag' if left == 1 else 'vragen'}",
        style="dim",
    )
    return text


def question_body(question: Question) -> Text:
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
        low = f" ({question.low_label})" if question.low_label else ""
        high = f" ({question.high_label})" if question.high_label else ""
        text.append(f"\n  {question.minimum}{low} … {question.maximum}{high}")
    else:
        text.append("\n  een geheel getal")
    extra = " · weet ik niet" if question.allow_unknown else ""
    text.append(f"\n  ? uitleg · waarom · terug · overzicht · stop{extra}", style="dim")
    return text


def run_consultation(
    kb: KnowledgeBase,
    consultation: Consultation,
    *,
    console: Console,
    asker: Asker,
    on_answer: Callable[[Consultation], None] | None = None,
) -> bool:
    """Ask until the advice is complete (True) or the user stops (False)."""
    history: list[str] = []
    while (question := consultation.next_question()) is not None:
        console.print()
        console.print(question_header(kb, consultation, question))
        console.print(question_body(question))
        reply = asker.ask(question)
        if isinstance(reply, Command):
            if not _command(kb, consultation, question, reply, console, history):
                return False
            continue
        _record(consultation, question.id, reply, history)
        if on_answer is not None:
            on_answer(consultation)
    return True


def _record(
    consultation: Consultation, question_id: str, value: AnswerValue, history: list[str]
) -> None:
    consultation.answer(question_id, value)
    if question_id in history:
        history.remove(question_id)
    history.append(question_id)


def _command(
    kb: KnowledgeBase,
    consultation: Consultation,
    question: Question,
    command: Command,
    console: Console,
    history: list[str],
) -> bool:
    """Handle a key command; False means stop."""
    if command.name == "stop":
        return False
    if command.name == "?":
        console.print(Text(question.help or "Bij deze vraag is geen toelichting.", style="italic"))
    elif command.name == "terug":
        if not history:
            console.print(
                Text(
                    "Dit is de eerste vraag; er is nog niets om terug naar te gaan.", style="yellow"
                )
            )
        else:
            last = history.pop()
            console.print(
                Text(
                    f"Terug naar: {kb.question(last).text} "
                    f"(was: {describe(consultation.answers[last])})"
                )
            )
            consultation.change(last, None)
    elif command.name == "overzicht":
        outcome = consultation.result()
        console.print(Text(f"{len(consultation.answers)} vragen beantwoord.", style="bold"))
        for finding in outcome.findings:
            if finding.kind.value == "faalfactor":
                console.print(Text(f"• {kb.factor(finding.id).name} ({finding.certainty:.2f})"))
    elif command.name == "waarom":
        readers = [r for r in kb.rules if question.id in questions_read(r.condition)]
        targets = sorted({r.conclusion.target for r in readers})
        console.print(Text("Deze vraag helpt bepalen of het volgende speelt:", style="bold"))
        for target in targets:
            item = kb.index[target]
            console.print(
                Text(f"• {getattr(item, 'name', None) or getattr(item, 'title', target)}")
            )
    elif command.name == "wijzig":
        console.print(Text("Typ 'terug' om het vorige antwoord te wijzigen.", style="yellow"))
    return True
