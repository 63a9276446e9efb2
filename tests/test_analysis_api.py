"""`analyze(graph)`: one dict with every finding."""
import json

from analysis_graphs import Builder, taliban_like
from briefgraph.analysis import analyze


def test_analyze_returns_every_finding_as_json_ready_data():
    result = analyze(taliban_like())
    assert set(result) >= {"cross_pressure", "balance", "commitments", "centrality"}
    assert {"frustration_index", "frustrated_edges", "exact", "camps", "triads"} <= set(result["balance"])
    assert {"actor", "score", "explanation"} <= set(result["cross_pressure"][0])
    json.dumps(result)


def test_analyze_balance_of_the_example_like_graph():
    bal = analyze(taliban_like())["balance"]
    assert (bal["frustration_index"], bal["exact"]) == (1, True)
    assert bal["triads"] == {"balanced": 4, "unbalanced": 1}
    camp_of = {name: i for i, camp in enumerate(bal["camps"]) for name in camp}
    assert camp_of["Taliban"] == camp_of["al-Qaeda"] != camp_of["China"] == camp_of["Pakistan"]


def test_analyze_window_drops_findings_from_outside_it():
    b = Builder().document("2021-01-01").rel("A", "B", 1).rel("A", "C", 1).rel("B", "C", -1)
    b.document("2021-09-01").rel("A", "B", 1)
    assert analyze(b.graph())["balance"]["frustration_index"] == 1
    assert analyze(b.graph(), since="2021-06-01")["balance"]["frustration_index"] == 0


def _two_frustrated_and_two_pressured():
    # A and D are each friends with both sides of a hostility; two positive-positive-negative triangles
    # leave at least two frustrated ties.
    b = Builder().document("2021-01-01")
    for x, y, s in [("A", "B", 1), ("A", "C", 1), ("B", "C", -1), ("D", "E", 1), ("D", "F", 1), ("E", "F", -1)]:
        b.rel(x, y, s)
    return b.graph()


def test_described_bounds_the_full_entries_and_keeps_the_rest_of_the_ranking_as_summaries():
    from briefgraph.analysis import analyze_network, network
    graph = _two_frustrated_and_two_pressured()
    full = analyze_network(graph, network(graph))
    short = analyze_network(graph, network(graph), described=1)
    assert len(full["cross_pressure"]) == len(short["cross_pressure"]) >= 2
    assert short["cross_pressure"][0] == full["cross_pressure"][0]
    rest = short["cross_pressure"][1]
    assert "positive_ties" not in rest and "torn_pairs" not in rest
    assert rest == {k: full["cross_pressure"][1][k] for k in rest}
    assert len(full["balance"]["frustrated_edges"]) >= 2 and len(short["balance"]["frustrated_edges"]) == 1
    assert short["balance"]["frustrated_edges"][0] == full["balance"]["frustrated_edges"][0]
    assert short["balance"]["frustration_index"] == full["balance"]["frustration_index"]
