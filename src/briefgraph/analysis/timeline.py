"""What changed between two time windows: ties that appeared, disappeared or changed sign, and actors
who entered or left. Windows come from document dates (see `network.windowed`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Graph
from .network import Edge, Network, as_date, edge_dict, network


@dataclass
class Diff:
    old: Network
    new: Network
    new_ties: list[Edge] = field(default_factory=list)
    removed_ties: list[Edge] = field(default_factory=list)
    sign_flips: list[tuple[Edge, Edge]] = field(default_factory=list)  # (old edge, new edge)
    entered: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def diff_networks(old: Network, new: Network) -> Diff:
    d = Diff(old, new)
    d.new_ties = [e for k, e in sorted(new.edges.items()) if k not in old.edges]
    d.removed_ties = [e for k, e in sorted(old.edges.items()) if k not in new.edges]
    d.sign_flips = [(old.edges[k], e) for k, e in sorted(new.edges.items())
                    if k in old.edges and old.edges[k].sign != e.sign]
    before, after = old.connected_actors(), new.connected_actors()
    d.entered = sorted(after - before)
    d.left = sorted(before - after)
    return d


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def diff_at(graph: Graph, since, until=None) -> Diff:
    """Compare the evidence dated before `since` with the evidence dated from `since` (to `until`)."""
    start = as_date(since)
    old = network(graph, "0001-01-01", day_before(start))
    return diff_networks(old, network(graph, start, until))


def undated_documents(graph: Graph) -> int:
    return sum(1 for d in graph.documents if not d.date)


def diff_dict(d: Diff) -> dict:
    def names(ids: list[str], net: Network) -> list[str]:
        return [net.name(a) for a in ids]
    return {
        "new_ties": [edge_dict(d.new, e, 3) for e in d.new_ties],
        "removed_ties": [edge_dict(d.old, e, 3) for e in d.removed_ties],
        "sign_flips": [{"source": d.new.name(new.a), "target": d.new.name(new.b), "before": old.sign,
                        "after": new.sign, "evidence_before": edge_dict(d.old, old, 3)["evidence"],
                        "evidence_after": edge_dict(d.new, new, 3)["evidence"]} for old, new in d.sign_flips],
        "entered": names(d.entered, d.new),
        "left": names(d.left, d.old),
    }
