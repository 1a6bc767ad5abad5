"""YAML mappings → model items, one builder per kind; problems go to the Collector."""

from __future__ import annotations

from typing import Any

from adviseur.loading.conditions import parse_condition
from adviseur.loading.fields import ID_PATTERN, Collector, Fields, each_mapping
from adviseur.loading.yamlsrc import YamlMap
from adviseur.model.conditions import ConclusionKind, Condition
from adviseur.model.knowledge import (
    Basis,
    Case,
    Citation,
    Conclusion,
    Dimension,
    FailureFactor,
    Intervention,
    Lesson,
    Option,
    Question,
    QuestionKind,
    Rule,
    Section,
    Source,
)

MAX_QUOTE_WORDS = 25
CITATION_KEYS = ("bron", "locatie", "citaat")


def citations(fields: Fields, out: Collector) -> tuple[Citation, ...]:
    result: list[Citation] = []
    for item, loc in fields.items("citaties"):
        if not isinstance(item, YamlMap):
            out.error("E103", loc, "een citatie is een mapping met bron, locatie en citaat")
            continue
        f = Fields(item, out, "citatie", CITATION_KEYS)
        quote = f.text("citaat")
        words = len(quote.split())
        if words > MAX_QUOTE_WORDS:
            out.error(
                "E302",
                f.at("citaat"),
                f"citaat is {words} woorden; hoogstens {MAX_QUOTE_WORDS} zijn toegestaan",
                "kort het citaat in tot de kern",
            )
        result.append(
            Citation(
                source=f.identifier("bron"),
                locator=f.text("locatie"),
                quote=quote,
                origin=item.loc,
                quote_origin=f.at("citaat"),
            )
        )
    return tuple(result)


def _condition(
    fields: Fields, key: str, out: Collector, *, required: bool = False
) -> Condition | None:
    if not fields.has(key):
        if required:
            out.error("E105", fields.loc, f"verplichte sleutel '{key}' ontbreekt in {fields.what}")
        return None
    parsed = parse_condition(fields.raw(key), fields.at(key), out)
    if parsed is None:
        out.incomplete = True
    return parsed


def source(data: YamlMap, out: Collector) -> Source:
    f = Fields(data, out, "bron", ("id", "titel", "auteur", "jaar", "bestand", "onderdelen"))
    sections: list[Section] = []
    for item, loc in f.items("onderdelen"):
        if not isinstance(item, YamlMap):
            out.error("E103", loc, "een onderdeel is een mapping met locatie en titel")
            continue
        s = Fields(item, out, "onderdeel", ("locatie", "titel"))
        sections.append(Section(locator=s.text("locatie"), title=s.text("titel")))
    return Source(
        id=f.identifier("id"),
        title=f.text("titel"),
        author=f.text("auteur"),
        year=f.integer("jaar") or 0,
        filename=f.text("bestand", required=False) or None,
        sections=tuple(sections),
        origin=data.loc,
    )


def dimension(data: YamlMap, out: Collector) -> Dimension:
    f = Fields(data, out, "dimensie", ("id", "naam", "beschrijving", "soort"))
    kind = f.choice("soort", ("dimensie", "intake"), required=False)
    return Dimension(
        id=f.identifier("id"),
        name=f.text("naam"),
        description=f.text("beschrijving", required=False),
        intake=kind == "intake",
        origin=data.loc,
    )


QUESTION_KEYS = (
    "id", "dimensie", "tekst", "type", "opties", "schaal", "bereik", "toelichting",
    "vraag_als", "route", "weet_niet", "citaties",
)  # fmt: skip


def question(data: YamlMap, out: Collector) -> Question:
    f = Fields(data, out, "vraag", QUESTION_KEYS)
    kind_name = f.choice("type", [k.value for k in QuestionKind])
    if kind_name:
        kind = QuestionKind(kind_name)
    else:  # an unknown type is reported once; do not also complain about its options
        kind = QuestionKind.CHOICE if f.has("opties") else QuestionKind.YES_NO
    options = _options(f, kind, out)
    low = high = None
    minimum = maximum = None
    if kind is QuestionKind.SCALE:
        minimum, maximum, low, high = 1, 5, None, None
        if (scale := f.mapping("schaal", required=False)) is not None:
            s = Fields(scale, out, "schaal", ("min", "max", "laag", "hoog"))
            minimum = s.integer("min", required=False, default=1)
            maximum = s.integer("max", required=False, default=5)
            low = s.text("laag", required=False) or None
            high = s.text("hoog", required=False) or None
    elif kind is QuestionKind.NUMBER and (rng := f.mapping("bereik", required=False)) is not None:
        r = Fields(rng, out, "bereik", ("min", "max"))
        minimum = r.integer("min", required=False)
        maximum = r.integer("max", required=False)
    for key, ok in (
        ("schaal", kind is QuestionKind.SCALE),
        ("bereik", kind is QuestionKind.NUMBER),
    ):
        if f.has(key) and not ok:
            out.error("E109", f.at(key), f"'{key}' past niet bij een vraag van type '{kind}'")
    if minimum is not None and maximum is not None and minimum >= maximum:
        out.error("E109", f.loc, f"ondergrens {minimum} moet kleiner zijn dan bovengrens {maximum}")
    route = f.choice("route", ("kort", "volledig"), required=False)
    return Question(
        id=f.identifier("id"),
        dimension=f.identifier("dimensie"),
        text=f.text("tekst"),
        kind=kind,
        options=options,
        minimum=minimum,
        maximum=maximum,
        low_label=low,
        high_label=high,
        help=f.text("toelichting"),
        ask_if=_condition(f, "vraag_als", out),
        core=route == "kort",
        allow_unknown=f.flag("weet_niet", default=True),
        citations=citations(f, out),
        origin=data.loc,
    )


def _options(f: Fields, kind: QuestionKind, out: Collector) -> tuple[Option, ...]:
    needs = kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE)
    if not needs:
        if f.has("opties"):
            out.error("E109", f.at("opties"), f"een vraag van type '{kind}' heeft geen 'opties'")
        if kind is QuestionKind.YES_NO:
            return (Option(value="ja", label="ja"), Option(value="nee", label="nee"))
        return ()
    result: list[Option] = []
    seen: set[str] = set()
    for item, loc in f.items("opties", required=True):
        if isinstance(item, str):
            value, label = item, item
        elif isinstance(item, YamlMap):
            o = Fields(item, out, "optie", ("waarde", "label"))
            value, label = o.text("waarde"), o.text("label")
        else:
            out.error("E103", loc, "een optie is een waarde of een mapping met waarde en label")
            continue
        if not ID_PATTERN.match(value):
            out.error(
                "E106",
                loc,
                f"ongeldige optiewaarde '{value}'",
                "gebruik kleine letters, cijfers en _",
            )
        if value in seen:
            out.error("E202", loc, f"optie '{value}' staat dubbel")
        seen.add(value)
        result.append(Option(value=value, label=label))
    if f.has("opties") and len(result) < 2:
        out.error("E109", f.at("opties"), "een keuzevraag heeft minstens twee opties nodig")
    return tuple(result)


def factor(data: YamlMap, out: Collector) -> FailureFactor:
    f = Fields(data, out, "faalfactor", ("id", "naam", "dimensie", "beschrijving", "citaties"))
    return FailureFactor(
        id=f.identifier("id"),
        name=f.text("naam"),
        dimension=f.identifier("dimensie"),
        description=f.text("beschrijving"),
        citations=citations(f, out),
        origin=data.loc,
    )


def intervention(data: YamlMap, out: Collector) -> Intervention:
    f = Fields(data, out, "interventie", ("id", "naam", "beschrijving", "tegen", "als", "citaties"))
    return Intervention(
        id=f.identifier("id"),
        name=f.text("naam"),
        description=f.text("beschrijving"),
        counters=f.id_list("tegen", required=True),
        condition=_condition(f, "als", out),
        citations=citations(f, out),
        origin=data.loc,
    )


def lesson(data: YamlMap, out: Collector) -> Lesson:
    f = Fields(data, out, "les", ("id", "les", "thema", "bij", "als", "citaties"))
    return Lesson(
        id=f.identifier("id"),
        text=f.text("les"),
        theme=f.identifier("thema"),
        applies_to=f.id_list("bij", required=True),
        condition=_condition(f, "als", out),
        citations=citations(f, out),
        origin=data.loc,
    )


CASE_KEYS = (
    "id", "titel", "setting", "wat_gebeurde", "faalfactoren", "interventies", "als", "citaties",
)  # fmt: skip


def case(data: YamlMap, out: Collector) -> Case:
    f = Fields(data, out, "praktijkvoorbeeld", CASE_KEYS)
    result = Case(
        id=f.identifier("id"),
        title=f.text("titel"),
        setting=f.text("setting"),
        summary=f.text("wat_gebeurde"),
        factors=f.id_list("faalfactoren"),
        interventions=f.id_list("interventies"),
        condition=_condition(f, "als", out),
        citations=citations(f, out),
        origin=data.loc,
    )
    if not result.factors and not result.interventions:
        out.error(
            "E105",
            data.loc,
            f"praktijkvoorbeeld '{result.id}' noemt geen faalfactoren of interventies",
        )
    return result


_CONCLUSION_KEYS = tuple(kind.value for kind in ConclusionKind)


def rule(data: YamlMap, out: Collector) -> Rule | None:
    f = Fields(data, out, "regel", ("id", "als", "dan", "grondslag", "uitleg", "citaties"))
    rule_id = f.identifier("id")
    condition = _condition(f, "als", out, required=True)
    conclusion = _conclusion(f, out)
    basis = f.choice("grondslag", [b.value for b in Basis], required=False)
    explanation = f.text("uitleg")
    cited = citations(f, out)
    if condition is None or conclusion is None:
        return None
    return Rule(
        id=rule_id,
        condition=condition,
        conclusion=conclusion,
        explanation=explanation,
        basis=Basis(basis) if basis else None,
        citations=cited,
        origin=data.loc,
    )


def _conclusion(f: Fields, out: Collector) -> Conclusion | None:
    data = f.mapping("dan")
    if data is None:
        return None
    d = Fields(data, out, "dan", (*_CONCLUSION_KEYS, "zekerheid"))
    kinds = [k for k in _CONCLUSION_KEYS if d.has(k)]
    if len(kinds) != 1:
        out.error(
            "E109",
            data.loc,
            f"'dan' heeft precies één conclusie nodig, niet {len(kinds)}",
            "bijvoorbeeld {faalfactor: x, zekerheid: 0.6}",
        )
        return None
    kind = ConclusionKind(kinds[0])
    target = d.identifier(kinds[0])
    certainty = 1.0
    if kind is ConclusionKind.FACTOR:
        value = d.number("zekerheid")
        if value is not None and not 0 < value <= 1:
            out.error("E109", d.at("zekerheid"), f"zekerheid {value} ligt niet tussen 0 en 1")
        certainty = value if value is not None else 0.5
    elif d.has("zekerheid"):
        out.error("E109", d.at("zekerheid"), "alleen een faalfactor heeft een zekerheid")
    return Conclusion(kind=kind, target=target, certainty=certainty)


BUILDERS: dict[str, Any] = {
    "bronnen": source,
    "dimensies": dimension,
    "vragen": question,
    "faalfactoren": factor,
    "interventies": intervention,
    "lessen": lesson,
    "praktijkvoorbeelden": case,
    "regels": rule,
}
TOP_LEVEL_KEYS = tuple(BUILDERS)


def read_section(key: str, data: YamlMap, out: Collector) -> list[Any]:
    """Build every item under one top-level key of a rule file."""

    def build(mapping: YamlMap) -> Any:
        before = len(out.diagnostics)
        item = BUILDERS[key](mapping, out)
        if item is not None and len(out.diagnostics) > before:
            out.damaged.add(item.id)
        return item

    return each_mapping(data[key], data.value_loc(key), out, key, build)
