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


def load_scenario(path: Path, kb: KnowledgeBase) -> Scenario:
    """A scenario file, or a plain mapping vraag-id → waarde (an answers file)."""
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
    if "antwoorden" in data or "titel" in data or "verwacht" in data:
        scenario = _scenario(path, data, kb, out)
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


def _scenario(path: Path, data: YamlMap, kb: KnowledgeBase, out: Collector) -> Scenario:
    f = Fields(data, out, "scenario", SCENARIO_KEYS)
    answers_map = f.mapping("antwoorden")
    answers, origins = read_answers(answers_map, kb, out) if answers_map is not None else ({}, {})
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
        description=f.text("beschrijving", required=False),
        answers=tuple(answers.items()),
        expected=expected,
        citations=citations(f, out),
        answer_origins=origins,
        origin=data.loc,
    )


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
