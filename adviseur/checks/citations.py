"""Every citaat must occur verbatim in its source text (after normalising PDF artefacts)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from adviseur.diagnostics import Diagnostic
from adviseur.model.knowledge import Citation, KnowledgeBase

_QUOTES = dict.fromkeys(map(ord, '‘’‚‛′`´“”„‟″«»‹›"'), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\n\s*")
_LIGATURE_GAP = re.compile(r"(?<=f[fil]) (?=[a-zà-ÿ])")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form both source and citaat are compared in.

    NFKC (so "ﬁ" is "fi"); every kind of quote mark is one character and every dash a
    hyphen; the replacement character (before bullets) goes; a word hyphenated at a line
    break is joined; all other hyphens go too, so "GSB-beleid" matches "GSB-\\nbeleid";
    runs of whitespace become one space; ligature gaps ("specifi ek") are closed.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    text = text.replace("\ufffd", " ")
    text = _HYPHEN_BREAK.sub("", text).replace("-", "")
    text = _SPACE.sub(" ", text)
    return _LIGATURE_GAP.sub("", text).strip()


def cited(kb: KnowledgeBase) -> Iterable[tuple[str, Citation]]:
    """Every citation in the knowledge base once, with the id of the item that has it."""
    groups = (kb.questions, kb.factors, kb.interventions, kb.lessons, kb.cases, kb.rules)
    seen: set[int] = set()
    for group in groups:
        for item in group:
            for citation in item.citations:
                if id(citation) not in seen:  # generated rules share their item's citations
                    seen.add(id(citation))
                    yield item.id, citation


def check_quotes(kb: KnowledgeBase, texts_dir: Path) -> list[Diagnostic]:
    """E301 for every citaat not found in its source, E305 for a source text that is missing."""
    problems: list[Diagnostic] = []
    texts: dict[str, str | None] = {}
    for source in kb.sources:
        path = texts_dir / (source.filename or f"{source.id}.txt")
        try:
            texts[source.id] = normalise_text(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            texts[source.id] = None
            problems.append(
                Diagnostic(
                    code="E305",
                    message=(
                        f"brontekst van '{source.id}' niet gevonden of niet leesbaar: {path.name}"
                    ),
                    location=source.origin,
                    hint=f"zet '{path.name}' in {texts_dir} of pas 'bestand' aan",
                )
            )
    for owner, citation in cited(kb):
        text = texts.get(citation.source)
        if text is None:
            continue
        quote = normalise_text(citation.quote)
        if quote and quote in text:
            continue
        problems.append(
            Diagnostic(
                code="E301",
                message=f"citaat bij '{owner}' staat niet letterlijk in bron '{citation.source}'",
                location=citation.quote_origin or citation.origin,
                hint=_divergence(quote, text),
            )
        )
    return problems


def _divergence(quote: str, text: str) -> str:
    """Where the citaat stops matching the source: the longest prefix that does occur."""
    low, high = 0, len(quote)
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low < 8:
        return "het begin van het citaat komt al niet voor in de bron"
    return f"klopt tot '…{quote[max(0, low - 30) : low]}', daarna wijkt het af"
