"""The SQLite store: one file, one writer, one transaction per document."""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote
from typing import Iterator

from ..errors import StoreDamaged, StoreError
from ..model import Actor, Document, Graph
from ..settings import DEFAULT_DB
from .query import actors_named, all_actors, mentions_of, read_graph
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
        return self._read(lambda: self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()) is not None

    def add(self, document: Document, graph: Graph) -> bool:
        """Store one document and its graph, all or nothing; False when its text is already stored."""
        try:
            with self.transaction():
                if self.has(document.id):
                    return False
                write_document(self.db, document, graph)
        except sqlite3.DatabaseError as exc:
            if _damaged(exc):  # every later brief would fail the same way: stop here, in one line
                raise StoreDamaged(f"{self.path}: {_reason(exc)}") from exc
            raise StoreError(f"{document.path}: not stored: {exc}") from exc
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
        return self._read(lambda: read_graph(self.db, since, until))

    def actors(self) -> list[Actor]:
        """Every stored actor, with its mentions across documents, oldest first."""
        return self._read(lambda: all_actors(self.db))

    def actor(self, ref: str) -> Actor:
        """The one actor `ref` names (id, name or alias), with its mentions; StoreError when none or several match."""
        found = self._read(lambda: actors_named(self.db, ref))
        if not found:
            raise StoreError(f"no actor named {ref!r} in {self.path}")
        if len(found) > 1:
            names = ", ".join(a.name for a in found)
            raise StoreError(f"{ref!r} names {len(found)} actors in {self.path}: {names}; give the full name")
        found[0].mentions = self._read(lambda: mentions_of(self.db, found[0].id))
        return found[0]

    def _read(self, fn):
        try:
            return fn()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read store: {_reason(exc)}") from exc


def _connect(path: str, create: bool) -> sqlite3.Connection:
    """Open the store: never create one for a reader, never touch a file that is not a briefgraph store."""
    if path != ":memory:" and not os.path.exists(path):
        if not create:
            raise StoreError(f"no store at {path}; add briefs first: briefgraph add PATH --db {path}")
        with contextlib.suppress(OSError):  # an unwritable folder is reported by connect below
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        # autocommit: we BEGIN ourselves; mode=rw for readers, so SQLite itself never creates a file
        uri = f"file:{quote(path)}?mode={'rwc' if create else 'rw'}" if path != ":memory:" else path
        db = sqlite3.connect(uri, isolation_level=None, timeout=30, uri=path != ":memory:")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open store: {exc}") from exc
    try:
        _check_ours(db, path, create)
        db.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")  # a long reader never blocks the writer, nor it them
        migrate(db)
    except (sqlite3.Error, StoreError) as exc:
        db.close()
        raise StoreError(f"{path}: cannot open store: {_reason(exc)}") from exc
    return db


def _check_ours(db: sqlite3.Connection, path: str, create: bool) -> None:
    """A briefgraph store records its migrations; an empty file is a new store only for a writer."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        if not create:
            raise StoreError("empty file, not a briefgraph store; add briefs first: "
                             f"briefgraph add PATH --db {path}")
        return
    first = "migrations" in tables and db.execute("SELECT name FROM migrations ORDER BY rowid LIMIT 1").fetchone()
    if not first or first[0] != "m001_documents":
        raise StoreError("not a briefgraph store (another application's database?); left untouched")


def _damaged(exc: Exception) -> bool:
    return "malformed" in str(exc) or "not a database" in str(exc)


def _reason(exc: Exception) -> str:
    text = str(exc).removeprefix("cannot open store: ")
    return f"store is damaged ({text})" if "malformed" in text else text
