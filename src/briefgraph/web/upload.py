"""Uploading briefs from the browser: checked at once (type, size, readable text), then extracted
and stored by one background worker (the store's single writer), with progress to poll."""
from __future__ import annotations

import itertools
import os
import queue
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request, UploadFile

from ..errors import BriefgraphError
from ..model import Document
from ..read.base import Refused
from ..read.formats import reader_for
from .common import page
from .errors import ApiError

router = APIRouter()
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_UPLOAD_BYTES = int(os.environ.get("BRIEFGRAPH_MAX_UPLOAD_BYTES", 10_000_000))


@dataclass
class Job:
    id: int
    filename: str
    state: str = "queued"  # queued -> extracting -> storing -> done | duplicate | failed
    message: str = ""
    doc: str | None = None
    actors: list[dict[str, str]] = field(default_factory=list)


class Jobs:
    """The upload queue and its one worker thread, started on the first upload."""

    def __init__(self, db: str, model: str | None = None, catalog: str | None = None, on_stored=None):
        self.db, self.model, self.catalog, self.on_stored = db, model, catalog, on_stored
        self.jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._queue: queue.Queue = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, filename: str, document: Document) -> Job:
        job = Job(next(self._ids), filename)
        self.jobs[job.id] = job
        self._queue.put((job, document))
        with self._lock:
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="briefgraph-ingest", daemon=True)
                self._worker.start()
        return job

    def stop(self) -> None:
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join(timeout=30)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            job, document = item
            try:
                self._ingest(job, document)
            except BriefgraphError as exc:
                job.state, job.message = "failed", str(exc)
            except Exception as exc:  # a worker that dies would leave every later upload queued forever
                job.state, job.message = "failed", f"{document.path}: not stored: {type(exc).__name__}: {exc}"

    def _ingest(self, job: Job, document: Document) -> None:
        from ..api import iter_graphs  # the NLP stack loads on the first upload, not at start-up
        from ..store.database import Store
        job.state = "extracting"
        # The catalogue only when one exists: review may name a file it has not written yet.
        catalog = self.catalog if self.catalog and os.path.isfile(self.catalog) else None
        [(_, graph)] = list(iter_graphs([document], model=self.model, catalog=catalog))
        job.state = "storing"
        with Store(self.db) as store:
            stored = store.add(document, graph)
        if self.on_stored is not None:
            self.on_stored()
        job.doc = document.id
        job.actors = [{"id": a.id, "name": a.name, "type": a.type} for a in graph.actors]
        job.state = "done" if stored else "duplicate"
        job.message = (f"stored {document.path}: {len(graph.actors)} actors, {len(graph.relations)} relations"
                       if stored else f"{document.path} is already stored")


def safe_name(filename: str | None) -> str:
    name = PurePath(filename or "upload").name
    return re.sub(r"[^\w.\- ]+", "_", name)[:120] or "upload"


async def _read_limited(file: UploadFile) -> bytes:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApiError(413, f"{safe_name(file.filename)}: larger than {MAX_UPLOAD_BYTES:,} bytes")
    return data


def parse_upload(name: str, data: bytes) -> Document:
    """The brief in an uploaded file, or an ApiError with one clear message."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ApiError(415, f"{name}: not a brief file; upload .txt, .md, .html or .pdf")
    try:
        parsed = reader_for(suffix, data)(data)
    except Refused as exc:
        raise ApiError(400, f"{name}: {exc.reason}") from None
    return Document(text=parsed.text, path=f"upload/{name}", title=parsed.title, date=parsed.date)


@router.post("/api/uploads", tags=["uploads"], status_code=202, responses={413: {"description": "too large"}, 415: {"description": "not a brief file"}},
             summary="Upload a brief (.txt, .md, .html, .pdf); it is extracted in the background")
async def upload(request: Request, file: UploadFile) -> dict[str, Any]:
    name = safe_name(file.filename)
    document = parse_upload(name, await _read_limited(file))
    return asdict(request.app.state.jobs.submit(name, document))


@router.get("/api/uploads/{job_id}", tags=["uploads"], summary="Progress of one upload")
def job(request: Request, job_id: int) -> dict[str, Any]:
    found = request.app.state.jobs.jobs.get(job_id)
    if found is None:
        raise ApiError(404, f"no upload job {job_id}")
    return asdict(found)


@router.get("/upload", include_in_schema=False)
def upload_page(request: Request):
    jobs = sorted(request.app.state.jobs.jobs.values(), key=lambda j: -j.id)
    return page(request, "upload.html", title="Upload", jobs=jobs, suffixes=", ".join(SUFFIXES),
                max_bytes=MAX_UPLOAD_BYTES)
