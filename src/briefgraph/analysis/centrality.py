"""Who sits at the centre: weighted degree and betweenness over every tie, structural ones included.

Weighted degree sums the `strength` of an actor's edges (the status weights of all their
relations). Betweenness treats 1/strength as the length of an edge, so firmly stated ties are
short; above `SAMPLE_ABOVE` actors it is estimated from a fixed sample of sources.
"""
from __future__ import annotations

import networkx as nx

from .network import Network

SAMPLE_ABOVE = 500
SAMPLE_SIZE = 100
UNWEIGHTED_LENGTH = 10.0  # length of an edge whose relations are all negated or hypothetical


def weighted_degree(net: Network) -> dict[str, float]:
    return {a: sum(e.strength for e in net.neighbours(a).values()) for a in net.connected_actors()}


def betweenness(net: Network, seed: int = 0) -> tuple[dict[str, float], bool]:
    """Betweenness of every connected actor, and whether it was sampled."""
    g = nx.Graph()
    for e in net.edges.values():
        g.add_edge(e.a, e.b, length=1.0 / e.strength if e.strength > 0 else UNWEIGHTED_LENGTH)
    sampled = g.number_of_nodes() > SAMPLE_ABOVE
    k = SAMPLE_SIZE if sampled else None
    return nx.betweenness_centrality(g, k=k, weight="length", normalized=True, seed=seed), sampled


def centrality(net: Network) -> dict:
    """Actors by weighted degree (highest first), each with its positive and negative strength and betweenness."""
    degree = weighted_degree(net)
    between, sampled = betweenness(net)
    rows = []
    for a in sorted(degree, key=lambda x: (-degree[x], net.name(x))):
        pos = sum(e.weight for e in net.neighbours(a, 1).values())
        neg = sum(e.weight for e in net.neighbours(a, -1).values())
        rows.append({"actor": net.name(a), "id": a, "degree": round(degree[a], 3), "ties": len(net.neighbours(a)),
                     "positive": round(pos, 3), "negative": round(neg, 3),
                     "betweenness": round(between.get(a, 0.0), 4)})
    return {"actors": rows, "betweenness_sampled": sampled}
