"""The real prompts, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from adviseur.engine import create_engine
from adviseur.model.answers import UNKNOWN
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.consultation import Consultation
from adviseur.ui.interactive import Dialogue, Ending
from adviseur.ui.prompts import Asker, Command


@pytest.fixture
def pipe() -> Iterator[object]:
    with create_pipe_input() as inp:
        yield inp


def test_answers_by_number_label_and_weet_ik_niet(mini_kb: KnowledgeBase, pipe: object) -> None:
    asker = Asker(pt_input=pipe, pt_output=DummyOutput())  # type: ignore[arg-type]
    q = mini_kb.question("aantal_diensten")
    pipe.send_text("2\n")  # type: ignore[attr-defined]
    assert asker.ask(q) == "twee_of_meer"
    pipe.send_text("Eén dienst\n")  # type: ignore[attr-defined]
    assert asker.ask(q) == "een"
    pipe.send_text("weet ik niet\n")  # type: ignore[attr-defined]
    assert asker.ask(q) is UNKNOWN
    pipe.send_text("?\n")  # type: ignore[attr-defined]
    assert asker.ask(q) == Command("?")


def test_invalid_input_is_refused_at_the_prompt(mini_kb: KnowledgeBase, pipe: object) -> None:
    asker = Asker(pt_input=pipe, pt_output=DummyOutput())  # type: ignore[arg-type]
    scale = mini_kb.question("samenwerking_diensten")
    pipe.send_text("9\n\x7f3\n")  # type: ignore[attr-defined]  # 9 is refused: erase, type 3
    assert asker.ask(scale) == 3


def test_a_whole_consultation_through_the_prompts(
    mini_kb: KnowledgeBase, pipe: object, console: Console
) -> None:
    engine = create_engine(mini_kb, "durable")
    consultation = Consultation(mini_kb, engine, full=True)
    asker = Asker(pt_input=pipe, pt_output=DummyOutput())  # type: ignore[arg-type]
    # intake, ? for help, the follow-up, then the rest
    pipe.send_text("2\n?\nnee\n1\nlosse_notas\n1\n")  # type: ignore[attr-defined]
    assert Dialogue(mini_kb, consultation, console=console, asker=asker).run() is Ending.FINISHED
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Een wethouder die over alle onderdelen aanspreekbaar is." in text  # the ? help
    assert {"verkokering", "geen_integraal_verantwoordelijke"} <= {
        f.id for f in consultation.result().findings
    }
    consultation.close()
    engine.close()
