"""The graph explorer: nodes and edges in the shape the graph bundle mounts, filtered on the server
by sign, type, modality, minimum confidence, date window and the neighbourhood of one actor."""
from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..model import STATUSES, Graph, Relation
from ..nlp.lexicon import load
from .common import fast_json, page, view
from .context import View
from .errors import ApiError

router = APIRouter()


DAY = r"^\d{4}-\d{2}-\d{2}$"


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(422, f"not a date: {value!r} (expected e.g. 2024-01-31)") from None


def _csv(value: str | None) -> set[str] | None:
    items = {x.strip() for x in (value or "").split(",") if x.strip()}
    return items or None


def _index(relations: list[Relation]) -> dict[str, list[Relation]]:
    out: dict[str, list[Relation]] = {}
    for r in relations:
        out.setdefault(r.source, []).append(r)
        out.setdefault(r.target, []).append(r)
    return out


def _outgoing(relations: list[Relation]) -> dict[str, list[Relation]]:
    out: dict[str, list[Relation]] = {}
    for r in relations:
        out.setdefault(r.source, []).append(r)
    return out


def _neighbourhood(near: dict[str, list[Relation]], wanted, focus: str, hops: int) -> set[str]:
    """Actors within `hops` ties of `focus`, counting only the relations the filter keeps."""
    seen, queue = {focus}, deque([(focus, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth < hops:
            for r in near.get(node, ()):
                other = r.target if r.source == node else r.source
                if wanted(r) and other not in seen:
                    seen.add(other)
                    queue.append((other, depth + 1))
    return seen


def graph_data(v: View, signs: set[str] | None, types: set[str] | None, statuses: set[str] | None,
               min_confidence: float, since: str | None, until: str | None, focus: str | None,
               hops: int) -> dict[str, Any]:
    from ..analysis.network import windowed  # the analysis package loads scipy: not at start-up

    def wanted(r: Relation) -> bool:
        return ((signs is None or str(r.sign) in signs) and (types is None or r.type in types)
                and (statuses is None or r.modality.status in statuses) and r.confidence >= min_confidence)
    graph = windowed(v.graph, since, until)
    if focus:
        focus_id = v.actor_id(focus)
        if focus_id is None:
            raise ApiError(404, f"no actor {focus!r}")
        near = v.by_actor if graph is v.graph else _index(graph.relations)
        keep = _neighbourhood(near, wanted, focus_id, hops)
        outgoing = v.derived("outgoing", lambda v: _outgoing(v.graph.relations)) if graph is v.graph else \
            _outgoing(graph.relations)
        # Each relation is met from its source only: no duplicates to drop.
        edges = sorted((r for a in keep for r in outgoing.get(a, ()) if r.target in keep and wanted(r)),
                       key=lambda r: r.id)
    else:
        edges = [r for r in graph.relations if wanted(r)]
    degree: dict[str, int] = {}
    for r in edges:
        for a in (r.source, r.target):
            degree[a] = degree.get(a, 0) + 1
    nodes = [{"id": a.id, "label": a.name, "type": a.type, "degree": degree[a.id]}
             for a in v.graph.actors if a.id in degree]
    if graph is v.graph:  # unwindowed: every relation's edge is the same in every answer of this view
        shaped = v.derived("graph_edges", lambda v: _edges(v.graph, v.graph.relations))
        edge_json = [shaped[r.id] for r in edges]
    else:
        edge_json = list(_edges(graph, edges).values())
    return {"nodes": nodes, "edges": edge_json,
            "isolated": [{"id": a.id, "label": a.name} for a in v.graph.actors if a.id not in degree]}


def _edges(graph: Graph, relations: list[Relation]) -> dict[str, dict[str, Any]]:
    """Relation id -> its edge as the graph bundle reads it, dated by the documents of its evidence."""
    from ..analysis.network import status_weight
    dates = {d.id: d.date for d in graph.documents if d.date}
    return {r.id: {"id": r.id, "source": r.source, "target": r.target, "sign": r.sign, "type": r.type,
                   "status": r.modality.status, "confidence": round(r.confidence, 4),
                   "weight": status_weight(r.modality.status),
                   "dates": sorted({dates[e.doc][:10] for e in r.evidence if e.doc in dates})} for r in relations}


@router.get("/api/graph", tags=["graph"], summary="Nodes and edges for the graph view, filtered")
def api_graph(request: Request,
              signs: Optional[str] = Query(None, max_length=20, description="Comma-separated: 1,-1,0"),
              types: Optional[str] = Query(None, max_length=500, description="Comma-separated relation types"),
              statuses: Optional[str] = Query(None, max_length=200, description="Comma-separated modalities"),
              min_confidence: float = Query(0.0, ge=0.0, le=1.0),
              since: Optional[str] = Query(None, pattern=DAY, json_schema_extra={"format": "date"}, description="Only evidence dated on or after this day"),
              until: Optional[str] = Query(None, pattern=DAY, json_schema_extra={"format": "date"}, description="Only evidence dated on or before this day"),
              focus: Optional[str] = Query(None, max_length=200, description="An actor id: only its neighbourhood"),
              hops: int = Query(1, ge=1, le=5)) -> JSONResponse:
    return fast_json(graph_data(view(request), _csv(signs), _csv(types), _csv(statuses), min_confidence,
                      _day(since), _day(until), focus, hops))


@router.get("/graph", include_in_schema=False)
def graph_page(request: Request):
    v = view(request)
    return page(request, "graph.html", title="Graph", types=sorted(load("events")["types"]), statuses=STATUSES,
                actors=sorted((a.name, a.id) for a in v.graph.actors if v.degree.get(a.id)),
                bundle=request.app.state.graph_bundle)
