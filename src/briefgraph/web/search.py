"""Search over documents, actor names and aliases, and evidence sentences; partial words match."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..model import name_key
from ..store.search import search_documents, search_evidence
from .common import Limit, Offset, fast_json, page, view, workbench

router = APIRouter()


def _actors(request: Request, q: str) -> list[dict[str, Any]]:
    """Actors with a name or alias containing every word of `q` (as a word prefix or inside a word)."""
    v = view(request)
    words = name_key(q).split()
    if not words:
        return []
    found = []
    for a, names in v.name_keys:
        if any(all(w in n for w in words) for n in names):
            found.append({"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases),
                          "relations": v.degree.get(a.id, 0)})
    return sorted(found, key=lambda x: (-x["relations"], x["name"]))


def _evidence(request: Request, q: str) -> list[dict[str, Any]]:
    """Evidence sentences of relations still in the reviewed graph (a rejected relation's are left out)."""
    live = view(request).evidence_relations
    hits = search_evidence(workbench(request).store().db, q)
    return [{"doc": h.doc, "path": h.path, "title": h.title, "start": h.start, "end": h.end, "snippet": h.snippet,
             "relations": live[(h.doc, h.start, h.end)]} for h in hits if (h.doc, h.start, h.end) in live]


def search_data(request: Request, q: str, offset: int, limit: int) -> dict[str, Any]:
    docs, total = search_documents(workbench(request).store().db, q, limit, offset)
    actors = _actors(request, q)
    evidence = _evidence(request, q)
    return {"query": q,
            "actors": {"items": actors[offset:offset + limit], "total": len(actors), "offset": offset, "limit": limit},
            "documents": {"items": [{"id": h.doc, "path": h.path, "title": h.title, "snippet": h.snippet} for h in docs],
                          "total": total, "offset": offset, "limit": limit},
            "evidence": {"items": evidence[offset:offset + limit], "total": len(evidence), "offset": offset,
                         "limit": limit}}


@router.get("/api/search", tags=["search"], summary="Search documents, actor names and evidence")
def api_search(request: Request, q: str = Query(..., max_length=500, description="Words; each may be partial."),
               offset: int = Offset, limit: int = Limit) -> JSONResponse:
    return fast_json(search_data(request, q, offset, limit))


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: str = Query("", max_length=500)):
    data = search_data(request, q, 0, 50) if q.strip() else None
    return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, data=data)
