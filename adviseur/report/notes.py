"""Numbered citations (footnotes) shared by the Markdown and HTML reports."""

from __future__ import annotations

from datetime import datetime

from adviseur.report.view import CitationView


class Notes:
    """Gives each distinct citation one number, in order of first use."""

    def __init__(self) -> None:
        self.items: list[CitationView] = []
        self._index: dict[CitationView, int] = {}

    def number(self, citation: CitationView) -> int:
        if citation not in self._index:
            self.items.append(citation)
            self._index[citation] = len(self.items)
        return self._index[citation]


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(iso: str) -> str:
    """2026-11-25T21:03:00+00:00 → 25 november 2026, 21:03."""
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"
