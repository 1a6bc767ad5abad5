"""One JSON Schema (draft 2020-12) for rule files and scenario files, built from the loader's
own key lists so editors check and complete exactly what `adviseur controleer` accepts."""

from __future__ import annotations

from typing import Any

from adviseur.loading.items import (
    CASE_KEYS,
    CITATION_KEYS,
    MAX_QUOTE_WORDS,
    QUESTION_KEYS,
    TOP_LEVEL_KEYS,
)
from adviseur.loading.scenarios import EXPECT_KEYS, SCENARIO_KEYS
from adviseur.model.conditions import ConclusionKind, Op
from adviseur.model.knowledge import Basis, QuestionKind

Schema = dict[str, Any]

ID: Schema = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
TEXT: Schema = {"type": "string", "pattern": "\\S"}
INT: Schema = {"type": "integer"}
REF = "#/$defs/"


def _ref(name: str) -> Schema:
    return {"$ref": REF + name}


def _object(
    keys: tuple[str, ...], properties: Schema, required: tuple[str, ...], description: str = ""
) -> Schema:
    missing = set(keys) - properties.keys()
    assert not missing, missing  # every key the loader accepts is described
    result: Schema = {
        "type": "object",
        "properties": {k: properties[k] for k in keys},
        "required": list(required),
        "additionalProperties": False,
    }
    if description:
        result["description"] = description
    return result


def _ids() -> Schema:
    return {"oneOf": [ID, {"type": "array", "items": ID}]}


def _list_of(name: str, description: str) -> Schema:
    return {"type": "array", "items": _ref(name), "description": description}


def _citations(required: bool) -> Schema:
    schema: Schema = {"type": "array", "items": _ref("citatie")}
    if required:
        schema["minItems"] = 1
    return schema


def _condition() -> Schema:
    value: Schema = {"type": ["string", "integer"]}
    tests: Schema = {
        Op.IS.value: value,
        Op.IN.value: {"type": "array", "items": value, "minItems": 1},
        Op.CONTAINS.value: {"type": "string"},
        Op.LT.value: INT,
        Op.LE.value: INT,
        Op.GT.value: INT,
        Op.GE.value: INT,
        Op.ANSWERED.value: {"const": True},
        Op.UNKNOWN.value: {"const": True},
    }
    assert tests.keys() == {op.value for op in Op}
    answer_test: Schema = {
        "type": "object",
        "description": "een toets op het antwoord op één vraag",
        "properties": {"vraag": ID, **tests},
        "required": ["vraag"],
        "additionalProperties": False,
        "oneOf": [{"required": [op]} for op in tests],
    }
    group = {"type": "array", "items": _ref("voorwaarde"), "minItems": 1}
    forms: list[Schema] = [
        {**group, "description": "een lijst: alle voorwaarden gelden"},
        answer_test,
        _single("alle", group, "alle voorwaarden gelden"),
        _single("een_van", group, "minstens één voorwaarde geldt"),
        _single("niet", _ref("voorwaarde"), "de voorwaarde geldt niet (alleen over vragen)"),
    ]
    forms += [_single(k.value, ID, f"de {k.value} is afgeleid") for k in ConclusionKind]
    return {"anyOf": forms}


def _single(key: str, value: Schema, description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": {key: value},
        "required": [key],
        "additionalProperties": False,
    }


def _question() -> Schema:
    choice = [QuestionKind.CHOICE.value, QuestionKind.MULTIPLE.value]
    option: Schema = {
        "oneOf": [
            ID,
            _object(("waarde", "label"), {"waarde": ID, "label": TEXT}, ("waarde", "label")),
        ]
    }
    bounds = {"min": INT, "max": INT}
    properties: Schema = {
        "id": ID,
        "dimensie": ID,
        "tekst": TEXT,
        "type": {"enum": [k.value for k in QuestionKind]},
        "opties": {"type": "array", "items": option, "minItems": 2},
        "schaal": _object(
            ("min", "max", "laag", "hoog"), {**bounds, "laag": TEXT, "hoog": TEXT}, ()
        ),
        "bereik": _object(("min", "max"), bounds, ()),
        "toelichting": TEXT,
        "vraag_als": _ref("voorwaarde"),
        "route": {"enum": ["kort", "volledig"]},
        "weet_niet": {"type": "boolean"},
        "citaties": _citations(required=False),
    }
    schema = _object(
        QUESTION_KEYS, properties, ("id", "dimensie", "tekst", "type", "toelichting"), "een vraag"
    )
    schema["allOf"] = [
        _when_type(choice, {"required": ["opties"]}, {"not": {"required": ["opties"]}}),
        _when_type([QuestionKind.SCALE.value], None, {"not": {"required": ["schaal"]}}),
        _when_type([QuestionKind.NUMBER.value], None, {"not": {"required": ["bereik"]}}),
    ]
    return schema


def _when_type(kinds: list[str], then: Schema | None, otherwise: Schema) -> Schema:
    rule: Schema = {
        "if": {"properties": {"type": {"enum": kinds}}, "required": ["type"]},
        "else": otherwise,
    }
    if then is not None:
        rule["then"] = then
    return rule


def _rule() -> Schema:
    certainty: Schema = {"type": "number", "exclusiveMinimum": 0, "maximum": 1}
    conclusions: list[Schema] = [
        _object(
            ("faalfactor", "zekerheid"),
            {"faalfactor": ID, "zekerheid": certainty},
            ("faalfactor", "zekerheid"),
        )
    ]
    conclusions += [
        _object((k.value,), {k.value: ID}, (k.value,))
        for k in ConclusionKind
        if k is not ConclusionKind.FACTOR
    ]
    properties: Schema = {
        "id": ID,
        "als": _ref("voorwaarde"),
        "dan": {"oneOf": conclusions, "description": "precies één conclusie"},
        "grondslag": {
            "enum": [b.value for b in Basis],
            "description": "expliciet 0,6–0,9; impliciet 0,4–0,6; context 0,2–0,4",
        },
        "uitleg": TEXT,
        "citaties": _citations(required=True),
    }
    keys = ("id", "als", "dan", "grondslag", "uitleg", "citaties")
    return _object(keys, properties, ("id", "als", "dan", "uitleg", "citaties"), "een regel")


def _items() -> Schema:
    source = _object(
        ("id", "titel", "auteur", "jaar", "bestand", "onderdelen"),
        {
            "id": ID,
            "titel": TEXT,
            "auteur": TEXT,
            "jaar": INT,
            "bestand": TEXT,
            "onderdelen": {
                "type": "array",
                "items": _object(
                    ("locatie", "titel"), {"locatie": TEXT, "titel": TEXT}, ("locatie", "titel")
                ),
            },
        },
        ("id", "titel", "auteur", "jaar"),
        "een bron",
    )
    dimension = _object(
        ("id", "naam", "beschrijving", "soort"),
        {"id": ID, "naam": TEXT, "beschrijving": TEXT, "soort": {"enum": ["dimensie", "intake"]}},
        ("id", "naam"),
        "een dimensie",
    )
    factor = _object(
        ("id", "naam", "dimensie", "beschrijving", "citaties"),
        {"id": ID, "naam": TEXT, "dimensie": ID, "beschrijving": TEXT, **_cit()},
        ("id", "naam", "dimensie", "beschrijving", "citaties"),
        "een faalfactor",
    )
    intervention = _object(
        ("id", "naam", "beschrijving", "tegen", "als", "citaties"),
        {
            "id": ID,
            "naam": TEXT,
            "beschrijving": TEXT,
            "tegen": _ids(),
            "als": _ref("voorwaarde"),
            **_cit(),
        },
        ("id", "naam", "beschrijving", "tegen", "citaties"),
        "een interventie",
    )
    lesson = _object(
        ("id", "les", "thema", "bij", "als", "citaties"),
        {"id": ID, "les": TEXT, "thema": ID, "bij": _ids(), "als": _ref("voorwaarde"), **_cit()},
        ("id", "les", "thema", "bij", "citaties"),
        "een les",
    )
    case = _object(
        CASE_KEYS,
        {
            "id": ID,
            "titel": TEXT,
            "setting": TEXT,
            "wat_gebeurde": TEXT,
            "faalfactoren": _ids(),
            "interventies": _ids(),
            "als": _ref("voorwaarde"),
            **_cit(),
        },
        ("id", "titel", "setting", "wat_gebeurde", "citaties"),
        "een praktijkvoorbeeld",
    )
    case["anyOf"] = [{"required": ["faalfactoren"]}, {"required": ["interventies"]}]
    return {
        "bron": source,
        "dimensie": dimension,
        "vraag": _question(),
        "faalfactor": factor,
        "interventie": intervention,
        "les": lesson,
        "praktijkvoorbeeld": case,
        "regel": _rule(),
    }


def _cit() -> Schema:
    return {"citaties": _citations(required=True)}


_SECTION_ITEM = {
    "bronnen": "bron",
    "dimensies": "dimensie",
    "vragen": "vraag",
    "faalfactoren": "faalfactor",
    "interventies": "interventie",
    "lessen": "les",
    "praktijkvoorbeelden": "praktijkvoorbeeld",
    "regels": "regel",
}


def _scenario() -> Schema:
    answer: Schema = {
        "type": ["string", "integer", "boolean", "array", "null"],
        "items": {"type": "string"},
        "description": "het antwoord; 'weet ik niet' mag altijd (als de vraag het toestaat); "
        "~ schrapt in een variant een antwoord uit de basis",
    }
    expected = _object(EXPECT_KEYS, dict.fromkeys(EXPECT_KEYS, _ids()), ())
    properties: Schema = {
        "titel": TEXT,
        "beschrijving": {"type": "string"},
        "citaties": _citations(required=False),
        "antwoorden": {
            "type": "object",
            "propertyNames": ID,
            "additionalProperties": answer,
            "description": "vraag-id: antwoord",
        },
        "verwacht": expected,
        "basis": {
            "type": "string",
            "description": "het scenario waarop dit voortbouwt (relatief pad)",
        },
    }
    scenario = _object(SCENARIO_KEYS, properties, ("titel",), "een scenario")
    scenario["anyOf"] = [{"required": ["antwoorden"]}, {"required": ["basis"]}]
    return scenario


def json_schema() -> Schema:
    """The schema `adviseur schema` prints."""
    assert tuple(_SECTION_ITEM) == TOP_LEVEL_KEYS
    rule_file = _object(
        TOP_LEVEL_KEYS,
        {key: _list_of(item, f"de {key}") for key, item in _SECTION_ITEM.items()},
        (),
        "een regelbestand onder rules/",
    )
    citation = _object(
        CITATION_KEYS,
        {
            "bron": ID,
            "locatie": TEXT,
            "citaat": {
                "type": "string",
                # at most MAX_QUOTE_WORDS words, as E302 counts them
                "pattern": f"^\\s*\\S+(\\s+\\S+){{0,{MAX_QUOTE_WORDS - 1}}}\\s*$",
                "description": f"letterlijk uit de bron, hoogstens {MAX_QUOTE_WORDS} woorden",
            },
        },
        CITATION_KEYS,
        "een letterlijk citaat met bron en locatie",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "adviseur: regelbestand of scenario",
        "description": "Een regelbestand (rules/*.yaml) of een scenario (scenarios/*.yaml).",
        "oneOf": [_ref("regelbestand"), _ref("scenario")],
        "$defs": {
            "regelbestand": rule_file,
            "scenario": _scenario(),
            "voorwaarde": _condition(),
            "citatie": citation,
            **_items(),
        },
    }
