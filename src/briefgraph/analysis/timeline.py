"""What changed between two time windows: ties that are new, contradicted or not repeated, and actors
who entered or left. Windows come from document dates (see `network.windowed`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Document, Graph
from .network import UNSIGNING_STATUSES, Edge, Network, as_date, edge_dict, is_dated, network


@dataclass
class Diff:
    """What the briefs dated from `since` say about the ties of the briefs dated before it.

    A tie is *contradicted* when a later brief says the opposite (the pair's sign flips, or a later
    brief negates a relation stated before); *not repeated* when no later brief mentions the pair,
    which is not evidence that the tie ended; *new* when only later briefs have it.
    """
    old: Network
    new: Network
    new_ties: list[Edge] = field(default_factory=list)
    contradicted: list[tuple[Edge, Edge, str]] = field(default_factory=list)  # (old edge, new edge, how)
    not_repeated: list[Edge] = field(default_factory=list)
    entered: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    undated: list[Document] = field(default_factory=list)


def diff_networks(old: Network, new: Network) -> Diff:
    d = Diff(old, new)
    d.new_ties = [e for k, e in sorted(new.edges.items()) if k not in old.edges]
    d.not_repeated = [e for k, e in sorted(old.edges.items()) if k not in new.edges]
    for k, e in sorted(new.edges.items()):
        how = _contradiction(old.edges[k], e) if k in old.edges else None
        if how:
            d.contradicted.append((old.edges[k], e, how))
    before, after = old.connected_actors(), new.connected_actors()
    d.entered = sorted(after - before)
    d.left = sorted(before - after)
    return d


def _contradiction(old: Edge, new: Edge) -> str | None:
    """'opposite sign' or 'negated' when the later edge says the opposite of the earlier one, else None."""
    if old.sign and new.sign and old.sign != new.sign:
        return "opposite sign"
    stated = {(r.source, r.type, r.target) for r in old.relations if r.modality.status not in UNSIGNING_STATUSES}
    if any(r.modality.status == "negated" and (r.source, r.type, r.target) in stated for r in new.relations):
        return "negated"
    return None


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def diff_at(graph: Graph, since, until=None) -> Diff:
    """Compare the evidence dated before `since` with the evidence dated from `since` (to `until`).
    Undated briefs belong to neither side; they are listed in `undated`."""
    start = as_date(since)
    old = network(graph, "0001-01-01", day_before(start))
    d = diff_networks(old, network(graph, start, until))
    d.undated = [doc for doc in graph.documents if not is_dated(doc.date)]
    return d


def undated_documents(graph: Graph) -> int:
    return sum(1 for d in graph.documents if not d.date)


def diff_dict(d: Diff) -> dict:
    def names(ids: list[str], net: Network) -> list[str]:
        return [net.name(a) for a in ids]
    return {
        "new_ties": [edge_dict(d.new, e, 3) for e in d.new_ties],
        "contradicted": [{"source": d.new.name(new.a), "target": d.new.name(new.b), "how": how,
                          "before": old.sign, "after": new.sign,
                          "evidence_before": edge_dict(d.old, old, 3)["evidence"],
                          "evidence_after": edge_dict(d.new, new, 3)["evidence"]} for old, new, how in d.contradicted],
        "not_repeated": [edge_dict(d.old, e, 3) for e in d.not_repeated],
        "entered": names(d.entered, d.new),
        "left": names(d.left, d.old),
        "undated": [{"path": doc.path, "title": doc.title} for doc in d.undated],
    }
