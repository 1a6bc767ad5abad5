"""Saved sessions: atomic, private, and every way a file can be bad gives a located message."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adviseur.errors import DiagnosticsError
from adviseur.model.answers import UNKNOWN
from adviseur.session.store import latest, load, new_session, save

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def sample(tmp_path: Path) -> Path:
    session = new_session(ruleset="abc", full=False, engine="durable", now=NOW)
    session = session.__class__(
        **{
            **{s: getattr(session, s) for s in session.__slots__},
            "answers": (
                ("aantal_diensten", "een"),
                ("documenten", frozenset({"visie"})),
                ("x", UNKNOWN),
                ("n", 3),
            ),
        }
    )
    saved = save(session, tmp_path)
    assert saved.path is not None
    return saved.path


def test_round_trip_keeps_every_kind_of_answer(tmp_path: Path) -> None:
    loaded = load(sample(tmp_path))
    assert dict(loaded.answers) == {
        "aantal_diensten": "een",
        "documenten": frozenset({"visie"}),
        "x": UNKNOWN,
        "n": 3,
    }
    assert loaded.ruleset == "abc"
    assert not loaded.full


def test_session_files_are_private_and_no_temporary_files_remain(tmp_path: Path) -> None:
    path = sample(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_latest_is_the_most_recently_saved(tmp_path: Path) -> None:
    first = sample(tmp_path)
    os.utime(first, (1_000_000, 1_000_000))
    second = save(
        new_session(ruleset="def", full=True, engine="referentie", now=NOW.replace(minute=5)),
        tmp_path,
    )
    assert latest(tmp_path) == second.path
    assert latest(tmp_path / "leeg") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"formaat": "adviseur-sessie", "versie": 1, "id": "x", "antw',
            "beschadigd of afgebroken",
        ),
        ("", "beschadigd of afgebroken"),
        ('{"formaat": "iets-anders"}', "geen sessiebestand van adviseur"),
        ('{"formaat": "adviseur-sessie", "versie": 99}', "versie 99"),
        ('{"formaat": "adviseur-sessie", "versie": 1}', "onvolledig"),
    ],
    ids=["afgebroken", "leeg", "vreemd", "toekomstige-versie", "onvolledig"],
)
def test_bad_session_files_give_a_located_message(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DiagnosticsError) as caught:
        load(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:")
    assert "fout[E601]" in text
    assert message in text


def test_truncated_file_names_line_and_column(tmp_path: Path) -> None:
    path = sample(tmp_path)
    data = path.read_text(encoding="utf-8")
    path.write_text(data[: len(data) // 2], encoding="utf-8")
    with pytest.raises(DiagnosticsError) as caught:
        load(path)
    location = caught.value.diagnostics[0].location
    assert location is not None
    assert location.line > 1


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b"\xff\xfe\x00binair")
    with pytest.raises(DiagnosticsError, match="E601"):
        load(path)


def test_json_is_readable_for_people(tmp_path: Path) -> None:
    data = json.loads(sample(tmp_path).read_text(encoding="utf-8"))
    assert data["formaat"] == "adviseur-sessie"
    assert data["antwoorden"][1] == {"vraag": "documenten", "waarde": ["visie"]}
