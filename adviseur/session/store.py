"""Saved consultations: one JSON file per session, written atomically and privately.

The caller says where sessions live (see adviseur.paths). Every answer is saved
before the next question appears, with a write to a temporary file, fsync and an atomic
rename, so a crash or a killed process never leaves a half-written file and loses nothing that
was confirmed.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from adviseur.diagnostics import Diagnostic
from adviseur.errors import AdviseurError, DiagnosticsError
from adviseur.model.answers import UNKNOWN, AnswerValue, Unknown
from adviseur.model.location import SourceLocation

FORMAT = "adviseur-sessie"
VERSION = 1
MAX_SESSION_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedSession:
    id: str
    started: str
    updated: str
    ruleset: str
    full: bool
    engine: str
    answers: tuple[tuple[str, AnswerValue], ...]
    finished: bool = False
    findings: Mapping[str, float] = field(default_factory=dict)  # id → zekerheid, at save time
    path: Path | None = field(default=None, compare=False)


def new_session(*, ruleset: str, full: bool, engine: str, now: datetime) -> SavedSession:
    stamp = now.isoformat(timespec="seconds")
    return SavedSession(
        id=f"{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}",
        started=stamp,
        updated=stamp,
        ruleset=ruleset,
        full=full,
        engine=engine,
        answers=(),
    )


def encode_answer(value: AnswerValue) -> Any:
    if isinstance(value, Unknown):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def _decode(raw: Any) -> AnswerValue | None:
    if raw == UNKNOWN.value:
        return UNKNOWN
    if isinstance(raw, list) and all(isinstance(v, str) for v in raw):
        return frozenset(raw)
    if isinstance(raw, str) or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw
    return None


def to_json(session: SavedSession) -> dict[str, Any]:
    return {
        "formaat": FORMAT,
        "versie": VERSION,
        "id": session.id,
        "gestart": session.started,
        "bijgewerkt": session.updated,
        "regelset": session.ruleset,
        "route": "volledig" if session.full else "kort",
        "engine": session.engine,
        "klaar": session.finished,
        "antwoorden": [{"vraag": q, "waarde": encode_answer(v)} for q, v in session.answers],
        "conclusies": dict(session.findings),
    }


def save(session: SavedSession, directory: Path) -> SavedSession:
    """Write the session atomically (temp file, fsync, rename) readable by the owner only."""
    folder = session.path.parent if session.path else directory
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = session.path or folder / f"{session.id}.json"
        data = json.dumps(to_json(session), ensure_ascii=False, indent=1).encode()
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        Path(temp).replace(target)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise AdviseurError(f"kan de sessie niet bewaren in {folder}: {exc.strerror}") from None
    return replace(session, path=target)


def _problem(
    path: Path, message: str, hint: str | None = None, line: int = 1, col: int = 1
) -> DiagnosticsError:
    return DiagnosticsError(
        [
            Diagnostic(
                code="E601", message=message, location=SourceLocation(path, line, col), hint=hint
            )
        ]
    )


def load(path: Path) -> SavedSession:
    """Read a session file; a damaged or foreign file gives a located E601."""
    try:
        if path.stat().st_size > MAX_SESSION_BYTES:
            raise _problem(path, "sessiebestand is te groot om een sessie te zijn")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _problem(
            path, "sessiebestand bestaat niet", "zie 'adviseur hervat --lijst'"
        ) from None
    except IsADirectoryError:
        raise _problem(path, "dit is een map, geen sessiebestand") from None
    except PermissionError:
        raise _problem(path, "sessiebestand is niet leesbaar (geen toegang)") from None
    except UnicodeDecodeError:
        raise _problem(path, "sessiebestand is beschadigd (geen tekst)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _problem(
            path,
            f"sessiebestand is beschadigd of afgebroken: {exc.msg}",
            "begin een nieuwe consultatie; antwoorden van dit bestand zijn niet te herstellen",
            exc.lineno,
            exc.colno,
        ) from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAT:
        raise _problem(path, "dit is geen sessiebestand van adviseur")
    if data.get("versie") != VERSION:
        raise _problem(
            path,
            f"sessiebestand heeft versie {data.get('versie')!r}; deze adviseur leest versie {VERSION}",
            "hervat het met de versie van adviseur die het schreef",
        )
    try:
        answers = []
        for item in data["antwoorden"]:
            value = _decode(item["waarde"])
            if isinstance(item["vraag"], str) and value is not None:
                answers.append((item["vraag"], value))
        return SavedSession(
            id=str(data["id"]),
            started=str(data["gestart"]),
            updated=str(data["bijgewerkt"]),
            ruleset=str(data["regelset"]),
            full=data["route"] == "volledig",
            engine=str(data.get("engine", "durable")),
            answers=tuple(answers),
            finished=bool(data.get("klaar", False)),
            findings={str(k): float(v) for k, v in dict(data.get("conclusies", {})).items()},
            path=path,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _problem(path, f"sessiebestand is onvolledig: {exc}") from None


def latest(folder: Path) -> Path | None:
    """The most recently updated session file, if any."""
    try:
        files = [p for p in folder.glob("*.json") if not p.name.startswith(".")]
    except OSError:
        return None
    return max(files, key=lambda p: p.stat().st_mtime_ns, default=None)
