"""Typed readers over located YAML data that collect problems instead of stopping."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import Any, TypeVar

from adviseur.diagnostics import Diagnostic, did_you_mean
from adviseur.loading.yamlsrc import YamlList, YamlMap, type_name
from adviseur.model.location import SourceLocation

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
T = TypeVar("T")


class Collector:
    """Gathers every problem of a loading pass, so the author fixes them all at once.

    `incomplete` is set when content could not be turned into the model at all (a file, a
    section, an item or a condition was dropped): checks that need to see every reader of an
    item (such as "no rule reads this question") are then not trustworthy.
    """

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.incomplete = False
        self.damaged: set[str] = set()  # ids of items with a problem of their own

    def error(
        self, code: str, location: SourceLocation | None, message: str, hint: str | None = None
    ) -> None:
        self.diagnostics.append(
            Diagnostic(code=code, message=message, location=location, hint=hint)
        )

    def __bool__(self) -> bool:
        return bool(self.diagnostics)


_MISSING = object()


class Fields:
    """Reads the keys of one YAML mapping, reporting wrong types, missing and unknown keys."""

    def __init__(self, data: YamlMap, out: Collector, what: str, allowed: Collection[str]) -> None:
        self.data = data
        self.out = out
        self.what = what
        self.allowed = allowed
        for key in data:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"toegestaan: {', '.join(sorted(allowed))}"
                out.error("E104", data.key_loc(key), f"onbekende sleutel '{key}' in {what}", hint)

    @property
    def loc(self) -> SourceLocation:
        return self.data.loc

    def at(self, key: str) -> SourceLocation:
        return self.data.value_loc(key) if key in self.data else self.data.loc

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                self.out.error(
                    "E105", self.data.loc, f"verplichte sleutel '{key}' ontbreekt in {self.what}"
                )
            return _MISSING
        return self.data[key]

    def _wrong(self, key: str, expected: str, value: Any) -> None:
        hint = None
        if isinstance(value, bool) and expected == "tekst":
            word = "true" if value else "false"
            hint = f'zet de waarde tussen aanhalingstekens: "{word}"'
        self.out.error(
            "E103", self.at(key), f"'{key}' moet {expected} zijn, niet {type_name(value)}", hint
        )

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, str):
            self.out.error("E103", self.at(key), f"'{key}' mag niet leeg zijn")
            return default
        self._wrong(key, "tekst", value)
        return default

    def identifier(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not ID_PATTERN.match(value):
            self.out.error(
                "E106",
                self.at(key),
                f"ongeldige id '{value}'",
                "gebruik kleine letters, cijfers en _, te beginnen met een letter",
            )
        return value

    def integer(self, key: str, *, required: bool = True, default: int | None = None) -> int | None:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self._wrong(key, "een geheel getal", value)
        return default

    def number(
        self, key: str, *, required: bool = True, default: float | None = None
    ) -> float | None:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        self._wrong(key, "een getal", value)
        return default

    def flag(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if isinstance(value, bool):
            return value
        self._wrong(key, "true of false", value)
        return default

    def choice(self, key: str, options: Collection[str], *, required: bool = True) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, str) and value in options:
            return value
        hint = (did_you_mean(value, options) if isinstance(value, str) else None) or (
            f"kies uit: {', '.join(options)}"
        )
        self.out.error("E108", self.at(key), f"ongeldige waarde {value!r} voor '{key}'", hint)
        return None

    def mapping(self, key: str, *, required: bool = True) -> YamlMap | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, YamlMap):
            return value
        self._wrong(key, "een mapping (sleutel: waarde)", value)
        return None

    def items(self, key: str, *, required: bool = False) -> Iterator[tuple[Any, SourceLocation]]:
        """The items of a list value with their locations."""
        value = self._get(key, required)
        if value is _MISSING or value is None:
            return
        if not isinstance(value, YamlList):
            self._wrong(key, "een lijst", value)
            return
        for index, item in enumerate(value):
            yield item, value.item_loc(index)

    def id_list(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of ids; a single id is accepted as a list of one."""
        value = self._get(key, required)
        if value is _MISSING or value is None:
            return ()
        if isinstance(value, str):
            if not value.strip():
                self.out.error("E103", self.at(key), f"'{key}' mag niet leeg zijn")
                return ()
            return (value.strip(),)
        result: list[str] = []
        for item, loc in self.items(key):
            if isinstance(item, str) and item.strip():
                result.append(item.strip())
            elif isinstance(item, str):
                self.out.error("E103", loc, f"een element van '{key}' mag niet leeg zijn")
            else:
                self.out.error(
                    "E103", loc, f"elk element van '{key}' moet een id zijn, niet {type_name(item)}"
                )
        return tuple(result)


def each_mapping(
    seq: Any,
    loc: SourceLocation,
    out: Collector,
    what: str,
    build: Callable[[YamlMap], T | None],
) -> list[T]:
    """Apply `build` to every mapping in a top-level list, reporting items that are not mappings."""
    if not isinstance(seq, YamlList):
        out.error("E103", loc, f"'{what}' moet een lijst zijn, niet {type_name(seq)}")
        out.incomplete = True
        return []
    result: list[T] = []
    for index, item in enumerate(seq):
        if not isinstance(item, YamlMap):
            out.incomplete = True
            out.error(
                "E103", seq.item_loc(index), f"elk element van '{what}' moet een mapping zijn"
            )
            continue
        built = build(item)
        if built is not None:
            result.append(built)
        else:
            out.incomplete = True
    return result
