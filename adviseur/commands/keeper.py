"""Keeps the saved session in step with the consultation: a save after every change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from adviseur.session.consultation import Consultation
    from adviseur.session.store import SavedSession

# session.store (uuid, tempfile, json) loads at the first save, after the first answer: the
# time until the first question is on screen is what users feel at every start.


class Keeper:
    def __init__(self, session: SavedSession | None, directory: Path, *, engine: str = "") -> None:
        self.session = session
        self.directory = directory
        self.engine = engine
        self.started = datetime.now().astimezone()

    @classmethod
    def start(cls, consultation: Consultation, *, engine: str, directory: Path) -> Keeper:
        """A keeper for a new consultation; its file is made at the first save."""
        return cls(None, directory, engine=engine)

    @property
    def path(self) -> Path | None:
        return self.session.path if self.session else None

    def save(self, consultation: Consultation, *, finished: bool = False) -> None:
        from adviseur.session.store import new_session, save

        session = self.session or new_session(
            ruleset=consultation.kb.digest,
            full=consultation.full,
            engine=self.engine,
            now=self.started,
        )
        self.session = save(
            replace(
                session,
                ruleset=consultation.kb.digest,
                updated=datetime.now().astimezone().isoformat(timespec="seconds"),
                answers=tuple(consultation.answers.items()),
                finished=finished,
                findings={f.id: f.certainty for f in consultation.result().findings},
            ),
            self.directory,
        )
