"""Helpers the subcommands share: loading with the chosen engine, scenarios, JSON output."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from adviseur.engine import create_engine
from adviseur.errors import DiagnosticsError
from adviseur.loading import load_knowledge_base

if TYPE_CHECKING:
    from adviseur.diagnostics import Diagnostic
    from adviseur.engine.base import Engine
    from adviseur.model.knowledge import KnowledgeBase
    from adviseur.session.replay import ReplayResult

# Scenario, replay and JSON modules are imported where they are used: `adviseur consult` needs
# none of them before its first question.


def load(rules: Sequence[Path] | None, engine: str) -> tuple[KnowledgeBase, Engine]:
    kb = load_knowledge_base(rules)
    return kb, create_engine(kb, engine)


def write_json(data: Any, out: TextIO) -> None:
    import json

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def scenario_paths(
    scenarios: Sequence[Path] | None, rules: Sequence[Path] | None
) -> tuple[list[Path], str]:
    """The scenario files to use, and a line saying where they come from.

    Without --scenarios the shipped scenarios go with the shipped knowledge base only: they
    would not fit another rule set given with --regels.
    """
    from adviseur.loading.scenarios import default_scenarios, scenario_files

    if scenarios:
        return scenario_files(scenarios), ", ".join(str(p) for p in scenarios)
    if rules:
        return [], "geen scenario's (geef ze mee met --scenarios PAD)"
    folder = default_scenarios()
    if folder is None:
        return [], "geen scenario's gevonden (geef ze mee met --scenarios PAD)"
    return scenario_files([folder]), str(folder)


def replay_all(kb: KnowledgeBase, engine: Engine, files: Sequence[Path]) -> list[ReplayResult]:
    """Every scenario replayed; all problems in the scenario files at once."""
    from adviseur.loading.scenarios import load_scenario
    from adviseur.session.replay import replay

    problems: list[Diagnostic] = []
    results: list[ReplayResult] = []
    for path in files:
        try:
            scenario = load_scenario(path, kb)
        except DiagnosticsError as exc:
            problems.extend(exc.diagnostics)
            continue
        results.append(replay(kb, engine, scenario))
    if problems:
        raise DiagnosticsError(problems)
    return results
