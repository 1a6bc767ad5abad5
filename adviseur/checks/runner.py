"""`adviseur controleer` in one call: load everything, then run every check on what loaded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from adviseur.checks import certainty, logic, reach, usage
from adviseur.checks.citations import check_quotes
from adviseur.checks.context import Context
from adviseur.checks.registry import problem
from adviseur.diagnostics import Diagnostic
from adviseur.loading import read_knowledge_base


def quality(ctx: Context) -> list[Diagnostic]:
    """Every check beyond loading, on the knowledge base as far as it could be read."""
    analysis = logic.Logic(ctx)
    found: list[Diagnostic] = []
    found += logic.check(ctx, analysis)
    found += reach.check(ctx, analysis)
    found += usage.check(ctx)
    found += certainty.check(ctx)
    return found


def check_paths(paths: Sequence[Path] | None, *, texts: Path | None = None) -> list[Diagnostic]:
    """All problems in the rule files (and, with `texts`, in their citaten), in file order."""
    loaded = read_knowledge_base(paths)
    problems = list(loaded.diagnostics)
    if loaded.kb is not None:
        problems += quality(Context(loaded.kb, loaded.damaged, loaded.complete))
        if texts is not None:
            if texts.is_dir():
                problems += check_quotes(loaded.kb, texts)
            else:
                problems.append(problem("E100", None, f"map met bronteksten bestaat niet: {texts}"))
    return sorted(problems, key=Diagnostic.sort_key)
