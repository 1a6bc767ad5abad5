"""The durable-rules engine: the only module that imports durable.

The knowledge base is compiled into JSON rulesets (no DSL, no eval): every rule condition is
brought into normal form (see normal.py) and each alternative becomes one durable rule whose
action is a recording closure. Rules are grouped by level (answers → faalfactoren →
interventies → lessen) and split further so that no ruleset comes near durable-rules' C
limits; conclusions are passed from one ruleset to the next by this adapter.

Pitfalls this module works around (each has a test):
- 4,096 rules per ruleset (error 106), 256 rules on one identical pattern (108), a fact that
  matches more than ~63 alpha nodes (303), and the 513th distinct test under one alpha node,
  which hangs registration forever while holding the GIL: all checked here before C sees them.
- `delete_state` crashes the process (use of uninitialised memory) for a session in which no
  action ever ran: every session is opened with a housekeeping fact that fires a no-op rule.
- Exceptions in actions are swallowed by the engine: the closures record their own errors.
- A batch with a fact no rule uses returns code 1 but still stores the others; we call the
  low-level assert and run the actions ourselves, so matched facts are never stranded.
- No truth maintenance and no sound negation: conditions are normalised to positive tests on
  known answers, and a changed answer means a fresh session.
- Ruleset names are unique per host: every compiled version gets its own name and private
  host (without the two timer threads of the stock Host), and is deleted on close.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import durable_rules_engine as dre
from durable import engine as durable_engine

from adviseur.engine.base import Firing, Premise
from adviseur.engine.normal import Conjunction, Lit, Literal, TooComplex, normalize
from adviseur.engine.strata import levels
from adviseur.errors import EngineError, EngineLimitError
from adviseur.model.answers import AnswerValue, Unknown, describe
from adviseur.model.knowledge import KnowledgeBase, Question, QuestionKind, Rule


@dataclass(frozen=True, slots=True)
class Limits:
    """What we allow per ruleset; durable-rules' own hard limits are in the comments."""

    rules: int = 2000  # C: 4,096 rules per ruleset (error 106)
    tests: int = 400  # C: 512 distinct tests under one alpha node (the 513th hangs forever)
    rules_per_pattern: int = 200  # C: 256 rules on one identical pattern (error 108)
    alpha_per_fact: int = 48  # C: a fact matching ~63 alpha nodes fails at assert (error 303)
    patterns_per_rule: int = 30  # C: 32 joined patterns


LIMITS = Limits()
MAX_LIVE_SESSIONS = 1000  # C: 1,024 per ruleset; a failed 1,025th leaks a slot for good
_OPEN_FACT = {"sessie": "open"}
_CMP_JSON = {Lit.LT: "$lt", Lit.LE: "$lte", Lit.GT: "$gt", Lit.GE: "$gte"}
_names = itertools.count(1)


class _QuietHost(durable_engine.Host):  # type: ignore[misc]
    """A Host without the two dispatch threads the stock Host starts and never stops."""

    def _run(self) -> None:
        return None


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def answer_facts(question: Question, value: AnswerValue) -> list[dict[str, Any]]:
    """The facts one answer becomes: one field each, so every fact matches few alpha nodes."""
    if isinstance(value, Unknown):
        return [{"onbekend": question.id}]
    known: list[dict[str, Any]] = [{"beantwoord": question.id}]
    if isinstance(value, frozenset):
        for option in question.option_values():
            prefix = "a_" if option in value else "n_"
            known.append({prefix + question.id: _nfc(option)})
        return known
    return [{"a_" + question.id: _nfc(value)}, *known]


def _field(fact: Mapping[str, Any]) -> str:
    return next(k for k in fact if k != "sid")


def _pattern(literals: Sequence[Literal], multiple: set[str]) -> list[dict[str, Any]]:
    """The durable patterns of one alternative: a pattern per fact it needs."""
    patterns: list[dict[str, Any]] = []
    by_answer: dict[str, list[dict[str, Any]]] = {}
    for lit in literals:
        if lit.op is Lit.DERIVED:
            patterns.append({lit.kind: lit.ref})
        elif lit.op is Lit.KNOWN:
            patterns.append({"beantwoord": lit.ref})
        elif lit.op is Lit.UNKNOWN:
            patterns.append({"onbekend": lit.ref})
        elif lit.op in (Lit.HAS, Lit.LACKS):
            prefix = "a_" if lit.op is Lit.HAS else "n_"
            patterns.append({prefix + lit.ref: _nfc(lit.value)})
        else:
            assert lit.ref not in multiple
            name = "a_" + lit.ref
            test = (
                {name: _nfc(lit.value)}
                if lit.op is Lit.EQ
                else {_CMP_JSON[lit.op]: {name: lit.value}}
            )
            by_answer.setdefault(name, []).append(test)
    for tests in by_answer.values():
        patterns.append(tests[0] if len(tests) == 1 else {"$and": tests})
    return patterns


def _atomic_tests(pattern: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field, operator, value) of every test in a pattern, for counting against the limits."""
    if "$and" in pattern:
        return [t for sub in pattern["$and"] for t in _atomic_tests(sub)]
    ((key, value),) = pattern.items()
    if key.startswith("$"):
        ((name, operand),) = value.items()
        return [(name, key, json.dumps(operand))]
    return [(key, "=", json.dumps(value))]


@dataclass
class _Part:
    """One durable ruleset under construction, with the counts the C limits are about."""

    level: int
    definitions: dict[str, dict[str, Any]] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)  # durable rule name → our rule id
    tests: set[tuple[str, str, str]] = field(default_factory=set)
    per_pattern: Counter[str] = field(default_factory=Counter)
    chains: dict[str, set[str]] = field(default_factory=dict)  # field → non-equality patterns
    equality_fields: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)

    def fits(self, patterns: Sequence[Sequence[dict[str, Any]]], limits: Limits) -> str | None:
        """None if the rule's alternatives fit in this ruleset, else the limit they break."""
        tests = set(self.tests)
        per_pattern = Counter(self.per_pattern)
        chains = {k: set(v) for k, v in self.chains.items()}
        equality = set(self.equality_fields)
        for alternative in patterns:
            for pattern in alternative:
                atomic = _atomic_tests(pattern)
                tests.update(atomic)
                key = json.dumps(pattern, sort_keys=True)
                per_pattern[key] += 1
                name = atomic[0][0]
                if len(atomic) == 1 and atomic[0][1] == "=":
                    equality.add(name)
                else:
                    chains.setdefault(name, set()).add(key)
        if len(self.definitions) + len(patterns) + 1 > limits.rules:
            return f"meer dan {limits.rules} regels in één regelset (durable-rules: 4.096)"
        if len(tests) > limits.tests:
            return f"meer dan {limits.tests} verschillende toetsen (durable-rules hangt bij 513)"
        if per_pattern and max(per_pattern.values()) > limits.rules_per_pattern:
            return f"meer dan {limits.rules_per_pattern} regels op één patroon (durable-rules: 256)"
        for name in set(chains) | equality:
            count = sum(len(_atomic_tests(json.loads(k))) for k in chains.get(name, ()))
            if count + (name in equality) > limits.alpha_per_fact:
                limit = limits.alpha_per_fact
                return f"één feit zou meer dan {limit} toetsen raken (durable-rules: ~63)"
        return None

    def add(self, rule_id: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        for n, alternative in enumerate(patterns):
            self.definitions[f"{rule_id}#{n}"] = {
                "all": [{f"m{i}": p} for i, p in enumerate(alternative)]
            }
            self.actions[f"{rule_id}#{n}"] = rule_id
            for pattern in alternative:
                atomic = _atomic_tests(pattern)
                self.tests.update(atomic)
                key = json.dumps(pattern, sort_keys=True)
                self.per_pattern[key] += 1
                name = atomic[0][0]
                self.fields.add(name)
                if len(atomic) == 1 and atomic[0][1] == "=":
                    self.equality_fields.add(name)
                else:
                    self.chains.setdefault(name, set()).add(key)


class DurableEngine:
    """A compiled knowledge base on durable-rules; `open()` starts a consultation session."""

    name = "durable"

    def __init__(self, kb: KnowledgeBase, *, limits: Limits = LIMITS) -> None:
        self.kb = kb
        self.questions = {q.id: q for q in kb.questions}
        self._sessions: dict[str, DurableSession] = {}
        self._errors: list[str] = []
        self.parts = _partition(kb, self.questions, limits)
        self._host = _QuietHost()
        self._rulesets: list[Any] = []
        prefix = f"adviseur_{kb.digest[:10] or 'kb'}_{next(_names)}"
        definitions: dict[str, Any] = {}
        self._names: list[str] = []
        for index, part in enumerate(self.parts):
            name = f"{prefix}_{index}"
            rules: dict[str, Any] = {"open": {"all": [{"m0": dict(_OPEN_FACT)}], "run": _noop}}
            for rule_name, definition in part.definitions.items():
                rules[rule_name] = {
                    **json.loads(json.dumps(definition)),
                    "run": self._action(part.actions[rule_name]),
                }
            definitions[name] = rules
            self._names.append(name)
        self._host.register_rulesets(definitions)
        self._rulesets = [self._host.get_ruleset(name) for name in self._names]

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        def record(c: Any) -> None:
            try:
                self._sessions[c.s["sid"]].record(rule_id, c._m)
            except Exception as exc:
                self._errors.append(f"{rule_id}: {exc!r}")

        return record

    def open(self) -> DurableSession:
        if len(self._sessions) >= MAX_LIVE_SESSIONS:
            raise EngineError(f"te veel open sessies (meer dan {MAX_LIVE_SESSIONS})")
        session = DurableSession(self, uuid.uuid4().hex)
        self._sessions[session.sid] = session
        return session

    def close(self) -> None:
        for session in list(self._sessions.values()):
            session.close()
        for ruleset in self._rulesets:
            dre.delete_ruleset(ruleset._handle)
        self._rulesets = []

    def _assert(self, index: int, facts: list[dict[str, Any]]) -> None:
        ruleset = self._rulesets[index]
        try:
            _code, state = dre.assert_facts(ruleset._handle, json.dumps(facts, ensure_ascii=False))
        except dre.error as exc:
            raise EngineError(f"durable-rules weigerde feiten: {exc}") from None
        failures: list[Any] = []
        ruleset.do_actions(state, lambda error, _state: failures.append(error))
        if any(failures) or self._errors:
            detail = "; ".join([*(str(f) for f in failures if f), *self._errors])
            self._errors.clear()
            raise EngineError(f"fout tijdens het afleiden: {detail}")


def _noop(_c: Any) -> None:
    return None


class DurableSession:
    """One consultation: a durable session (sid) per ruleset, opened on first use."""

    def __init__(self, engine: DurableEngine, sid: str) -> None:
        self.engine = engine
        self.sid = sid
        self.answers: dict[str, AnswerValue] = {}
        self._opened: set[int] = set()
        self._firings: list[Firing] = []
        self._fired: set[str] = set()
        self._concluded: set[str] = set()
        self._new: list[dict[str, Any]] = []

    def record(self, rule_id: str, matched: Mapping[str, Mapping[str, Any]] | None) -> None:
        if rule_id in self._fired:
            return  # another alternative of the same rule: a rule fires once
        self._fired.add(rule_id)
        premises = tuple(dict.fromkeys(self._premise(f) for f in (matched or {}).values()))
        self._firings.append(Firing(rule=rule_id, premises=premises))
        target = self.engine.kb.rule(rule_id).conclusion
        if target.target not in self._concluded:
            self._concluded.add(target.target)
            self._new.append({str(target.kind): target.target})

    def _premise(self, fact: Mapping[str, Any]) -> Premise:
        name = _field(fact)
        value = fact[name]
        if name in ("beantwoord", "onbekend") or name[:2] in ("a_", "n_"):
            question = value if name in ("beantwoord", "onbekend") else name[2:]
            return Premise("vraag", question, describe(self.answers[question]))
        return Premise(name, value)

    def add(self, answers: Mapping[str, AnswerValue]) -> tuple[Firing, ...]:
        facts: list[dict[str, Any]] = []
        for question, value in answers.items():
            if question in self.answers:
                if self.answers[question] != value:
                    raise EngineError(f"antwoord op '{question}' gewijzigd in een lopende sessie")
                continue
            self.answers[question] = value
            facts.extend(answer_facts(self.engine.questions[question], value))
        start = len(self._firings)
        pending = facts
        for index, part in enumerate(self.engine.parts):
            batch = [{**f, "sid": self.sid} for f in pending if _field(f) in part.fields]
            if not batch:
                continue
            if index not in self._opened:
                self._opened.add(index)
                batch.insert(0, {**_OPEN_FACT, "sid": self.sid})
            self.engine._assert(index, batch)
            pending = pending + self._new
            self._new = []
        return tuple(self._firings[start:])

    def firings(self) -> tuple[Firing, ...]:
        return tuple(self._firings)

    def close(self) -> None:
        for index in sorted(self._opened):
            ruleset = self.engine._rulesets[index]
            ruleset.delete_state(self.sid)
        self._opened.clear()
        self.engine._sessions.pop(self.sid, None)


def _partition(kb: KnowledgeBase, questions: Mapping[str, Question], limits: Limits) -> list[_Part]:
    """Rules grouped by level, each level split so that every ruleset stays within the limits."""
    multiple = {q.id for q in kb.questions if q.kind is QuestionKind.MULTIPLE}
    order = levels(kb.rules)
    parts: list[_Part] = []
    for rule in sorted(kb.rules, key=lambda r: order[r.id]):
        patterns = _compile_rule(rule, questions, multiple, limits)
        if not patterns:
            continue  # can never fire; `adviseur controleer` reports it
        level = order[rule.id]
        current = parts[-1] if parts and parts[-1].level == level else None
        if current is None or current.fits(patterns, limits) is not None:
            current = _Part(level=level)
            if (problem := current.fits(patterns, limits)) is not None:
                raise EngineLimitError(
                    f"{rule.origin}: regel '{rule.id}' past niet in durable-rules: {problem}; "
                    "vereenvoudig de voorwaarde of gebruik --engine referentie"
                )
            parts.append(current)
        current.add(rule.id, patterns)
    return parts


def _compile_rule(
    rule: Rule, questions: Mapping[str, Question], multiple: set[str], limits: Limits
) -> list[list[dict[str, Any]]]:
    try:
        alternatives: list[Conjunction] = normalize(rule.condition, questions)
    except TooComplex as exc:
        raise EngineLimitError(f"{rule.origin}: regel '{rule.id}' is te complex: {exc}") from None
    compiled = [_pattern(alt, multiple) for alt in alternatives]
    for patterns in compiled:
        if len(patterns) > limits.patterns_per_rule:
            raise EngineLimitError(
                f"{rule.origin}: regel '{rule.id}' combineert meer dan "
                f"{limits.patterns_per_rule} feiten"
            )
    return compiled
