"""The durable-rules engine: the only module that imports durable.

The knowledge base is compiled into JSON rulesets (no DSL, no eval): every rule condition is
brought into normal form (see normal.py) and each alternative becomes one durable rule.
Rules are grouped by level (answers → faalfactoren → interventies → lessen) and split further
so that no ruleset comes near durable-rules' C limits; conclusions are passed from one ruleset
to the next by this adapter, and only to the rulesets with a pattern they can match.

Where the time goes, and what we do about it (measured in bench/run.py, docs/prestaties.md):
- Creating a durable session allocates and clears state for every node of the ruleset (tens of
  MB at a few thousand rules); deleting it frees it again. A closed session's facts are
  retracted instead and its sid is reused by the next consultation, if it is clean again.
- durable's Python layer serialises the whole session state to JSON and back for every firing
  (`Closure`, `Promise`, `update_state`); we drive the C calls ourselves and read only the
  matched facts.
- The partition keeps running counts, so checking the limits is linear in the rule count.

Pitfalls this module works around (each has a test):
- 4,096 rules per ruleset (error 106), 256 rules on one identical pattern (108), a fact that
  matches more than ~63 alpha nodes (303), and the 513th distinct test under one alpha node,
  which hangs registration forever while holding the GIL: all checked here before C sees them.
- `delete_state` crashes the process (use of uninitialised memory) for a session in which no
  action ever ran: every session is opened with a housekeeping fact that fires a no-op rule.
- Exceptions in actions are swallowed by durable's Python layer: we run the actions ourselves,
  so an error surfaces as an EngineError (and the session is deleted, never reused).
- A batch with a fact no rule uses returns code 1 but still stores the others; we call the
  low-level assert and run the actions ourselves, so matched facts are never stranded.
- No truth maintenance and no sound negation: conditions are normalised to positive tests on
  known answers, and a changed answer means a fresh session.
- Ruleset names are unique per host: every compiled version gets its own name and private
  host (without the two timer threads of the stock Host), and is deleted on close.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import durable_rules_engine as dre
from durable import engine as durable_engine

from adviseur.engine.base import Firing, Premise
from adviseur.engine.normal import Conjunction, Lit, Literal, TooComplex, normalize
from adviseur.engine.strata import levels
from adviseur.errors import EngineError, EngineLimitError
from adviseur.model.answers import AnswerValue, Unknown, describe
from adviseur.model.conditions import conclusions_read
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
POOL_SIZE = 2  # closed sessions kept for reuse (each holds its state: ~30 KB per rule)
_OPEN_FACT = {"sessie": "open"}
_NOWHERE: frozenset[Any] = frozenset()  # route of a field no pattern in a ruleset tests
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


Test = tuple[str, str, str | int]  # (field, operator, value): one alpha node in durable


def _atomic_tests(pattern: Mapping[str, Any]) -> list[Test]:
    """(field, operator, value) of every test in a pattern, for counting against the limits."""
    if "$and" in pattern:
        return [t for sub in pattern["$and"] for t in _atomic_tests(sub)]
    ((key, value),) = pattern.items()
    if key.startswith("$"):
        ((name, operand),) = value.items()
        return [(name, key, operand)]
    return [(key, "=", value)]


@dataclass
class _Delta:
    """What adding one rule's alternatives would add to a ruleset's counts."""

    rules: int = 0
    tests: set[Test] = field(default_factory=set)
    per_pattern: Counter[str] = field(default_factory=Counter)
    alpha: Counter[str] = field(default_factory=Counter)  # field → extra alpha nodes
    chains: dict[str, set[str]] = field(default_factory=dict)
    equality_fields: set[str] = field(default_factory=set)
    routes: dict[str, set[Any] | None] = field(default_factory=dict)


@dataclass
class _Part:
    """One durable ruleset under construction, with the counts the C limits are about.

    The counts are kept up to date as rules are added, so checking whether one more rule fits
    costs time in proportion to that rule, not to the ruleset (the partition is linear).
    """

    level: int
    definitions: dict[str, dict[str, Any]] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)  # durable rule name → our rule id
    tests: set[Test] = field(default_factory=set)
    per_pattern: Counter[str] = field(default_factory=Counter)
    chains: dict[str, set[str]] = field(default_factory=dict)  # field → non-equality patterns
    equality_fields: set[str] = field(default_factory=set)
    # field → the values some pattern tests it for equality, or None when a pattern compares
    # it: only facts that can match something are sent to this ruleset
    routes: dict[str, set[Any] | None] = field(default_factory=dict)
    # field → alpha nodes a fact with that field passes: the atomic tests of its distinct
    # non-equality patterns, plus one if some pattern tests it for equality alone
    alpha: Counter[str] = field(default_factory=Counter)

    def delta(self, patterns: Sequence[Sequence[dict[str, Any]]]) -> _Delta:
        """The counts one rule's alternatives would add to this ruleset."""
        delta = _Delta(rules=len(patterns))
        for alternative in patterns:
            for pattern in alternative:
                atomic = _atomic_tests(pattern)
                delta.tests.update(t for t in atomic if t not in self.tests)
                key = repr(pattern)  # patterns are built in one fixed order: repr is canonical
                delta.per_pattern[key] += 1
                name = atomic[0][0]
                if len(atomic) == 1 and atomic[0][1] == "=":
                    values = delta.routes.setdefault(name, set())
                    if values is not None:
                        values.add(atomic[0][2])
                    if name not in self.equality_fields and name not in delta.equality_fields:
                        delta.equality_fields.add(name)
                        delta.alpha[name] += 1
                    continue
                delta.routes[name] = None
                if key not in self.chains.get(name, ()) and key not in delta.chains.get(name, ()):
                    delta.chains.setdefault(name, set()).add(key)
                    delta.alpha[name] += len(atomic)
        return delta

    def fits(self, patterns: Sequence[Sequence[dict[str, Any]]], limits: Limits) -> str | None:
        """None if the rule's alternatives fit in this ruleset, else the limit they break."""
        return self.problem(self.delta(patterns), limits)

    def problem(self, delta: _Delta, limits: Limits) -> str | None:
        if len(self.definitions) + delta.rules + 1 > limits.rules:
            return f"meer dan {limits.rules} regels in één regelset (durable-rules: 4.096)"
        if len(self.tests) + len(delta.tests) > limits.tests:
            return f"meer dan {limits.tests} verschillende toetsen (durable-rules hangt bij 513)"
        for key, count in delta.per_pattern.items():
            if self.per_pattern[key] + count > limits.rules_per_pattern:
                limit = limits.rules_per_pattern
                return f"meer dan {limit} regels op één patroon (durable-rules: 256)"
        for name, extra in delta.alpha.items():
            if self.alpha[name] + extra > limits.alpha_per_fact:
                limit = limits.alpha_per_fact
                return f"één feit zou meer dan {limit} toetsen raken (durable-rules: ~63)"
        return None

    def add(
        self, rule_id: str, patterns: Sequence[Sequence[dict[str, Any]]], delta: _Delta
    ) -> None:
        for n, alternative in enumerate(patterns):
            self.definitions[f"{rule_id}#{n}"] = {
                "all": [{f"m{i}": p} for i, p in enumerate(alternative)]
            }
            self.actions[f"{rule_id}#{n}"] = rule_id
        for name, values in delta.routes.items():
            known = self.routes.get(name, set())
            if values is None or known is None:
                self.routes[name] = None
            else:
                self.routes[name] = known | values
        self.tests |= delta.tests
        self.per_pattern.update(delta.per_pattern)
        self.alpha.update(delta.alpha)
        self.equality_fields |= delta.equality_fields
        for name, keys in delta.chains.items():
            self.chains.setdefault(name, set()).update(keys)


class DurableEngine:
    """A compiled knowledge base on durable-rules; `open()` starts a consultation session."""

    name = "durable"

    def __init__(self, kb: KnowledgeBase, *, limits: Limits = LIMITS) -> None:
        self.kb = kb
        self.questions = {q.id: q for q in kb.questions}
        self.conclusions = {rule.id: rule.conclusion for rule in kb.rules}
        self._sessions: dict[str, DurableSession] = {}
        # Closed sessions whose facts were all retracted, ready for reuse: creating a durable
        # session allocates state for every node of the ruleset, which at a few thousand rules
        # costs far more than the derivation itself. (sid, indexes of the rulesets it is open in)
        self._pool: list[tuple[str, set[int]]] = []
        self._limits = limits
        self._parts: list[_Part] | None = None
        self._closed = False
        self._rulesets: list[Any] = []
        self._handles: list[int] = []
        # per ruleset: durable rule name → our rule id and the premises its firing records
        # (None for the housekeeping rule)
        self._actions: list[dict[str, tuple[str, Template] | None]] = []

    @property
    def parts(self) -> list[_Part]:
        """The rulesets, compiled on first use: a consultation shows its first question (which
        needs no engine) before it pays for compiling and registering the rules."""
        if self._parts is None:
            self._parts = self._compile()
        return self._parts

    def compile(self) -> None:
        """Compile now (raises EngineLimitError for a rule set durable-rules cannot take)."""
        _ = self.parts

    def _compile(self) -> list[_Part]:
        if self._closed:
            raise EngineError("deze engine is al gesloten")
        # Compiling allocates a few objects per rule, all kept: pausing the cyclic collector
        # (which would walk them all again and again) halves the time at 10,000 rules.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._compile_parts()
        finally:
            if enabled:
                gc.enable()

    def _compile_parts(self) -> list[_Part]:
        parts = _partition(self.kb, self.questions, self._limits)
        host = _QuietHost()
        prefix = f"adviseur_{self.kb.digest[:10] or 'kb'}_{next(_names)}"
        definitions: dict[str, Any] = {}
        names: list[str] = []
        for index, part in enumerate(parts):
            name = f"{prefix}_{index}"
            # `run` is required by durable's Ruleset, but actions are run by `_assert` below.
            rules: dict[str, Any] = {"open": {"all": [{"m0": dict(_OPEN_FACT)}], "run": _noop}}
            actions: dict[str, tuple[str, Template] | None] = {"open": None}
            for rule_name, definition in part.definitions.items():
                rules[rule_name] = {**definition, "run": _noop}  # registration deletes `run`
                actions[rule_name] = (part.actions[rule_name], _template(definition))
            definitions[name] = rules
            names.append(name)
            self._actions.append(actions)
        host.register_rulesets(definitions)
        self._rulesets = [host.get_ruleset(name) for name in names]
        self._handles = [ruleset._handle for ruleset in self._rulesets]
        return parts

    def open(self) -> DurableSession:
        if self._pool:
            sid, opened = self._pool.pop()
        elif len(self._sessions) + len(self._pool) >= MAX_LIVE_SESSIONS:
            raise EngineError(f"te veel open sessies (meer dan {MAX_LIVE_SESSIONS})")
        else:
            sid, opened = os.urandom(16).hex(), set()
        session = DurableSession(self, sid, opened)
        self._sessions[session.sid] = session
        return session

    def close(self) -> None:
        for session in list(self._sessions.values()):
            session.close()
        for sid, opened in self._pool:
            for index in opened:
                dre.delete_state(self._handles[index], sid)
        self._pool.clear()
        for ruleset in self._rulesets:
            dre.delete_ruleset(ruleset._handle)
        self._rulesets = []
        self._handles = []
        self._closed = True

    def _assert(self, index: int, facts: list[dict[str, Any]], session: DurableSession) -> None:
        """Assert one batch into one ruleset and run the actions it activates to a fixpoint.

        The low-level calls on purpose: a batch with a fact no rule uses returns code 1 but
        stores the others, and running the actions here (instead of through durable's Python
        `Closure`/`Promise` machinery) skips a JSON round trip of the session state per firing
        and lets an error in our code surface instead of being swallowed into the state.
        """
        if self._closed:
            raise EngineError("deze engine is al gesloten")
        handle = self._handles[index]
        actions = self._actions[index]
        try:
            _code, state = dre.assert_facts(handle, json.dumps(facts, ensure_ascii=False))
            started = dre.start_action_for_state(handle, state)
        except dre.error as exc:
            raise EngineError(f"durable-rules weigerde feiten: {exc}") from None
        if started is None:
            return
        messages: str | None = started[1]
        while messages is not None:
            # The message is {"<durable rule name>":{<matched facts>}}; the facts a rule matches
            # follow from its patterns (see _template), so only the name is read, not parsed.
            name = messages[2 : messages.find('"', 2)]
            if name not in actions:
                ((name, _matched),) = json.loads(messages).items()
            action = actions[name]
            if action is not None:
                try:
                    session.record(*action)
                except Exception as exc:
                    dre.abandon_action(handle, state)
                    raise EngineError(f"fout tijdens het afleiden: {action[0]}: {exc!r}") from None
            try:
                messages = dre.complete_and_start_action(handle, state)
            except dre.error as exc:
                raise EngineError(f"durable-rules faalde tijdens het afleiden: {exc}") from None


# The premises a durable rule's firing records, one per pattern in pattern order (the order
# of its matched facts): a question id (the premise is that question's answer) or a derived
# conclusion. Every pattern tests one field of one fact, and every field belongs to one
# question or one conclusion, so this is exactly what the matched facts would say.
Template = tuple[str | Premise, ...]


def _template(definition: Mapping[str, Any]) -> Template:
    premises: dict[str | Premise, None] = {}
    for entry in definition["all"]:
        ((_alias, pattern),) = entry.items()
        name, _op, value = _atomic_tests(pattern)[0]
        if name in ("beantwoord", "onbekend"):
            premises[str(value)] = None
        elif name[:2] in ("a_", "n_"):
            premises[name[2:]] = None
        else:
            premises[Premise(name, str(value))] = None
    return tuple(premises)


def _noop(_c: Any) -> None:
    return None


class DurableSession:
    """One consultation: a durable session (sid) per ruleset, opened on first use."""

    def __init__(self, engine: DurableEngine, sid: str, opened: set[int] | None = None) -> None:
        self.engine = engine
        self.sid = sid
        self.answers: dict[str, AnswerValue] = {}
        self._opened: set[int] = set(opened or ())
        self._asserted: dict[int, list[dict[str, Any]]] = {}  # ruleset → facts (for reuse)
        self._firings: list[Firing] = []
        self._fired: set[str] = set()
        self._concluded: set[str] = set()
        self._new: list[tuple[str, Any]] = []
        self._premises: dict[str, Premise] = {}  # question → premise (answers are fixed)
        self._failed = False
        self._closed = False

    def record(self, rule_id: str, template: Template) -> None:
        """A firing of one of our rules (once, whichever of its alternatives fired first)."""
        if rule_id in self._fired:
            return  # another alternative of the same rule: a rule fires once
        self._fired.add(rule_id)
        premises = tuple(p if isinstance(p, Premise) else self._answer_premise(p) for p in template)
        self._firings.append(Firing(rule=rule_id, premises=premises))
        target = self.engine.conclusions[rule_id]
        if target.target not in self._concluded:
            self._concluded.add(target.target)
            self._new.append((str(target.kind), target.target))

    def _answer_premise(self, question: str) -> Premise:
        premise = self._premises.get(question)
        if premise is None:
            premise = Premise("vraag", question, describe(self.answers[question]))
            self._premises[question] = premise
        return premise

    def add(self, answers: Mapping[str, AnswerValue]) -> tuple[Firing, ...]:
        if self._closed:
            raise EngineError("deze sessie is al gesloten")
        pending: dict[str, list[Any]] = {}  # field → values of the new facts
        for question, value in answers.items():
            if question in self.answers:
                if self.answers[question] != value:
                    raise EngineError(f"antwoord op '{question}' gewijzigd in een lopende sessie")
                continue
            self.answers[question] = value
            for fact in answer_facts(self.engine.questions[question], value):
                for name, item in fact.items():
                    pending.setdefault(name, []).append(item)
        start = len(self._firings)
        sid = self.sid
        for index, part in enumerate(self.engine.parts):
            routes = part.routes
            batch: list[dict[str, Any]] = []
            for name, values in pending.items():
                wanted = routes.get(name, _NOWHERE)
                if wanted is None:
                    batch.extend({name: value, "sid": sid} for value in values)
                elif wanted:
                    batch.extend({name: value, "sid": sid} for value in values if value in wanted)
            if not batch:
                continue
            self._asserted.setdefault(index, []).extend(batch)
            if index not in self._opened:
                self._opened.add(index)
                batch.insert(0, {**_OPEN_FACT, "sid": sid})
            try:
                self.engine._assert(index, batch, self)
            except EngineError:
                self._failed = True
                raise
            for name, value in self._new:
                pending.setdefault(name, []).append(value)
            self._new = []
        return tuple(self._firings[start:])

    def firings(self) -> tuple[Firing, ...]:
        return tuple(self._firings)

    def close(self) -> None:
        """Free the session; if every fact retracts cleanly, keep the sid for the next one."""
        if self._closed:
            return
        self._closed = True
        engine = self.engine
        engine._sessions.pop(self.sid, None)
        if not self._failed and len(engine._pool) < POOL_SIZE and self._reset():
            engine._pool.append((self.sid, set(self._opened)))
        else:
            for index in sorted(self._opened):
                dre.delete_state(engine._handles[index], self.sid)
        self._opened.clear()

    def _reset(self) -> bool:
        """Retract everything this consultation asserted; True if only the housekeeping fact
        is left and nothing is pending, so the sid is as good as new."""
        engine = self.engine
        try:
            for index in self._opened:
                handle = engine._handles[index]
                facts = self._asserted.get(index)
                if facts:
                    _code, state = dre.retract_facts(handle, json.dumps(facts, ensure_ascii=False))
                    if dre.start_action_for_state(handle, state) is not None:
                        dre.abandon_action(handle, state)
                        return False
                if json.loads(dre.get_facts(handle, self.sid)) != [{**_OPEN_FACT, "sid": self.sid}]:
                    return False
        except dre.error:
            return False
        return True


def _partition(kb: KnowledgeBase, questions: Mapping[str, Question], limits: Limits) -> list[_Part]:
    """Rules grouped by level, each level split so that every ruleset stays within the limits.

    Within a level, rules that read the same conclusions are kept together, so that a derived
    conclusion is passed on to as few rulesets as possible.
    """
    multiple = {q.id for q in kb.questions if q.kind is QuestionKind.MULTIPLE}
    order = levels(kb.rules)
    parts: list[_Part] = []
    ranked = sorted(kb.rules, key=lambda r: (order[r.id], sorted(conclusions_read(r.condition))))
    for rule in ranked:
        patterns = _compile_rule(rule, questions, multiple, limits)
        if not patterns:
            continue  # can never fire; `adviseur controleer` reports it
        level = order[rule.id]
        current = parts[-1] if parts and parts[-1].level == level else None
        delta = current.delta(patterns) if current is not None else None
        if current is None or delta is None or current.problem(delta, limits) is not None:
            current = _Part(level=level)
            delta = current.delta(patterns)
            if (problem := current.problem(delta, limits)) is not None:
                raise EngineLimitError(
                    f"{rule.origin}: regel '{rule.id}' past niet in durable-rules: {problem}; "
                    "vereenvoudig de voorwaarde of gebruik --engine referentie"
                )
            parts.append(current)
        current.add(rule.id, patterns, delta)
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
