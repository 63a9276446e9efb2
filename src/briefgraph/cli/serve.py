"""`briefgraph serve`: the web workbench over a store, on loopback unless a token guards it."""
from __future__ import annotations

import ipaddress
import os
from typing import Annotated, Optional

import typer

from ..errors import BriefgraphError
from ..settings import catalog_path, db_path, model_name
from .app import app
from .common import DbOpt, exit_on_error

TOKEN_ENV = "BRIEFGRAPH_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token: the store and its review log would be open to anyone."""
    if not is_loopback(host) and not token:
        raise BriefgraphError(f"refusing to listen on {host} without a token: give --token or set {TOKEN_ENV} "
                              "(every request must then present it)")


def loopback_hosts(port: int) -> set[str]:
    """Host headers a loopback server answers; others are refused (DNS rebinding)."""
    return {f"{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]")} | ({"127.0.0.1", "localhost"} if port == 80 else set())


@app.command("serve")
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on. Loopback by default so only this "
                                            "machine can reach the store; any other address needs a token.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          token: Annotated[Optional[str], typer.Option("--token", help=f"Access token every request must present "
                                                       f"(default: ${TOKEN_ENV}).")] = None,
          model: Annotated[Optional[str], typer.Option("--model", help="spaCy model for uploads.")] = None,
          catalog: Annotated[Optional[str], typer.Option("--catalog", help="User actor catalogue YAML: review adds "
                                                         "to it, uploads are extracted with it (default: "
                                                         "$BRIEFGRAPH_CATALOG).")] = None) -> None:
    """Serve the analyst's workbench: search, actor and document pages, graph, analysis, review, upload.

    Open http://127.0.0.1:8000/ ; the API and its OpenAPI schema are under /api (docs at /api/docs).

    Example: briefgraph serve --db corpus.db --port 8000
    """
    token = token or os.environ.get(TOKEN_ENV) or None
    try:
        check_bind(host, token)
        import uvicorn
        from ..web import create_app
        web = create_app(db_path(db), token=token, model=model_name(model), catalogue=catalog_path(catalog),
                         allowed_hosts=loopback_hosts(port) if is_loopback(host) else None)
    except BriefgraphError as exc:
        exit_on_error(exc)
    except ImportError as exc:
        exit_on_error(BriefgraphError(f"the web app needs its extra: pip install 'briefgraph[web]' ({exc.name} missing)"))
    typer.echo(f"briefgraph serving {db_path(db)} on http://{host}:{port}/", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")
