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


class _Hostility:
    """The hostile pairs among an actor's neighbours, found without trying every pair: pairs joined by a
    negative tie through each neighbour's negative ties, pairs in opposite camps by camp (trying only the
    pairs across the two sides of one component). Linear in what it finds plus those cross-camp pairs."""

    def __init__(self, net: Network, result: Balance):
        self.foes: dict[str, list[str]] = {}
        self.signed: dict[str, set[str]] = {}  # actor -> every actor it shares a signed edge with
        for e in net.signed_edges():
            self.signed.setdefault(e.a, set()).add(e.b)
            self.signed.setdefault(e.b, set()).add(e.a)
            if e.sign < 0:
                self.foes.setdefault(e.a, []).append(e.b)
                self.foes.setdefault(e.b, []).append(e.a)
        self.camp = {a: (i, side) for i, c in enumerate(result.components) for a, side in c.side.items()}

    def pairs(self, left: list[str], right: set[str], ordered: bool) -> list[tuple[str, str, str]]:
        """(b, c, why) for b in `left` and c in `right` that are hostile, sorted; with `ordered` (both
        sides the same actors) each pair once, b < c."""
        found = [(b, c, "negative tie") for b in left for c in self.foes.get(b, ()) if c in right]
        across: dict[int, tuple[list[str], list[str]]] = {}
        for side_of, group in ((0, left), (1, right)):
            for x in group:
                if x in self.camp:
                    comp, side = self.camp[x]
                    across.setdefault(comp, ([], [], [], []))[2 * side_of + side].append(x)
        none: set[str] = set()
        for l0, l1, r0, r1 in across.values():
            for bs, cs in ((l0, r1), (l1, r0)):
                others = set(cs)  # set difference: the cross pairs without a signed edge, in C
                found += [(b, c, "opposite camps") for b in bs for c in others - self.signed.get(b, none)]
        if ordered:
            found = [(b, c, why) for b, c, why in found if b < c]
        return sorted(found)


def pressure_of(net: Network, result: Balance, actor: str, hostile: _Hostility | None = None) -> Pressure:
    hostile = hostile or _Hostility(net, result)
    pos, neg = net.neighbours(actor, 1), net.neighbours(actor, -1)
    p = Pressure(actor)
    friends = sorted(pos)
    p.torn_pairs = [Pair(b, c, pos[b].weight * pos[c].weight, why)
                    for b, c, why in hostile.pairs(friends, set(pos), ordered=True)]
    p.exposure_pairs = [Pair(b, c, pos[b].weight * neg[c].weight, why)
                        for b, c, why in hostile.pairs(friends, set(neg), ordered=False)]
    p.torn = sum(x.product for x in p.torn_pairs)
    p.exposure = sum(x.product for x in p.exposure_pairs)
    return p


def cross_pressure(net: Network, result: Balance | None = None) -> list[Pressure]:
    """Actors under cross-pressure, highest score first (ties by name); actors scoring 0 are left out."""
    result = result if result is not None else balance(net)
    hostile = _Hostility(net, result)
    ranked = [pressure_of(net, result, a, hostile) for a in sorted(net.connected_actors())]
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
