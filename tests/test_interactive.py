"""The interactive dialogue and the advice desk, driven through prompt_toolkit pipe input."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from adviseur.engine import create_engine
from adviseur.model.knowledge import KnowledgeBase
from adviseur.report.view import build
from adviseur.session.consultation import Consultation
from adviseur.ui.advice import AdviceDesk
from adviseur.ui.interactive import Dialogue, Ending
from adviseur.ui.prompts import Asker


@pytest.fixture
def setup(mini_kb: KnowledgeBase) -> Iterator[tuple[Dialogue, Any, Console]]:
    engine = create_engine(mini_kb, "durable")
    consultation = Consultation(mini_kb, engine, full=True)
    console = Console(file=io.StringIO(), width=120, color_system=None)
    saves: list[dict[str, object]] = []
    with create_pipe_input() as pipe:
        asker = Asker(pt_input=pipe, pt_output=DummyOutput())
        dialogue = Dialogue(
            mini_kb,
            consultation,
            console=console,
            asker=asker,
            on_change=lambda c: saves.append(dict(c.answers)),
        )
        dialogue.saves = saves  # type: ignore[attr-defined]
        yield dialogue, pipe, console
    consultation.close()
    engine.close()


def output(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_waarom_terug_with_impact_and_overzicht(setup: tuple[Dialogue, Any, Console]) -> None:
    dialogue, pipe, console = setup
    pipe.send_text("2\nwaarom\nnee\nterug\nja\nj\noverzicht\nstop\n")
    assert dialogue.run() is Ending.STOPPED
    text = output(console)
    assert "Waarom vraag ik dit? — integraal_wethouder" in text
    assert "Ik wil bepalen of faalfactor 'Geen integraal verantwoordelijke' speelt" in text
    assert "Wat verandert er?" in text
    assert "faalfactor 'Geen integraal verantwoordelijke' vervalt (was 0,70)" in text
    assert "2 vragen beantwoord" in text
    assert dialogue.consultation.answers == {
        "aantal_diensten": "twee_of_meer",
        "integraal_wethouder": "ja",
    }
    assert len(dialogue.saves) == 3  # type: ignore[attr-defined]  # two answers and one change


def test_wijzig_by_number_can_be_cancelled(setup: tuple[Dialogue, Any, Console]) -> None:
    dialogue, pipe, console = setup
    pipe.send_text("2\nnee\nwijzig 1\n1\nn\nstop\n")
    assert dialogue.run() is Ending.STOPPED
    assert "Niets gewijzigd." in output(console)
    assert dialogue.consultation.answers["aantal_diensten"] == "twee_of_meer"


def test_advice_desk_explains_and_exports(
    setup: tuple[Dialogue, Any, Console], tmp_path: Path
) -> None:
    dialogue, pipe, console = setup
    pipe.send_text("2\nnee\n2\nlosse_notas\n")
    assert dialogue.run() is Ending.FINISHED
    consultation = dialogue.consultation
    report = tmp_path / "advies.json"

    def view() -> Any:
        return build(consultation.kb, consultation.result(), consultation.answers, engine="durable")

    desk = AdviceDesk(consultation.kb, dialogue, view=view, console=console)
    pipe.send_text(
        f"hoe verkokering\nwaarom niet incoherent\nrekenwijze\nrapport {report}\nklaar\n"
    )
    assert desk.run() is Ending.FINISHED
    text = output(console)
    assert "Combinatie: 0,30 + 0,60 × (1 − 0,30) = 0,72" in text
    assert "Waarom niet: Programma zonder samenhang" in text
    assert f"Rapport geschreven: {report}" in text
    assert json.loads(report.read_text(encoding="utf-8"))["faalfactoren"][0]["id"] == "verkokering"
