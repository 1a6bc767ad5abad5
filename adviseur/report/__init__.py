"""One view model of the advice, rendered as terminal output, Markdown, HTML or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from adviseur.errors import AdviseurError, UsageError
from adviseur.report import html_page, markdown
from adviseur.report.json_doc import report_document
from adviseur.report.view import AdviceView

REPORT_SUFFIXES = (".md", ".html", ".json")


def render_report(view: AdviceView, suffix: str) -> str:
    if suffix == ".md":
        return markdown.render(view)
    if suffix in (".html", ".htm"):
        return html_page.render(view)
    if suffix == ".json":
        return json.dumps(report_document(view), ensure_ascii=False, indent=2) + "\n"
    raise UsageError(f"onbekend rapportformaat '{suffix}'; kies .md, .html of .json")


def write_report(view: AdviceView, path: Path) -> Path:
    """Write the report in the format its suffix names."""
    text = render_report(view, path.suffix.lower())
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AdviseurError(f"kan het rapport niet schrijven naar {path}: {exc.strerror}") from None
    return path
