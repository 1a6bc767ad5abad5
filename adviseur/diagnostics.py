"""Located problems: `path:line:col: fout[E201] message (bedoelde u 'x'?)`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from adviseur.model.location import SourceLocation


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem found in a rule, scenario, answer or session file."""

    code: str
    message: str
    location: SourceLocation | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    related: tuple[SourceLocation, ...] = field(default=())

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.severity}[{self.code}] {self.message}{hint}"

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        if loc is None:
            return ("", 0, 0, self.code)
        return (str(loc.path), loc.line, loc.column, self.code)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "bedoelde u …?" hint for an unknown name, or None when nothing is close."""
    names = list(candidates)
    matches = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not matches and len(word) >= 3:  # an abbreviation: 'gsb' for 'gsb_2005'
        matches = sorted(n for n in names if n.startswith(word))[:1]
    if not matches and len(word) >= 6:  # a shortened id: "jeugdprojecten" for "jeugdprojecten_…"
        matches = sorted(n for n in names if word in n)[:1]
    return f"bedoelde u '{matches[0]}'?" if matches else None


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """One closing line: how many problems in how many files."""
    items = list(diagnostics)
    files = {str(d.location.path) for d in items if d.location}
    errors = sum(1 for d in items if d.severity is Severity.ERROR)
    warnings = len(items) - errors
    parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"]
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    noun = "bestand" if len(files) == 1 else "bestanden"
    what = "probleem" if len(items) == 1 else "problemen"
    return f"{len(items)} {what} ({', '.join(parts)}) in {len(files)} {noun}"
