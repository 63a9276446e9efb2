"""The store's schema as named migrations, applied in order, each in its own transaction.

A `migrations` table records which ran, so opening a store twice, or opening an old store
with a newer briefgraph, applies only what is missing (the sqlite-utils `Migrations` habit).
Never edit a migration that has shipped; add a new one.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Callable

from ..errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


def m001_documents(db: sqlite3.Connection) -> None:
    db.execute("""CREATE TABLE documents (
        id TEXT PRIMARY KEY,  -- sha256 of the text: adding the same text twice is a no-op
        path TEXT NOT NULL, title TEXT, date TEXT, chars INTEGER NOT NULL,
        text TEXT NOT NULL, added_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX documents_date ON documents(date)")


def m002_actors(db: sqlite3.Connection) -> None:
    db.execute("""CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}')""")
    # Every id an actor has been known by: merged actors leave their ids here, so a later
    # brief that names the old id still finds the survivor.
    db.execute("""CREATE TABLE actor_ids (
        id TEXT PRIMARY KEY, actor_id TEXT NOT NULL REFERENCES actors(id))""")
    # Every name of an actor, its canonical name included, so one index finds it by any name;
    # `canonical` marks names that were some merged actor's canonical name (see merge.Identity).
    db.execute("""CREATE TABLE aliases (
        actor_id TEXT NOT NULL REFERENCES actors(id), alias TEXT NOT NULL, key TEXT NOT NULL,
        canonical INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (actor_id, alias))""")
    db.execute("CREATE INDEX aliases_key ON aliases(key)")
    db.execute("CREATE INDEX actor_ids_actor ON actor_ids(actor_id)")
    db.execute("""CREATE TABLE mentions (
        actor_id TEXT NOT NULL REFERENCES actors(id), doc_id TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT,
        UNIQUE (actor_id, doc_id, start, "end"))""")
    db.execute("CREATE INDEX mentions_doc ON mentions(doc_id)")


def m003_claims(db: sqlite3.Connection) -> None:
    db.execute("""CREATE TABLE claims (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id),
        source TEXT NOT NULL REFERENCES actors(id), target TEXT NOT NULL REFERENCES actors(id),
        type TEXT NOT NULL, quad TEXT NOT NULL, sign INTEGER NOT NULL,
        status TEXT NOT NULL, probability REAL, cues TEXT NOT NULL DEFAULT '[]', "trigger" TEXT NOT NULL,
        ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, ev_text TEXT NOT NULL)""")
    db.execute("CREATE INDEX claims_doc ON claims(doc_id)")
    db.execute("CREATE INDEX claims_source ON claims(source)")
    db.execute("CREATE INDEX claims_target ON claims(target)")


def m004_relations_view(db: sqlite3.Connection) -> None:
    # A view, not a table: relations can never drift from the claims they aggregate.
    db.execute("""CREATE VIEW relations AS
        SELECT source, type, target, status, MIN(quad) AS quad, MIN(sign) AS sign,
               COUNT(*) AS claims, COUNT(DISTINCT doc_id) AS documents
        FROM claims GROUP BY source, type, target, status""")


def m005_claim_confidence(db: sqlite3.Connection) -> None:
    # Claims stored before confidence existed were rule hits: taken as fully confident.
    db.execute("ALTER TABLE claims ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0")


def m006_relation_rows(db: sqlite3.Connection) -> None:
    # The view recomputed every relation from every claim on each read; a table kept in step with
    # the claims (store/relations.py) lets a query read only the relations it answers with.
    from .relations import rebuild_all
    db.execute("DROP VIEW relations")
    db.execute("""CREATE TABLE relations (
        id TEXT PRIMARY KEY,  -- model.relation_id(source, type, target, status)
        source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, status TEXT NOT NULL,
        quad TEXT NOT NULL, sign INTEGER NOT NULL, probability REAL, cues TEXT NOT NULL DEFAULT '[]',
        claims INTEGER NOT NULL, documents INTEGER NOT NULL, confidence REAL NOT NULL,
        first_date TEXT, last_date TEXT, first_claim INTEGER NOT NULL,
        UNIQUE (source, type, target, status))""")
    db.execute("CREATE INDEX relations_target ON relations(target)")
    db.execute("CREATE INDEX relations_order ON relations(first_claim)")
    db.execute("CREATE INDEX claims_relation ON claims(source, type, target, status)")
    rebuild_all(db)


def m007_document_date_source(db: sqlite3.Connection) -> None:
    # Where a brief's date came from (front matter, HTML metadata, a date stated in it, PDF properties).
    db.execute("ALTER TABLE documents ADD COLUMN date_source TEXT")


def m008_review_decisions(db: sqlite3.Connection) -> None:
    # The analyst's decisions, append-only: one row per decision with who, when and why. An undo is
    # a new row naming the row it reverts; the decisions in force are read from the whole log.
    db.execute("""CREATE TABLE review_decisions (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, why TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '{}',
        undoes INTEGER REFERENCES review_decisions(id))""")


def m009_search_index(db: sqlite3.Connection) -> None:
    # Full-text indexes over document texts and evidence sentences, kept in step by triggers so
    # every writer updates them; 'rebuild' fills them for stores written before this migration.
    # SQLite's FTS5 only: a PostgreSQL store searches without an index (store/search.py).
    if not isinstance(db, sqlite3.Connection):
        return
    db.execute("""CREATE VIRTUAL TABLE search_documents USING fts5(title, text, content='documents',
                  content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')""")
    db.execute("""CREATE VIRTUAL TABLE search_evidence USING fts5(ev_text, content='claims', content_rowid='id',
                  tokenize='unicode61 remove_diacritics 2')""")
    db.execute("""CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
                  INSERT INTO search_documents (rowid, title, text) VALUES (new.rowid, new.title, new.text); END""")
    db.execute("""CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
                  INSERT INTO search_documents (search_documents, rowid, title, text)
                  VALUES ('delete', old.rowid, old.title, old.text); END""")
    db.execute("""CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
                  INSERT INTO search_evidence (rowid, ev_text) VALUES (new.id, new.ev_text); END""")
    db.execute("""CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
                  INSERT INTO search_evidence (search_evidence, rowid, ev_text) VALUES ('delete', old.id, old.ev_text); END""")
    db.execute("INSERT INTO search_documents (search_documents) VALUES ('rebuild')")
    db.execute("INSERT INTO search_evidence (search_evidence) VALUES ('rebuild')")


def m010_actor_mention_counts(db: sqlite3.Connection) -> None:
    # `actors` counted every actor's mentions by scanning all of them (half a million rows at 20,000
    # briefs); a count on the actor row, kept by triggers so every writer (add, merge, rm) updates it,
    # makes the list cost what it shows.
    db.execute("ALTER TABLE actors ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE actors SET mention_count = (SELECT COUNT(*) FROM mentions m WHERE m.actor_id = actors.id)")
    for statement in (_SQLITE_MENTION_TRIGGERS if isinstance(db, sqlite3.Connection) else _PG_MENTION_TRIGGERS):
        db.execute(statement)


_SQLITE_MENTION_TRIGGERS = (
    """CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
       UPDATE actors SET mention_count = mention_count + 1 WHERE id = new.actor_id; END""",
    """CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
       UPDATE actors SET mention_count = mention_count - 1 WHERE id = old.actor_id; END""",
    """CREATE TRIGGER mentions_count_move AFTER UPDATE OF actor_id ON mentions BEGIN
       UPDATE actors SET mention_count = mention_count - 1 WHERE id = old.actor_id;
       UPDATE actors SET mention_count = mention_count + 1 WHERE id = new.actor_id; END""",
)
_PG_MENTION_TRIGGERS = (
    """CREATE FUNCTION briefgraph_count_mentions() RETURNS trigger AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           UPDATE actors SET mention_count = mention_count - 1 WHERE id = OLD.actor_id;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           UPDATE actors SET mention_count = mention_count + 1 WHERE id = NEW.actor_id;
         END IF;
         RETURN NULL;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER mentions_count AFTER INSERT OR DELETE OR UPDATE OF actor_id ON mentions
       FOR EACH ROW EXECUTE FUNCTION briefgraph_count_mentions()""",
)


MIGRATIONS: list[Migration] = [m001_documents, m002_actors, m003_claims, m004_relations_view,
                               m005_claim_confidence, m006_relation_rows, m007_document_date_source,
                               m008_review_decisions, m009_search_index, m010_actor_mention_counts]


def applied(db: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied, in the order they ran."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(db: sqlite3.Connection, migrations: list[Migration] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet recorded; return the names of those applied now.

    `db` must be in autocommit mode (isolation_level=None) so each BEGIN here is ours.
    """
    done = set(applied(db))
    return [m.__name__ for m in migrations if m.__name__ not in done and _apply(db, m)]


def _apply(db: sqlite3.Connection, migration: Migration) -> bool:
    db.execute("BEGIN IMMEDIATE")
    try:
        # Checked again under the write lock: another process may have just applied it.
        if db.execute("SELECT 1 FROM migrations WHERE name = ?", (migration.__name__,)).fetchone():
            db.execute("COMMIT")
            return False
        migration(db)
        db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                   (migration.__name__, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        db.execute("COMMIT")
        return True
    except Exception as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise StoreError(f"migration {migration.__name__} failed: {exc}") from exc
