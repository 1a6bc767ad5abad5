"""Scenario files and answer files → validated answers and expectations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from adviseur.diagnostics import did_you_mean
from adviseur.errors import DiagnosticsError
from adviseur.loading.fields import Collector, Fields
from adviseur.loading.items import citations
from adviseur.loading.yamlsrc import YamlList, YamlMap, load_yaml, type_name
from adviseur.model.answers import AnswerProblem, AnswerValue
from adviseur.model.coerce import coerce_answer
from adviseur.model.knowledge import KnowledgeBase, Question
from adviseur.model.location import SourceLocation
from adviseur.model.scenario import Expectation, Scenario

SCENARIO_KEYS = ("titel", "beschrijving", "citaties", "antwoorden", "verwacht", "basis")
EXPECT_KEYS = ("faalfactoren", "niet", "interventies", "lessen", "praktijkvoorbeelden")


def load_scenario(path: Path, kb: KnowledgeBase, *, _chain: tuple[Path, ...] = ()) -> Scenario:
    """A scenario file, or a plain mapping vraag-id → waarde (an answers file).

    A scenario may build on another with `basis: ander.yaml` (relative to its own folder): it
    takes over the other's answers, overrides those it names, and drops those it sets to `~`.
    """
    out = Collector()
    data = load_yaml(path)
    where = SourceLocation(path)
    if not isinstance(data, YamlMap):
        what = "leeg" if data is None else type_name(data)
        raise DiagnosticsError(
            [
                _diag(
                    "E103",
                    where,
                    f"een scenario of antwoordbestand is een mapping, niet {what}",
                    "schrijf 'vraag_id: waarde' per regel, of een scenario met 'antwoorden:'",
                )
            ]
        )
    if "antwoorden" in data or "titel" in data or "verwacht" in data or "basis" in data:
        scenario = _scenario(path, data, kb, out, (*_chain, path.resolve()))
    else:
        answers, origins = read_answers(data, kb, out)
        scenario = Scenario(
            path=str(path),
            title=path.stem,
            description="",
            answers=tuple(answers.items()),
            expected=Expectation(),
            answer_origins=origins,
            origin=data.loc,
        )
    if out:
        raise DiagnosticsError(out.diagnostics)
    return scenario


def _diag(code: str, loc: SourceLocation, message: str, hint: str | None = None) -> Any:
    from adviseur.diagnostics import Diagnostic

    return Diagnostic(code=code, message=message, location=loc, hint=hint)


def _scenario(
    path: Path, data: YamlMap, kb: KnowledgeBase, out: Collector, chain: tuple[Path, ...]
) -> Scenario:
    f = Fields(data, out, "scenario", SCENARIO_KEYS)
    base = _base(path, f, kb, out, chain)
    answers_map = f.mapping("antwoorden", required=base is None)
    removed: set[str] = set()
    if answers_map is not None and base is not None:
        removed = {k for k, v in answers_map.items() if v is None}
        answers_map = _without(answers_map, removed)
    answers, origins = read_answers(answers_map, kb, out) if answers_map is not None else ({}, {})
    if base is not None:
        for key in removed - set(base.answer_map()):
            out.error(
                "E201",
                data.value_loc("antwoorden"),
                f"'{key}: ~' schrapt een antwoord dat de basis niet heeft",
            )
        merged = {k: v for k, v in base.answers if k not in removed and k not in answers}
        answers = {**merged, **answers}
        origins = {**{k: v for k, v in base.answer_origins.items() if k in merged}, **origins}
    expected = Expectation()
    if (raw := f.mapping("verwacht", required=False)) is not None:
        e = Fields(raw, out, "verwacht", EXPECT_KEYS)
        lists = {key: e.id_list(key) for key in EXPECT_KEYS}
        factors = {f.id for f in kb.factors}
        kinds = {
            "faalfactoren": factors,
            "niet": factors,
            "interventies": {i.id for i in kb.interventions},
            "lessen": {les.id for les in kb.lessons},
            "praktijkvoorbeelden": {c.id for c in kb.cases},
        }
        for key, ids in lists.items():
            known = kinds[key]
            for ref in ids:
                if ref not in known:
                    out.error(
                        "E201",
                        e.at(key),
                        f"verwacht.{key} noemt '{ref}', maar die bestaat niet in de kennisbank",
                        did_you_mean(ref, known),
                    )
        expected = Expectation(
            factors=lists["faalfactoren"],
            not_factors=lists["niet"],
            interventions=lists["interventies"],
            lessons=lists["lessen"],
            cases=lists["praktijkvoorbeelden"],
        )
    return Scenario(
        path=str(path),
        title=f.text("titel"),
        description=f.text("beschrijving", required=False) or (base.description if base else ""),
        answers=tuple(answers.items()),
        expected=expected,
        citations=citations(f, out) or (base.citations if base else ()),
        answer_origins=origins,
        origin=data.loc,
        base=base.path if base else None,
    )


def _without(data: YamlMap, keys: set[str]) -> YamlMap:
    result = YamlMap({k: v for k, v in data.items() if k not in keys})
    result.loc, result.key_locs, result.value_locs = data.loc, data.key_locs, data.value_locs
    return result


def _base(
    path: Path, f: Fields, kb: KnowledgeBase, out: Collector, chain: tuple[Path, ...]
) -> Scenario | None:
    """The scenario this one builds on, loaded with its own basis (cycles are an error)."""
    if not f.has("basis"):
        return None
    name = f.text("basis")
    if not name:
        return None
    target = (path.parent / name).resolve()
    if target in chain:
        out.error("E602", f.at("basis"), f"scenario bouwt (via andere) op zichzelf voort: {name}")
        return None
    try:
        return load_scenario(target, kb, _chain=chain)
    except DiagnosticsError as exc:
        if not target.exists():
            out.error(
                "E201",
                f.at("basis"),
                f"basisscenario '{name}' bestaat niet",
                "de naam is relatief aan de map van dit scenario",
            )
        else:
            out.diagnostics.extend(exc.diagnostics)
        return None


def read_answers(
    data: YamlMap, kb: KnowledgeBase, out: Collector
) -> tuple[dict[str, AnswerValue], dict[str, SourceLocation]]:
    """Validate a mapping vraag-id → waarde against the questions of the knowledge base."""
    answers: dict[str, AnswerValue] = {}
    origins: dict[str, SourceLocation] = {}
    questions = {q.id: q for q in kb.questions}
    for key, raw in data.items():
        question = questions.get(key)
        if question is None:
            out.error(
                "E201",
                data.key_loc(key),
                f"onbekende vraag '{key}'",
                did_you_mean(key, questions) or "zie 'adviseur kennisbank --json' voor de vragen",
            )
            continue
        value = _answer(question, raw, data.value_loc(key), out)
        if value is not None:
            answers[key] = value
            origins[key] = data.value_loc(key)
    return answers, origins


def _answer(
    question: Question, raw: Any, loc: SourceLocation, out: Collector
) -> AnswerValue | None:
    if isinstance(raw, YamlList):
        raw = list(raw)
    elif isinstance(raw, YamlMap) or raw is None or isinstance(raw, float):
        out.error("E203", loc, f"ongeldig antwoord op vraag '{question.id}': {type_name(raw)}")
        return None
    try:
        return coerce_answer(question, raw)
    except AnswerProblem as exc:
        hint = did_you_mean(str(raw), question.option_values()) if isinstance(raw, str) else None
        out.error("E203", loc, f"ongeldig antwoord op vraag '{question.id}': {exc}", hint)
        return None


SHIPPED_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def default_scenarios() -> Path | None:
    """`scenarios/` in the working directory if there is one, else the shipped scenarios."""
    for folder in (Path("scenarios"), SHIPPED_SCENARIOS):
        if folder.is_dir():
            return folder
    return None


def scenario_files(paths: Sequence[Path]) -> list[Path]:
    from adviseur.loading.files import yaml_files

    return yaml_files(paths, "scenario's")
