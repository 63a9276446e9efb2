"""The signed network: how relations aggregate into one signed, weighted edge per actor pair."""
import pytest

from analysis_graphs import Builder
from briefgraph.analysis.network import network


def edge_between(graph, a, b):
    net = network(graph)
    return net.edge(graph.actor(a).id, graph.actor(b).id)


def test_network_sign_is_the_sign_of_the_status_weighted_sum():
    g = Builder().rel("A", "B", 1, "possible").rel("A", "B", -1, "reported").graph()
    e = edge_between(g, "A", "B")
    assert e.sign == -1
    assert e.weight == pytest.approx(0.7 - 0.3)


def test_network_relations_in_both_directions_make_one_edge():
    g = Builder().rel("A", "B", 1).rel("B", "A", 1, "probable").graph()
    net = network(g)
    assert len(net.edges) == 1
    assert net.edge("a", "b").weight == pytest.approx(1.6)


@pytest.mark.parametrize("status", ["negated", "hypothetical"])
def test_network_negated_and_hypothetical_relations_never_set_a_sign(status):
    g = Builder().rel("A", "B", 1, status).graph()
    e = edge_between(g, "A", "B")
    assert (e.sign, e.weight) == (0, 0.0)
    assert e.style() == "unreal"


def test_network_negated_conflict_does_not_outweigh_a_weak_cooperation():
    g = Builder().rel("A", "B", -1, "negated").rel("A", "B", -1, "negated").rel("A", "B", 1, "unlikely").graph()
    assert edge_between(g, "A", "B").sign == 1


def test_network_structural_relations_keep_the_tie_without_a_sign():
    g = Builder().rel("A", "B", 0, type_="LEADER_OF").rel("A", "B", -1, "possible").graph()
    e = edge_between(g, "A", "B")
    assert e.sign == -1
    assert e.weight == pytest.approx(0.3)
    assert e.strength == pytest.approx(1.3)
    assert {r.type for r in e.relations} == {"LEADER_OF", "ACCUSE"}


def test_network_edge_keeps_the_evidence_of_its_relations():
    g = Builder().rel("A", "B", 1, text="A armed B last year.").graph()
    rel = edge_between(g, "A", "B").relations[0]
    assert rel.evidence[0].text == "A armed B last year."


def test_network_window_keeps_only_evidence_from_documents_dated_inside_it():
    b = Builder().document("2021-01-10").rel("A", "B", 1)
    b.document("2021-06-01").rel("A", "B", -1).rel("B", "C", 1)
    b.document(None).rel("C", "D", 1)
    net = network(b.graph(), since="2021-03-01")
    assert net.sign("a", "b") == -1
    assert net.edge("c", "d") is None
    assert set(net.edges) == {("a", "b"), ("b", "c")}


def test_network_window_until_is_inclusive():
    b = Builder().document("2021-01-10").rel("A", "B", 1)
    b.document("2021-01-11").rel("A", "C", 1)
    assert set(network(b.graph(), until="2021-01-10").edges) == {("a", "b")}


def test_network_without_window_counts_undated_documents():
    g = Builder().document(None).rel("A", "B", 1).graph()
    assert network(g).sign("a", "b") == 1


def test_places_take_no_part_in_the_signed_network():
    from briefgraph.analysis.network import network
    from briefgraph.model import Actor, Graph, Modality, Relation, Span
    actors = [Actor("israel", "Israel", "state"), Actor("hodeidah", "Hodeidah", "place"), Actor("iran", "Iran", "state")]
    ev = [Span("d", 0, 5, "text.")]
    rels = [Relation("r1", "israel", "hodeidah", "ASSAULT", "material_conflict", -1, Modality(), ev),
            Relation("r2", "israel", "iran", "THREATEN", "verbal_conflict", -1, Modality(), ev)]
    net = network(Graph([], actors, rels))
    assert [sorted(k) for k in net.edges] == [["iran", "israel"]]


def _three_months():
    b = Builder()
    for day, pair in (("2021-09-30", ("A", "B")), ("2021-10-15", ("B", "C")), ("2021-10-31", ("C", "D")),
                      ("2021-11-01", ("D", "E"))):
        b.document(day).rel(*pair, 1)
    return b.graph()


def test_a_month_or_year_bound_covers_all_its_days_as_the_store_reads_it():
    from briefgraph.analysis.network import windowed
    g = _three_months()
    def dates(since=None, until=None):
        return sorted(d.date for d in windowed(g, since, until).documents)
    assert dates("2021-10", "2021-10") == ["2021-10-15", "2021-10-31"]
    assert dates(until="2021-10") == ["2021-09-30", "2021-10-15", "2021-10-31"]
    assert dates("2021-10-16", "2021") == ["2021-10-31", "2021-11-01"]
    assert len(network(g, "2021-10", "2021-10").edges) == 2


def test_a_bound_that_names_no_month_is_refused():
    from briefgraph.errors import SettingsError
    with pytest.raises(SettingsError, match="2021-13"):
        network(_three_months(), since="2021-13")
