"""End to end in a real pseudo-terminal: start, answer, waarom, wijzig, Ctrl-C, a killed process,
hervat, finish and export — as a user would."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import MINI_RULES, ROOT

READY = "\x1b[?2004h"  # prompt_toolkit switches on bracketed paste when a prompt is ready


class Terminal:
    def __init__(self, home: Path, *args: str) -> None:
        env = {
            **os.environ,
            "ADVISEUR_HOME": str(home),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "PYTHONPATH": str(ROOT),
        }
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "adviseur", *args, "--regels", str(MINI_RULES)],
            env=env,
            encoding="utf-8",
            timeout=20,
            dimensions=(60, 120),
            cwd=str(ROOT),
        )

    def answer(self, expected: str, text: str) -> None:
        self.child.expect_exact(expected)
        self.child.expect_exact(READY)
        self.child.sendline(text)

    def at_prompt(self, label: str, text: str) -> None:
        """For prompts whose own label is the text: the label is drawn after READY."""
        self.child.expect_exact(READY)
        self.child.expect_exact(label)
        self.child.sendline(text)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(
            self.child.exitstatus if self.child.exitstatus is not None else -self.child.signalstatus
        )


def session_files(home: Path) -> list[Path]:
    return sorted((home / "sessies").glob("*.json"))


def test_interrupt_resume_change_and_export(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = Terminal(home, "consult")
    t.answer("Hoeveel diensten werken mee", "2")
    t.answer("Is één wethouder integraal verantwoordelijk", "waarom")
    t.answer("Waarom vraag ik dit?", "nee")
    t.answer("Hoe goed werken de diensten samen", "wijzig aantal_diensten")
    t.answer("Antwoord wijzigen", "1")
    t.answer("Wat verandert er?", "n")
    t.child.expect_exact("Niets gewijzigd.")
    t.child.expect_exact(READY)
    t.child.sendintr()  # Ctrl-C at the prompt
    t.child.expect_exact("Uw antwoorden zijn bewaard")
    assert t.finish() == 130
    (saved,) = session_files(home)
    assert saved.stat().st_mode & 0o777 == 0o600
    answers = {
        a["vraag"]: a["waarde"] for a in json.loads(saved.read_text(encoding="utf-8"))["antwoorden"]
    }
    assert answers == {"aantal_diensten": "twee_of_meer", "integraal_wethouder": "nee"}

    t = Terminal(home, "hervat")
    t.child.expect_exact("hervat (2 antwoorden)")
    t.answer("Hoe goed werken de diensten samen", "1")
    t.at_prompt("advies>", "hoe verkokering")
    for suffix in (".md", ".html", ".json"):
        t.at_prompt("advies>", f"rapport {tmp_path / ('advies' + suffix)}")
        t.child.expect_exact("Rapport geschreven")
    t.at_prompt("advies>", "klaar")
    assert t.finish() == 0
    assert "Verkokering tussen diensten" in (tmp_path / "advies.md").read_text(encoding="utf-8")
    assert "<svg" in (tmp_path / "advies.html").read_text(encoding="utf-8")
    assert (
        json.loads((tmp_path / "advies.json").read_text(encoding="utf-8"))["antwoorden"][
            "samenwerking_diensten"
        ]
        == 1
    )


@pytest.mark.parametrize("answered", [1, 2])
def test_a_killed_consultation_loses_no_confirmed_answer(tmp_path: Path, answered: int) -> None:
    home = tmp_path / "home"
    t = Terminal(home, "consult")
    replies = [
        ("Hoeveel diensten werken mee", "2"),
        ("Is één wethouder integraal verantwoordelijk", "nee"),
    ]
    for expected, text in replies[:answered]:
        t.answer(expected, text)
    t.child.expect_exact(READY)  # the next question is on screen: the answer was confirmed
    os.kill(t.child.pid, signal.SIGKILL)
    t.finish()
    (saved,) = session_files(home)
    data = json.loads(saved.read_text(encoding="utf-8"))  # never half-written
    assert len(data["antwoorden"]) == answered

    t = Terminal(home, "hervat")
    t.child.expect_exact(f"hervat ({answered} antwoorden)")
    t.child.expect_exact(READY)
    t.child.sendline("stop")
    t.child.expect_exact("Sessie bewaard in")
    assert t.finish() == 0


@pytest.mark.parametrize("seed", range(4))
def test_sigkill_at_a_random_moment_never_half_writes_the_session(
    tmp_path: Path, seed: int
) -> None:
    import random
    import time

    rng = random.Random(seed)
    home = tmp_path / "home"
    t = Terminal(home, "consult", "--volledig")
    replies = ["2", "nee", "2", "losse_notas", "1"]
    confirmed = 0
    for n, reply in enumerate(replies):
        t.child.expect_exact(READY)
        confirmed = n  # the prompt for question n is up: the n answers before it were saved
        if rng.random() < 0.35:
            break
        t.child.sendline(reply)
        time.sleep(rng.random() * 0.05)  # sometimes kill in the middle of saving
        if rng.random() < 0.3:
            confirmed = n
            break
    os.kill(t.child.pid, signal.SIGKILL)
    t.finish()
    files = session_files(home)
    if not files:
        assert confirmed == 0
        return
    data = json.loads(files[0].read_text(encoding="utf-8"))  # always whole, valid JSON
    given = [a["waarde"] for a in data["antwoorden"]]
    assert len(given) >= confirmed  # nothing confirmed is lost
    assert (
        given == ["twee_of_meer", "nee", 2, ["losse_notas"], 1][: len(given)]
    )  # and nothing garbled
    leftovers = [p.name for p in (home / "sessies").iterdir() if p.name.startswith(".tmp")]
    assert len(leftovers) <= 1  # at most the one temporary file being written at the kill


def test_input_closing_mid_consultation_saves_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = Terminal(home, "consult")
    t.answer("Hoeveel diensten werken mee", "2")
    t.child.expect_exact(READY)
    t.child.sendeof()  # Ctrl-D: the input is gone
    t.child.expect_exact("De invoer is gesloten. Uw antwoorden zijn bewaard")
    assert t.finish() == 1
    (saved,) = session_files(home)
    assert len(json.loads(saved.read_text(encoding="utf-8"))["antwoorden"]) == 1


def test_a_terminal_that_hangs_up_loses_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    t = Terminal(home, "consult")
    t.answer("Hoeveel diensten werken mee", "2")
    t.answer("Is één wethouder integraal verantwoordelijk", "nee")
    t.child.expect_exact(READY)
    os.kill(t.child.pid, signal.SIGHUP)  # the terminal window is closed
    t.finish()
    (saved,) = session_files(home)
    assert [a["vraag"] for a in json.loads(saved.read_text(encoding="utf-8"))["antwoorden"]] == [
        "aantal_diensten",
        "integraal_wethouder",
    ]


def test_a_new_user_finishes_the_short_route_on_the_shipped_knowledge_base(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ADVISEUR_HOME": str(tmp_path / "home"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PYTHONPATH": str(ROOT),
    }
    child = pexpect.spawn(
        sys.executable, ["-m", "adviseur", "consult"], env=env, encoding="utf-8", timeout=30,
        dimensions=(60, 160), cwd=str(ROOT),
    )  # fmt: skip
    asked = 0
    while True:
        child.expect_exact(READY)
        screen = child.before[-600:]
        if child.expect_exact(["advies>", ">"]) == 0:  # "advies>" starts before its ">"
            break
        asked += 1
        child.sendline("ja" if "ja / nee" in screen else "1")
        assert asked <= 35, "the short route asks at most 35 questions"
    child.sendline(f"rapport {tmp_path / 'advies.html'}")
    child.expect_exact("Rapport geschreven")
    child.expect_exact("advies>")
    child.sendline("klaar")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert asked >= 10
    assert "<h2>Samenvatting</h2>" in (tmp_path / "advies.html").read_text(encoding="utf-8")
