"""Diagnostics as JSON and as GitHub Actions workflow commands (the text form is str(d))."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adviseur.diagnostics import Diagnostic, Severity

FORMAT_VERSION = 1


def problems_document(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """`adviseur controleer --format json`: one object, one entry per problem."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return {
        "versie": FORMAT_VERSION,
        "fouten": errors,
        "waarschuwingen": len(diagnostics) - errors,
        "problemen": [
            {
                "code": d.code,
                "ernst": str(d.severity),
                "bericht": d.message,
                "hint": d.hint,
                "bestand": str(d.location.path) if d.location else None,
                "regel": d.location.line if d.location else None,
                "kolom": d.location.column if d.location else None,
            }
            for d in diagnostics
        ],
    }


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    """`::error file=…,line=…,col=…,title=E201::message (hint)` for a GitHub Actions log."""
    command = "error" if d.severity is Severity.ERROR else "warning"
    props = []
    if d.location is not None:
        props += [
            f"file={_property(str(d.location.path))}",
            f"line={d.location.line}",
            f"col={d.location.column}",
        ]
    props.append(f"title={_property(d.code)}")
    hint = f" ({d.hint})" if d.hint else ""
    return f"::{command} {','.join(props)}::{_data(f'[{d.code}] {d.message}{hint}')}"
