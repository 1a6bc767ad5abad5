"""Files → model: the only package that reads rule, scenario and answer files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adviseur.diagnostics import Diagnostic, did_you_mean
from adviseur.errors import DiagnosticsError
from adviseur.loading.fields import Collector
from adviseur.loading.files import digest, yaml_files
from adviseur.loading.items import TOP_LEVEL_KEYS, read_section
from adviseur.loading.resolve import Parts, Resolver
from adviseur.loading.yamlsrc import YamlMap, load_yaml, read_text, type_name
from adviseur.model.knowledge import KnowledgeBase
from adviseur.model.location import SourceLocation

SHIPPED_RULES = Path(__file__).resolve().parents[2] / "rules"


def default_rules() -> Path:
    """`rules/` in the working directory if there is one, else the shipped knowledge base."""
    here = Path("rules")
    return here if here.is_dir() else SHIPPED_RULES


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a loading pass made of the rule files, problems included.

    `kb` holds every item that could be read, also when there are problems; `damaged` names
    the items that have a problem of their own, and `complete` is false when some content
    could not be read at all (so an item may have readers that the model does not show).
    """

    kb: KnowledgeBase | None
    diagnostics: tuple[Diagnostic, ...]
    damaged: frozenset[str] = frozenset()
    complete: bool = True


def read_knowledge_base(paths: Sequence[Path] | None = None) -> LoadResult:
    """Read and cross-check every rule file, collecting ALL problems instead of raising."""
    paths = list(paths) if paths else [default_rules()]
    try:
        files = yaml_files(paths, "regelbestanden")
    except DiagnosticsError as exc:
        return LoadResult(kb=None, diagnostics=exc.diagnostics, complete=False)
    out = Collector()
    parts = Parts()
    contents: list[tuple[Path, bytes]] = []
    for path in files:
        try:
            text = read_text(path)
            data = load_yaml(path, text)
        except DiagnosticsError as exc:
            out.diagnostics.extend(exc.diagnostics)
            out.incomplete = True
            continue
        contents.append((path, text.encode()))
        _read_file(path, data, parts, out)
    resolver = Resolver(parts, out)
    kb = resolver.resolve(digest(contents, paths))
    return LoadResult(
        kb=kb,
        diagnostics=tuple(out.diagnostics),
        damaged=frozenset(out.damaged),
        complete=not out.incomplete,
    )


def load_knowledge_base(paths: Sequence[Path] | None = None) -> KnowledgeBase:
    """Load and cross-check every rule file; raise DiagnosticsError with ALL problems at once."""
    result = read_knowledge_base(paths)
    if result.diagnostics or result.kb is None:
        raise DiagnosticsError(result.diagnostics)
    return result.kb


def _read_file(path: Path, data: object, parts: Parts, out: Collector) -> None:
    if data is None:
        out.error(
            "E110", SourceLocation(path), "het bestand is leeg", "verwijder het of vul het aan"
        )
        return
    if not isinstance(data, YamlMap):
        out.error(
            "E103",
            SourceLocation(path),
            "een regelbestand is een mapping met sleutels als vragen: en regels:, "
            f"niet {type_name(data)}",
        )
        out.incomplete = True
        return
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.error(
                "E104",
                data.key_loc(key),
                f"onbekende sleutel '{key}' bovenaan een regelbestand",
                did_you_mean(key, TOP_LEVEL_KEYS) or f"toegestaan: {', '.join(TOP_LEVEL_KEYS)}",
            )
            out.incomplete = True
            continue
        targets: dict[str, list[Any]] = {
            "bronnen": parts.sources,
            "dimensies": parts.dimensions,
            "vragen": parts.questions,
            "faalfactoren": parts.factors,
            "interventies": parts.interventions,
            "lessen": parts.lessons,
            "praktijkvoorbeelden": parts.cases,
            "regels": parts.rules,
        }
        targets[key].extend(read_section(key, data, out))
