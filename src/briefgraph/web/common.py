"""Helpers every resource module shares: the workbench of a request, pages, pagination, JSON shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import orjson
from fastapi import Query, Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..model import Actor, Relation
from ..store.search import HIT_END, HIT_START
from .context import View, Workbench
from .errors import ApiError

HERE = Path(__file__).parent
MAX_LIMIT = 500

templates = Jinja2Templates(directory=str(HERE / "templates"))


def hits(snippet: str) -> Markup:
    """A search snippet as HTML: the text escaped first, then its hit markers turned into <mark>."""
    return Markup(str(escape(snippet)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


templates.env.filters["hits"] = hits


def workbench(request: Request) -> Workbench:
    return request.app.state.workbench


def view(request: Request) -> View:
    return workbench(request).view()


def page(request: Request, template: str, **context: Any):
    context.setdefault("title", "briefgraph")
    return templates.TemplateResponse(request, template, {"csrf": request.state.csrf, **context})


Offset = Query(0, ge=0, le=10_000_000, description="How many items to skip.")
Limit = Query(50, ge=1, le=MAX_LIMIT, description="How many items to return at most.")


def paginate(items: Iterable[Any], offset: int, limit: int, render: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """One page of `items`: {items, total, offset, limit}; only the page's items are `render`ed."""
    items = list(items)
    page_items = items[offset:offset + limit]
    return {"items": [render(i) for i in page_items] if render else page_items, "total": len(items),
            "offset": offset, "limit": limit}


class FastJSONResponse(JSONResponse):
    """JSON encoded by orjson, many times faster than the standard encoder: compact UTF-8, and a NaN or an
    infinity (never expected) as null rather than an error."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def fast_json(data: Any) -> JSONResponse:
    """Plain data straight to JSON, skipping FastAPI's generic encoder (several times slower on big answers)."""
    return FastJSONResponse(data)


def actor_or_404(v: View, actor_id: str) -> Actor:
    found = v.actor_id(actor_id)
    if found is None:
        raise ApiError(404, f"no actor {actor_id!r}")
    return v.actors[found]


def relation_or_404(v: View, relation_id: str) -> Relation:
    rel = v.relations.get(relation_id)
    if rel is None:
        raise ApiError(404, f"no relation {relation_id!r}")
    return rel


def actor_summary(v: View, a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "type": a.type, "aliases": list(a.aliases), "relations": v.degree.get(a.id, 0),
            "mentions": len(a.mentions), "documents": len({m.doc for m in a.mentions})}


def relation_json(v: View, r: Relation) -> dict[str, Any]:
    names = v.actors
    d = r.to_dict()
    d["source_name"] = names[r.source].name if r.source in names else r.source
    d["target_name"] = names[r.target].name if r.target in names else r.target
    return d
