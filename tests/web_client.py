"""A TestClient over a small hand-made store, with the CSRF secret the pages hand out."""
from __future__ import annotations

import warnings

from store_builders import filled_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about its httpx backend
    from fastapi.testclient import TestClient

from briefgraph.web import create_app


def client_for(db, **options) -> TestClient:
    client = TestClient(create_app(str(db), **options))
    client.get("/")  # sets the CSRF cookie, as a browser's first page does
    return client


def csrf_headers(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/csrf").json()["token"]}


def make_store(tmp_path):
    filled_store(tmp_path / "corpus.db").close()
    return tmp_path / "corpus.db"
