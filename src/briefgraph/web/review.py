"""Review decisions over HTTP: the same `Review` the CLI uses, each answered with the logged decision."""
from __future__ import annotations

import json
from typing import Any, Literal, Optional

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from ..model import ACTOR_TYPES, STATUSES
from ..nlp.lexicon import load
from ..review import Review, examples
from ..review.log import reverted
from ..review.catalogue import catalogue_path
from .common import Limit, Offset, page, paginate, workbench

router = APIRouter(tags=["review"])
Text = Field("", max_length=2000)
Name = Field(..., min_length=1, max_length=300, pattern=r"\w")  # at least one letter or digit
ActorType = Literal[ACTOR_TYPES]
Status = Literal[STATUSES]
RelationType = Literal[tuple(sorted(load("events")["types"]))]


class NDJSONResponse(PlainTextResponse):
    media_type = "application/x-ndjson"


class Why(BaseModel):
    why: str = Text
    who: Optional[str] = Field(None, max_length=100)


class Edit(Why):
    type: Optional[RelationType] = None
    sign: Optional[int] = Field(None, ge=-1, le=1)
    reverse: bool = False
    status: Optional[Status] = None


class NewRelation(Why):
    source: str = Name
    target: str = Name
    type: RelationType
    doc: str = Field(..., max_length=100)
    start: int = Field(..., ge=0)
    end: int = Field(..., ge=1)
    status: Status = "asserted"


class Merge(Why):
    into: str = Name
    other: str = Name


class Split(Why):
    names: list[str] = Field(..., min_length=1, max_length=50)
    type: Optional[ActorType] = None


class Rename(Why):
    name: str = Name


class Alias(Why):
    alias: str = Name
    remove: bool = False


class Retype(Why):
    type: ActorType


class CatalogueEntry(Why):
    name: str = Name
    type: ActorType
    aliases: list[str] = Field(default_factory=list, max_length=50)


def _review(request: Request, body: Why) -> Review:
    return Review(workbench(request).store(), body.who)


def _done(request: Request, decision) -> dict[str, Any]:
    workbench(request).refresh()  # the next page its author opens shows the decision
    return decision.to_dict()


@router.post("/api/review/relations/{relation_id}/confirm", summary="Confirm a relation")
def confirm(request: Request, relation_id: str, body: Why) -> dict[str, Any]:
    return _done(request, _review(request, body).confirm(relation_id, body.why))


@router.post("/api/review/relations/{relation_id}/reject", summary="Reject a relation")
def reject(request: Request, relation_id: str, body: Why) -> dict[str, Any]:
    return _done(request, _review(request, body).reject(relation_id, body.why))


@router.post("/api/review/relations/{relation_id}/edit", summary="Edit a relation's type, sign, direction or modality")
def edit(request: Request, relation_id: str, body: Edit) -> dict[str, Any]:
    return _done(request, _review(request, body).edit(relation_id, body.why, type=body.type or None, sign=body.sign,
                                              reverse=body.reverse, status=body.status or None))


@router.post("/api/review/relations", summary="Add a relation by hand from an evidence span")
def add(request: Request, body: NewRelation) -> dict[str, Any]:
    return _done(request, _review(request, body).add(body.source, body.target, body.type, body.doc, body.start, body.end,
                                             body.why, status=body.status))


@router.post("/api/review/merge", summary="Merge the actor `other` into `into`")
def merge(request: Request, body: Merge) -> dict[str, Any]:
    return _done(request, _review(request, body).merge(body.into, body.other, body.why))


@router.post("/api/review/actors/{actor_id}/split", summary="Split aliases off an actor into a new one")
def split(request: Request, actor_id: str, body: Split) -> dict[str, Any]:
    return _done(request, _review(request, body).split(actor_id, body.names, body.why, type=body.type or None))


@router.post("/api/review/actors/{actor_id}/rename", summary="Rename an actor")
def rename(request: Request, actor_id: str, body: Rename) -> dict[str, Any]:
    return _done(request, _review(request, body).rename(actor_id, body.name, body.why))


@router.post("/api/review/actors/{actor_id}/alias", summary="Add or remove an alias")
def alias(request: Request, actor_id: str, body: Alias) -> dict[str, Any]:
    return _done(request, _review(request, body).alias(actor_id, body.alias, body.why, remove=body.remove))


@router.post("/api/review/actors/{actor_id}/retype", summary="Change an actor's type")
def retype(request: Request, actor_id: str, body: Retype) -> dict[str, Any]:
    return _done(request, _review(request, body).retype(actor_id, body.type, body.why))


@router.post("/api/review/catalogue", summary="Add an actor to the user catalogue")
def catalogue(request: Request, body: CatalogueEntry) -> dict[str, Any]:
    path = request.app.state.catalogue or str(catalogue_path())
    return _done(request, _review(request, body).catalogue(body.name, body.type, path, body.aliases, body.why))


@router.post("/api/review/decisions/{decision_id}/undo", summary="Undo a decision (logged as a new entry)")
def undo(request: Request, decision_id: int, body: Why) -> dict[str, Any]:
    return _done(request, _review(request, body).undo(decision_id, body.why))


@router.get("/api/review/log", summary="The audit log, newest first")
def log(request: Request, offset: int = Offset, limit: int = Limit) -> dict[str, Any]:
    entries = workbench(request).store().reviewed_log()
    return paginate((d.to_dict() for d in reversed(entries)), offset, limit)


@router.get("/api/review/export", summary="The decisions as labelled examples (JSON Lines)",
            response_class=NDJSONResponse)
def export(request: Request) -> NDJSONResponse:
    reviewed = workbench(request).view().reviewed
    return NDJSONResponse("".join(json.dumps(ex, ensure_ascii=False) + "\n" for ex in examples(reviewed)))


@router.get("/review", include_in_schema=False)
def log_page(request: Request):
    entries = workbench(request).store().reviewed_log()
    return page(request, "review.html", title="Review log", entries=list(reversed(entries)), reverted=reverted(entries))
