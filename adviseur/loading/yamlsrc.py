"""The only module that touches PyYAML: safe composing into located plain data.

Values come back as `YamlMap` / `YamlList` (dict and list subclasses that know where each key
and item was written) and plain scalars. Only the standard YAML tags are accepted; anything
else (such as `!!python/object`) is an error and is never constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from adviseur.diagnostics import Diagnostic
from adviseur.errors import DiagnosticsError
from adviseur.model.location import SourceLocation

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 60

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class YamlMap(dict[str, Any]):
    """A mapping that remembers where it, each key and each value were written."""

    loc: SourceLocation
    key_locs: dict[str, SourceLocation]
    value_locs: dict[str, SourceLocation]

    def key_loc(self, key: str) -> SourceLocation:
        return self.key_locs.get(key, self.loc)

    def value_loc(self, key: str) -> SourceLocation:
        return self.value_locs.get(key, self.loc)


class YamlList(list[Any]):
    """A sequence that remembers where it and each item were written."""

    loc: SourceLocation
    item_locs: list[SourceLocation]

    def item_loc(self, index: int) -> SourceLocation:
        return self.item_locs[index] if index < len(self.item_locs) else self.loc


def _loc(path: Path, node: yaml.Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(path, mark.line + 1, mark.column + 1)


def _fail(
    code: str, loc: SourceLocation, message: str, hint: str | None = None
) -> DiagnosticsError:
    return DiagnosticsError([Diagnostic(code=code, message=message, location=loc, hint=hint)])


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self.keys: list[SourceLocation] = []  # the keys being built, outermost first

    def build(self, node: yaml.Node, depth: int = 0, loc: SourceLocation | None = None) -> Any:
        """The plain data of a node; `loc` is the node's location if the caller has it."""
        self.count += 1
        if loc is None:
            loc = _loc(self.path, node)
        if self.count > MAX_NODES:
            raise _fail(
                "E111",
                self.keys[0] if self.keys else loc,
                "het bestand is te groot of vermenigvuldigt zich via aliassen "
                f"(meer dan {MAX_NODES} knopen)",
                "gebruik geen geneste aliassen (&anker/*alias)",
            )
        if depth > MAX_DEPTH:
            raise _fail("E111", loc, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            path = self.path
            item_locs = [_loc(path, item) for item in node.value]
            seq = YamlList(
                self.build(item, depth + 1, item_loc)
                for item, item_loc in zip(node.value, item_locs, strict=True)
            )
            seq.loc = loc
            seq.item_locs = item_locs
            return seq
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, loc, depth)
        raise _fail(
            "E107", loc, f"niet-toegestane YAML-tag '{node.tag}'", "gebruik gewone YAML zonder tags"
        )

    def _scalar(self, node: yaml.ScalarNode, loc: SourceLocation) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise _fail(
                "E107",
                loc,
                f"niet-toegestane YAML-tag '{node.tag}'",
                "gebruik gewone YAML zonder tags",
            )
        return _CONSTRUCTOR.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, loc: SourceLocation, depth: int) -> YamlMap:
        result = YamlMap()
        key_locs: dict[str, SourceLocation] = {}
        value_locs: dict[str, SourceLocation] = {}
        result.loc, result.key_locs, result.value_locs = loc, key_locs, value_locs
        path = self.path
        for key_node, value_node in node.value:
            key_loc = _loc(path, key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _fail("E107", key_loc, "samenvoegsleutels (<<) worden niet ondersteund")
            key = self.build(key_node, depth + 1, key_loc)
            if not isinstance(key, str):
                raise _fail(
                    "E103",
                    key_loc,
                    f"een sleutel moet tekst zijn, niet {type_name(key)}",
                    f'zet hem tussen aanhalingstekens: "{key_node.value}"',
                )
            if key in result:
                first = key_locs[key]
                raise _fail(
                    "E102",
                    key_loc,
                    f"dubbele sleutel '{key}' (eerder op regel {first.line})",
                    "verwijder of hernoem een van beide",
                )
            value_loc = _loc(path, value_node)
            self.keys.append(key_loc)
            result[key] = self.build(value_node, depth + 1, value_loc)
            self.keys.pop()
            key_locs[key] = key_loc
            value_locs[key] = value_loc
        return result


def type_name(value: object) -> str:
    """A Dutch name for the YAML type of a value."""
    if isinstance(value, bool):
        return "ja/nee-waarde (true/false)"
    if value is None:
        return "leeg"
    names = {int: "getal", float: "kommagetal", str: "tekst", YamlMap: "mapping", YamlList: "lijst"}
    return names.get(type(value), type(value).__name__)


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text with located errors for the ways that can fail."""
    where = SourceLocation(path, 1, 1)
    try:
        if path.is_dir():
            raise _fail("E100", where, "dit is een map, geen bestand")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(
                "E111",
                where,
                f"bestand is te groot ({size // 1024} kB; "
                f"de grens is {MAX_FILE_BYTES // 1024 // 1024} MB)",
                "splits het in kleinere bestanden",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail("E100", where, "bestand bestaat niet", "controleer het pad") from None
    except PermissionError:
        raise _fail(
            "E100", where, "bestand is niet leesbaar (geen toegang)", "controleer de rechten"
        ) from None
    except OSError as exc:
        raise _fail("E100", where, f"bestand kan niet worden gelezen: {exc.strerror}") from None
    if b"\x00" in data:
        raise _fail("E101", where, "dit is geen tekstbestand (binaire inhoud)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            "E101",
            SourceLocation(path, line, col),
            "het bestand is geen geldige UTF-8-tekst",
            "sla het op als UTF-8",
        ) from None


_PROBLEMS = (
    ("mapping values are not allowed here", "hier mag geen 'sleutel: waarde' staan",
     "staat er een dubbele punt in een tekst? zet de tekst dan tussen aanhalingstekens"),
    ("could not find expected ':'", "hier ontbreekt een dubbele punt na een sleutel", None),
    ("expected a single document", "meer dan één YAML-document in het bestand",
     "één document per bestand: verwijder de regel met ---"),
    ("found undefined alias", "een alias (*naam) zonder bijbehorend anker (&naam)", None),
    ("found unexpected end of stream", "het bestand houdt midden in een waarde op",
     "sluit aanhalingstekens en haakjes"),
    ("found character '\\t' that cannot start any token", "een tab op een plek waar YAML die niet toestaat",
     "gebruik spaties"),
)  # fmt: skip


def _explain(problem: str) -> tuple[str, str | None]:
    """PyYAML's English problem in Dutch where we know it; otherwise as PyYAML says it."""
    for english, dutch, hint in _PROBLEMS:
        if english in problem:
            return dutch, hint
    return problem, None


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML document into located plain data (None for an empty document)."""
    if text is None:
        text = read_text(path)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = SourceLocation(path, mark.line + 1, mark.column + 1) if mark else SourceLocation(path)
        problem = exc.problem or exc.context or "onbekende fout"
        if "nesting depth" in problem:
            raise _fail("E111", loc, f"te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
        message, hint = _explain(problem)
        if "\t" in text and "tab" in str(exc):
            hint = "gebruik spaties, geen tabs, om in te springen"
        raise _fail("E101", loc, f"YAML-syntaxfout: {message}", hint) from None
    except yaml.YAMLError as exc:
        raise _fail("E101", SourceLocation(path), f"YAML-syntaxfout: {exc}") from None
    except RecursionError:
        raise _fail(
            "E111", SourceLocation(path), f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
        ) from None
    if node is None:
        return None
    return _Builder(path).build(node)
