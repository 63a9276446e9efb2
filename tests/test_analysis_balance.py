"""Structural balance: triads, the exact frustration index, the heuristic and the two camps."""
import random

import pytest

from analysis_graphs import Builder, signed
from briefgraph.analysis.balance import balance, balance_dict, triads
from briefgraph.analysis.network import network


def solve(edges, **kw):
    net = network(signed(edges))
    return net, balance(net, **kw)


@pytest.mark.parametrize("signs", [(1, 1, 1), (1, -1, -1)])
def test_balance_triangles_with_an_even_number_of_negative_ties_are_balanced(signs):
    net, result = solve([("A", "B", signs[0]), ("A", "C", signs[1]), ("B", "C", signs[2])])
    assert result.frustration_index == 0
    assert [t.balanced for t in result.triads] == [True]


def test_balance_friend_of_friend_as_enemy_has_frustration_one():
    net, result = solve([("A", "B", 1), ("A", "C", 1), ("B", "C", -1)])
    assert result.frustration_index == 1
    assert result.exact
    assert [t.balanced for t in result.triads] == [False]


def test_balance_camps_put_enemies_apart():
    net, result = solve([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1)])
    camps = sorted(sorted(c) for c in result.camps())
    assert camps == [["a", "b"], ["c", "d"]]
    assert result.opposite("a", "c") and not result.opposite("a", "b")


def test_balance_all_negative_four_clique_has_frustration_two():
    names = "ABCD"
    edges = [(x, y, -1) for i, x in enumerate(names) for y in names[i + 1:]]
    net, result = solve(edges)
    assert result.frustration_index == 2
    assert all(e.sign == -1 for e in result.frustrated)
    assert sorted(len(c) for c in result.camps()) == [2, 2]


def test_balance_counts_each_component_and_sums_frustration():
    net, result = solve([("A", "B", 1), ("A", "C", 1), ("B", "C", -1),
                         ("X", "Y", -1), ("X", "Z", -1), ("Y", "Z", -1)])
    assert len(result.components) == 2
    assert result.frustration_index == 2


def test_balance_prefers_frustrating_the_weaker_tie_among_equal_counts():
    g = Builder().rel("A", "B", 1).rel("A", "C", 1).rel("B", "C", -1, "possible").graph()
    result = balance(network(g))
    assert [(e.a, e.b) for e in result.frustrated] == [("b", "c")]


def test_balance_frustrated_edges_carry_their_evidence_sentences():
    g = (Builder().rel("A", "B", 1, text="A backs B.").rel("A", "C", 1, text="A backs C.")
         .rel("B", "C", -1, "possible", text="B may attack C.").graph())
    net = network(g)
    out = balance_dict(net, balance(net))
    assert out["frustrated_edges"][0]["evidence"] == ["B may attack C."]
    assert out["frustrated_edges"][0]["why"] == "a negative tie inside one camp"


def test_balance_structural_ties_are_left_out_of_triads_and_camps():
    net, result = solve([("A", "B", 1), ("A", "C", 0), ("B", "C", 0)])
    assert triads(net) == []
    assert result.camp("c") is None


def random_signed(seed):
    rng = random.Random(seed)
    n = rng.randint(5, 14)
    nodes = [f"N{i}" for i in range(n)]
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    chosen = rng.sample(pairs, rng.randint(n, min(len(pairs), 3 * n)))
    return [(a, b, rng.choice([1, -1])) for a, b in chosen]


@pytest.mark.parametrize("seed", range(15))
def test_balance_heuristic_finds_the_exact_frustration_on_small_graphs(seed):
    net = network(signed(random_signed(seed)))
    exact, heuristic = balance(net), balance(net, exact_limit=0)
    assert exact.exact and not heuristic.exact
    assert heuristic.frustration_index == exact.frustration_index


def test_balance_heuristic_result_is_flagged_and_described():
    net, result = solve([("A", "B", 1), ("A", "C", 1), ("B", "C", -1)], exact_limit=2)
    out = balance_dict(net, result)
    assert out["exact"] is False
    assert out["method"] == "local-search"
    assert "upper bound" in out["heuristic"]


def test_balance_heuristic_matches_known_frustration_of_negative_five_clique():
    names = "ABCDE"
    net, result = solve([(x, y, -1) for i, x in enumerate(names) for y in names[i + 1:]], exact_limit=0)
    assert result.frustration_index == 4  # camps of 2 and 3: 1 + 3 negative ties inside
