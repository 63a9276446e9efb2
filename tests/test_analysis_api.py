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
