"""Documents: the list, one document with its mentions and claims highlighted, and its text."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..model import Document
from ..nlp.lexicon import load
from ..model import STATUSES
from .common import Limit, Offset, fast_json, page, paginate, view
from .context import View
from .errors import ApiError
from .highlight import highlight

router = APIRouter()


def document_or_404(v: View, doc_id: str) -> Document:
    d = v.documents.get(doc_id)
    if d is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return d


def _parts(v: View, d: Document) -> tuple[list, list]:
    mentions = [(m, a.id) for a in v.graph.actors for m in a.mentions if m.doc == d.id]
    evidence: dict[tuple, list[str]] = {}
    spans = {}
    for r in v.graph.relations:
        for e in r.evidence:
            if e.doc == d.id:
                evidence.setdefault((e.start, e.end), []).append(r.id)
                spans[(e.start, e.end)] = e
    return mentions, [(spans[k], ids) for k, ids in evidence.items()]


def document_data(request: Request, doc_id: str) -> dict[str, Any]:
    v = view(request)
    d = document_or_404(v, doc_id)
    mentions, evidence = _parts(v, d)
    claims = [{"relation": rid, "start": s.start, "end": s.end, "text": s.text,
               "source": v.actors[v.relations[rid].source].name, "type": v.relations[rid].type,
               "target": v.actors[v.relations[rid].target].name, "status": v.relations[rid].modality.status}
              for s, ids in sorted(evidence, key=lambda x: x[0].start) for rid in ids]
    return {**d.to_dict(), "text": d.text,
            "mentions": [{"actor": a, "start": m.start, "end": m.end, "text": m.text} for m, a in
                         sorted(mentions, key=lambda x: x[0].start)],
            "claims": claims}


@router.get("/api/documents", tags=["documents"], summary="Documents, latest first")
def api_documents(request: Request, offset: int = Offset, limit: int = Limit) -> JSONResponse:
    return fast_json(paginate(list(reversed(view(request).graph.documents)), offset, limit, lambda d: d.to_dict()))


@router.get("/api/documents/{doc_id}", tags=["documents"], summary="One document: text, mentions, claims")
def api_document(request: Request, doc_id: str) -> dict[str, Any]:
    return document_data(request, doc_id)


@router.get("/documents", include_in_schema=False)
def documents_page(request: Request):
    docs = [d.to_dict() for d in reversed(view(request).graph.documents)]
    return page(request, "documents.html", title="Documents", documents=docs)


@router.get("/documents/{doc_id}", include_in_schema=False)
def document_page(request: Request, doc_id: str):
    v = view(request)
    d = document_or_404(v, doc_id)
    mentions, evidence = _parts(v, d)
    data = document_data(request, doc_id)
    return page(request, "document.html", title=d.title or d.path, doc=data, html=highlight(d, mentions, evidence),
                actors=sorted((a.name, a.id) for a in v.graph.actors), types=sorted(load("events")["types"]),
                statuses=STATUSES)
