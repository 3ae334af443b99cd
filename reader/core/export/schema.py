"""The JSON output's schema: ``analysis.schema.json`` with the enum of framing kinds from the catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.core.framing.catalogue import MARK_KINDS

SCHEMA_FILE = Path(__file__).with_name("analysis.schema.json")


def analysis_schema() -> dict[str, Any]:
    """The full schema (JSON Schema 2020-12) the ``--format json`` output follows."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    mark = schema["properties"]["framing"]["properties"]["marks"]["items"]["properties"]
    mark["kind"]["enum"] = [k.name for k in MARK_KINDS]
    return schema
