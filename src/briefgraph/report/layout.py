"""Node positions, computed once in Python so that no viewer lays the graph out per frame."""
from __future__ import annotations

import math

import networkx as nx

from ..analysis.network import Network


def layout(net: Network, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] for every actor: a force layout of the connected actors, isolated ones on a ring."""
    g = nx.Graph()
    for e in net.edges.values():
        g.add_edge(e.a, e.b, weight=max(e.strength, 0.1))
    pos: dict[str, tuple[float, float]] = {}
    if g.number_of_nodes():
        k = 1.5 / math.sqrt(g.number_of_nodes())
        iterations = 100 if g.number_of_nodes() <= 300 else 50
        raw = nx.spring_layout(g, k=k, weight="weight", seed=seed, iterations=iterations)
        pos = _normalise({n: (float(x), float(y)) for n, (x, y) in raw.items()}, 0.9)
    loose = sorted(a for a in net.actors if a not in pos)
    for i, a in enumerate(loose):
        angle = 2 * math.pi * i / len(loose)
        pos[a] = (math.cos(angle), math.sin(angle))
    return pos


def _normalise(pos: dict[str, tuple[float, float]], radius: float) -> dict[str, tuple[float, float]]:
    """Centre positions and scale them so the farthest lies at `radius`."""
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    span = max((math.hypot(x - cx, y - cy) for x, y in pos.values()), default=0.0) or 1.0
    return {n: (round((x - cx) / span * radius, 4), round((y - cy) / span * radius, 4)) for n, (x, y) in pos.items()}
