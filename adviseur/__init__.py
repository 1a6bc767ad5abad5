"""adviseur: a rule-based advisory expert system on faalfactoren for Dutch municipalities."""

from __future__ import annotations

__version__ = "0.1.0"
