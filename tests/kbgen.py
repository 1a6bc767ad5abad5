"""Generated knowledge bases for property tests: random questions, chained rules, answers."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from adviseur.model.answers import UNKNOWN, AnswerValue
from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    AnyOf,
    ConclusionKind,
    Condition,
    Derived,
    Not,
    Op,
)
from adviseur.model.knowledge import (
    YES_NO_OPTIONS,
    Conclusion,
    Dimension,
    FailureFactor,
    Intervention,
    KnowledgeBase,
    Option,
    Question,
    QuestionKind,
    Rule,
)

OPTIONS = tuple(Option(value=v, label=v) for v in ("rood", "geel", "groen"))


def question(index: int, kind: QuestionKind) -> Question:
    extra: dict[str, Any] = {}
    if kind is QuestionKind.YES_NO:
        extra["options"] = YES_NO_OPTIONS
    elif kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        extra["options"] = OPTIONS
    elif kind is QuestionKind.SCALE:
        extra.update(minimum=1, maximum=5)
    else:
        extra.update(minimum=0, maximum=4)
    return Question(
        id=f"q{index}", dimension="d", text=f"Vraag {index}?", kind=kind, help="", **extra
    )


def answer_test(q: Question, draw: Any) -> AnswerTest:
    kind = q.kind
    if kind in (QuestionKind.YES_NO, QuestionKind.CHOICE):
        op = draw(st.sampled_from([Op.IS, Op.IN, Op.ANSWERED, Op.UNKNOWN]))
        values = q.option_values()
        if op is Op.IS:
            return AnswerTest(question=q.id, op=op, value=draw(st.sampled_from(values)))
        if op is Op.IN:
            chosen = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))
            return AnswerTest(question=q.id, op=op, value=tuple(chosen))
        return AnswerTest(question=q.id, op=op, value=True)
    if kind is QuestionKind.MULTIPLE:
        op = draw(st.sampled_from([Op.CONTAINS, Op.CONTAINS, Op.ANSWERED, Op.UNKNOWN]))
        if op is Op.CONTAINS:
            return AnswerTest(question=q.id, op=op, value=draw(st.sampled_from(q.option_values())))
        return AnswerTest(question=q.id, op=op, value=True)
    assert q.minimum is not None
    assert q.maximum is not None
    op = draw(st.sampled_from([Op.IS, Op.IN, Op.LT, Op.LE, Op.GT, Op.GE, Op.UNKNOWN]))
    number = st.integers(q.minimum, q.maximum)
    if op is Op.IN:
        return AnswerTest(
            question=q.id,
            op=op,
            value=tuple(draw(st.lists(number, min_size=1, max_size=3, unique=True))),
        )
    if op is Op.UNKNOWN:
        return AnswerTest(question=q.id, op=op, value=True)
    return AnswerTest(question=q.id, op=op, value=draw(number))


def condition(
    draw: Any, questions: list[Question], derived: list[str], depth: int = 0
) -> Condition:
    """A random condition; `derived` are conclusions it may refer to (never under `niet`)."""
    leaf = depth >= 2 or draw(st.booleans())
    if leaf:
        if derived and draw(st.integers(0, 3)) == 0:
            return Derived(kind=ConclusionKind.FACTOR, target=draw(st.sampled_from(derived)))
        return answer_test(draw(st.sampled_from(questions)), draw)
    shape = draw(st.sampled_from(["alle", "een_van", "niet"]))
    if shape == "niet":
        return Not(item=condition(draw, questions, [], depth + 1))
    items = tuple(
        condition(draw, questions, derived, depth + 1) for _ in range(draw(st.integers(1, 3)))
    )
    return AllOf(items=items) if shape == "alle" else AnyOf(items=items)


@st.composite
def knowledge_bases(draw: Any, *, max_rules: int = 8) -> KnowledgeBase:
    """Chained rule sets: factors f0..fn where a rule for f_i may read f_j with j < i."""
    kinds = draw(st.lists(st.sampled_from(list(QuestionKind)), min_size=2, max_size=5))
    questions = [question(i, k) for i, k in enumerate(kinds)]
    n_factors = draw(st.integers(1, 5))
    factors = [f"f{i}" for i in range(n_factors)]
    rules: list[Rule] = []
    for n in range(draw(st.integers(1, max_rules))):
        target = draw(st.integers(0, n_factors - 1))
        rules.append(
            Rule(
                id=f"r{n}",
                condition=condition(draw, questions, factors[:target]),
                conclusion=Conclusion(
                    kind=ConclusionKind.FACTOR,
                    target=factors[target],
                    certainty=draw(st.sampled_from([0.2, 0.4, 0.5, 0.7, 0.9])),
                ),
            )
        )
    # A chain at least two deep: f0 → f1 → an interventie.
    rules.append(
        Rule(
            id="chain",
            condition=Derived(kind=ConclusionKind.FACTOR, target=factors[0]),
            conclusion=Conclusion(kind=ConclusionKind.FACTOR, target="f_chain", certainty=0.5),
        )
    )
    rules.append(
        Rule(
            id="counter",
            condition=AnyOf(
                items=(
                    Derived(kind=ConclusionKind.FACTOR, target="f_chain"),
                    Derived(kind=ConclusionKind.FACTOR, target=factors[-1]),
                )
            ),
            conclusion=Conclusion(kind=ConclusionKind.INTERVENTION, target="i0"),
        )
    )
    return build(
        questions, [*factors, "f_chain"], rules, digest=f"gen{draw(st.integers(0, 10**9))}"
    )


def build(
    questions: list[Question], factors: list[str], rules: list[Rule], *, digest: str
) -> KnowledgeBase:
    return KnowledgeBase(
        sources=(),
        dimensions=(Dimension(id="d", name="D"),),
        questions=tuple(questions),
        factors=tuple(FailureFactor(id=f, name=f, dimension="d", description=f) for f in factors),
        interventions=(Intervention(id="i0", name="i0", description="i0", counters=(factors[0],)),),
        lessons=(),
        cases=(),
        rules=tuple(rules),
        digest=digest,
    )


def answer_value(q: Question, draw: Any) -> AnswerValue:
    if draw(st.integers(0, 5)) == 0:
        return UNKNOWN
    if q.kind is QuestionKind.MULTIPLE:
        return frozenset(
            draw(st.lists(st.sampled_from(q.option_values()), max_size=3, unique=True))
        )
    if q.kind in (QuestionKind.YES_NO, QuestionKind.CHOICE):
        return draw(st.sampled_from(q.option_values()))
    assert q.minimum is not None
    assert q.maximum is not None
    return draw(st.integers(q.minimum, q.maximum))


@st.composite
def kb_and_answers(draw: Any) -> tuple[KnowledgeBase, dict[str, AnswerValue]]:
    kb = draw(knowledge_bases())
    answers = {q.id: answer_value(q, draw) for q in kb.questions if draw(st.integers(0, 4)) > 0}
    return kb, answers


def random_answers(kb: KnowledgeBase, rng: random.Random) -> dict[str, AnswerValue]:
    """Answers without Hypothesis, for large generated bases."""
    result: dict[str, AnswerValue] = {}
    for q in kb.questions:
        if q.kind is QuestionKind.MULTIPLE:
            result[q.id] = frozenset(v for v in q.option_values() if rng.random() < 0.5)
        elif q.options:
            result[q.id] = rng.choice(q.option_values())
        else:
            assert q.minimum is not None
            assert q.maximum is not None
            result[q.id] = rng.randint(q.minimum, q.maximum)
    return result
