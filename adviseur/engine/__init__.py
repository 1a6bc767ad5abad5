"""Inference engines behind one seam; `create_engine` picks one by name."""

from __future__ import annotations

from adviseur.engine.base import Engine
from adviseur.errors import UsageError
from adviseur.model.knowledge import KnowledgeBase

ENGINES = ("durable", "referentie")


def create_engine(kb: KnowledgeBase, name: str = "durable") -> Engine:
    """Compile the knowledge base for the named engine."""
    if name == "referentie":
        from adviseur.engine.reference import ReferenceEngine

        return ReferenceEngine(kb)
    if name == "durable":
        try:
            from adviseur.engine.durable import DurableEngine
        except ImportError:  # the C extension did not build on this machine
            raise UsageError(
                "durable-rules is niet geïnstalleerd of werkt niet op deze machine",
            ) from None
        return DurableEngine(kb)
    raise UsageError(f"onbekende engine '{name}'; kies uit: {', '.join(ENGINES)}")
