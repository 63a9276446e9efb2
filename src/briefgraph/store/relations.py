"""Relation rows: one stored row per (source, type, target, status), kept in step with the claims.

A row holds what `model.aggregate` would compute from the relation's claims, except the evidence:
the quad, sign and probability of its first claim, the union of the cues, claim and document
counts, the noisy-or confidence (one per evidence sentence, its most confident claim), the first
and last document date, and the id of its first claim (relations are listed in that order within
a status, as `aggregate` lists them). Adding a document updates its rows in place; removing a
document or merging two stored actors recomputes the rows it touched from their claims.

Every read of relations goes through `read_relations`, the one place where later layers
(review decisions) can adjust what the store says.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable

from ..cycles import paused_cycle_collection
from ..model import STATUSES, Modality, Relation, Span, noisy_or, relation_id

Key = tuple[str, str, str, str]  # (source, type, target, status)

_CLAIM_ROWS = """SELECT c.id, c.doc_id, c.source, c.type, c.target, c.status, c.quad, c.sign, c.probability,
                        c.cues, c.ev_start, c.ev_end, c.ev_text, c.confidence,
                        CASE WHEN d.date GLOB '[0-9][0-9][0-9][0-9]*' THEN substr(d.date, 1, 10) END
                 FROM claims c JOIN documents d ON d.id = c.doc_id"""
_ROW_COLUMNS = ("id, source, type, target, status, quad, sign, probability, cues, claims, documents, "
                "confidence, first_date, last_date, first_claim")
_READ_COLUMNS = "id, source, type, target, status, quad, sign, probability, cues, confidence"  # what a Relation holds


@dataclass
class _Tally:
    """The relation row being built from claims read in id order."""
    first_claim: int
    quad: str
    sign: int
    probability: float | None
    cues: list[str] = field(default_factory=list)
    claims: int = 0
    documents: set[str] = field(default_factory=set)
    sentences: dict[tuple, float] = field(default_factory=dict)  # evidence span -> best confidence
    first_date: str | None = None
    last_date: str | None = None

    def add(self, doc_id: str, cues: list[str], span: tuple, confidence: float, date: str | None) -> None:
        self.claims += 1
        self.documents.add(doc_id)
        self.cues += [c for c in cues if c not in self.cues]
        self.sentences[span] = max(self.sentences.get(span, 0.0), confidence)
        if date:
            self.first_date = min(self.first_date or date, date)
            self.last_date = max(self.last_date or date, date)

    @property
    def confidence(self) -> float:
        return noisy_or(self.sentences.values())


def _tally(rows: Iterable[tuple]) -> dict[Key, _Tally]:
    tallies: dict[Key, _Tally] = {}
    for (claim_id, doc_id, source, type_, target, status, quad, sign, probability, cues, start, end, text,
         confidence, date) in rows:
        key = (source, type_, target, status)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _Tally(claim_id, quad, sign, probability)
        tally.add(doc_id, json.loads(cues), (doc_id, start, end, text), confidence, date)
    return tallies


def _insert(db: sqlite3.Connection, key: Key, t: _Tally) -> None:
    db.execute(f"INSERT INTO relations ({_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (relation_id(*key), *key, t.quad, t.sign, t.probability, json.dumps(t.cues), t.claims,
                len(t.documents), t.confidence, t.first_date, t.last_date, t.first_claim))


def add_document(db: sqlite3.Connection, doc_id: str) -> None:
    """Fold the claims of one newly stored document into the relation rows."""
    for key, new in _tally(db.execute(f"{_CLAIM_ROWS} WHERE c.doc_id = ? ORDER BY c.id", (doc_id,))).items():
        row = db.execute("SELECT cues, confidence, first_date, last_date FROM relations WHERE id = ?",
                         (relation_id(*key),)).fetchone()
        if row is None:
            _insert(db, key, new)
            continue
        cues, confidence, first, last = row
        cues = json.loads(cues)
        cues += [c for c in new.cues if c not in cues]
        # The new document's sentences are new evidence (a span names its document), so the chances
        # that every reading is wrong multiply.
        combined = 1.0 - (1.0 - confidence) * (1.0 - new.confidence)
        dates = [d for d in (first, last, new.first_date, new.last_date) if d]
        db.execute("""UPDATE relations SET cues = ?, claims = claims + ?, documents = documents + ?, confidence = ?,
                      first_date = ?, last_date = ? WHERE id = ?""",
                   (json.dumps(cues), new.claims, len(new.documents), combined, min(dates, default=None),
                    max(dates, default=None), relation_id(*key)))


def recompute(db: sqlite3.Connection, keys: Iterable[Key]) -> None:
    """Rebuild the rows of `keys` from their claims; a key left without claims loses its row."""
    for key in set(keys):
        db.execute("DELETE FROM relations WHERE id = ?", (relation_id(*key),))
        rows = db.execute(f"{_CLAIM_ROWS} WHERE c.source = ? AND c.type = ? AND c.target = ? AND c.status = ? "
                          "ORDER BY c.id", key)
        for found, tally in _tally(rows).items():
            _insert(db, found, tally)


def recompute_actor(db: sqlite3.Connection, actor_ids: Iterable[str]) -> None:
    """Rebuild every row with one of `actor_ids` at either end (after their claims were re-pointed)."""
    ids = sorted(set(actor_ids))
    marks = ",".join("?" * len(ids))
    db.execute(f"DELETE FROM relations WHERE source IN ({marks}) OR target IN ({marks})", (*ids, *ids))
    rows = db.execute(f"{_CLAIM_ROWS} WHERE c.source IN ({marks}) OR c.target IN ({marks}) ORDER BY c.id",
                      (*ids, *ids))
    for key, tally in _tally(rows).items():
        _insert(db, key, tally)


def rebuild_all(db: sqlite3.Connection) -> None:
    """Rebuild every row from every claim (a store written before relation rows existed)."""
    db.execute("DELETE FROM relations")
    for key, tally in _tally(db.execute(f"{_CLAIM_ROWS} ORDER BY c.id")).items():
        _insert(db, key, tally)


def keys_of_document(db: sqlite3.Connection, doc_id: str) -> set[Key]:
    return set(db.execute("SELECT source, type, target, status FROM claims WHERE doc_id = ?", (doc_id,)))


def read_relations(db: sqlite3.Connection, actor_id: str | None = None, evidence: bool = True) -> list[Relation]:
    """The stored relations (those with `actor_id` at either end), facts first, each status in text order.

    With `evidence`, each carries its evidence sentences in the order their claims were stored;
    without, `evidence` is empty and only the relation rows are read.
    """
    where, params = ("source = ? OR target = ?", [actor_id, actor_id]) if actor_id else ("1 = 1", [])
    with paused_cycle_collection():
        rows = db.execute(f"SELECT {_READ_COLUMNS} FROM relations WHERE {where} ORDER BY first_claim", params)
        relations = {(source, type_, target, status): Relation(
                         rel_id, source, target, type_, quad, sign, Modality(status, probability, _cues(cues)),
                         [], confidence)
                     for rel_id, source, type_, target, status, quad, sign, probability, cues, confidence in rows}
        if evidence:
            _attach_evidence(db, relations, where, params)
    return _by_status(relations.values())


def _by_status(relations: Iterable[Relation]) -> list[Relation]:
    """Facts first, each status in the order given (a stable sort by status, without a key per relation)."""
    buckets: dict[str, list[Relation]] = {status: [] for status in STATUSES}
    for rel in relations:
        buckets[rel.modality.status].append(rel)
    return [rel for bucket in buckets.values() for rel in bucket]


def _cues(stored: str) -> list[str]:
    return [] if stored == "[]" else json.loads(stored)  # most relations have none: skip the parser


def _attach_evidence(db: sqlite3.Connection, relations: dict[Key, Relation], where: str, params: list) -> None:
    """Each relation's distinct evidence sentences in claim order. A relation's first sentence cannot repeat
    one before it, so only relations with more than one claim keep a set of the sentences seen."""
    seen: dict[Key, set[tuple]] = {}
    rows = db.execute(f"""SELECT source, type, target, status, doc_id, ev_start, ev_end, ev_text FROM claims
                          WHERE {where} ORDER BY id""", params)
    for source, type_, target, status, doc_id, start, end, text in rows:
        key = (source, type_, target, status)
        rel = relations.get(key)
        if rel is None:
            continue
        if rel.evidence:
            marks = seen.get(key)
            if marks is None:
                marks = seen[key] = {(s.doc, s.start, s.end, s.text) for s in rel.evidence}
            if (doc_id, start, end, text) in marks:
                continue
            marks.add((doc_id, start, end, text))
        rel.evidence.append(Span(doc_id, start, end, text))
