"""Betweenness from a fixed sample of sources, with the work done by scipy and numpy (linear in edges).

Brandes' algorithm per source s: shortest distances d (scipy's Dijkstra, in C), the shortest-path
DAG (arcs u->v with d[u] + length == d[v]), path counts sigma (sigma = e_s + A^T sigma) and
dependencies (delta = sigma * A ((1 + delta) / sigma)). Both recurrences are solved by sums along the
DAG's arcs (numpy's bincount, arcs ordered as a sparse product would add them) repeated until they stop
changing: exact after as many rounds as the DAG is deep, so no Python loop runs over nodes or edges. Two paths tie when their lengths agree within a
relative 1e-9 (networkx asks for exact equality of its float sums, which rounding can miss).
"""
from __future__ import annotations

import numpy as np

TIE = 1e-9  # relative tolerance for two path lengths being equal


def sampled_betweenness(nodes: list[str], arcs: list[tuple[int, int, float]], sources: list[int]) -> dict[str, float]:
    """Normalised betweenness (endpoints excluded) of an undirected graph estimated from `sources`;
    exact when every node is a source. `arcs` are (i, j, length) with each edge given once."""
    from scipy.sparse.csgraph import dijkstra  # imported when needed: every command loads this package

    n = len(nodes)
    if n < 3 or not sources:
        return {v: 0.0 for v in nodes}
    i, j, w = (np.array(x) for x in zip(*arcs)) if arcs else (np.array([], int),) * 2 + (np.array([]),)
    tail, head, length = np.concatenate([i, j]), np.concatenate([j, i]), np.concatenate([w, w])
    order = np.lexsort((head, tail))  # by tail, then head: the order in which a sparse product adds them up
    tail, head, length = tail[order], head[order], length[order]
    graph = _csr((length, (tail, head)), (n, n))
    dist = dijkstra(graph, directed=True, indices=sources)
    total = np.zeros(n)
    for row, s in enumerate(sources):
        total += _dependencies(dist[row], s, tail, head, length, n)
    return dict(zip(nodes, _rescale(total, n, sources)))


def _dependencies(d: np.ndarray, s: int, tail, head, length, n: int) -> np.ndarray:
    """How much every node lies on shortest paths from s (Brandes' delta; 0 at s)."""
    d_tail, d_head = d[tail], d[head]
    with np.errstate(invalid="ignore"):  # unreached ends: inf - inf
        # |d[tail] + length - d[head]| <= TIE * max(d[head], 1), computed in place (every arc, every source)
        gap = d_tail + length
        gap -= d_head
        np.abs(gap, out=gap)
        bound = np.maximum(d_head, 1.0)
        bound *= TIE
        on_path = gap <= bound
        on_path &= np.isfinite(d_tail)
    # The DAG's arcs, still by tail then head: summing along them with bincount adds the same terms in the
    # same order as the sparse products sigma = e_s + A^T sigma and A ((1 + delta) / sigma), minus their overhead.
    up, down = tail[on_path], head[on_path]
    start = np.zeros(n)
    start[s] = 1.0
    sigma = _fixed_point(lambda x: start + np.bincount(down, weights=x[up], minlength=n), start)
    reached = sigma > 0
    inverse = np.divide(1.0, sigma, out=np.zeros(n), where=reached)
    delta = _fixed_point(lambda x: sigma * np.bincount(up, weights=((1.0 + x) * inverse)[down], minlength=n),
                         np.zeros(n))
    delta[s] = 0.0
    return delta


def _csr(data, shape):
    from scipy.sparse import csr_array
    return csr_array(data, shape=shape)


def _fixed_point(step, x: np.ndarray) -> np.ndarray:
    """Apply `step` until the vector stops changing (the DAG's depth bounds the rounds)."""
    for _ in range(len(x) + 1):
        nxt = step(x)
        if np.array_equal(nxt, x):
            return nxt
        x = nxt
    return x


def _rescale(total: np.ndarray, n: int, sources: list[int]) -> np.ndarray:
    """Normalise as networkx does for endpoints excluded: over the (s, t) pairs the sample covers."""
    k, pairs = len(sources), n - 2
    scale = np.full(n, 1.0 / (k * pairs))
    if k > 1:
        scale[sources] = 1.0 / ((k - 1) * pairs)
    return total * scale
