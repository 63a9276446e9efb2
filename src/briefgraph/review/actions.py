"""Taking review decisions: each is checked against the reviewed graph, then appended to the log.

The CLI (`briefgraph review ...`) and the web API both call these; nothing here prints.
"""
from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING, Any

from ..errors import ReviewError
from ..model import ACTOR_TYPES, STATUSES, Relation, slugify
from .apply import type_info
from .log import ACTIONS, Decision, append

if TYPE_CHECKING:
    from ..store.database import Store

WHO_ENV = "BRIEFGRAPH_USER"


def default_who() -> str:
    """Who takes a decision when nobody says: $BRIEFGRAPH_USER, else the login name."""
    try:
        return os.environ.get(WHO_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Review:
    """The review decisions on one store. `who` and `why` go into the audit log with every decision."""

    def __init__(self, store: "Store", who: str | None = None):
        self.store = store
        self.who = who or default_who()

    # -- relations ---------------------------------------------------------------------------
    def confirm(self, relation: str, why: str = "") -> Decision:
        return self._record("confirm", {"key": _key(self._relation(relation))}, why)

    def reject(self, relation: str, why: str = "") -> Decision:
        return self._record("reject", {"key": _key(self._relation(relation))}, why)

    def edit(self, relation: str, why: str = "", type: str | None = None, sign: int | None = None,
             reverse: bool = False, status: str | None = None) -> Decision:
        rel = self._relation(relation)
        if type is not None and type_info(type) is None:
            raise ReviewError(f"unknown relation type {type!r}")
        if sign is not None and sign not in (-1, 0, 1):
            raise ReviewError(f"a sign is -1, 0 or 1, not {sign}")
        if status is not None and status not in STATUSES:
            raise ReviewError(f"unknown modality {status!r}: one of {', '.join(STATUSES)}")
        if type is None and sign is None and not reverse and status is None:
            raise ReviewError("nothing to edit: give a type, a sign, a status or reverse")
        payload = {"key": _key(rel), "type": type, "sign": sign, "reverse": reverse, "status": status}
        return self._record("edit", payload, why)

    def add(self, source: str, target: str, type: str, doc: str, start: int, end: int, why: str = "",
            status: str = "asserted", sign: int | None = None) -> Decision:
        """A relation the extraction missed, with the span of a stored document that says it."""
        a, b = self.store.actor(source), self.store.actor(target)
        info = type_info(type)
        if info is None:
            raise ReviewError(f"unknown relation type {type!r}")
        if a.id == b.id:
            raise ReviewError("a relation needs two different actors")
        if status not in STATUSES:
            raise ReviewError(f"unknown modality {status!r}: one of {', '.join(STATUSES)}")
        text = self._span(doc, start, end)
        payload = {"source": a.id, "target": b.id, "type": type, "quad": info["quad"],
                   "sign": info["sign"] if sign is None else sign, "status": status,
                   "doc": doc, "start": start, "end": end, "text": text}
        return self._record("add", payload, why)

    # -- actors --------------------------------------------------------------------------------
    def merge(self, into: str, other: str, why: str = "") -> Decision:
        keep, gone = self.store.actor(into), self.store.actor(other)
        if keep.id == gone.id:
            raise ReviewError(f"{keep.name} and {gone.name} are already one actor")
        return self._record("merge", {"into": keep.id, "other": gone.id}, why)

    def split(self, actor: str, names: list[str], why: str = "", type: str | None = None) -> Decision:
        """Give `names` (aliases of the actor) and the claims that name it by them to a new actor."""
        a = self.store.actor(actor)
        own = {n.casefold(): n for n in a.aliases}
        missing = [n for n in names if n.casefold() not in own]
        if not names or missing:
            raise ReviewError(f"{a.name} has no alias {missing[0]!r}" if missing else "give the aliases to split off")
        if type is not None and type not in ACTOR_TYPES:
            raise ReviewError(f"unknown actor type {type!r}")
        chosen = [own[n.casefold()] for n in names]
        new_id = self._new_id(chosen[0])
        return self._record("split", {"actor": a.id, "names": chosen, "new_id": new_id, "type": type}, why)

    def rename(self, actor: str, name: str, why: str = "") -> Decision:
        a = self.store.actor(actor)
        if not name.strip():
            raise ReviewError("a new name cannot be empty")
        return self._record("rename", {"actor": a.id, "name": name.strip()}, why)

    def alias(self, actor: str, alias: str, why: str = "", remove: bool = False) -> Decision:
        a = self.store.actor(actor)
        if remove and alias not in a.aliases:
            raise ReviewError(f"{a.name} has no alias {alias!r}")
        if not remove and not alias.strip():
            raise ReviewError("an alias cannot be empty")
        return self._record("alias_remove" if remove else "alias_add", {"actor": a.id, "alias": alias.strip()}, why)

    def retype(self, actor: str, type: str, why: str = "") -> Decision:
        a = self.store.actor(actor)
        if type not in ACTOR_TYPES:
            raise ReviewError(f"unknown actor type {type!r}: one of {', '.join(ACTOR_TYPES)}")
        return self._record("retype", {"actor": a.id, "type": type}, why)

    def catalogue(self, name: str, type: str, path: str, aliases: list[str] = (), why: str = "") -> Decision:
        """Add a known actor to the user catalogue YAML at `path`, read by later extractions."""
        from .catalogue import add_entry
        entry = add_entry(path, name, type, list(aliases))
        return self._record("catalogue", {"path": str(path), "entry": entry}, why)

    # -- the log -----------------------------------------------------------------------------------
    def undo(self, decision: int, why: str = "") -> Decision:
        target = next((d for d in self.log() if d.id == decision), None)
        if target is None:
            raise ReviewError(f"no review decision {decision}")
        return self._record("undo", {"action": target.action}, why, undoes=target.id)

    def log(self) -> list[Decision]:
        return self.store.reviewed_log()

    # -- helpers ---------------------------------------------------------------------------------
    def _record(self, action: str, payload: dict[str, Any], why: str, undoes: int | None = None) -> Decision:
        if action not in ACTIONS:
            raise ReviewError(f"unknown review action {action!r}")
        with self.store.transaction() as db:
            return append(db, action, payload, self.who, why, undoes)

    def _relation(self, ref: str) -> Relation:
        rel = next((r for r in self.store.graph().relations if r.id == ref), None)
        if rel is None:
            raise ReviewError(f"no relation {ref!r} (ids are listed by: briefgraph relations --format json)")
        return rel

    def _span(self, doc: str, start: int, end: int) -> str:
        text = self.store.document_text(doc)
        if not 0 <= start < end <= len(text):
            raise ReviewError(f"the span {start}-{end} is not inside document {doc[:12]} ({len(text)} characters)")
        return text[start:end]

    def _new_id(self, name: str) -> str:
        taken = {a.id for a in self.store.actors()} | {d.payload.get("new_id") for d in self.log()}
        base, n = slugify(name), 2
        candidate = base
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate


def _key(rel: Relation) -> list[str]:
    return [rel.source, rel.type, rel.target, rel.modality.status]
