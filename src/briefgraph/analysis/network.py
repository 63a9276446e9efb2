"""The signed, weighted actor network behind every analysis.

Each unordered actor pair becomes one `Edge`. Its sign is the sign of the weighted sum of
the signs of the relations between the two actors, each relation weighted by how firmly the
text states it (`STATUS_WEIGHTS`) times how likely the extraction is right (its `confidence`).
Negated and hypothetical relations and structural (sign 0) relations stay on the edge as
evidence but never set its sign. Each edge keeps the relations that make it up, so every
finding can point back to its sentences.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field, replace

import networkx as nx

from ..cycles import paused_cycle_collection
from ..errors import SettingsError
from ..model import Actor, Graph, Relation

STATUS_WEIGHTS = {
    "asserted": 1.0, "certain": 1.0, "reported": 0.7, "probable": 0.6,
    "possible": 0.3, "unlikely": 0.1, "hypothetical": 0.0, "negated": 0.0,
}
# Relations with these statuses never set a sign, however strongly they are worded.
UNSIGNING_STATUSES = frozenset({"hypothetical", "negated"})


def status_weight(status: str) -> float:
    """How much a relation with this modality status counts toward its edge's sign."""
    return STATUS_WEIGHTS.get(status, 0.0)


def signing_weight(rel: Relation) -> float:
    """The weight a relation adds to its edge's signed sum: its status weight times its confidence;
    0 for structural, negated, hypothetical."""
    if rel.sign == 0 or rel.modality.status in UNSIGNING_STATUSES:
        return 0.0
    return status_weight(rel.modality.status) * rel.confidence


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass
class Edge:
    """One unordered actor pair (`a` < `b`) with its aggregated sign and weight."""
    a: str
    b: str
    sign: int = 0
    weight: float = 0.0  # |weighted sum of signs|; 0 when the edge has no sign
    strength: float = 0.0  # sum of the status weights of every relation, structural ones included
    relations: list[Relation] = field(default_factory=list)
    scenario: bool = False  # set by a what-if edit rather than by the text

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b)

    def other(self, actor_id: str) -> str:
        return self.b if actor_id == self.a else self.a

    def style(self) -> str:
        """How firmly the edge is stated: 'factual', 'uncertain' (reported or hedged) or 'unreal'."""
        statuses = {r.modality.status for r in self.relations}
        if self.scenario or statuses & {"asserted", "certain"}:
            return "factual"
        if statuses - UNSIGNING_STATUSES:
            return "uncertain"
        return "unreal"


def build_edge(a: str, b: str, relations: list[Relation]) -> Edge:
    """Aggregate the relations of one pair into an edge."""
    total = strength = 0  # one pass, adding in the same order as `signing_weight` and `status_weight` would
    for r in relations:
        status = r.modality.status
        weight = STATUS_WEIGHTS.get(status, 0.0) * r.confidence
        total += r.sign * (0.0 if r.sign == 0 or status in UNSIGNING_STATUSES else weight)
        strength += weight
    sign = 1 if total > 1e-9 else -1 if total < -1e-9 else 0
    return Edge(a, b, sign, abs(total) if sign else 0.0, strength, list(relations))


@dataclass
class Network:
    """Actors (by id) and the edges between them."""
    actors: dict[str, Actor]
    edges: dict[tuple[str, str], Edge]
    # actor -> sign (None for every edge) -> neighbour id -> edge, built once on first use: analyses ask
    # for the neighbours of every actor several times.
    _index: dict[str, dict[int | None, dict[str, Edge]]] | None = field(default=None, repr=False, compare=False)

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def edge(self, a: str, b: str) -> Edge | None:
        return self.edges.get(pair_key(a, b))

    def sign(self, a: str, b: str) -> int:
        e = self.edge(a, b)
        return e.sign if e else 0

    def signed_edges(self) -> list[Edge]:
        return [e for e in self.edges.values() if e.sign]

    def neighbours(self, actor_id: str, sign: int | None = None) -> dict[str, Edge]:
        """Map neighbour id -> edge (in the order of `edges`); only edges of `sign` when given.
        The map is shared between calls: read it, do not change it."""
        return self._incident().get(actor_id, _NO_NEIGHBOURS).get(sign, _NO_EDGES)

    def connected_actors(self) -> set[str]:
        return set(self._incident())  # the index lists exactly the actors at an end of some edge

    def to_networkx(self, signed_only: bool = False) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.actors)
        for e in self.edges.values():
            if e.sign or not signed_only:
                g.add_edge(e.a, e.b, sign=e.sign, weight=e.weight, strength=e.strength)
        return g

    def put(self, edge: Edge) -> None:
        """Add or replace the edge of a pair."""
        self.edges[edge.pair] = edge
        self._index = None

    def remove(self, a: str, b: str) -> None:
        self.edges.pop(pair_key(a, b), None)
        self._index = None

    def copy(self) -> "Network":
        edges = {k: replace(e, relations=list(e.relations)) for k, e in self.edges.items()}
        return Network(dict(self.actors), edges)

    def _incident(self) -> dict[str, dict[int | None, dict[str, Edge]]]:
        if self._index is None:
            index: dict[str, dict[int | None, dict[str, Edge]]] = {}
            for e in self.edges.values():
                for here, there in ((e.a, e.b), (e.b, e.a)):
                    maps = index.get(here)
                    if maps is None:
                        maps = index[here] = {None: {}, 1: {}, -1: {}, 0: {}}
                    maps[None][there] = e
                    maps[e.sign][there] = e
            self._index = index
        return self._index


_NO_EDGES: dict[str, Edge] = {}
_NO_NEIGHBOURS: dict[int | None, dict[str, Edge]] = {}


def as_date(value: str | dt.date | None) -> str | None:
    """An ISO day (yyyy-mm-dd) from a date, datetime or string; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise SettingsError(f"not a date: {str(value)!r} (expected e.g. 2021-10-04)") from None


_YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def as_bound(value: str | dt.date | None) -> str | None:
    """A window's bound: an ISO day, or a year or month ('2021', '2021-10') that covers all its days, as
    the store's windows read them; None stays None."""
    found = _YEAR_OR_MONTH.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return as_date(value)
    try:
        dt.date(int(found[1]), int(found[2] or 1), 1)
    except ValueError:
        raise SettingsError(f"not a date: {value!r} (expected e.g. 2021-10-04, 2021-10 or 2021)") from None
    return value


def is_dated(value: str | None) -> bool:
    """A date that windows can compare: yyyy-mm-dd (a date written in words is in no window)."""
    return bool(value) and value[:4].isdigit() and value[4:5] == "-"


def documents_in_window(graph: Graph, since=None, until=None) -> set[str]:
    """Ids of the documents dated within [since, until]; undated documents fall outside any bounded window.
    A bound that is a year or a month covers all its days (until='2021-10' keeps 31 October)."""
    lo, hi = as_bound(since), as_bound(until)
    kept = set()
    for doc in graph.documents:
        if lo is None and hi is None:
            kept.add(doc.id)
        elif is_dated(doc.date) and (lo is None or doc.date[:len(lo)] >= lo) and (hi is None or doc.date[:len(hi)] <= hi):
            kept.add(doc.id)
    return kept


def windowed(graph: Graph, since=None, until=None) -> Graph:
    """The graph seen through a time window: only evidence from documents dated inside it.

    Relations left without evidence are dropped. Without bounds the graph comes back unchanged.
    """
    if since is None and until is None:
        return graph
    docs = documents_in_window(graph, since, until)
    relations = []
    for rel in graph.relations:
        evidence = [span for span in rel.evidence if span.doc in docs]
        if evidence:
            kept = copy.copy(rel)
            kept.evidence = evidence
            relations.append(kept)
    claims = [c for c in graph.claims if c.evidence.doc in docs]
    return Graph([d for d in graph.documents if d.id in docs], graph.actors, relations, claims)


def network(graph: Graph, since=None, until=None) -> Network:
    """The signed network of a graph, optionally from the evidence of one time window only."""
    # Hundreds of thousands of relations and edges, no cycles: the collector's rescans would cost more than the build.
    with paused_cycle_collection():
        graph = windowed(graph, since, until)
        places = {a.id for a in graph.actors if a.type == "place"}  # places are where things happen, not who
        groups: dict[tuple[str, str], list[Relation]] = {}
        for rel in graph.relations:
            if rel.source != rel.target and rel.source not in places and rel.target not in places:
                groups.setdefault(pair_key(rel.source, rel.target), []).append(rel)
        edges = {k: build_edge(k[0], k[1], rels) for k, rels in groups.items()}
        return Network({a.id: a for a in graph.actors}, edges)


def evidence_texts(edge: Edge, limit: int = 5) -> list[str]:
    """Distinct evidence sentences of an edge, first `limit` of them."""
    if limit <= 0:
        return []
    if len(edge.relations) == 1 and len(edge.relations[0].evidence) == 1:  # most edges: one sentence
        return [edge.relations[0].evidence[0].text]
    seen: dict[str, None] = {}  # insertion-ordered set; stop once `limit` are found (hubs carry thousands)
    for rel in edge.relations:
        for span in rel.evidence:
            seen[span.text] = None  # a repeated sentence keeps its first place
            if len(seen) == limit:
                return list(seen)
    return list(seen)


def edge_dict(net: Network, edge: Edge, evidence_limit: int = 5) -> dict:
    """A JSON-ready description of an edge with its relations and evidence."""
    return {
        "source": net.name(edge.a), "target": net.name(edge.b),
        "sign": edge.sign, "weight": round(edge.weight, 3),
        "relations": [{"source": net.name(r.source), "type": r.type, "target": net.name(r.target),
                       "sign": r.sign, "status": r.modality.status} for r in edge.relations],
        "evidence": evidence_texts(edge, evidence_limit),
        "scenario": edge.scenario,
    }
