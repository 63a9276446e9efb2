"""The store behind the web app: one SQLite connection per worker thread, and the reviewed graph
with its indexes and analysis cached until the store changes."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..analysis import analyze_network, network
from ..model import Actor, Document, Graph, Relation
from ..review.apply import Reviewed
from ..store.database import Store

# Cheap to read on every request; changes whenever a brief, a merge by extraction or a decision is written.
VERSION_SQL = """SELECT (SELECT COUNT(*) FROM documents), (SELECT COALESCE(MAX(id), 0) FROM claims),
                        (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM aliases),
                        (SELECT COALESCE(MAX(id), 0) FROM review_decisions)"""


@dataclass
class View:
    """One consistent reading of the store: the reviewed graph and lookups over it."""
    reviewed: Reviewed
    version: tuple
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def graph(self) -> Graph:
        return self.reviewed.graph

    @cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.graph.actors}

    @cached_property
    def relations(self) -> dict[str, Relation]:
        return {r.id: r for r in self.graph.relations}

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {d.id: d for d in self.graph.documents}

    @cached_property
    def by_actor(self) -> dict[str, list[Relation]]:
        out: dict[str, list[Relation]] = {}
        for r in self.graph.relations:
            out.setdefault(r.source, []).append(r)
            if r.target != r.source:
                out.setdefault(r.target, []).append(r)
        return out

    @cached_property
    def degree(self) -> dict[str, int]:
        return {a: len(rels) for a, rels in self.by_actor.items()}

    def analysis(self) -> dict[str, Any]:
        with self._lock:  # computed once per view even when many requests ask at the same moment
            if "_analysis" not in self.__dict__:
                self.__dict__["_analysis"] = analyze_network(self.graph, network(self.graph))
        return self.__dict__["_analysis"]

    def actor_id(self, ref: str) -> str | None:
        """The current id of an actor id, following review merges."""
        ref = self.reviewed.moved.get(ref, ref)
        return ref if ref in self.actors else None


class Workbench:
    """What every request needs: the store path, a connection for this thread, the current view."""

    def __init__(self, db: str):
        self.db = db
        Store(db, create=False).close()  # fail at start-up, not on the first request, when there is no store
        self._local = threading.local()
        self._view: View | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db, create=False)
        return store

    def view(self) -> View:
        store = self.store()
        version = tuple(store.db.execute(VERSION_SQL).fetchone())
        view = self._view
        if view is not None and view.version == version:
            return view
        with self._lock:
            if self._view is None or self._view.version != version:
                self._view = View(store.reviewed_graph(), version)
            return self._view
