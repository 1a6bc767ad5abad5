"""Finding rule and scenario files, and the content hash of a rule set."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from adviseur.diagnostics import Diagnostic
from adviseur.errors import DiagnosticsError
from adviseur.model.location import SourceLocation

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(paths: Sequence[Path], what: str) -> list[Path]:
    """Every YAML file under the given files and directories, in a stable order."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:
        where = SourceLocation(path, 1, 1)
        try:
            if path.is_dir():
                inside = sorted(
                    p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
                )
                if not inside:
                    problems.append(
                        Diagnostic(
                            code="E100", message=f"map bevat geen {what} (*.yaml)", location=where
                        )
                    )
                found.extend(inside)
            elif path.exists():
                if path.suffix not in YAML_SUFFIXES:
                    problems.append(
                        Diagnostic(
                            code="E100",
                            message=f"geen YAML-bestand: {path.name}",
                            location=where,
                            hint="geef een map of een bestand dat eindigt op .yaml",
                        )
                    )
                    continue
                found.append(path)
            else:
                problems.append(
                    Diagnostic(
                        code="E100",
                        message="bestand of map bestaat niet",
                        location=where,
                        hint="controleer het pad",
                    )
                )
        except PermissionError:
            problems.append(
                Diagnostic(code="E100", message="geen toegang tot deze map", location=where)
            )
    if problems:
        raise DiagnosticsError(problems)
    return found


def digest(files: Sequence[tuple[Path, bytes]], root: Sequence[Path]) -> str:
    """sha256 over the files' names (relative to their root) and contents."""
    h = hashlib.sha256()
    for path, data in sorted(files, key=lambda f: _relative(f[0], root)):
        name = _relative(path, root).encode()
        h.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _relative(path: Path, roots: Sequence[Path]) -> str:
    for root in roots:
        if root.is_dir():
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                continue
    return path.name
