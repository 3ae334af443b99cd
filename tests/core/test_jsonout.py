"""The JSON export's layout: the same data as ``to_dict``, one document, link or mark per line."""

from __future__ import annotations

import json

from reader.core.export.jsonout import render_json, to_dict


def test_json_holds_the_data_with_one_record_per_line(outlets):
    text = render_json(outlets)
    data = json.loads(text)
    assert data == json.loads(json.dumps(to_dict(outlets)))
    assert data["links"] and data["framing"]["marks"]
    lines = {line.strip().removesuffix(",") for line in text.splitlines()}
    records = [*data["documents"], *data["links"], *data["framing"]["marks"], *data["framing"]["sources"]]
    assert all(json.dumps(record, ensure_ascii=False) in lines for record in records)
    assert text.startswith('{\n "schema": "framing-reader/analysis",\n') and text.endswith("\n}\n")
