"""Source texts with their evidence highlighted: overlapping evidence spans merge into one mark,
and every span knows the id of the mark that shows it. Past the report's document bound, each
document gets a list of its cited evidence sentences (excerpts) instead, with the same mark ids."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Document, Graph, Span
from .bounds import Selection


@dataclass
class Highlighted:
    document: Document
    html: Markup  # the escaped text with <mark> elements
    anchors: dict[tuple[int, int], str]  # (start, end) of an evidence span -> mark id


def _valid(doc: Document, span: Span) -> bool:
    return 0 <= span.start < span.end <= len(doc.text) and doc.text[span.start:span.end] == span.text


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def highlight(doc: Document, number: int, spans: list[Span]) -> Highlighted:
    """Mark every valid evidence span of one document; mark ids are `m<number>-<k>`."""
    own = sorted({(s.start, s.end) for s in spans if s.doc == doc.id and _valid(doc, s)})
    parts, anchors, pos, i = [], {}, 0, 0
    for k, (start, end) in enumerate(_merge(own)):
        mark_id = f"m{number}-{k}"
        parts += [escape(doc.text[pos:start]),
                  Markup('<mark id="{}">{}</mark>').format(mark_id, doc.text[start:end])]
        while i < len(own) and own[i][0] < end:
            anchors[own[i]] = mark_id
            i += 1
        pos = end
    parts.append(escape(doc.text[pos:]))
    return Highlighted(doc, Markup("").join(parts), anchors)


def excerpts(doc: Document, number: int, spans: list[Span]) -> Highlighted:
    """Each distinct evidence sentence of one document, in text order with its offsets; mark ids `m<number>-<k>`."""
    parts, anchors = [], {}
    for k, span in enumerate(sorted({(s.start, s.end): s for s in spans if s.doc == doc.id}.values(),
                                    key=lambda s: (s.start, s.end))):
        mark_id = f"m{number}-{k}"
        anchors[(span.start, span.end)] = mark_id
        # escape() and an f-string: Markup.format costs more than all the rest at 50,000 sentences
        parts.append(f'<li><mark id="{mark_id}">{escape(span.text)}</mark> '
                     f'<span class="offsets">characters {span.start:,}&ndash;{span.end:,}</span></li>')
    return Highlighted(doc, Markup('<ol class="excerpts">' + "\n".join(parts) + "</ol>"), anchors)


def embed(graph: Graph, selection: Selection) -> list[Highlighted]:
    """The documents section: every document's full text when the selection allows it, else the
    excerpts of the documents its shown evidence cites. List position = the number in mark ids."""
    spans_by_doc: dict[str, list[Span]] = {}
    for rel in selection.relations:
        for span in selection.shown(rel):
            spans_by_doc.setdefault(span.doc, []).append(span)
    if selection.full_texts:
        return [highlight(d, i, spans_by_doc.get(d.id, [])) for i, d in enumerate(graph.documents)]
    cited = [d for d in graph.documents if d.id in spans_by_doc]
    return [excerpts(d, i, spans_by_doc[d.id]) for i, d in enumerate(cited)]
