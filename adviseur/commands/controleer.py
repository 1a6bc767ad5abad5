"""`adviseur controleer`: every problem in the rule files, in one pass."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.checks.citations import check_quotes
from adviseur.diagnostics import Diagnostic, summary
from adviseur.errors import DiagnosticsError, ExitStatus
from adviseur.loading import load_knowledge_base


def controleer(paths: Sequence[Path] | None, *, texts: Path | None, console: Console) -> int:
    problems: list[Diagnostic] = []
    try:
        kb = load_knowledge_base(paths)
    except DiagnosticsError as exc:
        problems.extend(exc.diagnostics)
    else:
        if texts is not None:
            if not texts.is_dir():
                problems.append(
                    Diagnostic(code="E100", message=f"map met bronteksten bestaat niet: {texts}")
                )
            else:
                problems.extend(check_quotes(kb, texts))
    for problem in sorted(problems, key=Diagnostic.sort_key):
        console.print(Text(str(problem)), soft_wrap=True)
    if problems:
        console.print(Text(summary(problems), style="bold red"))
        return ExitStatus.INVALID
    console.print(Text("geen problemen gevonden", style="green"))
    return ExitStatus.OK
