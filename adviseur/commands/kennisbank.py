"""`adviseur kennisbank`: the loaded knowledge base as JSON, or a short summary."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table

from adviseur.commands.common import write_json
from adviseur.errors import ExitStatus
from adviseur.loading import load_knowledge_base
from adviseur.report.knowledge_doc import knowledge_document


def kennisbank(
    rules: Sequence[Path] | None, *, as_json: bool, out: TextIO, console: Console
) -> int:
    kb = load_knowledge_base(rules)
    if as_json:
        write_json(knowledge_document(kb), out)
        return ExitStatus.OK
    table = Table(title=f"Kennisbank {kb.digest[:12]}", box=None)
    table.add_column("soort")
    table.add_column("aantal", justify="right")
    groups = (
        ("bronnen", kb.sources),
        ("dimensies", kb.dimensions),
        ("vragen", kb.questions),
        ("faalfactoren", kb.factors),
        ("interventies", kb.interventions),
        ("lessen", kb.lessons),
        ("praktijkvoorbeelden", kb.cases),
        ("regels", kb.rules),
    )
    for name, items in groups:
        table.add_row(name, str(len(items)))
    console.print(table)
    return ExitStatus.OK
