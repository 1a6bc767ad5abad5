"""`adviseur controleer`: every problem in the rule files, in one pass."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.text import Text

from adviseur.checks.runner import check_paths
from adviseur.commands.common import write_json
from adviseur.diagnostics import summary
from adviseur.errors import ExitStatus
from adviseur.report.problems import github_line, problems_document

FORMATS = ("tekst", "json", "github")


def controleer(
    paths: Sequence[Path] | None,
    *,
    texts: Path | None,
    output: str = "tekst",
    out: TextIO,
    console: Console,
) -> int:
    problems = check_paths(paths, texts=texts)
    if output == "json":
        write_json(problems_document(problems), out)
    elif output == "github":
        for problem in problems:
            out.write(github_line(problem) + "\n")
        out.write((summary(problems) if problems else "geen problemen gevonden") + "\n")
    else:
        for problem in problems:
            console.print(Text(str(problem)), soft_wrap=True)
        if problems:
            console.print(Text(summary(problems), style="bold red"))
        else:
            console.print(Text("geen problemen gevonden", style="green"))
    return ExitStatus.INVALID if problems else ExitStatus.OK
