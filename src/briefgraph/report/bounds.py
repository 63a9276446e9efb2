"""How much of a graph the report embeds, so that the page stays one file a browser can open.

Within the bounds the report holds everything, as it always has: every actor, every relation, every
document's full text with its evidence highlighted. Beyond them it keeps the most connected actors,
the strongest relations among them and, past `max_documents`, each cited evidence sentence with its
document and offsets instead of whole texts; then each relation lists at most `evidence_per_relation`
of its sentences, fewer when that would make more than `max_sentences` in all (never fewer than one).
`notes` says on the page what was left out and how to get it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..analysis.network import STATUS_WEIGHTS, Network
from ..model import Actor, Graph, Relation, Span


@dataclass(frozen=True)
class ReportLimits:
    max_documents: int = 200  # full texts up to this many documents; beyond, the evidence sentences only
    max_actors: int = 1000  # what the graph view lays out and draws smoothly
    max_relations: int = 10000
    evidence_per_relation: int = 5  # once any other bound is reached
    max_sentences: int = 20000  # evidence sentences in all, then: fewer per relation when there are many

    def whole_texts(self, documents: int) -> bool:
        """Whether a report of this many documents embeds their whole texts."""
        return documents <= self.max_documents


@dataclass
class Selection:
    """What one report shows: actors and relations in graph order, and the totals they come from."""
    actors: list[Actor]
    relations: list[Relation]
    full_texts: bool
    limits: ReportLimits
    total_actors: int
    total_relations: int
    total_documents: int
    evidence_cap: int | None = None  # sentences listed per relation; None: all of them

    def shown(self, rel: Relation) -> list[Span]:
        """The evidence sentences of `rel` the page shows (the first ones, in reading order)."""
        return rel.evidence if self.evidence_cap is None else rel.evidence[:self.evidence_cap]

    def evidence_left_out(self) -> int:
        cap = self.evidence_cap
        return 0 if cap is None else sum(len(r.evidence) - cap for r in self.relations if len(r.evidence) > cap)

    def bounded(self) -> bool:
        return len(self.actors) < self.total_actors or len(self.relations) < self.total_relations


def select(graph: Graph, net: Network, findings: dict, limits: ReportLimits) -> Selection:
    """The part of `graph` a report embeds under `limits` (all of it when it fits)."""
    everyone = actor_index(graph, net)
    actors, relations = everyone, graph.relations
    connected = findings["centrality"]["actors"]  # actors in the signed network, most connected first
    if len(connected) > limits.max_actors or len(relations) > limits.max_relations:
        kept = set(_ranked_actors(graph, connected, limits.max_actors))
        among = [r for r in relations if r.source in kept and r.target in kept]
        relations = _strongest(among, limits.max_relations)
        used = {ref for r in relations for ref in (r.source, r.target)}
        actors = [a for a in actors if a.id in used]  # an actor whose ties were all cut would look isolated
    selection = Selection(actors, relations, limits.whole_texts(len(graph.documents)), limits,
                          total_actors=len(everyone), total_relations=len(graph.relations),
                          total_documents=len(graph.documents))
    if selection.bounded() or not selection.full_texts:  # a corpus within every bound keeps every sentence
        share = limits.max_sentences // max(len(relations), 1)
        selection.evidence_cap = max(1, min(limits.evidence_per_relation, share))
    return selection


def actor_index(graph: Graph, net: Network) -> list[Actor]:
    """Every actor of the graph, then any actor a relation names but the graph does not list."""
    actors = list(graph.actors)
    known = {a.id for a in actors}
    if {r.source for r in graph.relations} | {r.target for r in graph.relations} <= known:
        return actors  # the usual case, found without a loop in Python
    for rel in graph.relations:
        for ref in (rel.source, rel.target):
            if ref not in known:
                known.add(ref)
                actors.append(Actor(ref, net.name(ref), "unknown"))
    return actors


def _ranked_actors(graph: Graph, connected: list[dict], limit: int) -> list[str]:
    """The first `limit` actor ids by weighted degree in the signed network; then those outside it
    (places, actors with only unsigned or self ties) by how many relations name them."""
    ranked = [row["id"] for row in connected[:limit]]
    if len(ranked) == limit:
        return ranked
    inside = set(ranked)
    outside = Counter(ref for r in graph.relations for ref in (r.source, r.target) if ref not in inside)
    return ranked + [ref for ref, _ in outside.most_common(limit - len(ranked))]


def _strength(rel: Relation) -> tuple[float, int]:
    """Evidence sentences weighted by how firmly and how surely they state the relation; then their number."""
    return len(rel.evidence) * STATUS_WEIGHTS.get(rel.modality.status, 0.0) * rel.confidence, len(rel.evidence)


def _strongest(relations: list[Relation], limit: int) -> list[Relation]:
    """The `limit` strongest relations, in their original order (earlier ones win ties)."""
    if len(relations) <= limit:
        return relations
    strength = [_strength(r) for r in relations]
    best = sorted(range(len(relations)), key=strength.__getitem__, reverse=True)[:limit]  # stable: ties keep order
    return [relations[i] for i in sorted(best)]


def notes(selection: Selection, cited_documents: int, cited_sentences: int) -> dict[str, str]:
    """What the page leaves out and how to get it, by section ("graph", "evidence", "documents")."""
    out = {}
    if selection.bounded():
        out["graph"] = (f"Too large to show whole: this report holds {len(selection.relations):,} of the "
                        f"{selection.total_relations:,} relations (the strongest: most evidence, firmest status, "
                        f"highest confidence, between the most connected actors) and the {len(selection.actors):,} "
                        f"of {selection.total_actors:,} actors they name. Every relation: `briefgraph relations "
                        f"--format json`, or browse them in the workbench (`briefgraph serve`); `--max-actors` and "
                        f"`--max-relations` raise the bounds.")
    left = selection.evidence_left_out()
    if left:
        out["evidence"] = (f"Each relation lists at most {selection.evidence_cap} of its evidence "
                           f"sentences, and the documents mark only those; {left:,} more are not listed "
                           f"(`briefgraph show ACTOR` lists them all).")
    if not selection.full_texts:
        out["documents"] = (f"The {selection.total_documents:,} documents are more than this report embeds in full "
                            f"(`--max-documents {selection.limits.max_documents}`): below are the {cited_sentences:,} "
                            f"evidence sentences it cites, from {cited_documents:,} of them, each with its character "
                            f"offsets in the document's text. Whole texts with their evidence highlighted: the "
                            f"workbench (`briefgraph serve`), or this report written with a larger `--max-documents`.")
    return out
