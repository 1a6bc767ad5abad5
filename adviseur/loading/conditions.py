"""YAML → Condition: the structural part; references are resolved once everything is loaded."""

from __future__ import annotations

from typing import Any

from adviseur.diagnostics import did_you_mean
from adviseur.loading.fields import Collector
from adviseur.loading.yamlsrc import YamlList, YamlMap, type_name
from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    AnyOf,
    ConclusionKind,
    Condition,
    Derived,
    Not,
    Op,
    Scalar,
)
from adviseur.model.location import SourceLocation

_GROUPS = {"alle", "een_van", "niet"}
_DERIVED = {kind.value: kind for kind in ConclusionKind}
_OPS = {op.value: op for op in Op}
_ALL_KEYS = _GROUPS | set(_DERIVED) | set(_OPS) | {"vraag"}
_COMPARISONS = {Op.LT, Op.LE, Op.GT, Op.GE}


def parse_condition(data: Any, loc: SourceLocation, out: Collector) -> Condition | None:
    """Parse one condition; a bare list means `alle`. Returns None after reporting problems."""
    if isinstance(data, YamlList):
        return _group(AllOf, data, loc, out)
    if not isinstance(data, YamlMap):
        out.error(
            "E103",
            loc,
            f"een voorwaarde moet een mapping of lijst zijn, niet {type_name(data)}",
            "bijvoorbeeld {vraag: x, is: ja}",
        )
        return None
    for key in data:
        if key not in _ALL_KEYS:
            out.error(
                "E104",
                data.key_loc(key),
                f"onbekende sleutel '{key}' in voorwaarde",
                did_you_mean(key, _ALL_KEYS)
                or "gebruik vraag, alle, een_van, niet of een conclusiesoort",
            )
            return None
    groups = [k for k in data if k in _GROUPS]
    derived = [k for k in data if k in _DERIVED]
    if groups:
        if len(data) != 1:
            out.error(
                "E109",
                data.loc,
                f"'{groups[0]}' staat alleen in een voorwaarde; zet de rest eronder",
            )
            return None
        key = groups[0]
        value, value_loc = data[key], data.value_loc(key)
        if key == "niet":
            inner = parse_condition(value, value_loc, out)
            return Not(item=inner, origin=data.loc) if inner is not None else None
        if not isinstance(value, YamlList) or not value:
            out.error("E103", value_loc, f"'{key}' moet een niet-lege lijst van voorwaarden zijn")
            return None
        return _group(AllOf if key == "alle" else AnyOf, value, data.loc, out)
    if derived:
        if len(data) != 1:
            out.error(
                "E109",
                data.loc,
                f"een verwijzing naar een {derived[0]} staat alleen in een voorwaarde",
            )
            return None
        target = data[derived[0]]
        if not isinstance(target, str) or not target.strip():
            out.error("E103", data.value_loc(derived[0]), f"'{derived[0]}' moet een id zijn")
            return None
        return Derived(kind=_DERIVED[derived[0]], target=target, origin=data.loc)
    return _answer_test(data, out)


def _group(
    cls: type[AllOf] | type[AnyOf], items: YamlList, loc: SourceLocation, out: Collector
) -> Condition | None:
    parsed = [parse_condition(item, items.item_loc(i), out) for i, item in enumerate(items)]
    if not parsed or any(p is None for p in parsed):
        if not parsed:
            out.error("E103", loc, "een lijst van voorwaarden mag niet leeg zijn")
        return None
    return cls(items=tuple(p for p in parsed if p is not None), origin=loc)


def _answer_test(data: YamlMap, out: Collector) -> AnswerTest | None:
    question = data.get("vraag")
    ops = [k for k in data if k in _OPS]
    if not isinstance(question, str) or not question.strip():
        where = data.value_loc("vraag") if "vraag" in data else data.loc
        out.error(
            "E105" if question is None else "E103",
            where,
            "een voorwaarde op een antwoord noemt 'vraag: <id>'",
        )
        return None
    if len(ops) != 1:
        out.error(
            "E109",
            data.loc,
            f"een voorwaarde op vraag '{question}' heeft precies één toets nodig, niet {len(ops)}",
            "kies een van: " + ", ".join(_OPS),
        )
        return None
    op = _OPS[ops[0]]
    raw, loc = data[ops[0]], data.value_loc(ops[0])
    value = _test_value(op, raw, loc, out)
    if value is None:
        return None
    return AnswerTest(question=question, op=op, value=value, origin=data.loc)


def _test_value(
    op: Op, raw: Any, loc: SourceLocation, out: Collector
) -> Scalar | tuple[Scalar, ...] | bool | None:
    if op in (Op.ANSWERED, Op.UNKNOWN):
        if raw is True:
            return True
        out.error(
            "E103", loc, f"'{op}' kan alleen 'true' zijn", "gebruik 'niet' voor het omgekeerde"
        )
        return None
    if op in _COMPARISONS:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        out.error("E103", loc, f"'{op}' vergelijkt met een geheel getal, niet {type_name(raw)}")
        return None
    if op is Op.IN:
        if isinstance(raw, YamlList) and raw and all(_is_scalar(v) for v in raw):
            return tuple(raw)
        out.error("E103", loc, "'in' moet een niet-lege lijst van waarden zijn")
        return None
    if _is_scalar(raw):
        return raw  # type: ignore[no-any-return]
    hint = "schrijf ja of nee (zonder aanhalingstekens)" if isinstance(raw, bool) else None
    out.error("E103", loc, f"'{op}' moet een enkele waarde zijn, niet {type_name(raw)}", hint)
    return None


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
