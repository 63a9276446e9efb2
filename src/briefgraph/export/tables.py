"""The graph as three flat tables (actors, relations, claims), shared by the tabular and graph formats.

Claims are read from the relations' evidence, so a graph loaded from graph JSON (which has no
claim list) exports the same rows as one read from a store.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..model import Graph, Relation, Span

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

ACTOR_COLUMNS = ("id", "name", "type", "aliases", "attributes", "mentions")
RELATION_COLUMNS = ("id", "source", "source_name", "type", "target", "target_name", "quad", "sign", "status",
                    "probability", "cues", "confidence", "evidence_count", "first_date", "last_date")
CLAIM_COLUMNS = ("relation_id", "source", "type", "target", "status", "doc_id", "doc_path", "doc_date",
                 "start", "end", "text", "confidence")


def actor_rows(graph: Graph) -> list[dict[str, Any]]:
    return [{"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
             "attributes": dict(a.attributes), "mentions": len(a.mentions)} for a in graph.actors]


def relation_rows(graph: Graph) -> list[dict[str, Any]]:
    names = {a.id: a.name for a in graph.actors}
    dates = document_dates(graph)
    return [relation_row(r, names, dates) for r in graph.relations]


def relation_row(r: Relation, names: dict[str, str], dates: dict[str, str]) -> dict[str, Any]:
    first, last = date_range(r.evidence, dates)
    return {"id": r.id, "source": r.source, "source_name": names.get(r.source, r.source), "type": r.type,
            "target": r.target, "target_name": names.get(r.target, r.target), "quad": r.quad, "sign": r.sign,
            "status": r.modality.status, "probability": r.modality.probability, "cues": list(r.modality.cues),
            "confidence": round(r.confidence, 4), "evidence_count": len(r.evidence),
            "first_date": first, "last_date": last}


def claim_rows(graph: Graph) -> list[dict[str, Any]]:
    """One row per evidence sentence of each relation, with the claim's own confidence where known."""
    docs = {d.id: d for d in graph.documents}
    confidence = {(c.key, c.evidence): c.confidence for c in graph.claims}
    rows = []
    for r in graph.relations:
        key = (r.source, r.type, r.target, r.modality.status)
        for span in r.evidence:
            doc = docs.get(span.doc)
            rows.append({"relation_id": r.id, "source": r.source, "type": r.type, "target": r.target,
                         "status": r.modality.status, "doc_id": span.doc, "doc_path": doc.path if doc else None,
                         "doc_date": doc.date if doc else None, "start": span.start, "end": span.end,
                         "text": span.text, "confidence": confidence.get((key, span))})
    return rows


def document_dates(graph: Graph) -> dict[str, str]:
    """The ISO day of each dated document (dates in words are left out)."""
    return {d.id: d.date for d in graph.documents if d.date and _ISO_DAY.fullmatch(d.date)}


def date_range(evidence: list[Span], dates: dict[str, str]) -> tuple[str | None, str | None]:
    days = sorted(dates[s.doc] for s in evidence if s.doc in dates)
    return (days[0], days[-1]) if days else (None, None)


def as_text(value: Any) -> Any:
    """Lists and mappings as JSON text, for formats whose cells hold only scalars."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
