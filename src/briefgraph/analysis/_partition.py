"""Two-camp partitions of one connected signed graph: the exact MILP and the local-search heuristic.

A partition maps each node to side 0 or 1. A positive edge is frustrated when it joins the two
sides, a negative edge when it stays inside one.
"""
from __future__ import annotations

import random
from collections import deque

import numpy as np

Adjacency = dict[str, list[tuple[str, int]]]  # node -> [(neighbour, sign)]
HEURISTIC = "local-search"
KICK_SIZE = 6  # at most this many neighbours move with a kicked node
# The whole search (every start's gains, descent and kicks) stops once it has visited this many
# neighbours per arc of the graph (never fewer than MIN_WORK): it costs time in proportion to the graph.
# Small graphs never reach the budget.
WORK_PER_ARC = 4
MIN_WORK = 200_000


def is_frustrated(side: dict[str, int], a: str, b: str, sign: int) -> bool:
    same = side[a] == side[b]
    return same if sign < 0 else not same


def count_frustrated(adj: Adjacency, side: dict[str, int]) -> int:
    return sum(is_frustrated(side, a, b, s) for a, nbrs in adj.items() for b, s in nbrs if a < b)


def _edges(adj: Adjacency) -> list[tuple[str, str, int]]:
    return [(a, b, s) for a, nbrs in adj.items() for b, s in nbrs if a < b]


def _objective(edges, weights: dict[tuple[str, str], float] | None) -> np.ndarray:
    """1 per frustrated edge, plus a tie-break below 1 in total that prefers frustrating weak edges."""
    w = np.array([(weights or {}).get((a, b), 1.0) for a, b, _ in edges])
    return 1.0 + 0.5 * w / (1.0 + w.sum())


def solve_milp(adj: Adjacency, time_limit: float = 60.0,
               weights: dict[tuple[str, str], float] | None = None) -> dict[str, int] | None:
    """The exact minimum-frustration partition, or None when HiGHS does not prove optimality in time.

    Variables: x_i in {0, 1} (the side of node i) and f_e in [0, 1] (edge e frustrated).
    Positive edge ij: f >= x_i - x_j and f >= x_j - x_i. Negative edge ij: f >= x_i + x_j - 1
    and f >= 1 - x_i - x_j. Minimise the number of frustrated edges; among equal counts prefer
    frustrating edges of lower `weights` (keyed by (a, b), a < b). The first node is fixed to side 0.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp  # slow to import; most commands never solve

    nodes = sorted(adj)
    edges = _edges(adj)
    if not edges:
        return {n: 0 for n in nodes}
    pos = {n: i for i, n in enumerate(nodes)}
    n, m = len(nodes), len(edges)
    rows, lower = _constraint_rows(edges, pos, n), []
    for _, _, s in edges:
        lower += [0, 0] if s > 0 else [-1, 1]
    c = np.concatenate([np.zeros(n), _objective(edges, weights)])
    upper_x = np.ones(n)
    upper_x[0] = 0
    res = milp(c, constraints=LinearConstraint(rows, lower, np.inf),
               integrality=np.concatenate([np.ones(n), np.zeros(m)]),
               bounds=Bounds(np.zeros(n + m), np.concatenate([upper_x, np.ones(m)])),
               options={"time_limit": time_limit, "mip_rel_gap": 0.0})
    if res.status != 0 or res.x is None:
        return None
    return {node: int(round(res.x[pos[node]])) for node in nodes}


def _constraint_rows(edges, pos, n):
    """Two rows per edge over the columns [x_0 .. x_n-1, f_0 .. f_m-1] (see `solve_milp`), a sparse array."""
    from scipy.sparse import coo_array

    rows, cols, vals = [], [], []
    for k, (a, b, s) in enumerate(edges):
        i, j, f = pos[a], pos[b], n + k
        # positive: f - x_i + x_j >= 0 and f + x_i - x_j >= 0; negative: f - x_i - x_j >= -1 and f + x_i + x_j >= 1
        first, second = ((-1, 1), (1, -1)) if s > 0 else ((-1, -1), (1, 1))
        for r, (ci, cj) in ((2 * k, first), (2 * k + 1, second)):
            rows += [r, r, r]
            cols += [f, i, j]
            vals += [1, ci, cj]
    return coo_array((vals, (rows, cols)), shape=(2 * len(edges), n + len(edges)))


# The search runs on nodes numbered in sorted order (0 .. n-1), with lists for neighbours, sides and gains:
# the same moves, in the same order, with the same random draws, as on the named nodes, at list speed.
Arcs = list[list[tuple[int, int]]]  # node -> [(neighbour, sign)]


class _State:
    """A partition with each node's gain (frustrated minus satisfied edges at it), kept up to date on flips."""

    def __init__(self, arcs: Arcs, side: list[int]):
        self.arcs, self.side = arcs, side
        self.work = sum(len(nbrs) for nbrs in arcs)  # neighbours visited so far: all, for the gains
        # An edge is frustrated when (the two sides differ) differs from (the edge is positive).
        self.gain = [sum(1 if (side[v] != side[u]) == (s > 0) else -1 for u, s in nbrs) for v, nbrs in enumerate(arcs)]

    def flip(self, v: int, log: list[int]) -> int:
        """Move v to the other side; return the change in the number of frustrated edges."""
        change = -self.gain[v]
        side, gain, here = self.side, self.gain, self.side[v]
        nbrs = self.arcs[v]
        self.work += len(nbrs)
        for u, s in nbrs:
            gain[u] += -2 if (here != side[u]) == (s > 0) else 2
        side[v] = 1 - here
        gain[v] = -gain[v]
        log.append(v)
        return change

    def descend(self, todo: list[int], log: list[int]) -> int:
        """Flip nodes while a flip lowers the frustration (first improvement over a worklist)."""
        queued, change, gain = set(todo), 0, self.gain
        while todo:
            v = todo.pop()
            queued.discard(v)
            if gain[v] > 0:
                change += self.flip(v, log)
                for u, _ in self.arcs[v]:
                    if u not in queued:
                        queued.add(u)
                        todo.append(u)
        return change


def _frustrated(arcs: Arcs, side: list[int]) -> int:
    return sum((side[a] != side[b]) == (s > 0) for a, nbrs in enumerate(arcs) for b, s in nbrs if a < b)


def _tree_start(arcs: Arcs, root: int) -> tuple[list[int], list[int]]:
    """Sides propagated along breadth-first spanning trees (from `root` first): every tree edge satisfied.
    Also the order in which nodes got their side (the order of the named partition's keys)."""
    side, order = [-1] * len(arcs), []
    for start in [root, *range(len(arcs))]:
        if side[start] >= 0:
            continue
        side[start] = 0
        order.append(start)
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for u, s in arcs[v]:
                if side[u] < 0:
                    side[u] = side[v] if s > 0 else 1 - side[v]
                    order.append(u)
                    queue.append(u)
    return side, order


def _kick(state: _State, rng: random.Random, nodes: range, log: list[int]) -> int:
    """Flip a random node and a few of its neighbours, then descend again; return the change."""
    v = rng.choice(nodes)
    nbrs = [u for u, _ in state.arcs[v]]
    moved = [v] + rng.sample(nbrs, min(len(nbrs), rng.randint(0, KICK_SIZE)))
    change = sum(state.flip(u, log) for u in moved)
    return change + state.descend(list(dict.fromkeys(moved + [w for u in moved for w, _ in state.arcs[u]])), log)


def work_budget(adj: Adjacency) -> int:
    """Neighbour visits the whole search may cost."""
    return max(MIN_WORK, WORK_PER_ARC * sum(len(nbrs) for nbrs in adj.values()))


def _improve(arcs: Arcs, side: list[int], rng: random.Random, kicks: int, budget: float) -> tuple[int, int]:
    """Descend from `side` (changed in place), then keep every kick that does not make it worse, for at
    most `kicks` kicks and until the flips have visited `budget` neighbours. The score and the visits."""
    nodes = range(len(arcs))
    state = _State(arcs, side)
    state.descend(sorted(nodes, key=lambda _: rng.random()), [])
    score = _frustrated(arcs, side)
    state.work += sum(len(nbrs) for nbrs in arcs)  # counting the frustrated edges reads every arc
    for _ in range(kicks):
        if state.work > budget:
            break
        log: list[int] = []
        change = _kick(state, rng, nodes, log)
        if change <= 0:
            score += change
        else:
            for v in reversed(log):
                state.flip(v, [])
    return score, state.work


def _numbered(adj: Adjacency) -> tuple[list[str], Arcs]:
    names = sorted(adj)
    number = {n: i for i, n in enumerate(names)}
    return names, [[(number[u], s) for u, s in adj[n]] for n in names]


def local_search(adj: Adjacency, starts: int = 8, kicks: int | None = None, seed: int = 0) -> dict[str, int]:
    """The best partition found by a multi-start iterated local search (deterministic for a seed).

    Starts: spanning-tree propagations from the best-connected nodes, then random splits. Each
    start descends by single-node flips, then tries `kicks` cluster perturbations, keeping any that
    do not worsen it. On a large graph `work_budget` ends the kicks of each start at its share of the
    budget, and the starts once it is spent (the first always runs). An upper bound on the frustration index, not a proof.
    """
    rng = random.Random(seed)
    names, arcs = _numbered(adj)
    nodes = range(len(names))
    kicks = kicks if kicks is not None else min(1000, 20 * len(nodes))
    roots = sorted(nodes, key=lambda n: -len(arcs[n]))[: max(1, starts // 2)]
    randoms = [[rng.randint(0, 1) for _ in nodes] for _ in range(starts - len(roots))]
    # Tree starts are propagated only when their turn comes: on a large graph the budget ends the search first.
    inits = [lambda r=r: _tree_start(arcs, r) for r in roots] + [lambda x=x: (x, list(nodes)) for x in randoms]
    best, best_side = None, None
    total, spent = work_budget(adj), 0
    for i, init in enumerate(inits):
        if best is not None and spent >= total:
            break
        side, order = init()
        score, work = _improve(arcs, side, rng, kicks, max(total * (i + 1) / len(inits) - spent, 0))
        spent += work
        if best is None or score < best:
            best, best_side = score, {names[v]: side[v] for v in order}
    return best_side
