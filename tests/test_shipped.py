"""The shipped knowledge base keeps its promises: sizes, coverage of every source, the sources'
nuances, verified quotes, and every scenario under scenarios/ as a test."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from adviseur.engine import create_engine
from adviseur.engine.base import Engine
from adviseur.engine.normal import Lit, _simplify, normalize
from adviseur.loading import load_knowledge_base
from adviseur.loading.scenarios import load_scenario
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.session.replay import replay
from tests.conftest import ROOT, SOURCES

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
FACTOR = ConclusionKind.FACTOR


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base([ROOT / "rules"])


@pytest.fixture(scope="module")
def engine(kb: KnowledgeBase) -> Engine:
    eng = create_engine(kb, "durable")
    yield eng
    eng.close()


def test_sizes(kb: KnowledgeBase) -> None:
    assert len(kb.factors) >= 100
    assert len(kb.interventions) >= 90
    assert len(kb.lessons) >= 60
    assert len(kb.cases) >= 25
    assert len(kb.questions) <= 120
    assert sum(q.core for q in kb.questions) <= 35
    per_dimension = Counter(q.dimension for q in kb.questions)
    assert all(per_dimension[d.id] >= 6 for d in kb.dimensions if not d.intake)
    assert {"mandaat", "koers", "capaciteit", "regionale_vorm"} <= {d.id for d in kb.dimensions}


def test_every_factor_is_concluded_countered_and_cited(kb: KnowledgeBase) -> None:
    concluded = {r.conclusion.target for r in kb.rules if r.conclusion.kind is FACTOR}
    countered = {f for i in kb.interventions for f in i.counters}
    for factor in kb.factors:
        assert factor.id in concluded, factor.id
        assert factor.id in countered, factor.id
        assert factor.citations, factor.id


def test_every_source_supports_at_least_25_items(kb: KnowledgeBase) -> None:
    items = [*kb.factors, *kb.interventions, *kb.lessons, *kb.cases]
    for source in kb.sources:
        supported = [i for i in items if any(c.source == source.id for c in i.citations)]
        assert len(supported) >= 25, source.id


def test_factors_named_by_several_sources_are_one_item(kb: KnowledgeBase) -> None:
    several = [f for f in kb.factors if len({c.source for c in f.citations}) >= 2]
    assert len(several) >= 40


def test_zekerheid_fits_how_explicit_the_source_is(kb: KnowledgeBase) -> None:
    bands = {"expliciet": (0.6, 0.9), "impliciet": (0.4, 0.6), "context": (0.2, 0.4)}
    for rule in kb.rules:
        if rule.conclusion.kind is FACTOR:
            assert rule.basis is not None, rule.id
            low, high = bands[rule.basis.value]
            assert low <= rule.conclusion.certainty <= high, rule.id


def test_the_situation_alone_never_makes_a_faalfactor(kb: KnowledgeBase) -> None:
    """The regional form (and the rest of the intake) only ever gates a rule."""
    questions = {q.id: q for q in kb.questions}
    intake = {q.id for q in kb.questions if kb.dimension(q.dimension).intake}
    for rule in kb.rules:
        if rule.conclusion.kind is not FACTOR:
            continue
        for alternative in normalize(rule.condition, questions):
            asked = {lit.ref for lit in alternative if lit.op is not Lit.DERIVED}
            assert not asked <= intake, rule.id


BALANCES = [
    ("uitvoerders_zonder_afwegingsruimte", "ruimte_zonder_richtsnoeren"),  # sturen én loslaten
    ("regie_alleen_directief", "regie_alleen_meebewegend"),
    ("doelen_vaag_en_niet_vastgelegd", "schijnprecieze_doelen"),  # het wat vastleggen
    ("hoe_eenzijdig_vooraf_vastgelegd", "hoe_niet_doordacht"),  # het hoe niet vooraf vastleggen
    ("visie_zonder_inzet_in_de_wijk", "wijkinzet_zonder_centrale_visie"),
    ("doordrukken_zonder_draagvlak", "compromissen_zonder_lef"),
    ("bestaande_coalitie_hergebruikt", "steeds_wisselende_partners"),
    ("overbetrokken_tunnelvisie", "afstandelijke_basishouding"),
]


@pytest.mark.parametrize(("left", "right"), BALANCES)
def test_the_two_sides_of_a_balance_never_fire_together(
    kb: KnowledgeBase, left: str, right: str
) -> None:
    questions = {q.id: q for q in kb.questions}

    def alternatives(target: str) -> list[tuple[object, ...]]:
        return [
            alt
            for r in kb.rules
            if r.conclusion.target == target
            for alt in normalize(r.condition, questions)
        ]

    for a, b in itertools.product(alternatives(left), alternatives(right)):
        assert _simplify((*a, *b), questions) is None, (left, right)  # type: ignore[arg-type]


def test_escalating_is_never_a_sign_of_failure(kb: KnowledgeBase) -> None:
    strengths = {
        ("knelpunt_afloop", "tijdig_opgeschaald"),
        ("externe_hulp_gezien_als", "teken_van_kracht"),
    }
    questions = {q.id: q for q in kb.questions}
    for rule in kb.rules:
        for alternative in normalize(rule.condition, questions):
            for lit in alternative:
                assert (lit.ref, lit.value) not in strengths, rule.id


def test_source_texts_verify_every_quote(kb: KnowledgeBase) -> None:
    if not SOURCES.is_dir():
        pytest.skip("the five source texts are not next to this checkout (../shared/bronnen)")
    from adviseur.checks.citations import check_quotes

    assert [str(d) for d in check_quotes(kb, SOURCES)] == []


def test_enough_scenarios_and_healthy_controls(kb: KnowledgeBase) -> None:
    scenarios = [load_scenario(p, kb) for p in SCENARIOS]
    assert len(scenarios) >= 25
    healthy = [s for s in scenarios if not s.expected.factors and s.expected.not_factors]
    assert len(healthy) >= 5


def test_the_regional_pair_differs_only_in_form(kb: KnowledgeBase, engine: Engine) -> None:
    a = load_scenario(ROOT / "scenarios" / "regio_gezond_vorm_a.yaml", kb).answer_map()
    b = load_scenario(ROOT / "scenarios" / "regio_gezond_vorm_b.yaml", kb).answer_map()
    assert {q for q in a.keys() | b.keys() if a.get(q) != b.get(q)} == {
        "regionale_samenwerkingsvorm"
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(kb: KnowledgeBase, engine: Engine, path: Path) -> None:
    scenario = load_scenario(path, kb)
    result = replay(kb, engine, scenario)
    assert result.ok, result.mismatches
    if not scenario.expected.factors and scenario.expected.not_factors:  # a healthy control
        assert result.outcome.ids(FACTOR) == set()
