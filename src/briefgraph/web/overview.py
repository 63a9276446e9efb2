"""The corpus overview: documents, counts, latest additions; and the CSRF secret for API clients."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .common import fast_json, page, view

router = APIRouter()


def overview_data(request: Request) -> dict[str, Any]:
    v = view(request)
    if "_overview" not in v.__dict__:  # the same for every request until the store changes
        v.__dict__["_overview"] = _overview(v)
    return v.__dict__["_overview"]


def _overview(v) -> dict[str, Any]:
    g = v.graph
    connected = {a for r in g.relations for a in (r.source, r.target)}
    latest = [d.to_dict() for d in reversed(g.documents[-10:])]
    by_type: dict[str, int] = {}
    for a in g.actors:
        by_type[a.type] = by_type.get(a.type, 0) + 1
    top = sorted(g.actors, key=lambda a: -v.degree.get(a.id, 0))[:15]
    return {"documents": len(g.documents), "actors": len(g.actors), "connected_actors": len(connected),
            "relations": len(g.relations), "claims": len(g.claims), "actor_types": by_type,
            "latest_documents": latest,
            "top_actors": [{"id": a.id, "name": a.name, "type": a.type, "relations": v.degree.get(a.id, 0)} for a in top]}


@router.get("/api/overview", tags=["overview"], summary="Counts and the latest documents")
def api_overview(request: Request) -> JSONResponse:
    return fast_json(overview_data(request))


@router.get("/api/csrf", tags=["overview"], summary="The CSRF secret to send as X-CSRF-Token")
def api_csrf(request: Request) -> dict[str, str]:
    return {"token": request.state.csrf}


@router.get("/", include_in_schema=False)
def overview_page(request: Request):
    return page(request, "overview.html", title="Overview", data=overview_data(request))
