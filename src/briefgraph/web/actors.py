"""Actors: the list, and one actor's page: aliases, attributes, ties grouped by sign and type with
their evidence, a timeline of the documents that speak of it, and its cross-pressure."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..model import ACTOR_TYPES, STATUSES, Relation
from ..nlp.lexicon import load
from .common import Limit, Offset, actor_or_404, actor_summary, fast_json, page, paginate, view, workbench
from .context import View

router = APIRouter()
SIGN_GROUPS = {1: "positive", -1: "negative", 0: "neutral"}


def _evidence(v: View, r: Relation) -> list[dict[str, Any]]:
    out = []
    for e in r.evidence:
        d = v.documents.get(e.doc)
        out.append({"doc": e.doc, "path": d.path if d else "-", "title": (d.title or d.path) if d else "-",
                    "date": d.date if d else None, "start": e.start, "end": e.end, "text": e.text})
    return out


def _tie(v: View, r: Relation, actor_id: str) -> dict[str, Any]:
    outgoing = r.source == actor_id
    other = r.target if outgoing else r.source
    return {"relation": r.id, "direction": "out" if outgoing else "in", "other": other,
            "other_name": v.actors[other].name if other in v.actors else other, "type": r.type, "sign": r.sign,
            "status": r.modality.status, "probability": r.modality.probability, "cues": list(r.modality.cues),
            "confidence": round(r.confidence, 4), "review": r.review, "evidence": _evidence(v, r)}


def _groups(ties: list[dict[str, Any]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    groups: dict[str, dict[str, list]] = {name: {} for name in SIGN_GROUPS.values()}
    for t in ties:
        groups[SIGN_GROUPS.get(t["sign"], "neutral")].setdefault(t["type"], []).append(t)
    return groups


def _timeline(ties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents that give evidence of the actor's ties, by date (undated last)."""
    by_doc: dict[str, dict[str, Any]] = {}
    for t in ties:
        for e in t["evidence"]:
            entry = by_doc.setdefault(e["doc"], {"doc": e["doc"], "title": e["title"], "date": e["date"], "ties": []})
            label = f"{t['type']} {t['other_name']}" if t["direction"] == "out" else f"{t['other_name']} {t['type']}"
            if label not in entry["ties"]:
                entry["ties"].append(label)
    return sorted(by_doc.values(), key=lambda x: (x["date"] is None, x["date"] or "", x["title"]))


def actor_data(request: Request, actor_id: str) -> dict[str, Any]:
    v = view(request)
    a = actor_or_404(v, actor_id)
    ties = [_tie(v, r, a.id) for r in v.by_actor.get(a.id, [])]
    findings = workbench(request).analysis(wait=False)
    pressure = next((p for p in findings["cross_pressure"] if p["id"] == a.id), None) if findings else None
    return {**actor_summary(v, a), "attributes": dict(a.attributes), "ties": _groups(ties),
            "timeline": _timeline(ties),
            "cross_pressure": {"score": pressure["score"], "explanation": pressure["explanation"]} if pressure else None,
            "analysed": findings is not None}


@router.get("/api/actors", tags=["actors"], summary="Actors, most connected first")
def api_actors(request: Request, type: Optional[str] = Query(None, description=f"One of {', '.join(ACTOR_TYPES)}."),
               offset: int = Offset, limit: int = Limit) -> JSONResponse:
    v = view(request)
    actors = [a for a in v.graph.actors if type is None or a.type == type]
    actors.sort(key=lambda a: -v.degree.get(a.id, 0))
    return fast_json(paginate(actors, offset, limit, lambda a: actor_summary(v, a)))


@router.get("/api/actors/{actor_id}", tags=["actors"], summary="One actor with its ties, timeline and cross-pressure")
def api_actor(request: Request, actor_id: str) -> JSONResponse:
    return fast_json(actor_data(request, actor_id))


@router.get("/actors/{actor_id}", include_in_schema=False)
def actor_page(request: Request, actor_id: str):
    data = actor_data(request, actor_id)
    v = view(request)
    others = sorted((a.name, a.id) for a in v.graph.actors if a.id != data["id"])
    return page(request, "actor.html", title=data["name"], actor=data, others=others, actor_types=ACTOR_TYPES,
                statuses=STATUSES, types=sorted(load("events")["types"]))
