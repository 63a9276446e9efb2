"""Cross-pressure: actors that hold positive ties to parties hostile to each other.

Two parties B and C count as hostile when they share a negative edge, or when they have no
signed edge between them and the balance partition puts them in opposite camps. For an actor A,

- torn = the sum, over pairs (B, C) of A's positive neighbours that are hostile, of w(A,B) * w(A,C):
  A is friends with both sides of a hostility;
- exposure = the sum, over pairs of a positive neighbour B and a negative neighbour C of A that are
  hostile, of w(A,B) * w(A,C): A is tied to one side while at odds with the other, so its
  friendships cost it the other side's hostility;

and score = torn + EXPOSURE_WEIGHT * exposure. Weights are the edge weights of `network.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._pairsets import Pair, PairSet, SignedIndex, no_pairs
from .balance import Balance, balance
from .network import Network, evidence_texts

EXPOSURE_WEIGHT = 0.5


@dataclass
class Pressure:
    actor: str
    torn_set: PairSet = field(default_factory=no_pairs)  # hostile pairs of positive neighbours
    exposure_set: PairSet = field(default_factory=no_pairs)  # (positive neighbour, negative neighbour) pairs

    def __post_init__(self) -> None:
        self.torn = self.torn_set.total()
        self.exposure = self.exposure_set.total()

    @property
    def score(self) -> float:
        return self.torn + EXPOSURE_WEIGHT * self.exposure

    @property
    def torn_pairs(self) -> list[Pair]:
        return self.torn_set.pairs()

    @property
    def exposure_pairs(self) -> list[Pair]:
        return self.exposure_set.pairs()


def _hostility(net: Network, result: Balance) -> SignedIndex:
    camp = {a: (i, side) for i, c in enumerate(result.components) for a, side in c.side.items()}
    return SignedIndex(net.signed_edges(), camp)


def pressure_of(net: Network, result: Balance, actor: str, hostile: SignedIndex | None = None) -> Pressure:
    """An actor's torn and exposure pairs: every pair is tried, as a block of arrays (see `_pairsets`)."""
    hostile = hostile or _hostility(net, result)
    pos, neg = net.neighbours(actor, 1), net.neighbours(actor, -1)
    if not pos:
        return Pressure(actor)
    friends, foes = sorted(pos), sorted(neg)
    f, f_weight = hostile.numbers(friends), np.array([pos[b].weight for b in friends])
    e, e_weight = hostile.numbers(foes), np.array([neg[c].weight for c in foes])
    return Pressure(actor, hostile.hostile(f, f_weight, f, f_weight, distinct=True),
                    hostile.hostile(f, f_weight, e, e_weight, distinct=False))


def cross_pressure(net: Network, result: Balance | None = None) -> list[Pressure]:
    """Actors under cross-pressure, highest score first (ties by name); actors scoring 0 are left out."""
    result = result if result is not None else balance(net)
    hostile = _hostility(net, result)
    ranked = [pressure_of(net, result, a, hostile) for a in sorted(net.connected_actors())]
    ranked = [p for p in ranked if p.score > 0]
    return sorted(ranked, key=lambda p: (-p.score, net.name(p.actor)))


def scores(ranked: list[Pressure]) -> dict[str, float]:
    return {p.actor: p.score for p in ranked}


class _Ties:
    """Tie entries of the ranking: an edge's name-free part (sign, rounded weight, evidence) is worked out once
    and shared by the entries of both its ends."""

    def __init__(self, net: Network):
        self.net = net
        self.names = {a: actor.name for a, actor in net.actors.items()}
        self.parts: dict[int, tuple[int, float, list[str]]] = {}  # id(edge) -> (sign, weight, evidence)

    def of(self, actor: str, sign: int) -> list[dict]:
        ties, parts, names = [], self.parts, self.names
        for other, edge in self.net.neighbours(actor, sign).items():
            part = parts.get(id(edge))
            if part is None:
                part = parts[id(edge)] = (edge.sign, round(edge.weight, 3), evidence_texts(edge, 3))
            ties.append({"actor": names.get(other, other), "sign": part[0], "weight": part[1], "evidence": part[2]})
        return ties


def _pair(net: Network, pair: Pair) -> dict:
    return {"a": net.name(pair.a), "b": net.name(pair.b), "product": round(pair.product, 3), "why": pair.why}


def explain(net: Network, p: Pressure) -> str:
    """One sentence on why an actor is cross-pressured."""
    parts = []
    if len(p.torn_set):
        top = p.torn_set.strongest(1)[0]
        parts.append(f"positive ties to both {net.name(top.a)} and {net.name(top.b)} ({top.why})"
                     + (f" and {len(p.torn_set) - 1} more such pair(s)" if len(p.torn_set) > 1 else ""))
    if len(p.exposure_set):
        friends = sorted({net.name(a) for a in p.exposure_set.firsts()})
        foes = sorted({net.name(b) for b in p.exposure_set.seconds()})
        parts.append(f"positive ties to {_few(friends)} while negative ties with {_few(foes)}")
    return f"{net.name(p.actor)} holds " + "; and ".join(parts) + "."


def _few(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def pressure_dicts(net: Network, ranked: list[Pressure], pair_limit: int = 10,
                   described: int | None = None) -> list[dict]:
    """`pressure_dict` of the first `described` entries (all when None), `pressure_summary` of the rest;
    an edge's evidence is gathered once for both of its ends."""
    ties = _Ties(net)
    cut = len(ranked) if described is None else described
    return ([pressure_dict(net, p, pair_limit, ties) for p in ranked[:cut]]
            + [pressure_summary(net, p) for p in ranked[cut:]])


def pressure_summary(net: Network, p: Pressure) -> dict:
    """A ranking entry's score and explanation, without the ties and pairs behind them."""
    return {"actor": net.name(p.actor), "id": p.actor, "score": round(p.score, 3),
            "torn": round(p.torn, 3), "exposure": round(p.exposure, 3), "explanation": explain(net, p)}


def pressure_dict(net: Network, p: Pressure, pair_limit: int = 10, ties: _Ties | None = None) -> dict:
    """A JSON-ready ranking entry with the ties and pairs behind the score and their evidence."""
    ties = ties or _Ties(net)
    return {
        **pressure_summary(net, p),
        "positive_ties": ties.of(p.actor, 1),
        "negative_ties": ties.of(p.actor, -1),
        "torn_pairs": [_pair(net, x) for x in p.torn_set.strongest(pair_limit)],
        "exposure_pairs": [_pair(net, x) for x in p.exposure_set.strongest(pair_limit)],
    }
