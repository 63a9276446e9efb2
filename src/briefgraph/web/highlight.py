"""A document's text as HTML with its actor mentions linked and its claims' evidence marked.

The text is cut at every mention and evidence boundary; each piece is escaped, then wrapped in a
link to its actor and/or a mark naming the relations whose evidence covers it. Nothing from the
brief reaches the page unescaped.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ..model import Document, Span


def _valid(doc: Document, span: Span) -> bool:
    return 0 <= span.start < span.end <= len(doc.text)


def highlight(doc: Document, mentions: list[tuple[Span, str]], evidence: list[tuple[Span, list[str]]]) -> Markup:
    """`mentions`: (span, actor id); `evidence`: (span, relation ids)."""
    mentions = [(s, a) for s, a in mentions if s.doc == doc.id and _valid(doc, s)]
    evidence = [(s, r) for s, r in evidence if s.doc == doc.id and _valid(doc, s)]
    cuts = sorted({0, len(doc.text)} | {p for s, _ in mentions + evidence for p in (s.start, s.end)})
    starts = {(s.start, s.end) for s, _ in evidence}
    parts = []
    for lo, hi in zip(cuts, cuts[1:]):
        piece = escape(doc.text[lo:hi])
        actor = next((a for s, a in mentions if s.start <= lo and hi <= s.end), None)
        if actor is not None:
            piece = Markup('<a class="mention" href="/actors/{}">{}</a>').format(actor, piece)
        covering = [(s, ids) for s, ids in evidence if s.start <= lo and hi <= s.end]
        if covering:
            rels = " ".join(sorted({r for _, ids in covering for r in ids}))
            spans = " ".join(sorted({f"{s.start}-{s.end}" for s, _ in covering}))
            anchors = Markup("").join(Markup('<span id="ev-{}-{}"></span>').format(s, e)
                                      for s, e in sorted(starts) if s == lo)
            piece = anchors + Markup('<mark class="claim" data-relations="{}" data-ev="{}">{}</mark>').format(
                rels, spans, piece)
        parts.append(piece)
    return Markup("").join(parts)

