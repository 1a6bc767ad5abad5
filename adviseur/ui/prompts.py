"""One prompt per question: options with completion, validation in Dutch, and key commands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.completion import Completer, Completion, WordCompleter
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from prompt_toolkit.validation import ValidationError, Validator

from adviseur.model.answers import AnswerProblem, AnswerValue
from adviseur.model.coerce import coerce_answer, normalise
from adviseur.model.knowledge import Question, QuestionKind

Fragments = list[tuple[str, str]]  # (prompt_toolkit style, text)
COMMANDS = ("?", "waarom", "terug", "wijzig", "overzicht", "stop")


@dataclass(frozen=True, slots=True)
class Command:
    """A key command typed at a prompt instead of an answer."""

    name: str
    argument: str = ""


def parse_command(text: str) -> Command | None:
    word, _, rest = normalise(text).partition(" ")
    if word in COMMANDS:
        return Command(word, rest.strip())
    if word == "help":
        return Command("?")
    return None


def answer_words(question: Question) -> list[str]:
    """What completion offers at this question."""
    words: list[str] = []
    if question.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE, QuestionKind.YES_NO):
        words += list(question.option_values())
    elif (
        question.minimum is not None
        and question.maximum is not None
        and question.maximum - question.minimum <= 10
    ):
        words += [str(n) for n in range(question.minimum, question.maximum + 1)]
    if question.allow_unknown:
        words.append("weet ik niet")
    return words


class AnswerValidator(Validator):
    """Accepts a valid answer or a key command; otherwise says what is wrong, in Dutch."""

    def __init__(self, question: Question) -> None:
        self.question = question

    def validate(self, document: Document) -> None:
        text = document.text
        if not text.strip():
            raise ValidationError(message="Typ een antwoord, of ? voor uitleg.", cursor_position=0)
        if parse_command(text) is not None:
            return
        try:
            coerce_answer(self.question, text)
        except AnswerProblem as exc:
            raise ValidationError(message=str(exc), cursor_position=len(text)) from None


class _MultipleCompleter(Completer):
    """Completes the last of a comma-separated list of options."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(words)

    def get_completions(self, document: Document, complete_event: object) -> Iterable[Completion]:
        current = document.text_before_cursor.split(",")[-1].lstrip()
        for word in self.words:
            if word.startswith(current.lower()):
                yield Completion(word, start_position=-len(current))


def completer(question: Question) -> Completer:
    words = answer_words(question)
    if question.kind is QuestionKind.MULTIPLE:
        return _MultipleCompleter(words)
    return WordCompleter([*words, *COMMANDS], ignore_case=True, sentence=True)


class Asker:
    """Asks questions on a prompt_toolkit session; input and output are injectable for tests."""

    def __init__(self, *, pt_input: Input | None = None, pt_output: Output | None = None) -> None:
        self.session: PromptSession[str] = PromptSession(input=pt_input, output=pt_output)
        self._io = (pt_input, pt_output)
        self._free: PromptSession[str] | None = None

    @property
    def free(self) -> PromptSession[str]:
        """A second session for free lines: a PromptSession keeps the last validator and
        completer as its defaults, and the question's must not apply to commands. Made when
        first needed, since each session costs start-up time."""
        if self._free is None:
            self._free = PromptSession(input=self._io[0], output=self._io[1])
        return self._free

    def show(self, fragments: Fragments) -> None:
        """Print styled text on the prompt's own output (no rich needed for the questions)."""
        print_formatted_text(FormattedText(fragments), output=self.session.output, end="")

    def ask(self, question: Question, *, prompt: str = "> ") -> AnswerValue | Command:
        text = self.session.prompt(
            prompt,
            completer=completer(question),
            validator=AnswerValidator(question),
            validate_while_typing=False,
            complete_while_typing=True,
        )
        command = parse_command(text)
        if command is not None:
            return command
        return coerce_answer(question, text)

    def confirm(self, message: str) -> bool:
        text = self.free.prompt(f"{message} [j/n] ", completer=WordCompleter(["ja", "nee"]))
        return normalise(text) in ("j", "ja", "y", "yes")

    def line(self, message: str, *, words: list[str] | None = None) -> str:
        completer = WordCompleter(words or [], ignore_case=True, sentence=True)
        return self.free.prompt(message, completer=completer)
