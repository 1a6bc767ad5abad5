"""Generated knowledge bases for property tests: random questions, chained rules, answers."""

from __future__ import annotations

import random
from pathlib import Path
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
    Lesson,
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


# --- large generated knowledge bases (benchmarks and the 10,000-rule equivalence test) ---------

_SCALE_KINDS = (
    QuestionKind.CHOICE,
    QuestionKind.SCALE,
    QuestionKind.YES_NO,
    QuestionKind.CHOICE,
    QuestionKind.SCALE,
    QuestionKind.NUMBER,
    QuestionKind.MULTIPLE,
)


def _scale_test(q: Question, rng: random.Random) -> Condition:
    """One answer test, mostly `is`/comparisons, sometimes `in`, `niet` or `onbekend`."""
    roll = rng.random()
    if roll < 0.03:
        return AnswerTest(question=q.id, op=Op.UNKNOWN, value=True)
    if q.kind is QuestionKind.MULTIPLE:
        return AnswerTest(question=q.id, op=Op.CONTAINS, value=rng.choice(q.option_values()))
    if q.options:
        values = q.option_values()
        if roll < 0.15 and len(values) > 2:
            return AnswerTest(question=q.id, op=Op.IN, value=tuple(rng.sample(values, 2)))
        if roll < 0.22:
            return Not(item=AnswerTest(question=q.id, op=Op.IS, value=rng.choice(values)))
        return AnswerTest(question=q.id, op=Op.IS, value=rng.choice(values))
    assert q.minimum is not None
    assert q.maximum is not None
    op = rng.choice([Op.LT, Op.LE, Op.GT, Op.GE, Op.IS])
    return AnswerTest(question=q.id, op=op, value=rng.randint(q.minimum + 1, q.maximum - 1))


def large_knowledge_base(n_rules: int, *, seed: int = 0, n_questions: int = 30) -> KnowledgeBase:
    """A knowledge base of about `n_rules` rules over `n_questions` questions, two levels of
    chaining deep: 60 % answers → faalfactor, 30 % faalfactor (+ answers) → interventie,
    10 % interventie (+ an answer) → les, with shared conclusions."""
    rng = random.Random(seed)
    kinds = [_SCALE_KINDS[i % len(_SCALE_KINDS)] for i in range(n_questions)]
    questions = [question(i, k) for i, k in enumerate(kinds)]
    for i, q in enumerate(questions):
        if q.kind is QuestionKind.CHOICE:  # four options, as real keuze-vragen mostly have
            opts = tuple(Option(value=v, label=v) for v in ("rood", "geel", "groen", "blauw"))
            questions[i] = Question(
                id=q.id, dimension="d", text=q.text, kind=q.kind, options=opts, help=""
            )
        elif q.kind is QuestionKind.NUMBER:
            questions[i] = Question(
                id=q.id, dimension="d", text=q.text, kind=q.kind, minimum=0, maximum=20, help=""
            )
    n_factor_rules = n_rules * 6 // 10
    n_intervention_rules = n_rules * 3 // 10
    n_lesson_rules = n_rules - n_factor_rules - n_intervention_rules
    factors = [f"f{i}" for i in range(max(5, n_factor_rules // 8))]
    interventions = [f"i{i}" for i in range(max(3, n_intervention_rules // 8))]
    lessons = [f"l{i}" for i in range(max(2, n_lesson_rules // 5))]
    rules: list[Rule] = []

    def tests(count: int) -> list[Condition]:
        return [_scale_test(q, rng) for q in rng.sample(questions, count)]

    def add(condition: Condition, kind: ConclusionKind, target: str) -> None:
        certainty = rng.choice([0.3, 0.5, 0.6, 0.8]) if kind is ConclusionKind.FACTOR else 1.0
        rules.append(
            Rule(
                id=f"r{len(rules)}",
                condition=condition,
                conclusion=Conclusion(kind=kind, target=target, certainty=certainty),
            )
        )

    for _ in range(n_factor_rules):
        add(
            AllOf(items=tuple(tests(rng.randint(2, 4)))), ConclusionKind.FACTOR, rng.choice(factors)
        )
    for _ in range(n_intervention_rules):
        trigger: Condition = Derived(kind=ConclusionKind.FACTOR, target=rng.choice(factors))
        if rng.random() < 0.25:
            other = Derived(kind=ConclusionKind.FACTOR, target=rng.choice(factors))
            trigger = AnyOf(items=(trigger, other))
        add(
            AllOf(items=(trigger, *tests(rng.randint(0, 1)))),
            ConclusionKind.INTERVENTION,
            rng.choice(interventions),
        )
    for _ in range(n_lesson_rules):
        trigger = Derived(kind=ConclusionKind.INTERVENTION, target=rng.choice(interventions))
        add(AllOf(items=(trigger, *tests(1))), ConclusionKind.LESSON, rng.choice(lessons))
    return KnowledgeBase(
        sources=(),
        dimensions=(Dimension(id="d", name="D"),),
        questions=tuple(questions),
        factors=tuple(FailureFactor(id=f, name=f, dimension="d", description=f) for f in factors),
        interventions=tuple(
            Intervention(id=i, name=i, description=i, counters=(factors[0],)) for i in interventions
        ),
        lessons=tuple(
            Lesson(id=les, text=les, theme="d", applies_to=(interventions[0],)) for les in lessons
        ),
        cases=(),
        rules=tuple(rules),
        digest=f"large{n_rules}_{seed}",
    )


# --- generated knowledge bases as rule files (the benchmark loads them like the shipped one) ---

_CITATION = {"bron": "gegenereerd", "locatie": "§1", "citaat": "een gegenereerde regel"}


def condition_yaml(cond: Condition) -> Any:
    """A condition in the YAML form of docs/kennismodel.md."""
    match cond:
        case AllOf(items=items):
            return {"alle": [condition_yaml(i) for i in items]}
        case AnyOf(items=items):
            return {"een_van": [condition_yaml(i) for i in items]}
        case Not(item=item):
            return {"niet": condition_yaml(item)}
        case Derived(kind=kind, target=target):
            return {str(kind): target}
        case AnswerTest(question=q, op=op, value=value):
            return {"vraag": q, str(op): list(value) if isinstance(value, tuple) else value}
    raise AssertionError(cond)


def _question_yaml(q: Question) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": q.id,
        "dimensie": q.dimension,
        "tekst": q.text,
        "type": str(q.kind),
        "toelichting": q.help or "Gegenereerde vraag.",
    }
    if q.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        item["opties"] = [{"waarde": o.value, "label": o.label} for o in q.options]
    elif q.kind is QuestionKind.SCALE:
        item["schaal"] = {"min": q.minimum, "max": q.maximum}
    elif q.kind is QuestionKind.NUMBER:
        item["bereik"] = {"min": q.minimum, "max": q.maximum}
    return item


def write_yaml(kb: KnowledgeBase, directory: Path, *, rules_per_file: int = 1000) -> Path:
    """Write a generated knowledge base as rule files that `load_knowledge_base` reads back.

    Interventies and lessen need `tegen`/`bij` in YAML, so the loader adds one generated rule
    for each of them on top of `kb.rules`.
    """
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def dump(name: str, data: dict[str, Any]) -> None:
        text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
        (directory / name).write_text(text, encoding="utf-8")

    directory.mkdir(parents=True, exist_ok=True)
    cite = [_CITATION]
    dump(
        "basis.yaml",
        {
            "bronnen": [
                {"id": "gegenereerd", "titel": "Gegenereerd", "auteur": "kbgen", "jaar": 2024}
            ],
            "dimensies": [{"id": d.id, "naam": d.name} for d in kb.dimensions],
            "vragen": [_question_yaml(q) for q in kb.questions],
            "faalfactoren": [
                {
                    "id": f.id,
                    "naam": f.name,
                    "dimensie": f.dimension,
                    "beschrijving": f.description,
                    "citaties": cite,
                }
                for f in kb.factors
            ],
            "interventies": [
                {
                    "id": i.id,
                    "naam": i.name,
                    "beschrijving": i.description,
                    "tegen": list(i.counters),
                    "citaties": cite,
                }
                for i in kb.interventions
            ],
            "lessen": [
                {
                    "id": les.id,
                    "les": les.text,
                    "thema": les.theme,
                    "bij": list(les.applies_to),
                    "citaties": cite,
                }
                for les in kb.lessons
            ],
        },
    )
    rules = [
        {
            "id": r.id,
            "als": condition_yaml(r.condition),
            "dan": {str(r.conclusion.kind): r.conclusion.target}
            | (
                {"zekerheid": r.conclusion.certainty}
                if r.conclusion.kind is ConclusionKind.FACTOR
                else {}
            ),
            "uitleg": "Gegenereerd.",
            "citaties": cite,
        }
        for r in kb.rules
    ]
    for start in range(0, len(rules), rules_per_file):
        dump(
            f"regels_{start // rules_per_file:03d}.yaml",
            {"regels": rules[start : start + rules_per_file]},
        )
    return directory
