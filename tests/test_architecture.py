"""The import contract: the core stays free of IO libraries; each library lives in one place;
no eval or exec anywhere in the package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "adviseur"
MODULES = sorted(PACKAGE.rglob("*.py"))

# layer → adviseur packages it may import
ALLOWED = {
    "model": {"model"},
    "diagnostics": {"model", "diagnostics"},
    "errors": {"diagnostics", "model"},
    "loading": {"model", "errors", "diagnostics", "loading"},
    "checks": {"model", "diagnostics", "checks", "engine", "loading", "errors", "session"},
    "engine": {"model", "errors", "engine"},
    "session": {"model", "errors", "engine", "session", "diagnostics"},
    "report": {"model", "engine", "session", "report", "diagnostics", "errors"},
}
THIRD_PARTY = {
    "yaml": {"loading/yamlsrc.py"},
    "durable": {"engine/durable.py"},
    "durable_rules_engine": {"engine/durable.py"},
    "prompt_toolkit": {"ui"},
    "rich": {"report/terminal.py", "ui", "commands", "cli.py"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_layers_import_only_what_they_may(path: Path) -> None:
    rel = path.relative_to(PACKAGE).as_posix()
    for name in imports(path):
        top = name.split(".")[0]
        if top == "adviseur" and layer(path) in ALLOWED:
            target = name.split(".")[1] if "." in name else ""
            assert target in ALLOWED[layer(path)], f"{rel} imports {name}"
        if top in THIRD_PARTY:
            places = THIRD_PARTY[top]
            assert any(rel == p or rel.startswith(p + "/") for p in places), f"{rel} imports {top}"


def test_no_eval_or_exec_in_the_package() -> None:
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "__import__"}, path
            if isinstance(node, ast.Attribute):
                assert node.attr not in {
                    "unsafe_load",
                    "full_load",
                    "UnsafeLoader",
                    "FullLoader",
                }, path
