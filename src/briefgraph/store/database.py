"""The store: one SQLite file (the default) or a PostgreSQL database (a team store); one writer at a
time, one transaction per document."""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote
from typing import TYPE_CHECKING, Iterator

from ..errors import StoreDamaged, StoreError
from ..model import Actor, Document, Graph, Relation, name_key
from ..review.log import Decision, in_force, read_log
from ..settings import DEFAULT_DB
from .postgres import BackendError, display_url, has_store, is_postgres_url, schema_lock
from .postgres import connect as connect_postgres
from .query import actor_profile_graph, actors_named, all_actors, names_of, mentions_of, read_graph, relation_graph
from .relations import read_relations
from .schema import migrate

if TYPE_CHECKING:  # applying decisions, writing and removing load when used: a read needs none of them
    from ..review.apply import Reviewed

_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DB_ERRORS = (sqlite3.Error, BackendError)  # what either backend raises when a statement fails


class Store:
    """Documents, actors, mentions and claims in one SQLite file or PostgreSQL database (a postgresql:// URL),
    with relation rows kept in step with the claims.

    `create=False` refuses a path with no file yet, so a mistyped --db is an error rather than
    a silent new, empty store.
    """

    def __init__(self, path: str | os.PathLike = DEFAULT_DB, *, create: bool = True):
        self.path = str(path)
        if is_postgres_url(self.path):
            self.path = display_url(self.path)  # messages name the store, never its password
            self.db = _connect_postgres(str(path), create)
        else:
            self.db = _connect(self.path, create)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:  # or a postgres.PgConnection
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
                from .write import write_document
                write_document(self.db, document, graph)
        except sqlite3.DatabaseError as exc:
            if _damaged(exc):  # every later brief would fail the same way: stop here, in one line
                raise StoreDamaged(f"{self.path}: {_reason(exc)}") from exc
            raise StoreError(f"{document.path}: not stored: {exc}") from exc
        except (*DB_ERRORS, TypeError, ValueError) as exc:  # TypeError: attributes JSON cannot encode
            raise StoreError(f"{document.path}: not stored: {exc}") from exc
        return True

    def graph(self, since: str | None = None, until: str | None = None) -> Graph:
        """The whole stored graph, or the part from documents dated in [since, until] (inclusive).

        `since` and `until` are ISO dates or prefixes of one: until='2021-10' takes all of October.
        """
        _check_window(since, until)
        return self.reviewed(lambda: read_graph(self.db, since, until)).graph

    def relation_graph(self, since: str | None = None, until: str | None = None, texts: bool = False) -> Graph:
        """The graph for analyses and reports: relations with evidence, actors without mentions, no claims.

        Documents carry their texts only with `texts` (the report highlights evidence in them).
        """
        _check_window(since, until)
        if self._decisions():  # review replays decisions over claims: read them, then drop what this view omits
            g = self.graph(since, until)
            return Graph(g.documents, [_without_mentions(a) for a in g.actors], g.relations)
        return self._read(lambda: relation_graph(self.db, since, until, texts))

    def relations(self, actor: str | None = None, evidence: bool = True) -> list[Relation]:
        """Every relation, or those with `actor` (id, name or alias) at either end, read from the relation rows."""
        actor_id = self.actor(actor, mentions=False).id if actor is not None else None
        if self._decisions():
            return [r for r in self.graph().relations if actor_id in (None, r.source, r.target)]
        return self._read(lambda: read_relations(self.db, actor_id, evidence))

    def profile_graph(self, ref: str) -> tuple[Actor, Graph]:
        """The actor `ref` names (with its mentions) and the part of the graph its profile shows."""
        actor = self.actor(ref)
        if self._decisions():
            return actor, self.graph()
        return actor, self._read(lambda: actor_profile_graph(self.db, actor))

    def remove(self, ref: str) -> Document:
        """Remove the document `ref` names (id, id prefix or path) and everything only it supported."""
        from .remove import find_document, remove_document
        document = self._read(lambda: find_document(self.db, ref))
        try:
            with self.transaction():
                remove_document(self.db, document.id)
        except DB_ERRORS as exc:
            raise StoreError(f"{self.path}: {document.path}: not removed: {exc}") from exc
        return document

    def actors(self, mentions: bool = True) -> list[Actor]:
        """Every stored actor, with its mentions across documents (unless `mentions` is False), oldest first."""
        if self._decisions():
            actors = self.reviewed(lambda: Graph(actors=all_actors(self.db, True))).graph.actors
            return actors if mentions else [_without_mentions(a) for a in actors]
        return self._read(lambda: all_actors(self.db, mentions))

    def mention_counts(self) -> dict[str, int]:
        if self._decisions():
            return {a.id: len(a.mentions) for a in self.actors()}
        # the count kept on each actor row (migration m010), not a scan of every mention
        return self._read(lambda: dict(self.db.execute("SELECT id, mention_count FROM actors WHERE mention_count > 0")))

    def actor_names(self, ids) -> dict[str, str]:
        if self._decisions():
            wanted = set(ids)
            return {a.id: a.name for a in self.actors(mentions=False) if a.id in wanted}
        return self._read(lambda: names_of(self.db, ids))

    # -- review -----------------------------------------------------------------------------------
    def _decisions(self) -> list[Decision]:
        """The review decisions in force; none means every read takes the stored rows as they are."""
        return self._read(lambda: in_force(read_log(self.db)))

    def reviewed(self, read) -> Reviewed:
        """The graph `read()` returns with the review decisions in force applied: the one place they are."""
        from ..review.apply import apply_review
        return self._read(lambda: apply_review(read(), in_force(read_log(self.db))))

    def reviewed_graph(self) -> Reviewed:
        """The whole graph after review, with where merged ids went and the labelled claims."""
        return self.reviewed(lambda: read_graph(self.db))

    def reviewed_log(self) -> list[Decision]:
        """Every review decision ever taken on this store, undos included, oldest first."""
        return self._read(lambda: read_log(self.db))

    def document_text(self, doc_id: str) -> str:
        row = self._read(lambda: self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone())
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        return row[0]

    def actor(self, ref: str, mentions: bool = True) -> Actor:
        """The one actor `ref` names (id, name or alias), with its mentions; StoreError when none or several match."""
        if self._decisions():
            return self._reviewed_actor(ref, mentions)
        found = self._read(lambda: actors_named(self.db, ref))
        if not found:
            raise StoreError(f"no actor named {ref!r} in {self.path}")
        if len(found) > 1:
            names = ", ".join(a.name for a in found)
            raise StoreError(f"{ref!r} names {len(found)} actors in {self.path}: {names}; give the full name")
        if mentions:
            found[0].mentions = self._read(lambda: mentions_of(self.db, found[0].id))
        return found[0]

    def _reviewed_actor(self, ref: str, mentions: bool) -> Actor:
        reviewed = self.reviewed(lambda: Graph(actors=all_actors(self.db, True)))
        found = _named(reviewed.graph.actors, ref)
        if not found:  # an id or name the store knows that review merged away
            ids = {reviewed.moved.get(a.id, a.id) for a in self._read(lambda: actors_named(self.db, ref))}
            found = [a for a in reviewed.graph.actors if a.id in ids]
        if not found:
            raise StoreError(f"no actor named {ref!r} in {self.path}")
        if len(found) > 1:
            names = ", ".join(a.name for a in found)
            raise StoreError(f"{ref!r} names {len(found)} actors in {self.path}: {names}; give the full name")
        return found[0] if mentions else _without_mentions(found[0])

    def _read(self, fn):
        try:
            return fn()
        except DB_ERRORS as exc:
            raise StoreError(f"{self.path}: cannot read store: {_reason(exc)}") from exc


def _without_mentions(actor: Actor) -> Actor:
    return Actor(actor.id, actor.name, actor.type, list(actor.aliases), dict(actor.attributes))


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


def _check_window(since: str | None, until: str | None) -> None:
    for value in (since, until):
        if value and not _DATE_PREFIX.fullmatch(value):
            raise StoreError(f"not a date: {value!r} (expected e.g. 2021-10-04, 2021-10 or 2021)")


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


def _connect_postgres(url: str, create: bool):
    """Open a PostgreSQL store: the database must exist; `create` lets an empty one become a store."""
    where = display_url(url)
    try:
        db = connect_postgres(url)
    except BackendError as exc:
        raise StoreError(f"{where}: cannot open store: {exc}") from exc
    try:
        with schema_lock(db):
            usable = create or has_store(db)
            if usable:
                migrate(db)
    except (BackendError, StoreError) as exc:
        db.close()
        raise StoreError(f"{where}: cannot open store: {exc}") from exc
    if not usable:
        db.close()
        raise StoreError(f"no store at {where}; add briefs first: briefgraph add PATH --db {where}")
    return db
