"""Files → model: the only package that reads rule, scenario and answer files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from adviseur.diagnostics import did_you_mean
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


def load_knowledge_base(paths: Sequence[Path] | None = None) -> KnowledgeBase:
    """Load and cross-check every rule file; raise DiagnosticsError with ALL problems at once."""
    paths = list(paths) if paths else [default_rules()]
    files = yaml_files(paths, "regelbestanden")
    out = Collector()
    parts = Parts()
    contents: list[tuple[Path, bytes]] = []
    for path in files:
        try:
            text = read_text(path)
            data = load_yaml(path, text)
        except DiagnosticsError as exc:
            out.diagnostics.extend(exc.diagnostics)
            continue
        contents.append((path, text.encode()))
        _read_file(path, data, parts, out)
    if out:
        raise DiagnosticsError(out.diagnostics)
    kb = Resolver(parts, out).resolve(digest(contents, paths))
    if out:
        raise DiagnosticsError(out.diagnostics)
    return kb


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
        return
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            out.error(
                "E104",
                data.key_loc(key),
                f"onbekende sleutel '{key}' bovenaan een regelbestand",
                did_you_mean(key, TOP_LEVEL_KEYS) or f"toegestaan: {', '.join(TOP_LEVEL_KEYS)}",
            )
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
