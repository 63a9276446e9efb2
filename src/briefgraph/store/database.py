"""The SQLite store: one file, one writer, one transaction per document."""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..model import Actor, Document, Graph, name_key
from ..settings import DEFAULT_DB
from ..review.apply import Reviewed, apply_review
from ..review.log import Decision, in_force, read_log
from .query import actors_named, all_actors, read_graph
from .schema import migrate
from .write import write_document

_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class Store:
    """Documents, actors, mentions and claims in one SQLite file; relations are derived from claims.

    `create=False` refuses a path with no file yet, so a mistyped --db is an error rather than
    a silent new, empty store.
    """

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, *, create: bool = True):
        self.path = str(path)
        self.db = _connect(self.path, create)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def has(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add(self, document: Document, graph: Graph) -> bool:
        """Store one document and its graph, all or nothing; False when its text is already stored."""
        try:
            with self.transaction():
                if self.has(document.id):
                    return False
                write_document(self.db, document, graph)
        except (sqlite3.Error, TypeError, ValueError) as exc:  # TypeError: attributes JSON cannot encode
            raise StoreError(f"{document.path}: not stored: {exc}") from exc
        return True

    def graph(self, since: str | None = None, until: str | None = None) -> Graph:
        """The whole stored graph, or the part from documents dated in [since, until] (inclusive).

        `since` and `until` are ISO dates or prefixes of one: until='2021-10' takes all of October.
        """
        for value in (since, until):
            if value and not _DATE_PREFIX.fullmatch(value):
                raise StoreError(f"not a date: {value!r} (expected e.g. 2021-10-04, 2021-10 or 2021)")
        return self.reviewed(lambda: read_graph(self.db, since, until)).graph

    def actors(self) -> list[Actor]:
        """Every stored actor, with its mentions across documents, oldest first (review decisions applied)."""
        return self.reviewed(lambda: Graph(actors=all_actors(self.db))).graph.actors

    def reviewed_graph(self) -> Reviewed:
        """The whole graph after review, with where merged ids went and the labelled claims."""
        return self.reviewed(lambda: read_graph(self.db))

    def reviewed(self, read) -> Reviewed:
        """The graph `read()` returns with the review decisions in force applied: the one place they are."""
        return self._read(lambda: apply_review(read(), in_force(read_log(self.db))))

    def actor(self, ref: str) -> Actor:
        """The one actor `ref` names (id, name or alias), with its mentions; StoreError when none or several match."""
        reviewed = self.reviewed(lambda: Graph(actors=all_actors(self.db)))
        found = _named(reviewed.graph.actors, ref)
        if not found:  # an id or name the store knows that review merged away
            ids = {reviewed.moved.get(a.id, a.id) for a in self._read(lambda: actors_named(self.db, ref))}
            found = [a for a in reviewed.graph.actors if a.id in ids]
        if not found:
            raise StoreError(f"no actor named {ref!r} in {self.path}")
        if len(found) > 1:
            names = ", ".join(a.name for a in found)
            raise StoreError(f"{ref!r} names {len(found)} actors in {self.path}: {names}; give the full name")
        return found[0]

    def reviewed_log(self) -> list[Decision]:
        """Every review decision ever taken on this store, undos included, oldest first."""
        return self._read(lambda: read_log(self.db))

    def document_text(self, doc_id: str) -> str:
        row = self._read(lambda: self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone())
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        return row[0]

    def _read(self, fn):
        try:
            return fn()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read store: {exc}") from exc


def _named(actors: list[Actor], ref: str) -> list[Actor]:
    """Actors with id `ref`, else with `ref` as canonical name, else as any name."""
    by_id = [a for a in actors if a.id == ref]
    if by_id:
        return by_id
    key = name_key(ref)
    if not key:
        return []
    found = [a for a in actors if key in {name_key(n) for n in a.names()}]
    return [a for a in found if name_key(a.name) == key] or found


def _connect(path: str, create: bool) -> sqlite3.Connection:
    if path != ":memory:" and not os.path.exists(path):
        if not create:
            raise StoreError(f"no store at {path}; add briefs first: briefgraph add PATH --db {path}")
        with contextlib.suppress(OSError):  # an unwritable folder is reported by connect below
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=30)  # autocommit: we BEGIN ourselves
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open store: {exc}") from exc
    try:
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except (sqlite3.Error, StoreError) as exc:
        db.close()
        raise StoreError(f"{path}: cannot open store: {exc}") from exc
    return db
