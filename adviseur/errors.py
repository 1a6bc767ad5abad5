"""The error hierarchy and exit codes: inner code raises, cli.py turns them into exits."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from adviseur.diagnostics import Diagnostic


class ExitStatus(IntEnum):
    """Process exit codes."""

    OK = 0
    INVALID = 1  # bad rules, bad input files, a scenario that does not match
    USAGE = 2  # wrong command line, no terminal where one is needed
    INTERNAL = 3
    INTERRUPTED = 130


class AdviseurError(Exception):
    """Root of every error adviseur reports to the user."""

    exit_status: ExitStatus = ExitStatus.INVALID


class DiagnosticsError(AdviseurError):
    """One or more located problems, collected in one pass."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(AdviseurError):
    """The command line or the environment does not allow what was asked."""

    exit_status = ExitStatus.USAGE


class EngineError(AdviseurError):
    """The inference engine failed or a rule set cannot be given to it."""

    exit_status = ExitStatus.INTERNAL


class EngineLimitError(EngineError):
    """A rule set exceeds a limit of the engine that no partitioning can avoid."""

    exit_status = ExitStatus.INVALID
