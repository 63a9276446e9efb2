"""Analyses whose cost is bounded on large graphs: sampled betweenness and the budgeted balance search."""
import importlib
import random

import networkx as nx
import pytest

from analysis_graphs import signed
from briefgraph.analysis._brandes import sampled_betweenness
from briefgraph.analysis._partition import count_frustrated, local_search
from briefgraph.analysis.balance import _adjacency
from briefgraph.analysis.network import network

centrality_module = importlib.import_module("briefgraph.analysis.centrality")


def random_graph(n: int, m: int, seed: int) -> nx.Graph:
    """Lengths whose sums are exact in floating point: networkx finds ties by exact equality, the sampled
    estimate within a relative 1e-9, so only then must the two agree to the last digit."""
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    while g.number_of_edges() < m:
        a, b = rng.sample(range(n), 2)
        g.add_edge(a, b, length=rng.choice([1.0, 2.0, 3.0, 0.5]))
    return g


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sampled_betweenness_with_every_source_equals_the_exact_betweenness(seed):
    g = random_graph(40, 90, seed)
    nodes = [str(v) for v in g]
    arcs = [(a, b, d["length"]) for a, b, d in g.edges(data=True)]
    ours = sampled_betweenness(nodes, arcs, list(range(len(nodes))))
    exact = nx.betweenness_centrality(g, weight="length", normalized=True)
    assert ours == pytest.approx({str(v): x for v, x in exact.items()}, abs=1e-9)


def test_sampled_betweenness_counts_every_shortest_path_of_equal_length():
    # A square: two equally short paths from 0 to 2, through 1 and through 3, each carrying half.
    ours = sampled_betweenness(["0", "1", "2", "3"], [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)], [0, 1, 2, 3])
    assert ours == pytest.approx({"0": 1 / 6, "1": 1 / 6, "2": 1 / 6, "3": 1 / 6})


def test_centrality_above_the_sample_threshold_is_flagged_as_sampled_and_still_finds_the_hub(monkeypatch):
    monkeypatch.setattr(centrality_module, "SAMPLE_ABOVE", 5)
    spokes = [("Hub", f"S{i}", 1) for i in range(12)] + [(f"S{i}", f"T{i}", 1) for i in range(12)]
    result = centrality_module.centrality(network(signed(spokes)))
    assert result["betweenness_sampled"] is True
    top = max(result["actors"], key=lambda r: r["betweenness"])
    assert top["actor"] == "Hub"


def test_sampled_betweenness_is_the_same_on_every_run():
    net = network(signed([(f"A{i}", f"A{(i * 7) % 30}", 1 if i % 3 else -1) for i in range(30)]))
    assert centrality_module.sampled(net, size=5) == centrality_module.sampled(net, size=5)


def test_balance_search_on_a_graph_beyond_its_budget_still_returns_a_locally_optimal_split(monkeypatch):
    from briefgraph.analysis import _partition
    monkeypatch.setattr(_partition, "MIN_WORK", 50)
    monkeypatch.setattr(_partition, "WORK_PER_ARC", 0)
    g = random_graph(80, 240, 4)
    edges = [(f"N{a:02d}", f"N{b:02d}", 1 if (a + b) % 3 else -1) for a, b in g.edges()]
    net = network(signed(edges))
    adj = _adjacency(net.connected_actors(), net.signed_edges())
    side = local_search(adj)
    assert set(side) == set(adj)
    frustrated = count_frustrated(adj, side)
    for v in adj:  # no single move lowers the frustration: the first start's descent always finishes
        side[v] = 1 - side[v]
        assert count_frustrated(adj, side) >= frustrated
        side[v] = 1 - side[v]
