"""`adviseur schema`: the JSON Schema of rule files and scenario files, for editors."""

from __future__ import annotations

from typing import TextIO

from adviseur.commands.common import write_json
from adviseur.errors import ExitStatus
from adviseur.loading.schema import json_schema


def schema(*, out: TextIO) -> int:
    write_json(json_schema(), out)
    return ExitStatus.OK
