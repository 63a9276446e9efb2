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
from itertools import combinations

from .balance import Balance, balance
from .network import Edge, Network, evidence_texts

EXPOSURE_WEIGHT = 0.5


@dataclass
class Pair:
    a: str
    b: str
    product: float
    why: str  # "negative tie" or "opposite camps"


@dataclass
class Pressure:
    actor: str
    torn: float = 0.0
    exposure: float = 0.0
    torn_pairs: list[Pair] = field(default_factory=list)
    exposure_pairs: list[Pair] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.torn + EXPOSURE_WEIGHT * self.exposure


def hostility(net: Network, result: Balance, b: str, c: str) -> str | None:
    """Why B and C count as hostile ('negative tie', 'opposite camps'), or None when they do not."""
    sign = net.sign(b, c)
    if sign < 0:
        return "negative tie"
    if sign == 0 and result.opposite(b, c):
        return "opposite camps"
    return None


def pressure_of(net: Network, result: Balance, actor: str) -> Pressure:
    pos, neg = net.neighbours(actor, 1), net.neighbours(actor, -1)
    p = Pressure(actor)
    for b, c in combinations(sorted(pos), 2):
        why = hostility(net, result, b, c)
        if why:
            p.torn_pairs.append(Pair(b, c, pos[b].weight * pos[c].weight, why))
    for b in sorted(pos):
        for c in sorted(neg):
            why = hostility(net, result, b, c)
            if why:
                p.exposure_pairs.append(Pair(b, c, pos[b].weight * neg[c].weight, why))
    p.torn = sum(x.product for x in p.torn_pairs)
    p.exposure = sum(x.product for x in p.exposure_pairs)
    return p


def cross_pressure(net: Network, result: Balance | None = None) -> list[Pressure]:
    """Actors under cross-pressure, highest score first (ties by name); actors scoring 0 are left out."""
    result = result if result is not None else balance(net)
    ranked = [pressure_of(net, result, a) for a in sorted(net.connected_actors())]
    ranked = [p for p in ranked if p.score > 0]
    return sorted(ranked, key=lambda p: (-p.score, net.name(p.actor)))


def scores(ranked: list[Pressure]) -> dict[str, float]:
    return {p.actor: p.score for p in ranked}


def _tie(net: Network, edge: Edge, actor: str) -> dict:
    return {"actor": net.name(edge.other(actor)), "sign": edge.sign, "weight": round(edge.weight, 3),
            "evidence": evidence_texts(edge, 3)}


def _pair(net: Network, pair: Pair) -> dict:
    return {"a": net.name(pair.a), "b": net.name(pair.b), "product": round(pair.product, 3), "why": pair.why}


def explain(net: Network, p: Pressure) -> str:
    """One sentence on why an actor is cross-pressured."""
    parts = []
    if p.torn_pairs:
        top = _strongest(p.torn_pairs)[0]
        parts.append(f"positive ties to both {net.name(top.a)} and {net.name(top.b)} ({top.why})"
                     + (f" and {len(p.torn_pairs) - 1} more such pair(s)" if len(p.torn_pairs) > 1 else ""))
    if p.exposure_pairs:
        friends = sorted({net.name(x.a) for x in p.exposure_pairs})
        foes = sorted({net.name(x.b) for x in p.exposure_pairs})
        parts.append(f"positive ties to {_few(friends)} while negative ties with {_few(foes)}")
    return f"{net.name(p.actor)} holds " + "; and ".join(parts) + "."


def _strongest(pairs: list[Pair]) -> list[Pair]:
    """Pairs by product, those joined by a negative tie before those only in opposite camps."""
    return sorted(pairs, key=lambda x: (-x.product, x.why != "negative tie"))


def _few(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def pressure_dict(net: Network, p: Pressure, pair_limit: int = 10) -> dict:
    """A JSON-ready ranking entry with the ties and pairs behind the score and their evidence."""
    return {
        "actor": net.name(p.actor), "id": p.actor, "score": round(p.score, 3),
        "torn": round(p.torn, 3), "exposure": round(p.exposure, 3),
        "explanation": explain(net, p),
        "positive_ties": [_tie(net, e, p.actor) for e in net.neighbours(p.actor, 1).values()],
        "negative_ties": [_tie(net, e, p.actor) for e in net.neighbours(p.actor, -1).values()],
        "torn_pairs": [_pair(net, x) for x in _strongest(p.torn_pairs)[:pair_limit]],
        "exposure_pairs": [_pair(net, x) for x in _strongest(p.exposure_pairs)[:pair_limit]],
    }
