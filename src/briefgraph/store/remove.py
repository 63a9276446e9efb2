"""Removing a document and everything only it supported: its claims, its mentions, its share of the
relation rows, and the actors no other document mentions.

What a document taught the store about actors that other documents also mention (an alias, an
attribute, the merge of two stored actors) stays: the store does not record which document taught it.
"""
from __future__ import annotations

import re
import sqlite3

from ..errors import StoreError
from ..model import Document
from .relations import keys_of_document, recompute

_HEX = re.compile(r"[0-9a-f]{4,64}")


def find_document(db: sqlite3.Connection, ref: str) -> Document:
    """The one stored document `ref` names: its id, the path it was added from, or a prefix of its id."""
    rows = _rows(db, "id = ?", ref) or _rows(db, "path = ?", ref)
    if not rows and _HEX.fullmatch(ref):
        rows = _rows(db, "id >= ? AND id < ?", ref, ref + "g")  # 'g' sorts after every hex digit
    if not rows:
        raise StoreError(f"no document {ref!r} in the store (give its id, an id prefix or the path it was added from)")
    if len(rows) > 1:
        listed = ", ".join(f"{doc_id[:12]} ({path})" for doc_id, path in rows[:5])
        raise StoreError(f"{ref!r} names {len(rows)} documents: {listed}; give a longer id")
    doc_id, path = rows[0]
    return Document(text="", path=path, id=doc_id)


def _rows(db: sqlite3.Connection, where: str, *params: str) -> list[tuple[str, str]]:
    return db.execute(f"SELECT id, path FROM documents WHERE {where} ORDER BY rowid", params).fetchall()


def remove_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Delete one document and what only it supported; runs inside the caller's transaction."""
    keys = keys_of_document(db, doc_id)
    touched = {a for (a,) in db.execute("SELECT actor_id FROM mentions WHERE doc_id = ?", (doc_id,))}
    touched |= {a for key in keys for a in (key[0], key[2])}
    db.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
    recompute(db, keys)
    db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
    for actor_id in sorted(touched):
        if not _still_supported(db, actor_id):
            _delete_actor(db, actor_id)
    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _still_supported(db: sqlite3.Connection, actor_id: str) -> bool:
    return db.execute("""SELECT 1 FROM mentions WHERE actor_id = ?
                         UNION ALL SELECT 1 FROM claims WHERE source = ?
                         UNION ALL SELECT 1 FROM claims WHERE target = ? LIMIT 1""",
                      (actor_id, actor_id, actor_id)).fetchone() is not None


def _delete_actor(db: sqlite3.Connection, actor_id: str) -> None:
    db.execute("DELETE FROM aliases WHERE actor_id = ?", (actor_id,))
    db.execute("DELETE FROM actor_ids WHERE actor_id = ?", (actor_id,))
    db.execute("DELETE FROM actors WHERE id = ?", (actor_id,))
