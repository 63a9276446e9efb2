"""Engines run the one per-document extraction (`nlp.pipeline.extract_documents_iter`) somewhere.

Every engine takes documents and gives back (document, graph) pairs in the order the documents came,
so the store sees the same sequence whichever engine ran: `local` in this process or in N worker
processes on this machine, `ray` on a Ray cluster (the optional extra `briefgraph[ray]`).
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Protocol

from ..model import Document, Graph


class Engine(Protocol):
    def graphs(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Graph]]:
        """(document, its graph) for every document, in the order given."""
        ...


def default_jobs() -> int:
    """The cores this process may run on (the affinity mask where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def local_engine(jobs: int | None = None, model: str | None = None, generic_actors: bool = False,
                 catalog: str | None = None, worker_docs: int | None = None) -> Engine:
    """`worker_docs`: documents a worker parses before a fresh one replaces it (default: settings.worker_docs)."""
    from .local import LocalEngine
    return LocalEngine(jobs=default_jobs() if jobs is None else jobs, model=model, generic_actors=generic_actors,
                       catalog=catalog, worker_docs=worker_docs)


__all__ = ["Engine", "default_jobs", "local_engine"]
