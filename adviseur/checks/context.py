"""What every quality check gets: the knowledge base as far as it could be read."""

from __future__ import annotations

from dataclasses import dataclass

from adviseur.model.conditions import AllOf, AnswerTest, AnyOf, Condition, Derived, Not, Op
from adviseur.model.knowledge import KnowledgeBase, Rule


@dataclass(frozen=True, slots=True)
class Context:
    """The loaded knowledge base, the ids of items with problems of their own, and whether
    all content could be read (checks that look for missing readers need that)."""

    kb: KnowledgeBase
    damaged: frozenset[str] = frozenset()
    complete: bool = True

    def clean(self, item_id: str) -> bool:
        """An item without loading problems: only those get quality warnings."""
        return item_id not in self.damaged

    def clean_rule(self, rule: Rule) -> bool:
        origin = rule.generated_from
        return self.clean(rule.id) and (origin is None or self.clean(origin))


def brief(cond: Condition) -> str:
    """A condition in the words of the YAML, on one line: `aantal_diensten is twee_of_meer`."""
    match cond:
        case AnswerTest(question=q, op=op, value=value):
            if op in (Op.ANSWERED, Op.UNKNOWN):
                return f"{q} {op}"
            shown = f"[{', '.join(map(str, value))}]" if isinstance(value, tuple) else str(value)
            return f"{q} {op} {shown}"
        case Derived(kind=kind, target=target):
            return f"{kind} {target}"
        case Not(item=item):
            return f"niet ({brief(item)})"
        case AllOf(items=items):
            return " en ".join(_wrapped(i) for i in items)
        case AnyOf(items=items):
            return " of ".join(_wrapped(i) for i in items)


def _wrapped(cond: Condition) -> str:
    return f"({brief(cond)})" if isinstance(cond, AllOf | AnyOf) else brief(cond)
