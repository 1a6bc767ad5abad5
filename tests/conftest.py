"""Shared fixtures: the small test knowledge base, consoles that write to strings, main()."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from adviseur.cli import main
from adviseur.loading import load_knowledge_base
from adviseur.model.knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI_RULES = DATA / "rules" / "mini"
MINI_SCENARIOS = DATA / "scenarios" / "mini"
SOURCES = ROOT.parent / "shared" / "bronnen"


@pytest.fixture(scope="session", autouse=True)
def adviseur_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never write into the user's own cache or data directory."""
    home = tmp_path_factory.mktemp("adviseur_home")
    before = os.environ.get("ADVISEUR_HOME")
    os.environ["ADVISEUR_HOME"] = str(home)
    yield home
    if before is None:
        del os.environ["ADVISEUR_HOME"]
    else:
        os.environ["ADVISEUR_HOME"] = before


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    return load_knowledge_base([MINI_RULES])


@pytest.fixture
def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None, legacy_windows=False)


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Call main(argv) and capture its exit status and output."""
    monkeypatch.setenv("COLUMNS", "200")

    def call(*argv: str) -> Run:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code=int(code), out=captured.out, err=captured.err)

    return call


def run_isolated(code: str, *, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a child process that is killed from outside if it hangs.

    durable-rules can hang while holding the GIL (no signal or thread can stop it) or crash
    the process; such tests must not take the test run down with them.
    """
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
