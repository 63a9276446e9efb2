"""The analyst's workbench: a FastAPI app over a store (pages, a REST API under /api, review, upload).
Needs the `web` extra: pip install 'briefgraph[web]'."""
from .app import create_app

__all__ = ["create_app"]
