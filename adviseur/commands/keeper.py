"""Keeps the saved session in step with the consultation: a save after every change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from adviseur.session.consultation import Consultation
from adviseur.session.store import SavedSession, new_session, save


class Keeper:
    def __init__(self, session: SavedSession, directory: Path) -> None:
        self.session = session
        self.directory = directory

    @classmethod
    def start(cls, consultation: Consultation, *, engine: str, directory: Path) -> Keeper:
        now = datetime.now().astimezone()
        session = new_session(
            ruleset=consultation.kb.digest, full=consultation.full, engine=engine, now=now
        )
        return cls(session, directory)

    @property
    def path(self) -> Path | None:
        return self.session.path

    def save(self, consultation: Consultation, *, finished: bool = False) -> None:
        self.session = save(
            replace(
                self.session,
                ruleset=consultation.kb.digest,
                updated=datetime.now().astimezone().isoformat(timespec="seconds"),
                answers=tuple(consultation.answers.items()),
                finished=finished,
                findings={f.id: f.certainty for f in consultation.result().findings},
            ),
            self.directory,
        )
