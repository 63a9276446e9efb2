"""Analyses over the signed actor network: balance, cross-pressure, commitments, centrality,
timelines and what-if scenarios. `analyze(graph)` runs the first four and returns plain data."""
from __future__ import annotations

import gc
from contextlib import contextmanager

from ..model import Graph
from .balance import balance, balance_dict
from .centrality import centrality
from .commitments import commitment_dict, commitments
from .crosspressure import cross_pressure, pressure_dict
from .network import Network, network, windowed
from .timeline import diff_at, diff_dict
from .whatif import whatif


@contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector: the analyses allocate hundreds of thousands of small objects (pairs,
    dicts) and no cycles, and each time enough pile up the collector rescans the whole graph, millions of
    objects in a large corpus, which cost more than the analyses themselves."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyze_network(graph: Graph, net: Network) -> dict:
    """Every finding for a graph and its (already windowed) network."""
    with _without_cycle_collection():
        return _findings(graph, net)


def _findings(graph: Graph, net: Network) -> dict:
    result = balance(net)
    names = {a.id: a.name for a in graph.actors}
    return {
        "network": {"actors": len(net.connected_actors()), "edges": len(net.edges),
                    "signed_edges": len(net.signed_edges())},
        "cross_pressure": [pressure_dict(net, p) for p in cross_pressure(net, result)],
        "balance": balance_dict(net, result),
        "commitments": [commitment_dict(names, c) for c in commitments(graph)],
        "centrality": centrality(net),
    }


def analyze(graph: Graph, since=None, until=None) -> dict:
    """Analyse a graph (optionally only the evidence dated within [since, until]).

    Keys: `network` (sizes), `cross_pressure` (highest first, each with `actor`, `score`,
    `explanation`, ties and evidence), `balance` (`frustration_index`, `frustrated_edges`,
    `exact`, `camps`, `triads`), `commitments` and `centrality`.
    """
    graph = windowed(graph, since, until)
    return analyze_network(graph, network(graph))


__all__ = ["analyze", "analyze_network", "diff_at", "diff_dict", "network", "whatif"]
