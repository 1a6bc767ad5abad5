"""Where adviseur keeps its files: `ADVISEUR_HOME` if set, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    override = os.environ.get("ADVISEUR_HOME")
    if override:
        return Path(override)
    import platformdirs  # imported late: not needed when ADVISEUR_HOME is set

    return Path(platformdirs.user_data_dir("adviseur", appauthor=False))


def sessions_dir() -> Path:
    return home() / "sessies"
