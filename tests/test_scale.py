"""Rule sets far past durable-rules' 4,096 rules per ruleset: partitioned, and still deriving
exactly what the reference engine derives. Not timings: bench/run.py measures those."""

from __future__ import annotations

from pathlib import Path

from adviseur.loading import load_knowledge_base
from tests.conftest import run_isolated
from tests.kbgen import large_knowledge_base, write_yaml


def test_a_generated_knowledge_base_survives_the_trip_through_rule_files(tmp_path: Path) -> None:
    kb = large_knowledge_base(300, seed=3)
    loaded = load_knowledge_base([write_yaml(kb, tmp_path, rules_per_file=100)], use_cache=False)
    written = {r.id: r for r in loaded.rules if r.generated_from is None}
    assert {r.id: (r.condition, r.conclusion) for r in kb.rules} == {
        r.id: (r.condition, r.conclusion) for r in written.values()
    }
    # interventies and lessen need `tegen`/`bij` in a file: one generated rule each
    assert len(loaded.rules) - len(written) == len(kb.interventions) + len(kb.lessons)


TEN_THOUSAND = """
import random
from adviseur.engine.base import derive
from adviseur.engine.durable import DurableEngine
from adviseur.engine.reference import ReferenceEngine
from adviseur.engine.scoring import score
from adviseur.model.answers import UNKNOWN
from tests.kbgen import large_knowledge_base, random_answers

kb = large_knowledge_base(10_000, seed=11)
durable, reference = DurableEngine(kb), ReferenceEngine(kb)
parts = durable.parts
assert len(kb.rules) == 10_000
assert sum(len(p.definitions) for p in parts) > 4096 and len(parts) > 2
assert all(len(p.definitions) <= 2000 for p in parts)
rng = random.Random(11)

def outcome(firings):
    result = score(kb, firings)
    return {f.rule for f in firings}, sorted((f.id, f.certainty) for f in result.findings)

for n in range(12):
    answers = random_answers(kb, rng)
    for question in rng.sample(sorted(answers), 4):
        answers[question] = UNKNOWN
    expected = outcome(derive(reference, answers))
    assert outcome(derive(durable, answers)) == expected, n
    if n % 4 == 0:  # answer by answer into one live session, as a consultation does
        session = durable.open()
        for question, value in answers.items():
            session.add({question: value})
        assert outcome(session.firings()) == expected, n
        session.close()
durable.close()
print("ok", len(parts), len(expected[1]))
"""


def test_ten_thousand_rules_derive_what_the_reference_engine_derives() -> None:
    result = run_isolated(TEN_THOUSAND, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    ok, parts, findings = result.stdout.split()
    assert ok == "ok"
    assert int(parts) > 2
    assert int(findings) > 100  # the answers really derive a lot
