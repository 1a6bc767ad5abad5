"""Fuzzing with Hypothesis: the loader, the condition compiler and the consultation state
machine never crash and keep their invariants."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from adviseur.engine import create_engine
from adviseur.engine.logic import Truth, evaluate
from adviseur.engine.normal import normalize
from adviseur.errors import DiagnosticsError
from adviseur.loading import load_knowledge_base
from adviseur.loading.yamlsrc import load_yaml
from adviseur.model.answers import AnswerValue
from adviseur.model.knowledge import QuestionKind
from adviseur.session.consultation import Consultation
from tests.conftest import MINI_RULES
from tests.kbgen import answer_value, condition, question
from tests.test_normal_form import matches

KEYS = [
    "vragen", "regels", "faalfactoren", "interventies", "lessen", "praktijkvoorbeelden", "bronnen",
    "dimensies", "id", "tekst", "type", "opties", "als", "dan", "alle", "een_van", "niet", "vraag", "is",
    "in", "ten_hoogste", "zekerheid", "citaties", "bron", "locatie", "citaat", "dimensie", "toelichting",
]  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=16),
    st.sampled_from(["ja", "nee", "mandaat", "aantal_diensten", "een", "keuze", "verkokering", "gsb_2005"]),
    st.text(max_size=8),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_the_loader_reports_or_loads_but_never_crashes(document: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        problems = []
        try:
            load_knowledge_base([MINI_RULES, path])
        except DiagnosticsError as exc:
            problems = list(exc.diagnostics)
            assert problems  # an error always names at least one problem
        assert all(d.location is not None for d in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_is_yaml_or_a_located_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        try:
            path.write_text(text, encoding="utf-8")
        except UnicodeEncodeError:  # lone surrogates cannot be in a file at all
            return
        lines: list[str] = []
        try:
            load_yaml(path)
        except DiagnosticsError as exc:
            lines = [str(d) for d in exc.diagnostics]
        assert all(line.startswith(f"{path}:") for line in lines)


QUESTIONS = [question(i, kind) for i, kind in enumerate(QuestionKind)]
BY_ID = {q.id: q for q in QUESTIONS}


@st.composite
def condition_and_answers(draw: Any) -> tuple[Any, dict[str, AnswerValue]]:
    cond = condition(draw, QUESTIONS, [])
    answers = {q.id: answer_value(q, draw) for q in QUESTIONS if draw(st.booleans())}
    return cond, answers


@settings(max_examples=300, deadline=None)
@given(condition_and_answers())
def test_the_compiled_normal_form_means_what_the_condition_means(
    case: tuple[Any, dict[str, AnswerValue]],
) -> None:
    cond, answers = case
    dnf = normalize(cond, BY_ID)
    expected = evaluate(cond, answers, lambda _d: Truth.FALSE) is Truth.TRUE
    actual = any(all(_holds(lit, answers) for lit in conj) for conj in dnf)
    assert actual == expected


def _holds(literal: Any, answers: dict[str, AnswerValue]) -> bool:
    return matches([(literal,)], answers.get(literal.ref))


class ConsultationMachine(RuleBasedStateMachine):
    """Random answer / change / withdraw / undo sequences on the small knowledge base."""

    kb = load_knowledge_base([MINI_RULES])

    def __init__(self) -> None:
        super().__init__()
        self.engine = create_engine(self.kb, "durable")
        self.reference = create_engine(self.kb, "referentie")
        self.consultation = Consultation(self.kb, self.engine, full=True)
        self.history: list[tuple[str, AnswerValue | None, tuple[Any, ...]]] = []

    def teardown(self) -> None:
        self.consultation.close()
        self.engine.close()

    def _signature(self, consultation: Consultation) -> tuple[Any, ...]:
        return tuple(sorted((f.id, round(f.certainty, 9)) for f in consultation.result().findings))

    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        q = data.draw(st.sampled_from(self.kb.questions))
        value = answer_value(q, data.draw)
        self.history.append(
            (q.id, self.consultation.answers.get(q.id), self._signature(self.consultation))
        )
        if q.id in self.consultation.answers:
            self.consultation.change(q.id, value)  # a fresh derivation
        else:
            self.consultation.answer(q.id, value)  # asserted into the live session

    @precondition(lambda self: bool(self.consultation.answers))
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        q = data.draw(st.sampled_from(sorted(self.consultation.answers)))
        self.history.append((q, self.consultation.answers[q], self._signature(self.consultation)))
        self.consultation.change(q, None)

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        question, previous, signature = self.history.pop()
        self.consultation.change(question, previous)
        assert self._signature(self.consultation) == signature  # changing back restores the result

    @invariant()
    def derivation_does_not_depend_on_the_order_of_answers(self) -> None:
        answers = dict(reversed(list(self.consultation.answers.items())))
        fresh = Consultation(self.kb, self.reference, full=True, answers=answers)
        try:
            assert self._signature(fresh) == self._signature(self.consultation)
        finally:
            fresh.close()


ConsultationMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=12, deadline=None
)
TestConsultationMachine = ConsultationMachine.TestCase
