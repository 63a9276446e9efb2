"""What-if scenarios: edits to the network and what they move."""
import pytest

from analysis_graphs import signed, taliban_like
from briefgraph.analysis.network import network
from briefgraph.analysis.whatif import ScenarioError, parse_edit, whatif

TRIANGLE = [("A", "B", 1), ("A", "C", 1), ("B", "C", -1)]


def test_whatif_making_peace_across_an_unbalanced_triangle_removes_the_frustration():
    result = whatif(signed(TRIANGLE), ["B -> C = 1"])
    assert result["frustration_index"] == {"before": 1, "after": 0, "exact": True}
    assert result["triads"]["became_balanced"] == [{"actors": ["A", "B", "C"], "signs": [1, 1, 1]}]
    assert result["cross_pressure"]["fell"] == [{"actor": "A", "before": 1.0, "after": 0.0}]


def test_whatif_zero_removes_the_tie_and_dissolves_its_triads():
    result = whatif(signed(TRIANGLE), ["A -> B = 0"])
    assert result["frustration_index"]["after"] == 0
    assert result["triads"]["dissolved"] == [{"actors": ["A", "B", "C"], "signs": [1, 1, -1], "balanced": False}]
    assert result["edits"] == [{"source": "A", "target": "B", "before": 1, "after": 0}]


def test_whatif_taliban_breaking_with_al_qaeda_adds_frustration_and_pressures_the_imu():
    result = whatif(taliban_like(), ["Taliban -> al Qaeda = -1"])
    assert (result["frustration_index"]["before"], result["frustration_index"]["after"]) == (1, 2)
    assert "Islamic Movement of Uzbekistan" in [m["actor"] for m in result["cross_pressure"]["rose"]]
    unbalanced = [sorted(t["actors"]) for t in result["triads"]["became_unbalanced"]]
    assert unbalanced == [["Islamic Movement of Uzbekistan", "Taliban", "al-Qaeda"]]


def test_whatif_leaves_the_graph_and_its_network_untouched():
    g = signed(TRIANGLE)
    before = [(r.source, r.target, r.sign) for r in g.relations]
    whatif(g, ["B -> C = 1", "A -> C = 0"])
    assert [(r.source, r.target, r.sign) for r in g.relations] == before
    assert network(g).sign("b", "c") == -1


def test_whatif_resolves_actor_names_by_alias():
    edit = parse_edit(taliban_like(), "the Taliban -> TIP = -1")
    assert (edit.a, edit.b, edit.sign) == ("taliban", "turkistan-islamic-party", -1)


@pytest.mark.parametrize("text, message", [
    ("Nobody -> A = 1", "unknown actor 'Nobody'"),
    ("A -> B = 2", "must be -1, 0 or 1"),
    ("A and B are friends", "expected 'A -> B = -1'"),
    ("A -> A = 1", "joins an actor to itself"),
])
def test_whatif_rejects_bad_edits_with_a_clear_message(text, message):
    with pytest.raises(ScenarioError, match=message):
        whatif(signed(TRIANGLE), [text])
