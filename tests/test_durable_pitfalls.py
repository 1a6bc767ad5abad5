"""Each durable-rules pitfall (ARCHITECTURE.md, anchors) has a test here. Tests that could
hang or crash the interpreter run in a child process that is killed from outside."""

from __future__ import annotations

import json
import random
import threading
import unicodedata

import pytest

from adviseur.engine.base import derive
from adviseur.engine.durable import MAX_LIVE_SESSIONS, DurableEngine, DurableSession, answer_facts
from adviseur.engine.reference import ReferenceEngine
from adviseur.errors import EngineError, EngineLimitError
from adviseur.model.answers import UNKNOWN
from adviseur.model.coerce import coerce_answer
from adviseur.model.conditions import AllOf, AnswerTest, ConclusionKind, Derived, Not, Op
from adviseur.model.knowledge import Conclusion, KnowledgeBase, QuestionKind, Rule
from adviseur.session.consultation import Consultation
from tests.conftest import run_isolated
from tests.kbgen import build, large_knowledge_base, question, random_answers

RAW = """
import json, durable_rules_engine as dre
from durable import engine
class Host(engine.Host):
    def _run(self): pass
def act(c): pass
"""


def factor_rule(n: int, condition: object, target: str = "f0") -> Rule:
    return Rule(
        id=f"r{n}",
        condition=condition,  # type: ignore[arg-type]
        conclusion=Conclusion(kind=ConclusionKind.FACTOR, target=target, certainty=0.5),
    )


def wide_kb(n_rules: int, *, numeric: bool = False) -> KnowledgeBase:
    """Many rules over few questions: a test per rule, so durable's limits come into play."""
    kind = QuestionKind.NUMBER if numeric else QuestionKind.CHOICE
    questions = [question(0, kind), question(1, QuestionKind.NUMBER)]
    rules = []
    for n in range(n_rules):
        first = AnswerTest(
            question="q0", op=Op.GE if numeric else Op.IS, value=n % 5 if numeric else "rood"
        )
        second = AnswerTest(question="q1", op=Op.IS, value=n % 5)
        rules.append(factor_rule(n, AllOf(items=(first, second)), target=f"f{n % 40}"))
    return build(questions, [f"f{i}" for i in range(40)], rules, digest=f"wide{n_rules}")


# --- hard C limits: the raw engine fails or hangs; our compiler partitions -------------------


def test_raw_durable_hangs_on_the_513th_distinct_test() -> None:
    rules = {f"r{i}": {"all": [{"m": {"a_q": i}}]} for i in range(513)}
    code = (
        RAW
        + f"""
rules = {json.dumps(rules)}
for r in rules.values(): r["run"] = act
Host().register_rulesets({{"t": rules}})
print("registered")
"""
    )
    with pytest.raises(Exception, match="timed out"):
        run_isolated(code, timeout=5)


def test_compiler_splits_many_distinct_tests_without_hanging() -> None:
    code = """
from adviseur.engine.durable import DurableEngine
from adviseur.engine.base import derive
from adviseur.model.conditions import AnswerTest, Op
from tests.kbgen import build, large_knowledge_base, question, random_answers
from tests.test_durable_pitfalls import factor_rule
q = question(0, __import__("adviseur.model.knowledge", fromlist=["x"]).QuestionKind.NUMBER)
q = q.__class__(**{**{s: getattr(q, s) for s in q.__slots__}, "maximum": 2000})
rules = [factor_rule(i, AnswerTest(question="q0", op=Op.IS, value=i)) for i in range(1200)]
kb = build([q], ["f0"], rules, digest="tests1200")
engine = DurableEngine(kb)
print(len(engine.parts), [f.rule for f in derive(engine, {"q0": 1111})])
engine.close()
"""
    result = run_isolated(code, timeout=60)
    assert result.returncode == 0, result.stderr
    parts, fired = result.stdout.split(" ", 1)
    assert int(parts) >= 3
    assert fired.strip() == "['r1111']"


def test_raw_durable_rejects_more_than_4096_rules() -> None:
    code = (
        RAW
        + """
rules = {f"r{i}": {"all": [{"m": {"a_q": i % 64}}, {"n": {"b": i // 64}}], "run": act}
         for i in range(4097)}
try:
    Host().register_rulesets({"t": rules})
except Exception as exc:
    print(exc)
"""
    )
    result = run_isolated(code, timeout=60)
    assert "106" in result.stdout


def test_more_than_4096_rules_work_and_agree_with_the_reference() -> None:
    kb = wide_kb(5000)
    engine = DurableEngine(kb)
    try:
        assert len(engine.parts) >= 3
        assert all(len(p.definitions) <= 2000 for p in engine.parts)
        answers = {"q0": "rood", "q1": 3}
        assert {f.rule for f in derive(engine, answers)} == {
            f.rule for f in derive(ReferenceEngine(kb), answers)
        }
    finally:
        engine.close()


def test_raw_durable_rejects_257_rules_on_one_pattern() -> None:
    code = (
        RAW
        + """
rules = {f"r{i}": {"all": [{"m": {"a_q": 1}}, {"n": {"b": i}}], "run": act} for i in range(257)}
try:
    Host().register_rulesets({"t": rules})
except Exception as exc:
    print(exc)
"""
    )
    assert "108" in run_isolated(code).stdout


def test_many_rules_on_one_pattern_are_split() -> None:
    kb = wide_kb(600)  # every rule starts with the same pattern q0 == rood
    engine = DurableEngine(kb)
    try:
        assert len(engine.parts) >= 3
        assert max(max(p.per_pattern.values()) for p in engine.parts) <= 200
        fired = {f.rule for f in derive(engine, {"q0": "rood", "q1": 2})}
        assert fired == {f"r{n}" for n in range(600) if n % 5 == 2}
    finally:
        engine.close()


def test_raw_durable_fails_when_a_fact_matches_too_many_alpha_nodes() -> None:
    code = (
        RAW
        + """
rules = {f"r{i}": {"all": [{"m": {"$or": [{"a_q": 1}, {"a_z": i}]}}], "run": act}
         for i in range(80)}
h = Host(); h.register_rulesets({"t": rules}); r = h.get_ruleset("t")
try:
    print(dre.assert_facts(r._handle, json.dumps([{"sid": "s", "a_q": 1}])))
except Exception as exc:
    print(exc)
"""
    )
    assert "303" in run_isolated(code).stdout


def test_a_value_matching_many_comparisons_is_split_across_rulesets() -> None:
    kb = wide_kb(300, numeric=True)  # q0 >= 0..4 in every rule: one value passes many tests
    engine = DurableEngine(kb)
    try:
        answers = {"q0": 4, "q1": 1}
        assert {f.rule for f in derive(engine, answers)} == {
            f.rule for f in derive(ReferenceEngine(kb), answers)
        }
    finally:
        engine.close()


def test_facts_have_one_field_each() -> None:
    for kind in QuestionKind:
        q = question(0, kind)
        value = {
            "ja_nee": "ja",
            "keuze": "rood",
            "meerkeuze": frozenset({"rood"}),
            "schaal": 3,
            "getal": 2,
        }[kind.value]
        for fact in [*answer_facts(q, value), *answer_facts(q, UNKNOWN)]:
            assert len(fact) == 1  # far below durable-rules' 252 fields per fact


# --- semantics ---------------------------------------------------------------------------------


def compiled_json(engine: DurableEngine) -> str:
    return json.dumps([p.definitions for p in engine.parts])


def negation_kb() -> KnowledgeBase:
    qs = [question(0, QuestionKind.YES_NO), question(1, QuestionKind.YES_NO)]
    cond = AllOf(
        items=(
            AnswerTest(question="q0", op=Op.IS, value="ja"),
            Not(item=AnswerTest(question="q1", op=Op.IS, value="ja")),
        )
    )
    return build(qs, ["f0"], [factor_rule(0, cond)], digest="neg")


@pytest.mark.parametrize("order", [["q0", "q1"], ["q1", "q0"]])
def test_negation_holds_in_both_answer_orders(order: list[str]) -> None:
    engine = DurableEngine(negation_kb())
    try:
        for q1, fires in (("ja", False), ("nee", True)):
            answers = {"q0": "ja", "q1": q1}
            session = engine.open()
            for q in order:
                session.add({q: answers[q]})
            assert bool(session.firings()) is fires
            session.close()
    finally:
        engine.close()


def test_no_not_or_nex_patterns_reach_the_engine() -> None:
    engine = DurableEngine(negation_kb())
    try:
        text = compiled_json(engine)
        assert "$not" not in text
        assert "$nex" not in text
    finally:
        engine.close()


def test_an_exception_in_an_action_is_raised_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(negation_kb())

    def broken(self: DurableSession, rule_id: str, matched: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(DurableSession, "record", broken)
    session = engine.open()
    try:
        with pytest.raises(EngineError, match="kapot"):
            session.add({"q0": "ja", "q1": "nee"})
    finally:
        session.close()
        engine.close()


def test_answers_no_rule_uses_do_not_strand_matching_ones() -> None:
    kb = negation_kb()
    kb2 = build(
        [*kb.questions, question(2, QuestionKind.SCALE)], ["f0"], list(kb.rules), digest="unused"
    )
    engine = DurableEngine(kb2)
    try:
        fired = derive(engine, {"q2": 3, "q0": "ja", "q1": "nee"})  # q2: no rule reads it
        assert [f.rule for f in fired] == ["r0"]
    finally:
        engine.close()


def test_a_conclusion_from_two_rules_fires_its_consumer_once() -> None:
    qs = [question(0, QuestionKind.YES_NO), question(1, QuestionKind.YES_NO)]
    rules = [
        factor_rule(0, AnswerTest(question="q0", op=Op.IS, value="ja")),
        factor_rule(1, AnswerTest(question="q1", op=Op.IS, value="ja")),
        Rule(
            id="down",
            condition=Derived(kind=ConclusionKind.FACTOR, target="f0"),
            conclusion=Conclusion(kind=ConclusionKind.INTERVENTION, target="i0"),
        ),
    ]
    engine = DurableEngine(build(qs, ["f0"], rules, digest="twice"))
    try:
        fired = [f.rule for f in derive(engine, {"q0": "ja", "q1": "ja"})]
        assert sorted(fired) == ["down", "r0", "r1"]
        assert "id" not in compiled_json(engine).replace('"id"', "")  # conclusions never in `id`
    finally:
        engine.close()


def test_unicode_is_normalised_and_types_are_checked() -> None:
    q = question(0, QuestionKind.CHOICE)
    q = q.__class__(
        **{
            **{s: getattr(q, s) for s in q.__slots__},
            "options": (q.options[0].__class__(value="een", label="Eén dienst"), q.options[1]),
        }
    )
    assert coerce_answer(q, unicodedata.normalize("NFD", "Eén dienst")) == "een"
    scale = question(1, QuestionKind.SCALE)
    assert coerce_answer(scale, "2") == 2
    with pytest.raises(ValueError, match="geen van de antwoorden"):
        coerce_answer(q, 2)  # an int in a file is not silently an option number


# --- housekeeping ------------------------------------------------------------------------------


def test_our_host_starts_no_background_threads() -> None:
    before = threading.active_count()
    engines = [DurableEngine(negation_kb()) for _ in range(5)]
    for engine in engines:
        engine.compile()
    assert threading.active_count() == before
    for engine in engines:
        engine.close()


def test_two_versions_of_a_rule_set_live_side_by_side_and_close_cleanly() -> None:
    first, second = DurableEngine(negation_kb()), DurableEngine(negation_kb())
    first.close()
    assert [f.rule for f in derive(second, {"q0": "ja", "q1": "nee"})] == ["r0"]
    second.close()


def test_raw_delete_state_crashes_when_no_action_ever_ran() -> None:
    code = (
        RAW
        + """
rule = {"all": [{"m": {"a_k": "x"}}, {"n": {"a_j": "y"}}], "run": act}
h = Host(); h.register_rulesets({"t": {"r": rule}})
r = h.get_ruleset("t")
dre.assert_facts(r._handle, json.dumps([{"sid": "s1", "a_k": "x"}]))
r.delete_state("s1")
print("deleted")
"""
    )
    result = run_isolated(code)
    assert result.returncode != 0
    assert "deleted" not in result.stdout


def test_sessions_without_firings_close_cleanly() -> None:
    code = """
from adviseur.engine.durable import DurableEngine
from tests.test_durable_pitfalls import negation_kb
engine = DurableEngine(negation_kb())
for _ in range(50):
    session = engine.open()
    session.add({"q1": "ja"})      # matches part of a rule; fires nothing
    session.close()
engine.close()
print("ok")
"""
    result = run_isolated(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_thousands_of_sequential_sessions_stay_within_the_session_limit() -> None:
    engine = DurableEngine(negation_kb())
    try:
        for _ in range(2000):
            derive(engine, {"q0": "ja", "q1": "nee"})
        opened = [engine.open() for _ in range(MAX_LIVE_SESSIONS)]
        with pytest.raises(EngineError, match="te veel open sessies"):
            engine.open()
        for session in opened:
            session.close()
    finally:
        engine.close()


def test_a_changed_answer_leaves_no_stale_conclusions() -> None:
    kb = negation_kb()
    engine = DurableEngine(kb)
    consultation = Consultation(kb, engine, full=True)
    try:
        consultation.answer("q0", "ja")
        consultation.answer("q1", "nee")
        assert consultation.result().ids(ConclusionKind.FACTOR) == {"f0"}
        consultation.answer("q1", "ja")  # a change: a fresh session, no truth maintenance needed
        assert consultation.result().ids(ConclusionKind.FACTOR) == set()
        session = engine.open()
        session.add({"q0": "ja"})
        with pytest.raises(EngineError):
            session.add({"q0": "nee"})  # a running session refuses a changed answer
        session.close()
    finally:
        consultation.close()
        engine.close()


# --- session reuse: a closed session's facts are retracted and its sid serves the next one ----


def test_reused_sessions_derive_what_fresh_ones_do() -> None:
    kb = large_knowledge_base(300, seed=5)
    engine = DurableEngine(kb)
    reference = ReferenceEngine(kb)
    rng = random.Random(5)
    try:
        sids = set()
        for _ in range(60):
            answers = random_answers(kb, rng)
            for question in rng.sample(sorted(answers), 5):
                answers[question] = UNKNOWN
            session = engine.open()
            sids.add(session.sid)
            for question, value in answers.items():  # one at a time, as in a consultation
                session.add({question: value})
            got = {f.rule for f in session.firings()}
            session.close()
            assert got == {f.rule for f in derive(reference, answers)}
        assert len(sids) <= 2  # the pool, not a new durable session per consultation
    finally:
        engine.close()


def test_a_session_that_failed_is_deleted_not_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = DurableEngine(negation_kb())
    try:
        session = engine.open()
        with monkeypatch.context() as patched:
            patched.setattr(DurableSession, "record", lambda *_: 1 / 0)
            with pytest.raises(EngineError, match="ZeroDivisionError"):
                session.add({"q0": "ja", "q1": "nee"})
        session.close()
        assert engine.open().sid != session.sid
        assert [f.rule for f in derive(engine, {"q0": "ja", "q1": "nee"})] == ["r0"]
    finally:
        engine.close()


def test_conclusions_go_only_to_rulesets_that_can_match_them() -> None:
    kb = large_knowledge_base(3000, seed=2)
    engine = DurableEngine(kb)
    try:
        routed = [part.routes.get("faalfactor") for part in engine.parts if part.level == 1]
        assert len(routed) >= 2
        assert all(values is not None and len(values) < len(kb.factors) for values in routed)
    finally:
        engine.close()


def test_the_engine_compiles_on_first_use_and_still_refuses_what_cannot_fit() -> None:
    questions = [question(i, QuestionKind.YES_NO) for i in range(31)]
    wide = AllOf(items=tuple(AnswerTest(question=q.id, op=Op.IS, value="ja") for q in questions))
    engine = DurableEngine(build(questions, ["f0"], [factor_rule(0, wide)], digest="wide31"))
    assert engine._parts is None  # nothing compiled before it is needed
    with pytest.raises(EngineLimitError, match="combineert meer dan 30 feiten"):
        engine.compile()
    engine.close()
