"""Command line: argparse, and the one place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from adviseur import __version__
from adviseur.diagnostics import summary
from adviseur.engine import ENGINES
from adviseur.errors import AdviseurError, DiagnosticsError, ExitStatus

if TYPE_CHECKING:
    from rich.console import Console


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch help, Dutch errors and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "deze argumenten ontbreken")
            .replace("unrecognized arguments", "onbekende argumenten")
            .replace("invalid choice", "ongeldige keuze")
            .replace("expected one argument", "verwacht één waarde")
            .replace("(choose from ", "(kies uit: ")
        )
        sys.stderr.write(f"{self.prog}: fout: {translated}\n")
        raise SystemExit(ExitStatus.USAGE)


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--regels",
        type=Path,
        action="append",
        metavar="PAD",
        help="map of bestand met regels (standaard: de meegeleverde kennisbank)",
    )


def _engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="durable",
        help="afleidingsengine (standaard durable; referentie werkt zonder C-extensie)",
    )


def _scenarios_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenarios",
        type=Path,
        action="append",
        metavar="PAD",
        help="map of bestand met scenario's (standaard: scenarios/ bij de meegeleverde kennisbank)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="adviseur",
        description="Adviessysteem over faalfactoren en interventies voor gemeenten.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"adviseur {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--traceback", action="store_true", help="toon de volledige fout (voor ontwikkelaars)"
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    consult = sub.add_parser("consult", help="voer een consultatie uit")
    _rules_option(consult)
    _engine_option(consult)
    consult.add_argument(
        "--antwoorden", type=Path, metavar="BESTAND", help="antwoorden of scenario (YAML)"
    )
    consult.add_argument("--json", action="store_true", help="advies als JSON")
    consult.add_argument(
        "--volledig", action="store_true", help="de volledige route in plaats van de korte"
    )
    consult.add_argument(
        "--rapport",
        type=Path,
        metavar="PAD",
        help="schrijf het advies naar PAD (.md, .html of .json)",
    )

    resume = sub.add_parser("hervat", help="hervat een bewaarde consultatie (standaard de laatste)")
    resume.add_argument("pad", nargs="?", type=Path, metavar="PAD", help="sessiebestand")
    _rules_option(resume)
    _engine_option(resume)
    resume.add_argument(
        "--rapport",
        type=Path,
        metavar="PAD",
        help="schrijf het advies naar PAD (.md, .html of .json)",
    )

    kennis = sub.add_parser("kennisbank", help="toon de geladen kennisbank")
    _rules_option(kennis)
    kennis.add_argument("--json", action="store_true", help="de hele kennisbank als JSON")

    check = sub.add_parser(
        "controleer",
        help="controleer regelbestanden",
        description="Vind in één keer alle problemen in de regelbestanden, elk met plaats, "
        "code en oplossing. Eindigt met status 1 bij een fout of waarschuwing.",
    )
    check.add_argument(
        "paden", nargs="*", type=Path, metavar="PAD", help="regelbestanden of mappen"
    )
    check.add_argument(
        "--bronteksten", type=Path, metavar="MAP", help="controleer citaten tegen de bronteksten"
    )
    check.add_argument(
        "--format",
        choices=("tekst", "json", "github"),
        default="tekst",
        help="uitvoer: tekst (standaard), json, of github (meldingen voor GitHub Actions)",
    )

    explain = sub.add_parser(
        "uitleg",
        help="alles over één vraag, faalfactor, interventie, les, regel, bron …",
        description="Toont wat een item is, welke regels het afleiden of gebruiken (met hun "
        "voorwaarden in gewone taal), de citaties en de scenario's waarin het voorkomt.",
    )
    explain.add_argument("id", metavar="ID", help="de id van het item")
    _rules_option(explain)
    _scenarios_option(explain)
    _engine_option(explain)
    explain.add_argument("--json", action="store_true", help="als JSON")

    cover = sub.add_parser(
        "dekking",
        help="wat de scenario's en citaties niet raken",
        description="Toont welke regels in geen scenario vuren, welke faalfactoren geen "
        "scenario verwacht, welke interventies, lessen en praktijkvoorbeelden nooit "
        "voorkomen, en per bron de onderdelen die geen citaat gebruikt.",
    )
    _rules_option(cover)
    _scenarios_option(cover)
    _engine_option(cover)
    cover.add_argument("--json", action="store_true", help="als JSON")

    sub.add_parser(
        "schema",
        help="JSON Schema van regelbestanden en scenario's (voor uw editor)",
        description="Schrijft één JSON Schema (draft 2020-12) dat regelbestanden en "
        "scenario's beschrijft, zodat een editor YAML controleert en aanvult terwijl u typt.",
    )

    replay = sub.add_parser("afspelen", help="speel scenario's af en controleer de verwachting")
    replay.add_argument("paden", nargs="+", type=Path, metavar="PAD")
    _rules_option(replay)
    _engine_option(replay)
    replay.add_argument(
        "--stap", action="store_true", help="stap voor stap, met Enter na elke stap"
    )
    replay.add_argument(
        "--voorspel", action="store_true", help="laat de groep voor elke stap voorspellen"
    )
    replay.add_argument(
        "--rapport", type=Path, metavar="MAP", help="schrijf per scenario een HTML-hand-out in MAP"
    )

    diff = sub.add_parser("vergelijk", help="vergelijk twee scenario's of sessies")
    diff.add_argument("a", type=Path, metavar="A")
    diff.add_argument("b", type=Path, metavar="B")
    _rules_option(diff)
    _engine_option(diff)
    diff.add_argument("--json", action="store_true", help="het verschil als JSON")
    return parser


class _LazyConsole:
    """A rich Console made when first used. Importing rich.console is a noticeable part of the
    start-up, and an interactive consultation draws its first question without it."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


def _dispatch(args: argparse.Namespace, console: Console) -> int:
    out = sys.stdout
    if args.command == "consult":
        from adviseur.commands.consult import consult

        return consult(
            rules=args.regels,
            engine=args.engine,
            answers_file=args.antwoorden,
            as_json=args.json,
            full=args.volledig,
            report=args.rapport,
            out=out,
            console=console,
        )
    if args.command == "hervat":
        from adviseur.commands.hervat import hervat

        return hervat(
            args.pad, rules=args.regels, engine=args.engine, report=args.rapport, console=console
        )
    if args.command == "kennisbank":
        from adviseur.commands.kennisbank import kennisbank

        return kennisbank(args.regels, as_json=args.json, out=out, console=console)
    if args.command == "controleer":
        from adviseur.commands.controleer import controleer

        return controleer(
            args.paden or None,
            texts=args.bronteksten,
            output=args.format,
            out=out,
            console=console,
        )
    if args.command == "uitleg":
        from adviseur.commands.uitleg import uitleg

        return uitleg(
            args.id,
            rules=args.regels,
            scenarios=args.scenarios,
            engine=args.engine,
            as_json=args.json,
            out=out,
            console=console,
        )
    if args.command == "dekking":
        from adviseur.commands.dekking import dekking

        return dekking(
            rules=args.regels,
            scenarios=args.scenarios,
            engine=args.engine,
            as_json=args.json,
            out=out,
            console=console,
        )
    if args.command == "schema":
        from adviseur.commands.schema import schema

        return schema(out=out)
    if args.command == "afspelen":
        from adviseur.commands.afspelen import afspelen

        return afspelen(
            args.paden,
            rules=args.regels,
            engine=args.engine,
            console=console,
            step=args.stap,
            predict=args.voorspel,
            handouts=args.rapport,
        )
    if args.command == "vergelijk":
        from adviseur.commands.vergelijk import vergelijk

        return vergelijk(
            args.a,
            args.b,
            rules=args.regels,
            engine=args.engine,
            as_json=args.json,
            out=out,
            console=console,
        )
    raise AssertionError(args.command)  # pragma: no cover


def main(argv: Sequence[str] | None = None) -> int:
    """Run adviseur; returns the exit status instead of exiting (tests call this)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return ExitStatus.USAGE
    console = cast("Console", _LazyConsole(highlight=False))
    errors = cast("Console", _LazyConsole(stderr=True, highlight=False))
    try:
        return _dispatch(args, console)
    except DiagnosticsError as exc:
        for diagnostic in sorted(exc.diagnostics, key=lambda d: d.sort_key()):
            _say(errors, str(diagnostic))
        _say(errors, summary(exc.diagnostics), "bold red")
        return exc.exit_status
    except AdviseurError as exc:
        _say(errors, f"adviseur: fout: {exc}", "bold red")
        return exc.exit_status
    except BrokenPipeError:  # output piped into e.g. `head`: nothing left to say
        sys.stderr.close()
        return ExitStatus.OK
    except KeyboardInterrupt:
        _say(errors, "adviseur: onderbroken", "yellow")
        return ExitStatus.INTERRUPTED
    except Exception:  # the one error boundary: no traceback for users unless asked
        if args.traceback:
            traceback.print_exc()
        _say(
            errors,
            "adviseur: interne fout; dit is een fout in adviseur, niet in uw invoer "
            "(start opnieuw met --traceback voor details)",
            "bold red",
        )
        return ExitStatus.INTERNAL


def _say(console: Console, message: str, style: str = "") -> None:
    """One message, shown literally (never as markup) and never wrapped mid-line."""
    from rich.text import Text

    console.print(Text(message, style=style), soft_wrap=True)
