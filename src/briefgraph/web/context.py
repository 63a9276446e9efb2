"""The store behind the web app: one SQLite connection per worker thread, and the reviewed graph
with its indexes and analysis cached until the store changes."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from ..model import Actor, Document, Graph, Relation, name_key
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

    @cached_property
    def name_keys(self) -> list[tuple[Actor, list[str]]]:
        return [(a, [name_key(n) for n in a.names()]) for a in self.graph.actors]

    @cached_property
    def evidence_relations(self) -> dict[tuple[str, int, int], list[str]]:
        """(document, start, end) of every evidence sentence -> the relations it supports."""
        out: dict[tuple[str, int, int], list[str]] = {}
        for r in self.graph.relations:
            for e in r.evidence:
                out.setdefault((e.doc, e.start, e.end), []).append(r.id)
        return out

    def analysis(self) -> dict[str, Any]:
        with self._lock:  # computed once per view even when many requests ask at the same moment
            if "_analysis" not in self.__dict__:
                from ..analysis import analyze_network, network  # scipy: loaded when first needed, not at start-up
                self.__dict__["_analysis"] = analyze_network(self.graph, network(self.graph))
        return self.__dict__["_analysis"]

    def derived(self, name: str, build: Callable[["View"], Any]) -> Any:
        """`build(view)`, computed once per view: lookups a resource module keeps for itself."""
        key = "_derived_" + name
        if key not in self.__dict__:
            with self._lock:
                if key not in self.__dict__:
                    self.__dict__[key] = build(self)
        return self.__dict__[key]

    def has_analysis(self) -> bool:
        return "_analysis" in self.__dict__

    def actor_id(self, ref: str) -> str | None:
        """The current id of an actor id, following review merges."""
        ref = self.reviewed.moved.get(ref, ref)
        return ref if ref in self.actors else None


# While another process writes, the store is read again at most this often: each reading of a large
# store costs the requests around it, so a running ingest shows up in the pages a few seconds late.
REREAD_SECONDS = 5.0
# The version query counts rows of several tables: under load it is asked at most this often.
CHECK_SECONDS = 0.5
# Graphs up to this many relations are analysed while a page waits; larger ones only on the analysis page.
SMALL_GRAPH = 1500


class Workbench:
    """What every request needs: the store path, a connection for this thread, the current view.

    When another process writes the store (an ingest), requests keep answering from the last view
    while one background thread reads the new one: reading a large store takes longer than a
    request may. Writes made through the app call `refresh()`, so their author sees them at once.
    """

    def __init__(self, db: str):
        self.db = db
        with Store(db, create=False) as store:  # fail at start-up, not on the first request, when there is no store
            _prefer_wal(store)
        self._local = threading.local()
        self._view: View | None = None
        self._lock = threading.Lock()  # held while the store is read: requests never wait on it
        self._flag = threading.Lock()  # guards `_reading` only, so starting a background read never blocks
        self._reading = False
        self._last_read = 0.0
        self._last_check = 0.0
        self._analysed: View | None = None  # the newest view whose analysis is done
        # Counts the readings made for a write through this app (a review decision, an upload): answers
        # computed before one must never be served again, not even while a newer one is computed.
        self.own_writes = 0

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db, create=False)
        return store

    def version(self) -> tuple:
        return tuple(self.store().db.execute(VERSION_SQL).fetchone())

    def view(self) -> View:
        view = self._view
        if view is None:
            return self._read()
        self._check(view)
        return view

    def generation(self) -> tuple | None:
        """What an answer computed now depends on: the view and the analysis pages may show (None before
        the first reading). A new view or a finished analysis gives a new generation."""
        view = self._view
        if view is None:
            return None
        self._check(view)
        return (self._view, self._analysed)

    def _check(self, view: View) -> None:
        """Start reading the store again when another process changed it and the last reading is old."""
        now = time.monotonic()
        if now - self._last_read <= REREAD_SECONDS or now - self._last_check <= CHECK_SECONDS:
            return
        self._last_check = now
        if view.version != self.version():
            self._read_in_background()

    def analysis(self, wait: bool = True) -> dict[str, Any] | None:
        """The analysis of the current view. Without `wait`, on a large graph whose analysis is not done,
        the last one computed (possibly of an older view) or None: it can take many seconds."""
        view = self.view()
        if wait or view.has_analysis() or len(view.graph.relations) <= SMALL_GRAPH:
            result = view.analysis()
            self._analysed = view
            return result
        return self._analysed.analysis() if self._analysed is not None else None

    def refresh(self) -> View:
        """Read the store now, after a write through this app, and make that the view every request sees."""
        return self._read(own_write=True)

    def _read(self, own_write: bool = False) -> View:
        with self._lock:
            version = self.version()
            if self._view is None or self._view.version != version:
                self._view = _warm(View(self.store().reviewed_graph(), version))
            self._last_read = time.monotonic()
            if own_write:  # counted under the lock, once the view shows the write: two writes never count once
                self.own_writes += 1
            return self._view

    def _read_in_background(self) -> None:
        with self._flag:
            if self._reading:
                return
            self._reading = True

        def read() -> None:
            try:
                self._read()
            finally:
                self._reading = False
        threading.Thread(target=read, name="briefgraph-view", daemon=True).start()


def _warm(view: View) -> View:
    """Build the view's lookups before any request sees it, so no request pays for them."""
    for lookup in ("actors", "relations", "documents", "by_actor", "degree", "name_keys", "evidence_relations"):
        getattr(view, lookup)
    return view


def _prefer_wal(store: Store) -> None:
    """Write-ahead logging lets the app's readers go on while an ingest writes (a setting of the file)."""
    try:
        store.db.execute("PRAGMA journal_mode=WAL")
    except Exception:  # a read-only file or folder keeps its journal mode; the app still works
        pass
