"""Helpers the subcommands share: loading with the chosen engine, JSON output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from adviseur.engine import create_engine
from adviseur.engine.base import Engine
from adviseur.loading import load_knowledge_base
from adviseur.model.knowledge import KnowledgeBase


def load(rules: Sequence[Path] | None, engine: str) -> tuple[KnowledgeBase, Engine]:
    kb = load_knowledge_base(rules)
    return kb, create_engine(kb, engine)


def write_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
