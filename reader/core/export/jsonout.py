"""The JSON output. Its schema is ``reader.core.export.schema.analysis_schema()`` (JSON Schema 2020-12).

Version ``SCHEMA_VERSION`` follows semantic versioning: new optional keys bump the minor number,
renamed or removed keys the major one.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from reader import __version__
from reader.core.framing.report import FramingReport
from reader.core.model import Analysis, Link, SegmentedDocument, SentenceRef

SCHEMA_VERSION = "1.3"
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for every record: json.dumps makes one per call


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data."""
    alignment = analysis.alignment
    return {
        "schema": "framing-reader/analysis",
        "schema_version": SCHEMA_VERSION,
        "generator": f"framing-reader {__version__}",
        "model": analysis.model_name,
        "threshold": alignment.threshold,
        "documents": [_document(d) for d in analysis.documents],
        "links": [_link(link) for link in alignment.links],
        "groups": [{"members": [_ref(m) for m in g.members]} for g in alignment.groups],
        "unique": [_ref(r) for r in alignment.unique],
        "framing": _framing(analysis.framing) if analysis.framing else None,
        "warnings": list(analysis.warnings),
    }


def render_json(analysis: Analysis) -> str:
    """The analysis as a JSON document: the top-level keys and those of ``framing`` one per line, the
    items of their lists (a document, a link, a mark) one per line each.

    Indenting deeper would double the time: ``json`` encodes indented output in Python, not in C.
    """
    return _laid_out(to_dict(analysis), 0, "") + "\n"


def _laid_out(value: Any, depth: int, margin: str) -> str:
    """``value`` as JSON: objects down to depth 1 and lists down to depth 2 one item per line."""
    inner = margin + " "
    if isinstance(value, dict) and value and depth <= 1:
        items = [f"{inner}{_compact(k)}: {_laid_out(v, depth + 1, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{margin}}}"
    if isinstance(value, list) and value and depth <= 2:
        return "[\n" + ",\n".join(inner + _compact(v) for v in value) + f"\n{margin}]"
    return _compact(value)


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


def _ref(ref: SentenceRef) -> dict[str, int]:
    return {"doc": ref.doc, "sentence": ref.sent}


def _document(doc: SegmentedDocument) -> dict[str, Any]:
    meta = asdict(doc.document)
    del meta["warnings"]  # reported once, with the source's label, in the top-level "warnings"
    return {
        **meta,
        "paragraphs": [{"start": p.start, "end": p.end} for p in doc.paragraphs],
        "sentences": [
            {"start": s.start, "end": s.end, "text": s.text, "paragraph": s.paragraph, "role": str(s.role)}
            for s in doc.sentences
        ],
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "kind": str(link.kind),
        "origin": str(link.origin),
        "a": _ref(link.a),
        "b": _ref(link.b),
        "similarity": round(link.similarity, 4),
        "margin": round(link.margin, 4),
        "confidence": round(link.confidence, 4),
        "signals": list(link.signals),
        "diff": [{**vars(op)} for op in link.diff],  # flat records: asdict's deep copy is slower
    }


def _framing(report: FramingReport) -> dict[str, Any]:
    return {
        "marks": [{**vars(m), "ref": _ref(m.ref)} for m in report.marks],
        "sources": [asdict(s) for s in report.sources],
        "group_divergence": [asdict(d) for d in report.group_divergence],
        "pair_divergence": [
            {"a": a, "b": b, **asdict(d)} for (a, b), d in sorted(report.pair_divergence.items())
        ],
        "referents": [asdict(r) for r in report.referents],
        "contests": [asdict(c) for c in report.contests],
    }
