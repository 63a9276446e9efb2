"""The web app: `create_app(db)` builds it; `briefgraph serve` runs it with uvicorn."""
from __future__ import annotations

import contextlib

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from . import actors, analysis, cache, documents, errors, front, graph, overview, relations, review, search, security, upload
from .common import HERE
from .context import Workbench

API_DESCRIPTION = """The briefgraph store over HTTP: actors, relations, documents, search, the graph, the
analysis, review decisions and uploads. Lists are paginated with `offset` and `limit` and come back as
`{items, total, offset, limit}`. Every error is `{"error": {"status", "code", "message"}}`.
State-changing requests need the `X-CSRF-Token` header (from `GET /api/csrf`) unless they carry the
server's token as `Authorization: Bearer TOKEN`."""


class WorkbenchAPI(FastAPI):
    """FastAPI with the front door (`front.py`) outside its whole middleware stack."""

    def build_middleware_stack(self):
        return front.FrontDoor(super().build_middleware_stack(), self.state.answers, self.state.guard)


BUNDLE = HERE.parent / "report" / "assets" / "graph.bundle.js"  # built by `make bundle`, not in git


def create_app(db: str, token: str | None = None, allowed_hosts: set[str] | None = None,
               model: str | None = None, catalogue: str | None = None) -> FastAPI:
    """The app over the store at `db`; with `token`, every request must present it."""
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.jobs.stop()  # let an upload being stored finish before the process exits

    app = WorkbenchAPI(title="briefgraph", version="1", description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.workbench = Workbench(db)
    app.state.jobs = upload.Jobs(db, model, catalogue, on_stored=app.state.workbench.refresh)
    app.state.catalogue = catalogue
    app.state.graph_bundle = BUNDLE.is_file()
    app.state.answers = cache.Answers(app.state.workbench)
    app.state.guard = security.Guard(token, frozenset(allowed_hosts) if allowed_hosts else None)
    errors.install(app)
    app.add_middleware(cache.CacheMiddleware, answers=app.state.answers)  # inside the security checks
    security.install(app, app.state.guard)
    for module in (overview, search, actors, relations, documents, graph, analysis, review, upload):
        app.include_router(module.router, responses=errors.RESPONSES)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if app.state.graph_bundle:
        @app.get("/bundle/graph.bundle.js", include_in_schema=False)
        def _bundle():
            return FileResponse(BUNDLE, media_type="text/javascript")
    return app
