"""After the questions: the advice, and commands to explore and export it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from adviseur.errors import AdviseurError
from adviseur.model.conditions import ConclusionKind
from adviseur.model.knowledge import KnowledgeBase
from adviseur.report import write_report
from adviseur.report.terminal import hoe, print_advice
from adviseur.report.view import AdviceView
from adviseur.session.consultation import Consultation
from adviseur.session.why import why_not
from adviseur.ui.interactive import Dialogue, Ending
from adviseur.ui.panels import why_not_panel

HELP = (
    "Typ: hoe <faalfactor> · waarom niet <faalfactor> · rekenwijze · rapport <bestand.md|.html|.json>"
    " · wijzig <vraag> · overzicht · klaar"
)


class AdviceDesk:
    """The prompt after the advice: explain, change an answer, export, finish."""

    def __init__(
        self,
        kb: KnowledgeBase,
        dialogue: Dialogue,
        *,
        view: Callable[[], AdviceView],
        console: Console,
    ) -> None:
        self.kb = kb
        self.dialogue = dialogue
        self.consultation: Consultation = dialogue.consultation
        self.view = view
        self.console = console

    def show(self) -> None:
        print_advice(self.console, self.view(), details=False)
        self.console.print(Text(HELP, style="dim"))
        self.console.print(
            Text("Wilt u het advies bewaren? Typ bijvoorbeeld: rapport advies.html", style="cyan")
        )

    def run(self) -> Ending:
        self.show()
        factor_ids = [f.id for f in self.kb.factors]
        while True:
            line = self.dialogue.asker.line(
                "advies> ",
                words=[
                    "hoe",
                    "waarom niet",
                    "rekenwijze",
                    "rapport",
                    "wijzig",
                    "overzicht",
                    "klaar",
                    *factor_ids,
                ],
            )
            word, _, rest = line.strip().partition(" ")
            word, rest = word.lower(), rest.strip()
            if word in ("klaar", "stop", "einde"):
                return Ending.FINISHED
            if word == "hoe":
                self.explain(rest)
            elif word == "waarom" and rest.lower().startswith("niet"):
                self.why_not(rest[4:].strip())
            elif word == "rekenwijze":
                self.arithmetic()
            elif word == "rapport":
                self.report(rest)
            elif word == "wijzig":
                target = self.dialogue.find(rest)
                if target is not None and self.dialogue.change(target):
                    if self.dialogue.run() is Ending.STOPPED:
                        return Ending.STOPPED
                    self.show()
            elif word == "overzicht":
                self.show()
            else:
                self.console.print(Text(HELP, style="yellow"))

    def _factor(self, text: str) -> str | None:
        ids = [f.id for f in self.kb.factors]
        if text in ids:
            return text
        lowered = text.lower()
        matches = [
            f.id
            for f in self.kb.factors
            if lowered and (f.id.startswith(lowered) or lowered in f.name.lower())
        ]
        if len(matches) == 1:
            return matches[0]
        if not text:
            self.console.print(
                Text(
                    "Noem een faalfactor, bijvoorbeeld: hoe " + (ids[0] if ids else "…"),
                    style="yellow",
                )
            )
        elif matches:
            self.console.print(Text("Bedoelt u: " + ", ".join(matches[:5]) + "?", style="yellow"))
        else:
            self.console.print(Text(f"Geen faalfactor gevonden voor '{text}'.", style="yellow"))
        return None

    def explain(self, text: str) -> None:
        target = self._factor(text)
        if target is None:
            return
        factor = next((f for f in self.view().factors if f.id == target), None)
        if factor is None:
            self.console.print(
                Text(f"'{target}' is niet afgeleid; zie 'waarom niet {target}'.", style="yellow")
            )
            return
        self.console.print(hoe(factor, arithmetic=True))

    def why_not(self, text: str) -> None:
        target = self._factor(text)
        if target is not None:
            self.console.print(why_not_panel(self.kb, why_not(self.consultation, target)))

    def arithmetic(self) -> None:
        for factor in self.view().factors:
            line = Text(f"{factor.name}: ", style="bold")
            line.append(factor.arithmetic or "")
            self.console.print(line)
        if not self.consultation.result().of_kind(ConclusionKind.FACTOR):
            self.console.print(Text("Er is geen faalfactor afgeleid.", style="dim"))

    def report(self, text: str) -> None:
        if not text:
            self.console.print(
                Text(
                    "Noem een bestand: rapport advies.md, advies.html of advies.json",
                    style="yellow",
                )
            )
            return
        try:
            path = write_report(self.view(), Path(text).expanduser())
        except AdviseurError as exc:
            self.console.print(Text(str(exc), style="red"))
            return
        self.console.print(Text(f"Rapport geschreven: {path}", style="green"))
