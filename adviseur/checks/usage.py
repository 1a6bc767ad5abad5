"""Items nothing uses: questions no rule reads (W501), faalfactoren no rule concludes (W502).

Intake questions are exempt from W501: the consultation always asks them, and their answers
describe the situation in the advice even when no rule reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from adviseur.checks.context import Context
from adviseur.checks.registry import problem
from adviseur.diagnostics import Diagnostic
from adviseur.model.conditions import questions_read


def check(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.complete:
        return  # a reader may be in the part that could not be read
    kb = ctx.kb
    read = {qid for rule in kb.rules for qid in questions_read(rule.condition)}
    read |= {qid for q in kb.questions for qid in questions_read(q.ask_if)}
    intake = {d.id for d in kb.dimensions if d.intake}
    for q in kb.questions:
        if q.id not in read and q.dimension not in intake and ctx.clean(q.id):
            yield problem(
                "W501",
                q.origin,
                f"vraag '{q.id}' wordt door geen regel en geen vraag_als gelezen",
                "gebruik de vraag in een regel of vraag_als, of verwijder haar",
            )
    concluded = {rule.conclusion.target for rule in kb.rules}
    for factor in kb.factors:
        if factor.id not in concluded and ctx.clean(factor.id):
            yield problem(
                "W502",
                factor.origin,
                f"faalfactor '{factor.id}' wordt door geen regel afgeleid",
                f"schrijf een regel met 'dan: {{faalfactor: {factor.id}, zekerheid: …}}'",
            )
