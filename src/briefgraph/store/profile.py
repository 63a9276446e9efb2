"""An actor's profile: who it is, what it does to whom, and the sentences that say so."""
from __future__ import annotations

from typing import Any

from ..model import Graph, Relation, Span


def _evidence(span: Span, paths: dict[str, str]) -> dict[str, Any]:
    return {"doc": span.doc, "path": paths.get(span.doc, "-"), "start": span.start, "end": span.end,
            "text": span.text}


def _relation(r: Relation, other: str, names: dict[str, str], paths: dict[str, str]) -> dict[str, Any]:
    """One relation seen from the profiled actor; `other` is 'source' or 'target', the far end."""
    far = r.source if other == "source" else r.target
    return {"type": r.type, other: names.get(far, far), f"{other}_id": far, "status": r.modality.status,
            "probability": r.modality.probability, "cues": list(r.modality.cues), "sign": r.sign, "quad": r.quad,
            "confidence": round(r.confidence, 4),
            "evidence": [_evidence(e, paths) for e in r.evidence]}


def profile(graph: Graph, actor_id: str) -> dict[str, Any]:
    """The profile of `actor_id` in `graph`, as plain data ready for JSON or a terminal."""
    actor = next(a for a in graph.actors if a.id == actor_id)
    names = {a.id: a.name for a in graph.actors}
    paths = {d.id: d.path for d in graph.documents}
    outgoing = [_relation(r, "target", names, paths) for r in graph.relations if r.source == actor_id]
    incoming = [_relation(r, "source", names, paths) for r in graph.relations if r.target == actor_id]
    evidence: dict[tuple, dict[str, Any]] = {}
    for entry in outgoing + incoming:
        for e in entry["evidence"]:
            evidence.setdefault((e["doc"], e["start"], e["end"]), e)
    order = {doc_id: i for i, doc_id in enumerate(paths)}
    return {
        "id": actor.id, "actor": actor.name, "type": actor.type, "aliases": list(actor.aliases),
        "attributes": dict(actor.attributes), "mentions": len(actor.mentions),
        "confidence": actor.confidence, "documents": len({m.doc for m in actor.mentions}),
        "relations": {"out": outgoing, "in": incoming},
        "evidence": sorted(evidence.values(), key=lambda e: (order.get(e["doc"], len(order)), e["start"], e["end"])),
    }
