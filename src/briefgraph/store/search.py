"""Full-text search over stored document texts and evidence sentences (SQLite FTS5).

Every word of the query must match, each as a prefix, so "Hout" finds "Houthis". Snippets mark
the hits with the private-use characters HIT_START and HIT_END, which a page escapes first and
only then turns into markup, so a brief's text can never inject any.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

HIT_START, HIT_END = "\ue000", "\ue001"


@dataclass
class Hit:
    doc: str
    path: str
    title: str | None
    snippet: str
    start: int | None = None  # evidence hits: where the sentence is in the document
    end: int | None = None


def fts_query(text: str) -> str | None:
    """An FTS5 query in which every word of `text` must match as a prefix; None when it has no words."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words[:12]) or None


def search_documents(db: sqlite3.Connection, text: str, limit: int = 20, offset: int = 0) -> tuple[list[Hit], int]:
    """Documents matching `text`, best first, and how many match in all."""
    query = fts_query(text)
    if query is None:
        return [], 0
    total = db.execute("SELECT COUNT(*) FROM search_documents WHERE search_documents MATCH ?", (query,)).fetchone()[0]
    rows = db.execute(f"""SELECT d.id, d.path, d.title,
                              snippet(search_documents, 1, '{HIT_START}', '{HIT_END}', '…', 16)
                          FROM search_documents JOIN documents d ON d.rowid = search_documents.rowid
                          WHERE search_documents MATCH ? ORDER BY rank LIMIT ? OFFSET ?""", (query, limit, offset))
    return [Hit(*row) for row in rows], total


def search_evidence(db: sqlite3.Connection, text: str, limit: int = 200) -> list[Hit]:
    """Evidence sentences matching `text`, best first, each sentence once."""
    query = fts_query(text)
    if query is None:
        return []
    rows = db.execute(f"""SELECT c.doc_id, d.path, d.title,
                              highlight(search_evidence, 0, '{HIT_START}', '{HIT_END}'), c.ev_start, c.ev_end
                          FROM search_evidence JOIN claims c ON c.id = search_evidence.rowid
                          JOIN documents d ON d.id = c.doc_id
                          WHERE search_evidence MATCH ? ORDER BY rank LIMIT ?""", (query, limit))
    seen, hits = set(), []
    for row in rows:
        if (row[0], row[4], row[5]) not in seen:
            seen.add((row[0], row[4], row[5]))
            hits.append(Hit(*row))
    return hits
