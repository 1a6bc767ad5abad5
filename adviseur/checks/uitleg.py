"""Everything about one item (`adviseur uitleg ID`): what it is, the rules that conclude or use
it with their conditions in plain Dutch, its citations, and the scenarios that exercise it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from adviseur.checks.citations import cited
from adviseur.loading.resolve import kind_name, section_of
from adviseur.model.conditions import ConclusionKind, conclusions_read, questions_read
from adviseur.model.knowledge import (
    Case,
    Citation,
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
from adviseur.session.explain import answer_text, condition_text
from adviseur.session.replay import ReplayResult


@dataclass(frozen=True, slots=True)
class Entry:
    text: str
    details: tuple[str, ...] = ()
    where: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    title: str
    entries: tuple[Entry, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Explanation:
    kind: str
    id: str
    name: str
    where: str | None
    facts: tuple[tuple[str, str], ...]
    parts: tuple[Part, ...]


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _where(item: Item | Citation | None) -> str | None:
    origin = getattr(item, "origin", None)
    return str(origin) if origin is not None else None


def display_name(item: Item) -> str:
    for attr in ("name", "title", "text"):
        value = getattr(item, attr, None)
        if isinstance(value, str) and value and not isinstance(item, Rule):
            return value
    return item.explanation if isinstance(item, Rule) and item.explanation else item.id


def _label(kb: KnowledgeBase, item_id: str) -> str:
    item = kb.index.get(item_id)
    return f"{item_id} ({display_name(item)})" if item is not None else item_id


_GENERATED_FROM = {
    Intervention: "'tegen' en 'als' van de interventie",
    Lesson: "'bij' en 'als' van de les",
    Case: "'faalfactoren', 'interventies' en 'als' van het praktijkvoorbeeld",
}


class _Builder:
    def __init__(self, kb: KnowledgeBase, results: Sequence[ReplayResult]) -> None:
        self.kb = kb
        self.results = results

    # --- shared parts -------------------------------------------------------------------

    def rule_lines(self, rule: Rule) -> list[tuple[str, str]]:
        c = rule.conclusion
        then = f"{c.kind} {_label(self.kb, c.target)}"
        if c.kind is ConclusionKind.FACTOR:
            then += f", zekerheid {_number(c.certainty)}"
        if rule.basis is not None:
            then += f", grondslag {rule.basis}"
        lines = [("als", condition_text(self.kb, rule.condition)), ("dan", then)]
        if rule.explanation:
            lines.append(("uitleg", rule.explanation))
        return lines

    def rule_entry(self, rule: Rule) -> Entry:
        details = tuple(
            f"{label}: {text}" if label == "uitleg" else f"{label} {text}"
            for label, text in self.rule_lines(rule)
        )
        title = f"regel {rule.id}"
        if rule.generated_from is not None:
            source = _GENERATED_FROM.get(type(self.kb.index.get(rule.generated_from)), "")
            title = f"{rule.id} (vanzelf, uit {source})"
        return Entry(title, details, _where(rule))

    def concluding(self, item_id: str, title: str) -> Part:
        rules = [r for r in self.kb.rules if r.conclusion.target == item_id]
        return Part(title, tuple(self.rule_entry(r) for r in rules), "geen enkele regel")

    def using(self, item_id: str) -> Part:
        rules = [
            r
            for r in self.kb.rules
            if item_id in {t for _, t in conclusions_read(r.condition)}
            or item_id in questions_read(r.condition)
        ]
        entries = [self.rule_entry(r) for r in rules]
        for q in self.kb.questions:
            if item_id in questions_read(q.ask_if) and q.ask_if is not None:
                when = condition_text(self.kb, q.ask_if)
                entries.append(Entry(f"vraag {q.id} (vraag_als)", (f"als {when}",), _where(q)))
        return Part("Gebruikt door", tuple(entries), "niets")

    def citations(self, items: Sequence[Citation]) -> Part:
        entries = []
        for c in items:
            src = self.kb.index.get(c.source)
            title = src.title if isinstance(src, Source) else c.source
            entries.append(Entry(f"{title}, {c.locator}", (f"“{c.quote}”",), _where(c)))
        return Part("Citaties", tuple(entries), "geen")

    def scenarios(self, lines: Sequence[tuple[ReplayResult, str]]) -> Part:
        entries = [
            Entry(r.scenario.title, (detail,) if detail else (), r.scenario.path)
            for r, detail in lines
        ]
        empty = "geen scenario's geladen" if not self.results else "geen"
        return Part("Scenario's", tuple(entries), empty)

    def derived_in(self, item_id: str) -> Part:
        lines: list[tuple[ReplayResult, str]] = []
        for r in self.results:
            finding = r.outcome.get(item_id)
            expected = r.scenario.expected
            notes = []
            if finding is not None:
                notes.append(
                    f"afgeleid (zekerheid {_number(finding.certainty)})"
                    if finding.kind is ConclusionKind.FACTOR
                    else "afgeleid"
                )
            wanted = (
                *expected.factors,
                *expected.interventions,
                *expected.lessons,
                *expected.cases,
            )
            if item_id in wanted:
                notes.append("verwacht")
            if item_id in expected.not_factors:
                notes.append("mag niet")
            if notes:
                lines.append((r, ", ".join(notes)))
        return self.scenarios(lines)

    # --- per kind -------------------------------------------------------------------------

    def question(self, q: Question) -> Explanation:
        kind = str(q.kind)
        if q.kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
            kind += ": " + ", ".join(f"{o.value} ({o.label})" for o in q.options)
        elif q.minimum is not None or q.maximum is not None:
            kind += f" {q.minimum if q.minimum is not None else '…'}–"
            kind += f"{q.maximum if q.maximum is not None else '…'}"
        facts = [
            ("tekst", q.text),
            ("type", kind),
            ("dimensie", _label(self.kb, q.dimension)),
            ("route", "kort (kernvraag)" if q.core else "volledig"),
            ("weet ik niet", "toegestaan" if q.allow_unknown else "niet toegestaan"),
        ]
        if q.ask_if is not None:
            facts.append(("gesteld als", condition_text(self.kb, q.ask_if)))
        facts.append(("toelichting", q.help))
        answered = [
            (r, f"antwoord: {answer_text(q, value)}")
            for r in self.results
            for qid, value in r.scenario.answers
            if qid == q.id
        ]
        parts = (self.using(q.id), self.citations(q.citations), self.scenarios(answered))
        return self.explanation(q, facts, parts)

    def factor(self, f: FailureFactor) -> Explanation:
        facts = [
            ("naam", f.name),
            ("dimensie", _label(self.kb, f.dimension)),
            ("beschrijving", f.description),
        ]
        parts = (
            self.concluding(f.id, "Afgeleid door"),
            self.using(f.id),
            self.citations(f.citations),
            self.derived_in(f.id),
        )
        return self.explanation(f, facts, parts)

    def intervention(self, i: Intervention) -> Explanation:
        facts = [
            ("naam", i.name),
            ("beschrijving", i.description),
            ("gaat tegen", ", ".join(_label(self.kb, x) for x in i.counters) or "niets"),
        ]
        if i.condition is not None:
            facts.append(("alleen als", condition_text(self.kb, i.condition)))
        parts = (
            self.concluding(i.id, "Voorgesteld door"),
            self.using(i.id),
            self.citations(i.citations),
            self.derived_in(i.id),
        )
        return self.explanation(i, facts, parts)

    def lesson(self, les: Lesson) -> Explanation:
        facts = [
            ("les", les.text),
            ("thema", _label(self.kb, les.theme)),
            ("past bij", ", ".join(_label(self.kb, x) for x in les.applies_to) or "niets"),
        ]
        if les.condition is not None:
            facts.append(("alleen als", condition_text(self.kb, les.condition)))
        parts = (
            self.concluding(les.id, "Getoond door"),
            self.citations(les.citations),
            self.derived_in(les.id),
        )
        return self.explanation(les, facts, parts)

    def case(self, c: Case) -> Explanation:
        shows = (*c.factors, *c.interventions)
        facts = [
            ("titel", c.title),
            ("setting", c.setting),
            ("wat gebeurde", c.summary),
            ("laat zien", ", ".join(_label(self.kb, x) for x in shows)),
        ]
        if c.condition is not None:
            facts.append(("alleen als", condition_text(self.kb, c.condition)))
        parts = (
            self.concluding(c.id, "Getoond door"),
            self.citations(c.citations),
            self.derived_in(c.id),
        )
        return self.explanation(c, facts, parts)

    def rule(self, r: Rule) -> Explanation:
        facts = self.rule_lines(r)
        if r.generated_from is not None:
            facts.append(("gemaakt uit", _label(self.kb, r.generated_from)))
        fired = [
            (res, "vuurt") for res in self.results if r.id in {f.rule for f in res.outcome.firings}
        ]
        parts = (self.citations(r.citations), self.scenarios(fired))
        return self.explanation(r, facts, parts)

    def source(self, s: Source) -> Explanation:
        facts = [("titel", s.title), ("auteur", s.author), ("jaar", str(s.year))]
        if s.filename:
            facts.append(("bestand", s.filename))
        users = [(owner, c) for owner, c in cited(self.kb) if c.source == s.id]
        per_section: dict[str, int] = {}
        for _, c in users:
            if (section := section_of(s, c.locator)) is not None:
                per_section[section] = per_section.get(section, 0) + 1
        sections = tuple(
            Entry(f"{x.locator} {x.title}", (f"{per_section.get(x.locator, 0)} citaties",))
            for x in s.sections
        )
        citing = tuple(
            Entry(f"{kind_name(self.kb.index[owner])} {owner}", (c.locator,), _where(c))
            for owner, c in users
            if owner in self.kb.index
        )
        in_scenarios = [
            (r, "geciteerd")
            for r in self.results
            if any(c.source == s.id for c in r.scenario.citations)
        ]
        parts = (
            Part("Onderdelen", sections, "geen onderdelen opgegeven"),
            Part("Geciteerd door", citing, "niets"),
            self.scenarios(in_scenarios),
        )
        return self.explanation(s, facts, parts)

    def dimension(self, d: Dimension) -> Explanation:
        facts = [
            ("naam", d.name),
            ("soort", "intake" if d.intake else "dimensie"),
            ("beschrijving", d.description or "—"),
        ]
        questions = [q for q in self.kb.questions if q.dimension == d.id]
        factors = [f for f in self.kb.factors if f.dimension == d.id]
        lessons = [les for les in self.kb.lessons if les.theme == d.id]
        ids = {f.id for f in factors}
        derived = [
            (r, ", ".join(sorted(r.outcome.ids(ConclusionKind.FACTOR) & ids)))
            for r in self.results
            if r.outcome.ids(ConclusionKind.FACTOR) & ids
        ]
        parts = (
            Part(
                "Vragen",
                tuple(Entry(f"{q.id}: {q.text}", (), _where(q)) for q in questions),
                "geen",
            ),
            Part(
                "Faalfactoren",
                tuple(Entry(f"{f.id}: {f.name}", (), _where(f)) for f in factors),
                "geen",
            ),
            Part(
                "Lessen", tuple(Entry(f"{x.id}: {x.text}", (), _where(x)) for x in lessons), "geen"
            ),
            self.scenarios(derived),
        )
        return self.explanation(d, facts, parts)

    def explanation(
        self, item: Item, facts: Sequence[tuple[str, str]], parts: Sequence[Part]
    ) -> Explanation:
        return Explanation(
            kind=kind_name(item),
            id=item.id,
            name=display_name(item),
            where=_where(item),
            facts=tuple(facts),
            parts=tuple(parts),
        )


def explain_item(kb: KnowledgeBase, item: Item, results: Sequence[ReplayResult]) -> Explanation:
    b = _Builder(kb, results)
    match item:
        case Question():
            return b.question(item)
        case FailureFactor():
            return b.factor(item)
        case Intervention():
            return b.intervention(item)
        case Lesson():
            return b.lesson(item)
        case Case():
            return b.case(item)
        case Rule():
            return b.rule(item)
        case Source():
            return b.source(item)
        case Dimension():
            return b.dimension(item)
