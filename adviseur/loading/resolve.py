"""Cross-references: every id a rule file names must exist and fit; generated rules; cycles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from adviseur.diagnostics import did_you_mean
from adviseur.loading.fields import Collector
from adviseur.model.conditions import (
    AllOf,
    AnswerTest,
    AnyOf,
    ConclusionKind,
    Condition,
    Derived,
    Not,
    Op,
    atoms,
    conclusions_read,
)
from adviseur.model.knowledge import (
    Case,
    Citation,
    Conclusion,
    Dimension,
    FailureFactor,
    Intervention,
    Item,
    KnowledgeBase,
    Lesson,
    Question,
    QuestionKind,
    Rule,
    Source,
)
from adviseur.model.location import SourceLocation

_KIND_OF: dict[type, ConclusionKind] = {
    FailureFactor: ConclusionKind.FACTOR,
    Intervention: ConclusionKind.INTERVENTION,
    Lesson: ConclusionKind.LESSON,
    Case: ConclusionKind.CASE,
}
_KIND_NAMES = {
    Source: "bron",
    Dimension: "dimensie",
    Question: "vraag",
    FailureFactor: "faalfactor",
    Intervention: "interventie",
    Lesson: "les",
    Case: "praktijkvoorbeeld",
    Rule: "regel",
}
_OPS_BY_KIND = {
    QuestionKind.YES_NO: {Op.IS, Op.IN, Op.ANSWERED, Op.UNKNOWN},
    QuestionKind.CHOICE: {Op.IS, Op.IN, Op.ANSWERED, Op.UNKNOWN},
    QuestionKind.MULTIPLE: {Op.CONTAINS, Op.ANSWERED, Op.UNKNOWN},
    QuestionKind.SCALE: {Op.IS, Op.IN, Op.LT, Op.LE, Op.GT, Op.GE, Op.ANSWERED, Op.UNKNOWN},
    QuestionKind.NUMBER: {Op.IS, Op.IN, Op.LT, Op.LE, Op.GT, Op.GE, Op.ANSWERED, Op.UNKNOWN},
}


def kind_name(item: Item) -> str:
    return _KIND_NAMES[type(item)]


@dataclass
class Parts:
    """Items read from all files, before cross-referencing."""

    sources: list[Source] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    factors: list[FailureFactor] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def all_items(self) -> Iterable[Item]:
        yield from self.sources
        yield from self.dimensions
        yield from self.questions
        yield from self.factors
        yield from self.interventions
        yield from self.lessons
        yield from self.cases
        yield from self.rules


class Resolver:
    def __init__(self, parts: Parts, out: Collector) -> None:
        self.parts = parts
        self.out = out
        self.index: dict[str, Item] = {}
        for item in parts.all_items():
            if not item.id:
                continue
            if (first := self.index.get(item.id)) is not None:
                out.damaged.add(item.id)
                where = f"{first.origin}" if first.origin else "elders"
                out.error(
                    "E202",
                    item.origin,
                    f"id '{item.id}' is al gebruikt voor een {kind_name(first)} ({where})",
                    "geef een van beide een andere id",
                )
                continue
            self.index[item.id] = item

    def _lookup(
        self, wanted: type | tuple[type, ...], ref: str, where: SourceLocation | None, what: str
    ) -> Item | None:
        if not ref:  # a missing or empty id was reported where it was read
            return None
        item = self.index.get(ref)
        if item is not None and isinstance(item, wanted):
            return item
        kinds = wanted if isinstance(wanted, tuple) else (wanted,)
        candidates = [k for k, v in self.index.items() if isinstance(v, kinds)]
        if item is not None:
            message = f"{what} '{ref}' is een {kind_name(item)}, geen {_KIND_NAMES[kinds[0]]}"
        else:
            message = f"{what} '{ref}' bestaat niet"
        self.out.error("E201", where, message, did_you_mean(ref, candidates))
        return None

    # --- citations ------------------------------------------------------------------------

    def citations(self, cited: Sequence[Citation], owner: Item, *, required: bool) -> None:
        if required and not cited:
            self.out.error(
                "E304",
                owner.origin,
                f"{kind_name(owner)} '{owner.id}' heeft geen citatie",
                "voeg 'citaties' toe met bron, locatie en een letterlijk citaat",
            )
        for citation in cited:
            src = self._lookup(Source, citation.source, citation.origin, "bron")
            if (
                isinstance(src, Source)
                and src.sections
                and citation.locator
                and section_of(src, citation.locator) is None
            ):
                self.out.error(
                    "E303",
                    citation.origin,
                    f"locatie '{citation.locator}' hoort bij geen onderdeel van bron '{src.id}'",
                    did_you_mean(citation.locator, [s.locator for s in src.sections])
                    or "begin de locatie met de locatie van een onderdeel",
                )

    # --- conditions -----------------------------------------------------------------------

    def condition(self, cond: Condition, *, answers_only: bool = False) -> None:
        for atom in atoms(cond):
            if isinstance(atom, Derived):
                if answers_only:
                    self.out.error(
                        "E205",
                        atom.origin,
                        "'vraag_als' kan alleen naar antwoorden kijken, "
                        f"niet naar {atom.kind} '{atom.target}'",
                    )
                    continue
                wanted = {v: k for k, v in _KIND_OF.items()}[atom.kind]
                self._lookup(wanted, atom.target, atom.origin, str(atom.kind))
            else:
                self.answer_test(atom)
        for negated in _negations(cond):
            if conclusions_read(negated):
                self.out.error(
                    "E204",
                    negated.origin,
                    "'niet' over een afgeleide conclusie kan later omslaan en is niet toegestaan",
                    "toets in plaats daarvan de antwoorden waarop die conclusie rust",
                )

    def answer_test(self, test: AnswerTest) -> None:
        item = self._lookup(Question, test.question, test.origin, "vraag")
        if not isinstance(item, Question) or item.id in self.out.damaged:
            return  # a question with problems of its own gets no follow-up complaints
        if test.op not in _OPS_BY_KIND[item.kind]:
            allowed = ", ".join(sorted(_OPS_BY_KIND[item.kind]))
            self.out.error(
                "E206",
                test.origin,
                f"toets '{test.op}' past niet bij vraag '{item.id}' van type '{item.kind}'",
                f"gebruik een van: {allowed}",
            )
            return
        if test.op in (Op.ANSWERED, Op.UNKNOWN):
            return
        values = test.value if isinstance(test.value, tuple) else (test.value,)
        for value in values:
            self._check_value(item, value, test)

    def _check_value(self, question: Question, value: object, test: AnswerTest) -> None:
        if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            if not isinstance(value, int) or isinstance(value, bool):
                self.out.error(
                    "E203", test.origin, f"vraag '{question.id}' verwacht een getal, niet {value!r}"
                )
                return
            low, high = question.minimum, question.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                self.out.error(
                    "E203",
                    test.origin,
                    f"waarde {value} ligt buiten het bereik {low}–{high} van vraag '{question.id}'",
                )
            return
        if value not in question.option_values():
            self.out.error(
                "E203",
                test.origin,
                f"vraag '{question.id}' heeft geen antwoord {value!r}",
                did_you_mean(str(value), question.option_values())
                or f"mogelijk: {', '.join(question.option_values())}",
            )

    # --- the whole knowledge base ---------------------------------------------------------

    def resolve(self, digest: str) -> KnowledgeBase:
        p = self.parts
        for q in p.questions:
            with self._tracking(q):
                self._dimension_ref(q.dimension, q.origin)
                if q.ask_if is not None:
                    self.condition(q.ask_if, answers_only=True)
                    if q.id in {a.question for a in atoms(q.ask_if) if isinstance(a, AnswerTest)}:
                        self.out.error(
                            "E205", q.ask_if.origin, f"vraag '{q.id}' hangt af van zichzelf"
                        )
                self.citations(q.citations, q, required=False)
        for f in p.factors:
            with self._tracking(f):
                dim = self._dimension_ref(f.dimension, f.origin)
                if isinstance(dim, Dimension) and dim.intake:
                    self.out.error(
                        "E205",
                        f.origin,
                        f"faalfactor '{f.id}' hoort bij een dimensie, niet bij de intake",
                    )
                self.citations(f.citations, f, required=True)
        for i in p.interventions:
            with self._tracking(i):
                for ref in i.counters:
                    self._lookup(FailureFactor, ref, i.origin, "faalfactor")
                if i.condition is not None:
                    self.condition(i.condition)
                self.citations(i.citations, i, required=True)
        for les in p.lessons:
            with self._tracking(les):
                self._dimension_ref(les.theme, les.origin)
                for ref in les.applies_to:
                    self._lookup(
                        (FailureFactor, Intervention), ref, les.origin, "faalfactor of interventie"
                    )
                if les.condition is not None:
                    self.condition(les.condition)
                self.citations(les.citations, les, required=True)
        for c in p.cases:
            with self._tracking(c):
                for ref in c.factors:
                    self._lookup(FailureFactor, ref, c.origin, "faalfactor")
                for ref in c.interventions:
                    self._lookup(Intervention, ref, c.origin, "interventie")
                if c.condition is not None:
                    self.condition(c.condition)
                self.citations(c.citations, c, required=True)
        for r in p.rules:
            with self._tracking(r):
                self.condition(r.condition)
                wanted = {v: k for k, v in _KIND_OF.items()}[r.conclusion.kind]
                self._lookup(wanted, r.conclusion.target, r.origin, str(r.conclusion.kind))
                self.citations(r.citations, r, required=True)
        generated = self.generated_rules()
        rules = (*p.rules, *generated)
        self.cycles(rules)
        return KnowledgeBase(
            sources=tuple(p.sources),
            dimensions=tuple(p.dimensions),
            questions=tuple(p.questions),
            factors=tuple(p.factors),
            interventions=tuple(p.interventions),
            lessons=tuple(p.lessons),
            cases=tuple(p.cases),
            rules=rules,
            digest=digest,
        )

    @contextmanager
    def _tracking(self, item: Item) -> Iterator[None]:
        """Mark the item as damaged when checking it reports a problem."""
        before = len(self.out.diagnostics)
        yield
        if len(self.out.diagnostics) > before:
            self.out.damaged.add(item.id)

    def _dimension_ref(self, ref: str, where: SourceLocation | None) -> Item | None:
        if not ref:
            return None
        return self._lookup(Dimension, ref, where, "dimensie")

    def _derived(self, ref: str) -> Derived | None:
        item = self.index.get(ref)
        kind = _KIND_OF.get(type(item))
        return Derived(kind=kind, target=ref) if kind is not None else None

    def generated_rules(self) -> list[Rule]:
        """The rules implied by `tegen`, `bij`, `faalfactoren`/`interventies` and `als`."""
        result: list[Rule] = []
        sources: list[tuple[Intervention | Lesson | Case, ConclusionKind, tuple[str, ...]]] = []
        sources += [(i, ConclusionKind.INTERVENTION, i.counters) for i in self.parts.interventions]
        sources += [(les, ConclusionKind.LESSON, les.applies_to) for les in self.parts.lessons]
        sources += [
            (c, ConclusionKind.CASE, (*c.factors, *c.interventions)) for c in self.parts.cases
        ]
        for item, kind, refs in sources:
            triggers = [d for d in (self._derived(r) for r in refs) if d is not None]
            if not triggers or not item.id:
                continue
            trigger: Condition = triggers[0] if len(triggers) == 1 else AnyOf(items=tuple(triggers))
            condition: Condition = trigger
            if item.condition is not None:
                condition = AllOf(items=(trigger, item.condition))
            result.append(
                Rule(
                    id=f"{kind}:{item.id}",
                    condition=condition,
                    conclusion=Conclusion(kind=kind, target=item.id),
                    explanation=_generated_explanation(kind, item.condition is not None),
                    citations=item.citations,
                    generated_from=item.id,
                    origin=item.origin,
                )
            )
        return result

    def cycles(self, rules: Sequence[Rule]) -> None:
        """Report conclusions that (indirectly) depend on themselves."""
        concluded_by: dict[str, list[Rule]] = {}
        for r in rules:
            concluded_by.setdefault(r.conclusion.target, []).append(r)
        state: dict[str, int] = {}
        reported: set[str] = set()

        def visit(target: str, path: list[str]) -> None:
            state[target] = 1
            for r in concluded_by.get(target, []):
                for _, needed in sorted(conclusions_read(r.condition)):
                    if state.get(needed) == 1:
                        cycle = (
                            [*path[path.index(needed) :], needed] if needed in path else [needed]
                        )
                        key = " → ".join(cycle)
                        self.out.damaged.add(r.id)
                        if key not in reported:
                            reported.add(key)
                            self.out.error(
                                "E401",
                                r.origin,
                                f"kringredenering: {key}",
                                "een conclusie mag niet (via andere) op zichzelf rusten",
                            )
                    elif needed not in state:
                        visit(needed, [*path, needed])
            state[target] = 2

        for target in sorted(concluded_by):
            if target not in state:
                visit(target, [target])


def _generated_explanation(kind: ConclusionKind, gated: bool) -> str:
    what = {
        ConclusionKind.INTERVENTION: "Voorgesteld omdat een faalfactor speelt die zij tegengaat",
        ConclusionKind.LESSON: "Past omdat er iets speelt waar deze les over gaat",
        ConclusionKind.CASE: "Past omdat er iets speelt dat dit voorbeeld laat zien",
        ConclusionKind.FACTOR: "",
    }[kind]
    return what + (", in de situatie waarvoor zij bedoeld is." if gated else ".")


def _negations(cond: Condition) -> Iterable[Not]:
    match cond:
        case Not():
            yield cond
            yield from _negations(cond.item)
        case AllOf(items=items) | AnyOf(items=items):
            for item in items:
                yield from _negations(item)
        case _:
            return


def section_of(src: Source, locator: str) -> str | None:
    """The locator of the source section a citation's locatie falls under (longest prefix)."""
    best: str | None = None
    for section in src.sections:
        s = section.locator
        fits = locator == s or (
            locator.startswith(s) and not (locator[len(s)].isalnum() or locator[len(s)] == ".")
        )
        if fits and (best is None or len(s) > len(best)):
            best = s
    return best
