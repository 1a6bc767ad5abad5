"""Rules that can never fire and questions that are never asked (E402–E405).

A rule fires only when its condition is certainly true. A test on a question needs an answer,
so the question must be asked, so its `vraag_als` must hold as well. The normal form
(adviseur.engine.normal) turns a condition into alternatives; an alternative that cannot hold
together with the `vraag_als` of every question it tests can never fire.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from adviseur.checks.context import Context, brief
from adviseur.checks.registry import problem
from adviseur.diagnostics import Diagnostic
from adviseur.engine.normal import (
    MAX_CONJUNCTIONS,
    Conjunction,
    Lit,
    Literal,
    TooComplex,
    clashing_questions,
    normalize,
)
from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    ConclusionKind,
    Condition,
    Derived,
    Not,
    Op,
    atoms,
    questions_read,
)
from adviseur.model.knowledge import Case, Intervention, Lesson, Question, Rule
from adviseur.model.location import SourceLocation

_TESTS = {
    Lit.EQ: Op.IS,
    Lit.LT: Op.LT,
    Lit.LE: Op.LE,
    Lit.GT: Op.GT,
    Lit.GE: Op.GE,
    Lit.HAS: Op.CONTAINS,
    Lit.KNOWN: Op.ANSWERED,
    Lit.UNKNOWN: Op.UNKNOWN,
}


def as_condition(conj: Conjunction) -> Condition:
    """A normalised alternative back as a condition (to combine it with more conditions)."""
    items: list[Condition] = []
    for lit in conj:
        if lit.op is Lit.DERIVED:
            items.append(Derived(kind=ConclusionKind(lit.kind), target=lit.ref))
        elif lit.op is Lit.LACKS:
            items.append(Not(item=AnswerTest(question=lit.ref, op=Op.CONTAINS, value=lit.value)))
        elif lit.op in (Lit.KNOWN, Lit.UNKNOWN):
            items.append(AnswerTest(question=lit.ref, op=_TESTS[lit.op], value=True))
        else:
            items.append(AnswerTest(question=lit.ref, op=_TESTS[lit.op], value=lit.value))
    return AllOf(items=tuple(items))


@dataclass(frozen=True, slots=True)
class RuleStatus:
    """What the analysis knows about one rule.

    `alternatives` None means "not analysed" (the rule has problems of its own, or is too
    complex): other checks then assume it can fire, so one problem is not reported twice.
    """

    alternatives: tuple[Conjunction, ...] | None
    dead: bool = False


class Logic:
    """The analysis the checks share: questions never asked, and per rule the alternatives of
    its condition that can hold."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.questions = {q.id: q for q in ctx.kb.questions if ctx.clean(q.id)}
        self.never_asked: set[str] = set()
        self.rules: dict[str, RuleStatus] = {}
        self.problems: list[Diagnostic] = []
        self._memo: dict[tuple[Conjunction, frozenset[str], str | None], bool] = {}
        self._find_never_asked()
        self._report_never_asked()
        for rule in ctx.kb.rules:
            self.rules[rule.id] = self._rule(rule)

    # --- the building blocks ----------------------------------------------------------------

    def usable(self, cond: Condition) -> bool:
        return questions_read(cond) <= self.questions.keys()

    def normal(self, cond: Condition) -> list[Conjunction] | None:
        """The alternatives of a condition, or None when they cannot be worked out."""
        if not self.usable(cond):
            return None
        try:
            return normalize(cond, self.questions)
        except TooComplex:
            return None

    def askable(self, conj: Conjunction, seen: frozenset[str], root: str | None) -> bool:
        """Whether every question an alternative tests can be asked, together with it."""
        key = (conj, seen, root)
        if key not in self._memo:
            self._memo[key] = self._askable(conj, seen, root)
        return self._memo[key]

    def _askable(self, conj: Conjunction, seen: frozenset[str], root: str | None) -> bool:
        refs = {lit.ref for lit in conj if lit.op is not Lit.DERIVED}
        if root in refs or refs & self.never_asked:
            return False
        new = sorted(r for r in refs - seen if self.questions[r].ask_if is not None)
        if not new:
            return True
        gates = [gate for r in new if (gate := self.questions[r].ask_if) is not None]
        alternatives = self.normal(AllOf(items=(as_condition(conj), *gates)))
        if alternatives is None:
            return True  # cannot tell: assume it can
        return any(self.askable(a, seen | frozenset(new), root) for a in alternatives)

    def depends_on(self, question: str, target: str, seen: frozenset[str] = frozenset()) -> bool:
        """Whether asking `question` needs (via vraag_als, transitively) an answer to `target`."""
        q = self.questions.get(question)
        if q is None or q.ask_if is None or question in seen:
            return False
        read = questions_read(q.ask_if)
        return target in read or any(self.depends_on(r, target, seen | {question}) for r in read)

    # --- questions --------------------------------------------------------------------------

    def _gated(self) -> list[Question]:
        return [q for q in self.questions.values() if q.ask_if is not None]

    def _may_ask(self, q: Question) -> bool:
        assert q.ask_if is not None
        alternatives = self.normal(q.ask_if)
        if alternatives is None:
            return True
        return any(self.askable(a, frozenset(), q.id) for a in alternatives)

    def _find_never_asked(self) -> None:
        while True:
            self._memo.clear()
            found = {
                q.id for q in self._gated() if q.id not in self.never_asked and not self._may_ask(q)
            }
            if not found:
                return
            self.never_asked |= found

    def _report_never_asked(self) -> None:
        for q in self._gated():
            if q.id not in self.never_asked or q.ask_if is None:
                continue
            read = sorted(questions_read(q.ask_if))
            if any(g in self.never_asked and not self.depends_on(g, q.id) for g in read):
                continue  # the question it depends on is reported itself
            self.problems.append(
                problem(
                    "E404",
                    q.ask_if.origin or q.origin,
                    f"vraag '{q.id}' wordt nooit gesteld: {self._gate_reason(q, read)}",
                    self._clash_hint(q.ask_if) or "pas de vraag_als aan zodat die kan gelden",
                )
            )

    def _gate_reason(self, q: Question, read: list[str]) -> str:
        assert q.ask_if is not None
        if self.normal(q.ask_if) == []:
            return "haar vraag_als spreekt zichzelf tegen"
        for g in read:
            if self.depends_on(g, q.id):
                return f"haar vraag_als hangt via vraag '{g}' van haarzelf af"
        culprit = self._culprit(q.ask_if)
        if culprit is not None:
            return self._gated_by(culprit, "haar vraag_als toetst")
        return "haar vraag_als kan nooit gelden samen met de vraag_als van de vragen die zij toetst"

    # --- rules ------------------------------------------------------------------------------

    def _own_condition(self, rule: Rule) -> Condition | None:
        """The condition the author wrote: a rule's `als`, or the `als` of the item that a
        generated rule comes from."""
        if rule.generated_from is None:
            return rule.condition
        item = self.ctx.kb.index.get(rule.generated_from)
        return getattr(item, "condition", None)

    def _rule(self, rule: Rule) -> RuleStatus:
        if not self.ctx.clean_rule(rule) or not self.usable(rule.condition):
            return RuleStatus(alternatives=None)
        own = self._own_condition(rule)
        where = (own.origin if own is not None else None) or rule.origin
        try:
            alternatives = normalize(rule.condition, self.questions)
        except TooComplex:
            self.problems.append(
                problem(
                    "E405",
                    where,
                    f"{_subject(rule, self.ctx)}: de voorwaarde heeft meer dan "
                    f"{MAX_CONJUNCTIONS} alternatieven",
                    "splits de regel in meer regels met eenvoudiger voorwaarden",
                )
            )
            return RuleStatus(alternatives=None)
        if not alternatives:
            self.problems.append(
                problem(
                    "E402",
                    where,
                    f"{_never(rule, self.ctx)}: de voorwaarde spreekt zichzelf tegen",
                    self._clash_hint(rule.condition),
                )
            )
            return RuleStatus(alternatives=(), dead=True)
        possible = tuple(a for a in alternatives if self.askable(a, frozenset(), None))
        if possible:
            return RuleStatus(alternatives=possible)
        if not questions_read(rule.condition) & self.never_asked and own is not None:
            culprit = self._culprit(own)
            reason = (
                self._gated_by(culprit, "de voorwaarde toetst")
                if culprit is not None
                else "de vragen die de voorwaarde toetst worden nooit samen gesteld"
            )
            location = _test_of(own, culprit) if culprit is not None else where
            self.problems.append(
                problem(
                    "E403",
                    location or where,
                    f"{_never(rule, self.ctx)}: {reason}",
                    "pas de voorwaarde of de vraag_als van die vraag aan",
                )
            )
        return RuleStatus(alternatives=(), dead=True)

    # --- wording ----------------------------------------------------------------------------

    def _culprit(self, cond: Condition) -> str | None:
        """The question whose vraag_als alone rules the condition out."""
        for atom in atoms(cond):
            if not isinstance(atom, AnswerTest) or atom.question not in self.questions:
                continue
            gate = self.questions[atom.question].ask_if
            if gate is not None and self.normal(AllOf(items=(cond, gate))) == []:
                return atom.question
        return None

    def _gated_by(self, question: str, what: str) -> str:
        gate = self.questions[question].ask_if
        assert gate is not None
        return f"{what} vraag '{question}', maar die wordt alleen gesteld als {brief(gate)}"

    def _clash_hint(self, cond: Condition) -> str | None:
        try:
            clashes = clashing_questions(cond, self.questions) if self.usable(cond) else []
        except TooComplex:
            return None
        if len(clashes) == 1:
            return f"de toetsen op vraag '{clashes[0]}' sluiten elkaar uit"
        if clashes:
            return "de toetsen sluiten elkaar uit bij de vragen " + ", ".join(
                f"'{c}'" for c in clashes
            )
        return None


def _test_of(cond: Condition, question: str | None) -> SourceLocation | None:
    for atom in atoms(cond):
        if isinstance(atom, AnswerTest) and atom.question == question:
            return atom.origin
    return None


_NEVER = {
    Intervention: "wordt nooit voorgesteld",
    Lesson: "wordt nooit getoond",
    Case: "wordt nooit getoond",
}


def _subject(rule: Rule, ctx: Context) -> str:
    if rule.generated_from is None:
        return f"regel '{rule.id}'"
    return f"{rule.conclusion.kind} '{rule.generated_from}'"


def _never(rule: Rule, ctx: Context) -> str:
    if rule.generated_from is None:
        return f"regel '{rule.id}' vuurt nooit"
    item = ctx.kb.index.get(rule.generated_from)
    return f"{_subject(rule, ctx)} {_NEVER.get(type(item), 'wordt nooit afgeleid')}"


def check(ctx: Context, logic: Logic) -> Iterable[Diagnostic]:
    """E402–E405: conditions that can never hold, questions never asked, too complex."""
    return logic.problems


def lits_derived(conj: Conjunction) -> list[Literal]:
    return [lit for lit in conj if lit.op is Lit.DERIVED]
