"""Analyses over the signed actor network: balance, cross-pressure, commitments, centrality,
timelines and what-if scenarios. `analyze(graph)` runs the first four and returns plain data."""
from __future__ import annotations

from ..cycles import paused_cycle_collection
from ..model import Graph
from .balance import balance, balance_dict
from .centrality import centrality
from .commitments import commitment_dict, commitments
from .crosspressure import cross_pressure, pressure_dicts
from .network import Network, network, windowed
from .timeline import diff_at, diff_dict
from .whatif import whatif


def analyze_network(graph: Graph, net: Network, described: int | None = None) -> dict:
    """Every finding for a graph and its (already windowed) network.

    `described` bounds how many cross-pressure entries and frustrated ties are described in full
    (ties, pairs, evidence): the rest of the ranking keeps its summary fields and the rest of the
    frustrated ties are left out (the frustration index still counts them). A page that lists the top
    few (the report) need not describe thousands; None describes everything, as `analyze --json` does.
    """
    # The analyses allocate hundreds of thousands of small objects and no cycles: on a large corpus the
    # collector's rescans cost more than the analyses themselves.
    with paused_cycle_collection():
        return _findings(graph, net, described)


def _findings(graph: Graph, net: Network, described: int | None) -> dict:
    result = balance(net)
    names = {a.id: a.name for a in graph.actors}
    return {
        "network": {"actors": len(net.connected_actors()), "edges": len(net.edges),
                    "signed_edges": len(net.signed_edges())},
        "cross_pressure": pressure_dicts(net, cross_pressure(net, result), described=described),
        "balance": balance_dict(net, result, described=described),
        "commitments": [commitment_dict(names, c) for c in commitments(graph)],
        "centrality": centrality(net),
    }


def analyze(graph: Graph, since=None, until=None) -> dict:
    """Analyse a graph (optionally only the evidence dated within [since, until]).

    Keys: `network` (sizes), `cross_pressure` (highest first, each with `actor`, `score`,
    `explanation`, ties and evidence), `balance` (`frustration_index`, `frustrated_edges`,
    `exact`, `camps`, `triads`), `commitments` and `centrality`.
    """
    with paused_cycle_collection():  # building the network allocates as much as the analyses
        graph = windowed(graph, since, until)
        return analyze_network(graph, network(graph))


__all__ = ["analyze", "analyze_network", "diff_at", "diff_dict", "network", "whatif"]
