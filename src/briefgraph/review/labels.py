"""Review decisions as labelled examples for training the extraction: one JSON object per claim.

Each example is the evidence sentence with its offsets in the document, the two actors with
where the sentence names them (offsets relative to the sentence), the relation as the analyst
left it, and the label: confirmed, rejected, corrected or added.
"""
from __future__ import annotations

from typing import Any, Iterator

from ..model import Actor, Span
from .apply import Reviewed


def _spans_in(actor: Actor | None, sentence: Span) -> list[list[int]]:
    if actor is None:
        return []
    return [[m.start - sentence.start, m.end - sentence.start] for m in actor.mentions
            if m.doc == sentence.doc and sentence.start <= m.start and m.end <= sentence.end]


def examples(reviewed: Reviewed) -> Iterator[dict[str, Any]]:
    """The labelled examples of every decision in force, in the order the decisions were taken."""
    actors = {a.id: a for a in reviewed.graph.actors}
    paths = {d.id: d.path for d in reviewed.graph.documents}
    for ex in reviewed.examples:
        c = ex["claim"]
        source = actors.get(reviewed.moved.get(c.source, c.source))
        target = actors.get(reviewed.moved.get(c.target, c.target))
        yield {
            "sentence": c.evidence.text, "doc": c.evidence.doc, "path": paths.get(c.evidence.doc, "-"),
            "offsets": [c.evidence.start, c.evidence.end],
            "source": source.name if source else c.source, "source_spans": _spans_in(source, c.evidence),
            "target": target.name if target else c.target, "target_spans": _spans_in(target, c.evidence),
            "type": c.type, "sign": c.sign, "status": c.modality.status, "label": ex["label"],
            "decision": ex["decision"],
        }
