"""Structural balance: triads, the frustration index and the two camps it implies.

A signed graph is balanced when its actors split into two camps with every positive edge
inside a camp and every negative edge between them. The frustration index is the fewest
edges whose sign must change to reach that state; those edges are the "frustrated" ones.

Each connected component of the signed graph is solved on its own. Components with at most
`EXACT_LIMIT` actors are solved exactly as a mixed-integer program with `scipy.optimize.milp`
(HiGHS); larger ones by the heuristic in `_partition.py`, and the result says `exact: false`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from .network import Edge, Network, edge_dict
from ._partition import Adjacency, HEURISTIC, count_frustrated, local_search, solve_milp
from ._triangles import Triangles

EXACT_LIMIT = 60


@dataclass
class Triad:
    actors: tuple[str, str, str]
    signs: tuple[int, int, int]  # (a-b, a-c, b-c)

    @property
    def balanced(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0


@dataclass
class Component:
    """One connected component of the signed graph with its best two-camp split."""
    side: dict[str, int]
    frustrated: list[Edge]
    exact: bool
    method: str


@dataclass
class Balance:
    components: list[Component] = field(default_factory=list)
    triangles: Triangles = field(default_factory=lambda: Triangles({}))
    _camps: dict[str, tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _triads: list[Triad] | None = field(default=None, repr=False, compare=False)

    @property
    def triads(self) -> list[Triad]:
        """Every triad (see `triads`), listed on first use: counting them does not need the list."""
        if self._triads is None:
            self._triads = [Triad(corners, signs) for corners, signs in self.triangles.listing()]
        return self._triads

    def triad_counts(self) -> tuple[int, int]:
        """(balanced, unbalanced) triads."""
        return self.triangles.counts()

    def unbalanced_triads(self, limit: int) -> list[Triad]:
        """The first `limit` unbalanced triads, in the order of `triads`."""
        return [Triad(c, s) for c, s in islice(self.triangles.listing(unbalanced_only=True), limit)]

    @property
    def frustration_index(self) -> int:
        return sum(len(c.frustrated) for c in self.components)

    @property
    def exact(self) -> bool:
        return all(c.exact for c in self.components)

    @property
    def frustrated(self) -> list[Edge]:
        return [e for c in self.components for e in c.frustrated]

    def camp(self, actor_id: str) -> tuple[int, int] | None:
        """(component number, side) of an actor, or None when it has no signed tie."""
        if self._camps is None:
            self._camps = {a: (i, s) for i, c in enumerate(self.components) for a, s in c.side.items()}
        return self._camps.get(actor_id)

    def camps(self) -> list[list[str]]:
        """The two camps as actor ids; each component's side 0 (holding its best-connected actor) comes first."""
        out: list[list[str]] = [[], []]
        for comp in self.components:
            for actor_id, side in comp.side.items():
                out[side].append(actor_id)
        return out

    def opposite(self, a: str, b: str) -> bool:
        """True when the two actors sit in the same component but in different camps."""
        ca, cb = self.camp(a), self.camp(b)
        return ca is not None and cb is not None and ca[0] == cb[0] and ca[1] != cb[1]


def _triangles(net: Network) -> Triangles:
    return Triangles({e.pair: e.sign for e in net.signed_edges()})


def triads(net: Network) -> list[Triad]:
    """Every triangle of signed edges, each once as (a, b, c) with a < b < c, in the order of its (a, b) edge."""
    return [Triad(corners, signs) for corners, signs in _triangles(net).listing()]


def _adjacency(nodes, signed: list[Edge]) -> Adjacency:
    """Signed neighbours of each node (in the order of `nodes`), each list in the order of `signed`."""
    adj: Adjacency = {n: [] for n in nodes}
    for e in signed:
        adj[e.a].append((e.b, e.sign))
        adj[e.b].append((e.a, e.sign))
    return adj


def _components(adj: Adjacency) -> list[set[str]]:
    """Connected components, largest first, then by their smallest actor id."""
    seen: set[str] = set()
    comps = []
    for start in adj:
        if start in seen:
            continue
        seen.add(start)
        comp, todo = {start}, [start]
        while todo:
            for u, _ in adj[todo.pop()]:
                if u not in seen:
                    seen.add(u)
                    comp.add(u)
                    todo.append(u)
        comps.append(comp)
    return sorted(comps, key=lambda c: (-len(c), min(c)))


def _signed_weights(signed: list[Edge]) -> dict[str, float]:
    """Each actor's summed signed edge weight, added in the order of `signed`."""
    total: dict[str, float] = {}
    for e in signed:
        total[e.a] = total.get(e.a, 0) + e.weight
        total[e.b] = total.get(e.b, 0) + e.weight
    return total


def _orient(side: dict[str, int], weight: dict[str, float]) -> dict[str, int]:
    """Flip a split so that side 0 holds the component's actor with the largest signed weight."""
    top = max(sorted(side), key=weight.__getitem__)
    return side if side[top] == 0 else {n: 1 - s for n, s in side.items()}


def _component(weight: dict[str, float], adj: Adjacency, signed: list[Edge], exact_limit: int,
               time_limit: float) -> Component:
    """The best split of one component (`adj`: its nodes in id order); `signed` holds its signed edges, in the
    network's order."""
    nodes = adj
    side, exact, method = None, False, HEURISTIC
    if len(nodes) <= exact_limit:
        weights = {e.pair: e.weight for e in signed}
        side = solve_milp(adj, time_limit, weights)
        exact, method = side is not None, "milp"
    if side is None:
        side = local_search(adj)
        exact, method = False, HEURISTIC
    side = _orient(side, weight)
    frustrated = [e for e in signed if (side[e.a] == side[e.b]) == (e.sign < 0)]  # `is_frustrated`, inline
    return Component(side, frustrated, exact, method)


def balance(net: Network, exact_limit: int = EXACT_LIMIT, time_limit: float = 60.0) -> Balance:
    """Solve every signed component; exactly when it has at most `exact_limit` actors."""
    edges = net.signed_edges()
    everyone = _adjacency({}.fromkeys(n for e in edges for n in e.pair), edges)
    comps = _components(everyone)
    number = {a: i for i, c in enumerate(comps) for a in c}
    signed: list[list[Edge]] = [[] for _ in comps]
    for e in edges:
        signed[number[e.a]].append(e)
    # A component's neighbour lists are its nodes' lists in the whole graph: every neighbour is inside it.
    weight = _signed_weights(edges)
    return Balance([_component(weight, {n: everyone[n] for n in sorted(c)}, signed[i], exact_limit, time_limit)
                    for i, c in enumerate(comps)], _triangles(net))


def balance_dict(net: Network, result: Balance, triad_limit: int = 50, described: int | None = None) -> dict:
    """The JSON-ready balance findings, with actor names and the evidence of each frustrated edge
    (of the first `described` frustrated edges only, when given)."""
    balanced, unbalanced = result.triad_counts()
    out = {
        "frustration_index": result.frustration_index,
        "exact": result.exact,
        "method": "milp" if result.exact else HEURISTIC,
        "camps": [sorted(net.name(a) for a in camp) for camp in result.camps()],
        "camp_ids": [sorted(camp) for camp in result.camps()],
        "frustrated_edges": [_frustrated_dict(net, e) for e in result.frustrated[:described]],
        "triads": {"balanced": balanced, "unbalanced": unbalanced},
        "unbalanced_triads": [_triad_dict(net, t) for t in result.unbalanced_triads(triad_limit)],
        "components": [{"actors": len(c.side), "frustration_index": len(c.frustrated),
                        "exact": c.exact, "method": c.method} for c in result.components],
    }
    if not result.exact:
        out["heuristic"] = ("multi-start local search over two-camp partitions (spanning-tree and random "
                            "starts, single-actor moves, cluster kicks); an upper bound on the frustration index")
    return out


def _frustrated_dict(net: Network, edge: Edge) -> dict:
    d = edge_dict(net, edge)
    d["why"] = ("a positive tie across the two camps" if edge.sign > 0
                else "a negative tie inside one camp")
    return d


def _triad_dict(net: Network, t: Triad) -> dict:
    return {"actors": [net.name(a) for a in t.actors], "signs": list(t.signs), "balanced": t.balanced}


__all__ = ["Balance", "Component", "Triad", "balance", "balance_dict", "count_frustrated", "triads", "EXACT_LIMIT"]
