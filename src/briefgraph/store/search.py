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
    if not isinstance(db, sqlite3.Connection):
        return _scan_documents(db, text, limit, offset)
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
    if not isinstance(db, sqlite3.Connection):
        return _scan_evidence(db, text, limit)
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


# PostgreSQL stores have no FTS5 index: the same questions answered by a scan (every word a substring).
def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)[:12]]


def _like(column: str, words: list[str]) -> tuple[str, list[str]]:
    return " AND ".join(f"lower({column}) LIKE ?" for _ in words), [f"%{w}%" for w in words]


def _marked(text: str, words: list[str], width: int | None = None) -> str:
    """`text` (or a window of `width` characters around the first hit) with every hit between the markers."""
    if width is not None:
        first = min((i for i in (text.lower().find(w) for w in words) if i >= 0), default=0)
        start = max(0, first - width // 2)
        text = ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    return pattern.sub(lambda m: HIT_START + m.group(0) + HIT_END, text)


def _scan_documents(db, text: str, limit: int, offset: int) -> tuple[list[Hit], int]:
    words = _words(text)
    where, params = _like("text", words)
    total = db.execute(f"SELECT COUNT(*) FROM documents WHERE {where}", params).fetchone()[0]
    rows = db.execute(f"SELECT id, path, title, text FROM documents WHERE {where} ORDER BY added_at DESC, id "
                      "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [Hit(i, path, title, _marked(body, words, 160)) for i, path, title, body in rows], total


def _scan_evidence(db, text: str, limit: int) -> list[Hit]:
    words = _words(text)
    where, params = _like("c.ev_text", words)
    rows = db.execute(f"""SELECT DISTINCT c.doc_id, d.path, d.title, c.ev_text, c.ev_start, c.ev_end
                          FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {where}
                          ORDER BY c.doc_id, c.ev_start LIMIT ?""", [*params, limit]).fetchall()
    return [Hit(doc, path, title, _marked(sentence, words), start, end) for doc, path, title, sentence, start, end in rows]
