"""Cross-pressure: who holds positive ties to parties hostile to each other."""
import pytest

from analysis_graphs import Builder, signed, taliban_like
from briefgraph.analysis import analyze
from briefgraph.analysis.balance import balance
from briefgraph.analysis.crosspressure import cross_pressure, pressure_dict
from briefgraph.analysis.network import network


def ranking(graph):
    net = network(graph)
    return net, cross_pressure(net, balance(net))


def test_crosspressure_ranks_the_broker_between_two_enemies_first():
    net, ranked = ranking(signed([("Broker", "X", 1), ("Broker", "Y", 1), ("X", "Y", -1),
                                  ("X", "Z", 1), ("W", "Y", 1)]))
    assert ranked[0].actor == "broker"
    assert ranked[0].torn == pytest.approx(1.0)
    assert [(p.a, p.b, p.why) for p in ranked[0].torn_pairs] == [("x", "y", "negative tie")]


def test_crosspressure_torn_pairs_multiply_the_two_tie_weights():
    g = Builder().rel("B", "X", 1, "reported").rel("B", "Y", 1, "possible").rel("X", "Y", -1).graph()
    net, ranked = ranking(g)
    top = next(p for p in ranked if p.actor == "b")
    assert top.torn == pytest.approx(0.7 * 0.3)


def test_crosspressure_friends_in_opposite_camps_count_without_a_direct_tie():
    # X and Y never meet, but X's ally fights Y's ally, so the camps split them.
    net, ranked = ranking(signed([("B", "X", 1), ("B", "Y", 1), ("X", "P", 1), ("Y", "Q", 1), ("P", "Q", -1),
                                  ("P", "R", -1), ("Q", "R", 1), ("X", "R", -1), ("Y", "P", -1), ("Y", "R", 1)]))
    b = next(p for p in ranked if p.actor == "b")
    assert [(p.a, p.b, p.why) for p in b.torn_pairs] == [("x", "y", "opposite camps")]


def test_crosspressure_exposure_counts_a_friend_on_one_side_and_an_enemy_on_the_other():
    net, ranked = ranking(signed([("A", "F", 1), ("A", "E", -1), ("F", "E", -1)]))
    a = next(p for p in ranked if p.actor == "a")
    assert a.torn == 0
    assert a.exposure == pytest.approx(1.0)
    assert a.score == pytest.approx(0.5)


def test_crosspressure_negated_support_creates_no_tie_to_be_torn_by():
    g = Builder().rel("B", "X", 1).rel("B", "Y", 1, "negated").rel("X", "Y", -1).graph()
    net, ranked = ranking(g)
    assert all(p.torn == 0 for p in ranked)


def test_crosspressure_actors_without_pressure_are_left_out():
    net, ranked = ranking(signed([("A", "B", 1), ("B", "C", 1)]))
    assert ranked == []


def test_crosspressure_ranks_taliban_first_on_a_graph_like_the_example_brief():
    result = analyze(taliban_like())
    ranked = result["cross_pressure"]
    assert ranked[0]["actor"] == "Taliban"
    assert ranked[0]["score"] > 2 * ranked[1]["score"]


def test_crosspressure_explanation_names_the_hostile_pair_and_keeps_the_evidence():
    net = network(taliban_like())
    top = pressure_dict(net, cross_pressure(net)[0])
    assert "Asim Umar and United States (negative tie)" in top["explanation"]
    positive = {t["actor"]: t for t in top["positive_ties"]}
    assert positive["international community"]["evidence"] == [
        "The Taliban wants recognition from the international community."]
    assert {t["actor"] for t in top["negative_ties"]} >= {"China", "Pakistan", "Tajikistan", "Central Asian countries"}
