"""Every diagnostic code adviseur reports about rule files: its severity, what it means and the
usual fix. The guide's table of codes (docs/regels-schrijven.md) is kept equal to this one by a
test, and so is the set of codes the package actually emits."""

from __future__ import annotations

from dataclasses import dataclass

from adviseur.diagnostics import Diagnostic, Severity
from adviseur.model.location import SourceLocation

FOUT = Severity.ERROR
WAARSCHUWING = Severity.WARNING


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    code: str
    severity: Severity
    title: str
    remedy: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # --- files and YAML -------------------------------------------------------------------
        Code(
            code="E100",
            severity=FOUT,
            title="bestand of map bestaat niet of is niet leesbaar",
            remedy="controleer het pad en de rechten",
        ),
        Code(
            code="E101",
            severity=FOUT,
            title="YAML-syntaxfout of geen UTF-8-tekst",
            remedy="herstel de YAML op de genoemde plaats; spring in met spaties, niet met tabs",
        ),
        Code(
            code="E102",
            severity=FOUT,
            title="dubbele sleutel in één mapping",
            remedy="verwijder of hernoem een van beide",
        ),
        Code(
            code="E103",
            severity=FOUT,
            title="waarde van het verkeerde soort (tekst, getal, lijst, mapping) of leeg",
            remedy="schrijf de waarde in de vorm die de melding noemt",
        ),
        Code(
            code="E104",
            severity=FOUT,
            title="onbekende sleutel",
            remedy="gebruik de sleutel uit 'bedoelde u …?' of een van de toegestane sleutels",
        ),
        Code(
            code="E105",
            severity=FOUT,
            title="verplichte sleutel ontbreekt",
            remedy="voeg de genoemde sleutel toe",
        ),
        Code(
            code="E106",
            severity=FOUT,
            title="ongeldige id of optiewaarde",
            remedy="gebruik kleine letters, cijfers en _, te beginnen met een letter",
        ),
        Code(
            code="E107",
            severity=FOUT,
            title="niet-toegestane YAML-tag of samenvoegsleutel",
            remedy="gebruik gewone YAML zonder !!tags en zonder <<",
        ),
        Code(
            code="E108",
            severity=FOUT,
            title="waarde die niet in de lijst van keuzes staat",
            remedy="kies een van de genoemde waarden",
        ),
        Code(
            code="E109",
            severity=FOUT,
            title="sleutels of waarden die niet samengaan",
            remedy="volg de vorm uit de melding, bijvoorbeeld precies één conclusie in 'dan'",
        ),
        Code(
            code="E110",
            severity=FOUT,
            title="leeg bestand",
            remedy="verwijder het bestand of vul het aan",
        ),
        Code(
            code="E111",
            severity=FOUT,
            title="bestand te groot of te diep genest",
            remedy="splits het bestand en gebruik geen geneste aliassen",
        ),
        # --- references ----------------------------------------------------------------------
        Code(
            code="E201",
            severity=FOUT,
            title="verwijzing naar een id die niet bestaat of van een andere soort is",
            remedy="gebruik de id uit 'bedoelde u …?' of maak het item aan",
        ),
        Code(
            code="E202",
            severity=FOUT,
            title="dubbele id of dubbele optie",
            remedy="geef een van beide een andere id",
        ),
        Code(
            code="E203",
            severity=FOUT,
            title="waarde buiten de opties of het bereik van de vraag",
            remedy="gebruik een van de opties of een getal binnen het bereik",
        ),
        Code(
            code="E204",
            severity=FOUT,
            title="'niet' over een afgeleide conclusie",
            remedy="toets de antwoorden waarop die conclusie rust",
        ),
        Code(
            code="E205",
            severity=FOUT,
            title="vraag_als of dimensie op de verkeerde plaats",
            remedy="laat vraag_als alleen naar andere vragen kijken; "
            "een faalfactor hoort bij een dimensie, niet bij de intake",
        ),
        Code(
            code="E206",
            severity=FOUT,
            title="toets past niet bij het type van de vraag",
            remedy="gebruik een toets uit de melding (bijv. 'bevat' alleen bij meerkeuze)",
        ),
        # --- citations -----------------------------------------------------------------------
        Code(
            code="E301",
            severity=FOUT,
            title="citaat staat niet letterlijk in de brontekst",
            remedy="kopieer het citaat opnieuw uit de brontekst; de melding zegt waar het afwijkt",
        ),
        Code(
            code="E302",
            severity=FOUT,
            title="citaat langer dan 25 woorden",
            remedy="kort het citaat in tot de kern",
        ),
        Code(
            code="E303",
            severity=FOUT,
            title="locatie hoort bij geen onderdeel van de bron",
            remedy="begin de locatie met de locatie van een onderdeel van de bron",
        ),
        Code(
            code="E304",
            severity=FOUT,
            title="item zonder citatie",
            remedy="voeg 'citaties' toe met bron, locatie en een letterlijk citaat",
        ),
        Code(
            code="E305",
            severity=FOUT,
            title="brontekst ontbreekt (bij --bronteksten)",
            remedy="zet de brontekst in de map of pas 'bestand' van de bron aan",
        ),
        # --- logic -----------------------------------------------------------------------------
        Code(
            code="E401",
            severity=FOUT,
            title="kringredenering tussen afgeleide conclusies",
            remedy="een conclusie mag niet (via andere) op zichzelf rusten",
        ),
        Code(
            code="E402",
            severity=FOUT,
            title="voorwaarde spreekt zichzelf tegen: de regel vuurt nooit",
            remedy="maak de toetsen op dezelfde vraag verenigbaar, of gebruik 'een_van'",
        ),
        Code(
            code="E403",
            severity=FOUT,
            title="voorwaarde kan nooit gelden omdat een vraag dan niet gesteld wordt (vraag_als)",
            remedy="pas de voorwaarde of de vraag_als van de genoemde vraag aan",
        ),
        Code(
            code="E404",
            severity=FOUT,
            title="vraag wordt nooit gesteld: haar vraag_als kan nooit gelden",
            remedy="pas de vraag_als aan zodat die kan gelden",
        ),
        Code(
            code="E405",
            severity=FOUT,
            title="voorwaarde te complex voor de afleidingsengine",
            remedy="splits de regel in meer regels met eenvoudiger voorwaarden",
        ),
        # --- coverage of the knowledge base ------------------------------------------------------
        Code(
            code="W501",
            severity=WAARSCHUWING,
            title="vraag (buiten de intake) die geen regel en geen vraag_als leest",
            remedy="gebruik de vraag in een regel of vraag_als, of verwijder haar",
        ),
        Code(
            code="W502",
            severity=WAARSCHUWING,
            title="faalfactor die geen regel afleidt",
            remedy="schrijf een regel met 'dan: {faalfactor: …, zekerheid: …}'",
        ),
        Code(
            code="W503",
            severity=WAARSCHUWING,
            title="interventie die niets tegengaat en dus nooit wordt voorgesteld",
            remedy="noem in 'tegen' faalfactoren die een regel afleidt",
        ),
        Code(
            code="W504",
            severity=WAARSCHUWING,
            title="regel die nooit vuurt omdat een conclusie die zij nodig heeft nooit volgt",
            remedy="zorg dat een regel die conclusie afleidt, of pas de voorwaarde aan",
        ),
        Code(
            code="W505",
            severity=WAARSCHUWING,
            title="les of praktijkvoorbeeld dat nooit wordt getoond",
            remedy="laat 'bij' (of 'faalfactoren'/'interventies') iets noemen dat wordt afgeleid",
        ),
        Code(
            code="W506",
            severity=WAARSCHUWING,
            title="zekerheid past niet bij de grondslag",
            remedy="expliciet 0,6–0,9; impliciet 0,4–0,6; context 0,2–0,4",
        ),
        # --- sessions and scenarios (reported when they are read, not by controleer) ----------
        Code(
            code="E601",
            severity=FOUT,
            title="sessiebestand beschadigd, afgebroken, van een andere versie of onleesbaar",
            remedy="hervat een andere sessie of begin een nieuwe consultatie",
        ),
        Code(
            code="E602",
            severity=FOUT,
            title="scenario bouwt (via andere) op zichzelf voort met 'basis'",
            remedy="laat de keten van 'basis' ergens eindigen bij een scenario zonder basis",
        ),
    )
}


def problem(
    code: str, location: SourceLocation | None, message: str, hint: str | None = None
) -> Diagnostic:
    """A diagnostic with the severity the registry gives its code."""
    return Diagnostic(
        code=code, severity=CODES[code].severity, message=message, location=location, hint=hint
    )
