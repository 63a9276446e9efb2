"""The fast paths of the analyses give what the plain definitions give: triangles from bit sets,
hostile pairs from blocks of arrays, components, pledge cues behind a substring test, the local search."""
import itertools
import random

import pytest

from analysis_graphs import Builder, signed
from briefgraph.analysis import _pairsets
from briefgraph.analysis._partition import count_frustrated, local_search
from briefgraph.analysis._triangles import Triangles
from briefgraph.analysis.balance import _adjacency, _components, balance, balance_dict
from briefgraph.analysis.commitments import commitments, is_pledge
from briefgraph.analysis.crosspressure import cross_pressure
from briefgraph.analysis.network import network


def random_signs(seed: int, n: int = 16, density: float = 0.45) -> dict[tuple[str, str], int]:
    rng = random.Random(seed)
    nodes = [f"n{i:02d}" for i in range(n)]
    return {(a, b): rng.choice([1, -1]) for a, b in itertools.combinations(nodes, 2) if rng.random() < density}


def brute_triangles(signs):
    """Every triangle a < b < c in the order of its (a, b) edge, then c, by trying every third corner."""
    nodes = sorted({x for pair in signs for x in pair})
    found = []
    for (a, b), ab in signs.items():
        for c in nodes:
            if c > b and (a, c) in signs and (b, c) in signs:
                found.append(((a, b, c), (ab, signs[(a, c)], signs[(b, c)])))
    return found


@pytest.mark.parametrize("seed", range(6))
def test_triangles_list_every_signed_triangle_in_edge_order(seed):
    signs = random_signs(seed)
    assert list(Triangles(signs).listing()) == brute_triangles(signs)


@pytest.mark.parametrize("seed", range(6))
def test_triangles_count_balanced_and_unbalanced_without_listing(seed):
    signs = random_signs(seed)
    every = brute_triangles(signs)
    unbalanced = [t for t in every if t[1][0] * t[1][1] * t[1][2] < 0]
    assert Triangles(signs).counts() == (len(every) - len(unbalanced), len(unbalanced))
    assert list(Triangles(signs).listing(unbalanced_only=True)) == unbalanced


def test_triangles_of_a_known_square_with_a_diagonal():
    # (a, b, c): +, -, + is unbalanced; (a, c, d): -, +, - is balanced.
    signs = {("a", "b"): 1, ("b", "c"): 1, ("a", "c"): -1, ("a", "d"): 1, ("c", "d"): -1}
    assert Triangles(signs).counts() == (1, 1)
    assert [corners for corners, _ in Triangles(signs).listing(unbalanced_only=True)] == [("a", "b", "c")]


def test_triangles_of_no_edges_are_none():
    assert Triangles({}).counts() == (0, 0)
    assert list(Triangles({}).listing()) == []


def test_balance_dict_reports_the_first_unbalanced_triads_and_the_counts():
    edges = [(a, b, s) for (a, b), s in random_signs(3).items()]
    net = network(signed(edges))
    result = balance(net)
    out = balance_dict(net, result, triad_limit=4)
    unbalanced = [t for t in result.triads if not t.balanced]
    assert out["triads"] == {"balanced": len(result.triads) - len(unbalanced), "unbalanced": len(unbalanced)}
    assert [t["signs"] for t in out["unbalanced_triads"]] == [list(t.signs) for t in unbalanced[:4]]


def brute_hostile_pairs(net, result, actor):
    """(torn pairs, exposure pairs) as (b, c, why) by the definition, trying every pair."""
    pos = sorted(b for b, e in net.neighbours(actor).items() if e.sign > 0)
    neg = sorted(c for c, e in net.neighbours(actor).items() if e.sign < 0)

    def why(b, c):
        sign = net.sign(b, c)
        if sign < 0:
            return "negative tie"
        return "opposite camps" if sign == 0 and result.opposite(b, c) else None

    torn = [(b, c, why(b, c)) for b, c in itertools.combinations(pos, 2) if why(b, c)]
    exposure = [(b, c, why(b, c)) for b in pos for c in neg if why(b, c)]
    return torn, exposure


@pytest.mark.parametrize("dense_limit", [6000, 0])  # a dense matrix of signs, and the sparse one beyond the limit
@pytest.mark.parametrize("seed", range(4))
def test_crosspressure_pairs_are_every_hostile_pair_by_definition(seed, dense_limit, monkeypatch):
    monkeypatch.setattr(_pairsets, "DENSE_LIMIT", dense_limit)
    edges = [(a, b, s) for (a, b), s in random_signs(seed, n=14, density=0.35).items()]
    edges += [("n00", "n13", 0), ("n01", "n12", 0)]  # structural ties are no signed tie
    net = network(signed(edges))
    result = balance(net)
    ranked = {p.actor: p for p in cross_pressure(net, result)}
    for actor in sorted(net.connected_actors()):
        torn, exposure = brute_hostile_pairs(net, result, actor)
        p = ranked.get(actor)
        assert [(x.a, x.b, x.why) for x in (p.torn_pairs if p else [])] == torn
        assert [(x.a, x.b, x.why) for x in (p.exposure_pairs if p else [])] == exposure
        if p:
            assert p.torn == sum(x.product for x in p.torn_pairs)
            assert p.exposure == sum(x.product for x in p.exposure_pairs)


def test_crosspressure_strongest_pairs_put_a_negative_tie_before_camps_at_equal_product():
    # B's friends X, Y, Z: X-Y negative; X and Z in opposite camps without a tie (through P).
    net = network(signed([("B", "X", 1), ("B", "Y", 1), ("B", "Z", 1), ("X", "Y", -1),
                          ("X", "P", -1), ("P", "Z", 1)]))
    p = next(p for p in cross_pressure(net) if p.actor == "b")
    strongest = [(x.a, x.b, x.why) for x in p.torn_set.strongest(10)]
    assert strongest[0] == ("x", "y", "negative tie")
    assert ("x", "z", "opposite camps") in strongest


def test_components_split_the_signed_graph_largest_first():
    edges = network(signed([("A", "B", 1), ("B", "C", -1), ("X", "Y", 1), ("Q", "R", -1), ("R", "S", 1),
                            ("S", "T", 1)])).signed_edges()
    adj = _adjacency({}.fromkeys(n for e in edges for n in e.pair), edges)
    assert _components(adj) == [{"q", "r", "s", "t"}, {"a", "b", "c"}, {"x", "y"}]


def test_local_search_returns_every_node_and_is_the_same_on_every_run():
    edges = [(a, b, s) for (a, b), s in random_signs(7, n=30, density=0.3).items()]
    net = network(signed(edges))
    adj = _adjacency(sorted(net.connected_actors()), net.signed_edges())
    first, second = local_search(adj, seed=3), local_search(adj, seed=3)
    assert first == second and list(first) == list(second)
    assert set(first) == set(adj)
    assert count_frustrated(adj, first) <= count_frustrated(adj, {n: 0 for n in adj})


@pytest.mark.parametrize("sentence, pledge", [
    ("Kabul pledged to stop the raids.", True),
    ("Kabul PROMISED support to Doha.", True),
    ("Kabul undertook to disarm the militia.", True),
    ("Kabul is committed to peace with Doha.", True),
    ("Kabul stayed uncommitted toward Doha.", False),  # holds a stem, but not as a word of its own
    ("Kabul attacked Doha.", False),
    ("Kabul promi\u017fed support to Doha.", True),  # a long s: a case-insensitive match beyond lower()
])
def test_pledge_cues_are_found_by_the_pattern_whatever_the_case(sentence, pledge):
    g = Builder().rel("Kabul", "Doha", 1, text=sentence).graph()
    assert is_pledge(g.relations[0]) is pledge


def test_commitments_judge_a_pledge_against_the_pledgers_own_relations_only():
    g = (Builder().rel("A", "B", 1, text="A pledged support to B.").rel("A", "B", -1, text="A attacked B.")
         .rel("C", "B", 1, text="C backs B.").graph())
    [c] = commitments(g)
    assert (c.actor, c.target, c.status) == ("a", "b", "violated")
    assert [r.source for r in c.violations] == ["a"]


def test_neighbour_maps_follow_edges_put_and_removed():
    from briefgraph.analysis.network import Edge
    net = network(signed([("A", "B", 1), ("A", "C", -1)]))
    assert list(net.neighbours("a", 1)) == ["b"] and list(net.neighbours("a", -1)) == ["c"]
    net.put(Edge("a", "d", -1, 1.0, 1.0, [], scenario=True))
    net.remove("a", "b")
    assert list(net.neighbours("a")) == ["c", "d"]
    assert list(net.neighbours("a", 1)) == [] and list(net.neighbours("a", -1)) == ["c", "d"]
    assert net.neighbours("nobody") == {}
