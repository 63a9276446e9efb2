"""Reading the store back into model objects: actors, and the whole graph within a date window."""
from __future__ import annotations

import json
import sqlite3

from ..model import Actor, Claim, Document, Graph, Modality, Span, aggregate, name_key
from .relations import read_relations


def load_actor(db: sqlite3.Connection, actor_id: str) -> Actor:
    """One stored actor with its aliases and attributes, without mentions."""
    row = db.execute("SELECT id, name, type, attributes FROM actors WHERE id = ?", (actor_id,)).fetchone()
    aliases = db.execute("SELECT alias FROM aliases WHERE actor_id = ? ORDER BY rowid", (actor_id,)).fetchall()
    return _actor(row, [a for (a,) in aliases])


def _actor(row: tuple, names: list[str]) -> Actor:
    actor_id, name, type_, attributes = row
    return Actor(actor_id, name, type_, [n for n in names if n != name], json.loads(attributes))


def _all_actors(db: sqlite3.Connection) -> list[Actor]:
    names: dict[str, list[str]] = {}
    for actor_id, alias in db.execute("SELECT actor_id, alias FROM aliases ORDER BY rowid"):
        names.setdefault(actor_id, []).append(alias)
    rows = db.execute("SELECT id, name, type, attributes FROM actors ORDER BY rowid").fetchall()
    return [_actor(row, names.get(row[0], [])) for row in rows]


def names_of(db: sqlite3.Connection, ids) -> dict[str, str]:
    """Actor id -> name for the given ids (looked up in slices: a query takes only so many parameters)."""
    ids, names = sorted(set(ids)), {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        names.update(db.execute(f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(part))})", part))
    return names


def all_actors(db: sqlite3.Connection, with_mentions: bool = True) -> list[Actor]:
    """Every stored actor with its mentions (unless not `with_mentions`), without reading any document text."""
    actors = _all_actors(db)
    if not with_mentions:
        return actors
    mentions = _mentions(db, "1 = 1", [])
    for actor in actors:
        actor.mentions = mentions.get(actor.id, [])
    return actors


def window(since: str | None, until: str | None) -> tuple[str, list]:
    """A condition on `documents d` for dates in [since, until]; a prefix such as '2021-10' covers its month."""
    parts, params = [], []
    if since:
        parts.append("substr(d.date, 1, ?) >= ?")
        params += [len(since), since]
    if until:
        parts.append("substr(d.date, 1, ?) <= ?")
        params += [len(until), until]
    if parts:  # an undated brief, or one dated in words, is in no window
        parts.insert(0, "d.date GLOB '[0-9][0-9][0-9][0-9]*'")
    return " AND ".join(parts) or "1 = 1", params


def _documents(db: sqlite3.Connection, where: str, params: list, texts: bool = True) -> list[Document]:
    """Documents in the order stored; without `texts`, each keeps its length but not its text."""
    text = "d.text" if texts else "''"
    rows = db.execute(f"SELECT d.id, d.path, d.title, d.date, {text}, d.chars, d.date_source FROM documents d "
                      f"WHERE {where} ORDER BY d.rowid", params)
    return [Document(text=text, path=path, title=title, date=date, id=doc_id, length=chars, date_source=source)
            for doc_id, path, title, date, text, chars, source in rows]


def mentions_of(db: sqlite3.Connection, actor_id: str) -> list[Span]:
    return _mentions(db, "m.actor_id = ?", [actor_id]).get(actor_id, [])


def _mentions(db: sqlite3.Connection, where: str, params: list) -> dict[str, list[Span]]:
    rows = db.execute(f"""SELECT m.actor_id, m.doc_id, m.start, m."end", m.text, m.kind FROM mentions m
                          JOIN documents d ON d.id = m.doc_id WHERE {where}
                          ORDER BY d.rowid, m.start, m."end", m.actor_id""", params)
    out: dict[str, list[Span]] = {}
    for actor_id, doc_id, start, end, text, kind in rows:
        out.setdefault(actor_id, []).append(Span(doc_id, start, end, text, kind))
    return out


def _claims(db: sqlite3.Connection, where: str, params: list) -> list[Claim]:
    rows = db.execute(f"""SELECT c.doc_id, c.source, c.target, c.type, c.quad, c.sign, c.status, c.probability,
                                 c.cues, c."trigger", c.ev_start, c.ev_end, c.ev_text, c.confidence
                          FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {where} ORDER BY c.id""", params)
    return [Claim(source, target, type_, quad, sign, Modality(status, probability, json.loads(cues)),
                  Span(doc_id, start, end, text), trigger, confidence)
            for doc_id, source, target, type_, quad, sign, status, probability, cues, trigger, start, end, text,
            confidence in rows]


def read_graph(db: sqlite3.Connection, since: str | None = None, until: str | None = None) -> Graph:
    """The stored graph; with a window, only its documents, their claims, and the actors they involve."""
    where, params = window(since, until)
    claims = _claims(db, where, params)
    mentions = _mentions(db, where, params)
    actors = _all_actors(db)
    for actor in actors:
        actor.mentions = mentions.get(actor.id, [])
    if since or until:
        involved = set(mentions) | {c.source for c in claims} | {c.target for c in claims}
        actors = [a for a in actors if a.id in involved]
    return Graph(_documents(db, where, params), actors, aggregate(claims), claims)


def relation_graph(db: sqlite3.Connection, since: str | None = None, until: str | None = None,
                   texts: bool = False) -> Graph:
    """The graph analyses and reports read: relations with their evidence, actors without their mentions,
    documents (with their texts only when `texts`), and no claims.

    Without a window the relations are the stored relation rows; a window aggregates the claims of
    its documents, so confidence and cues come from those claims only (as `read_graph` does).
    """
    where, params = window(since, until)
    actors = _all_actors(db)
    if since or until:
        claims = _claims(db, where, params)
        involved = {r[0] for r in db.execute(f"""SELECT DISTINCT m.actor_id FROM mentions m
                                                 JOIN documents d ON d.id = m.doc_id WHERE {where}""", params)}
        involved |= {c.source for c in claims} | {c.target for c in claims}
        return Graph(_documents(db, where, params, texts), [a for a in actors if a.id in involved],
                     aggregate(claims))
    return Graph(_documents(db, where, params, texts), actors, read_relations(db))


def actor_profile_graph(db: sqlite3.Connection, actor: Actor) -> Graph:
    """What an actor's profile needs: its relations with evidence, the actors at their far ends, and the
    documents their evidence comes from (without texts), read through the indexes on that actor."""
    relations = read_relations(db, actor.id)
    rows = db.execute("""SELECT id, name, type, attributes FROM actors WHERE id IN (
                             SELECT target FROM relations WHERE source = ?
                             UNION SELECT source FROM relations WHERE target = ?) AND id != ?""",
                      (actor.id, actor.id, actor.id)).fetchall()
    others = [_actor(row, []) for row in rows]
    docs = _documents(db, "d.id IN (SELECT doc_id FROM claims WHERE source = ? OR target = ?)",
                      [actor.id, actor.id], texts=False)
    return Graph(docs, [actor, *others], relations)


def actors_named(db: sqlite3.Connection, ref: str) -> list[Actor]:
    """The actors `ref` names: by id (current or merged away), else by canonical name, else by alias."""
    row = db.execute("SELECT actor_id FROM actor_ids WHERE id = ?", (ref,)).fetchone()
    if row:
        return [load_actor(db, row[0])]
    key = name_key(ref)
    if not key:
        return []
    rows = db.execute("""SELECT id FROM actors WHERE id IN (SELECT actor_id FROM aliases WHERE key = ?)
                         ORDER BY rowid""", (key,)).fetchall()
    found = [load_actor(db, actor_id) for (actor_id,) in rows]
    return [a for a in found if name_key(a.name) == key] or found
