"""Relations: filtered, paginated lists and one relation with its evidence and review actions."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ..model import STATUSES
from ..nlp.lexicon import load
from .actors import _evidence
from .common import Limit, Offset, fast_json, page, paginate, relation_json, relation_or_404, view

router = APIRouter()


@router.get("/api/relations", tags=["relations"], summary="Relations, filtered")
def api_relations(request: Request, actor: Optional[str] = Query(None, description="Actor id at either end."),
                  type: Optional[str] = Query(None), sign: Optional[int] = Query(None, ge=-1, le=1),
                  status: Optional[str] = Query(None), min_confidence: float = Query(0.0, ge=0.0, le=1.0),
                  review: Optional[str] = Query(None, description="confirmed, edited or added"),
                  offset: int = Offset, limit: int = Limit) -> JSONResponse:
    v = view(request)
    wanted = v.actor_id(actor) if actor else None
    rels = v.by_actor.get(wanted, []) if actor else v.graph.relations
    found = [r for r in rels if (type is None or r.type == type) and (sign is None or r.sign == sign)
             and (status is None or r.modality.status == status) and r.confidence >= min_confidence
             and (review is None or r.review == review)]
    return fast_json(paginate(found, offset, limit, lambda r: relation_json(v, r)))


def relation_data(request: Request, relation_id: str) -> dict[str, Any]:
    v = view(request)
    r = relation_or_404(v, relation_id)
    return {**relation_json(v, r), "evidence": _evidence(v, r)}


@router.get("/api/relations/{relation_id}", tags=["relations"], summary="One relation with its evidence")
def api_relation(request: Request, relation_id: str) -> JSONResponse:
    return fast_json(relation_data(request, relation_id))


@router.get("/relations/{relation_id}", include_in_schema=False)
def relation_page(request: Request, relation_id: str):
    data = relation_data(request, relation_id)
    return page(request, "relation.html", title=f"{data['source_name']} {data['type']} {data['target_name']}",
                rel=data, statuses=STATUSES, types=sorted(load("events")["types"]))
