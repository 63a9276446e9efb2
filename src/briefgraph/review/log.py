"""The review log: every decision an analyst takes, with who, when and why, in one append-only table.

Nothing is ever deleted: an undo is a new entry naming the entry it reverts (undoing an undo
puts the decision back in force). `in_force` reads which decisions count now.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

ACTOR_ACTIONS = ("merge", "split", "rename", "alias_add", "alias_remove", "retype")
RELATION_ACTIONS = ("confirm", "reject", "edit", "add")
ACTIONS = (*RELATION_ACTIONS, *ACTOR_ACTIONS, "catalogue", "undo")


@dataclass
class Decision:
    id: int
    action: str
    payload: dict[str, Any] = field(default_factory=dict)
    who: str = ""
    why: str = ""
    at: str = ""
    undoes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "payload": self.payload, "who": self.who, "why": self.why,
                "at": self.at, "undoes": self.undoes}


def read_log(db: sqlite3.Connection) -> list[Decision]:
    """Every entry of the log, oldest first."""
    rows = db.execute("SELECT id, action, payload, who, why, at, undoes FROM review_decisions ORDER BY id")
    return [Decision(i, action, json.loads(payload), who, why, at, undoes)
            for i, action, payload, who, why, at, undoes in rows]


def latest_id(db: sqlite3.Connection) -> int:
    """The id of the newest entry (0 for none): a cheap way to tell that decisions changed."""
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM review_decisions").fetchone()[0]


def append(db: sqlite3.Connection, action: str, payload: dict[str, Any], who: str, why: str,
           undoes: int | None = None) -> Decision:
    """Add one entry inside the caller's transaction and return it."""
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    row = db.execute("INSERT INTO review_decisions (at, who, why, action, payload, undoes) VALUES (?, ?, ?, ?, ?, ?) "
                     "RETURNING id",  # both SQLite and PostgreSQL; a cursor's lastrowid is SQLite's only
                     (at, who, why, action, json.dumps(payload, ensure_ascii=False, sort_keys=True), undoes)).fetchone()
    return Decision(row[0], action, payload, who, why, at, undoes)


def reverted(log: list[Decision]) -> set[int]:
    """Ids of the entries (decisions or undos) that a later undo in force reverts.

    Read from the newest entry back: an undo that is not itself reverted reverts the (older) entry
    it names, so undoing an undo brings its decision back.
    """
    out: set[int] = set()
    for entry in reversed(log):
        if entry.action == "undo" and entry.id not in out and entry.undoes is not None:
            out.add(entry.undoes)
    return out


def in_force(log: list[Decision]) -> list[Decision]:
    """The decisions that count now, in the order they were taken."""
    gone = reverted(log)
    return [e for e in log if e.action != "undo" and e.id not in gone]
