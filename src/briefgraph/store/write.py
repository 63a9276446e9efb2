"""Writing one document's graph into the store, merging its actors into those already stored.

Everything here runs inside the caller's transaction; nothing commits.
Invariant kept: no two stored actors match by `merge.Identity`, so a new actor matches each
real-world actor at most once, and one that matches several stored actors bridges them.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from ..merge import Identity, absorb, lookup_keys, remap_claims, strong_keys
from ..model import Actor, Claim, Document, Graph, name_key
from .query import load_actor
from .relations import add_document, recompute_actor


# An alias once canonical stays canonical (portable spelling of SQLite's two-argument max()).
_KEEP_CANONICAL = "CASE WHEN excluded.canonical > aliases.canonical THEN excluded.canonical ELSE aliases.canonical END"


def write_document(db: sqlite3.Connection, document: Document, graph: Graph) -> None:
    db.execute("INSERT INTO documents (id, path, title, date, chars, text, added_at, date_source) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (document.id, document.path, document.title, document.date, document.chars, document.text,
                datetime.now(timezone.utc).isoformat(timespec="seconds"), document.date_source))
    id_map = {a.id: resolve_actor(db, a) for a in graph.actors}
    for actor in graph.actors:
        _insert_mentions(db, id_map[actor.id], actor)
    for claim in remap_claims(graph.claims, id_map):
        _insert_claim(db, claim)
    add_document(db, document.id)


def resolve_actor(db: sqlite3.Connection, actor: Actor) -> str:
    """Store `actor`, merged into the stored actors it matches; return the id it now lives under."""
    matches = _matching(db, actor)
    if not matches:
        _insert_actor(db, actor)
        return actor.id
    survivor = matches[0]  # the first stored keeps its id, so ids already handed out stay valid
    for other in matches[1:]:
        _fold(db, other, survivor)
    _absorb_attributes(db, survivor, actor)
    _add_names(db, survivor, actor)
    db.execute("INSERT OR IGNORE INTO actor_ids (id, actor_id) VALUES (?, ?)", (actor.id, survivor))
    return survivor


def _identity(db: sqlite3.Connection, actor_id: str) -> Identity:
    ids = frozenset(r[0] for r in db.execute("SELECT id FROM actor_ids WHERE actor_id = ?", (actor_id,)))
    rows = db.execute("SELECT alias, key, canonical FROM aliases WHERE actor_id = ?", (actor_id,)).fetchall()
    canonical = frozenset(key for _, key, is_canonical in rows if is_canonical and key)
    return Identity(ids, canonical, strong_keys(alias for alias, _, _ in rows))


def _matching(db: sqlite3.Connection, actor: Actor) -> list[str]:
    """Stored actors that `actor` matches, oldest first."""
    keys = sorted(lookup_keys(actor))
    marks = ",".join("?" * len(keys))
    rows = db.execute(f"""SELECT id FROM actors WHERE id IN (
            SELECT actor_id FROM aliases WHERE key IN ({marks})
            UNION SELECT actor_id FROM actor_ids WHERE id = ?) ORDER BY rowid""", (*keys, actor.id))
    mine = Identity.of(actor)
    return [actor_id for (actor_id,) in rows.fetchall() if mine.matches(_identity(db, actor_id))]


def _insert_actor(db: sqlite3.Connection, actor: Actor) -> None:
    db.execute("INSERT INTO actors (id, name, type, attributes) VALUES (?, ?, ?, ?)",
               (actor.id, actor.name, actor.type, json.dumps(actor.attributes)))
    db.execute("INSERT INTO actor_ids (id, actor_id) VALUES (?, ?)", (actor.id, actor.id))
    _add_names(db, actor.id, actor)


def _add_names(db: sqlite3.Connection, actor_id: str, actor: Actor) -> None:
    for name in actor.names():
        db.execute(f"""INSERT INTO aliases (actor_id, alias, key, canonical) VALUES (?, ?, ?, ?)
                      ON CONFLICT (actor_id, alias) DO UPDATE SET canonical = {_KEEP_CANONICAL}""",
                   (actor_id, name, name_key(name), int(name == actor.name)))


def _absorb_attributes(db: sqlite3.Connection, actor_id: str, other: Actor) -> None:
    stored = load_actor(db, actor_id)
    absorb(stored, Actor(other.id, other.name, other.type, attributes=other.attributes))
    db.execute("UPDATE actors SET attributes = ? WHERE id = ?", (json.dumps(stored.attributes), actor_id))


def _fold(db: sqlite3.Connection, other: str, survivor: str) -> None:
    """Merge stored actor `other` into `survivor`: a new brief showed they are one actor."""
    _absorb_attributes(db, survivor, load_actor(db, other))
    db.execute(f"""INSERT INTO aliases (actor_id, alias, key, canonical)
                  SELECT ?, alias, key, canonical FROM aliases WHERE actor_id = ? ORDER BY rowid
                  ON CONFLICT (actor_id, alias) DO UPDATE SET canonical = {_KEEP_CANONICAL}""",
               (survivor, other))
    db.execute("DELETE FROM aliases WHERE actor_id = ?", (other,))
    # Mentions both actors have at one place collapse into the survivor's (in SQL both backends speak).
    db.execute("""DELETE FROM mentions WHERE actor_id = ? AND EXISTS (SELECT 1 FROM mentions s WHERE s.actor_id = ?
                  AND s.doc_id = mentions.doc_id AND s.start = mentions.start AND s."end" = mentions."end")""",
               (other, survivor))
    db.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (survivor, other))
    db.execute("UPDATE claims SET source = ? WHERE source = ?", (survivor, other))
    db.execute("UPDATE claims SET target = ? WHERE target = ?", (survivor, other))
    db.execute("DELETE FROM claims WHERE source = ? AND target = ?", (survivor, survivor))  # as merge.remap_claims
    recompute_actor(db, [other, survivor])
    db.execute("UPDATE actor_ids SET actor_id = ? WHERE actor_id = ?", (survivor, other))
    db.execute("DELETE FROM actors WHERE id = ?", (other,))


def _insert_mentions(db: sqlite3.Connection, actor_id: str, actor: Actor) -> None:
    db.executemany('INSERT OR IGNORE INTO mentions (actor_id, doc_id, start, "end", text, kind) '
                   'VALUES (?, ?, ?, ?, ?, ?)',
                   [(actor_id, m.doc, m.start, m.end, m.text, m.kind) for m in actor.mentions])


def _insert_claim(db: sqlite3.Connection, c: Claim) -> None:
    db.execute("""INSERT INTO claims (doc_id, source, target, type, quad, sign, status, probability, cues,
                      "trigger", ev_start, ev_end, ev_text, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
               (c.evidence.doc, c.source, c.target, c.type, c.quad, c.sign, c.modality.status,
                c.modality.probability, json.dumps(c.modality.cues), c.trigger,
                c.evidence.start, c.evidence.end, c.evidence.text, c.confidence))
