"""Scenario edits on the signed network: "what if the Taliban broke with al-Qaeda?"

An edit reads `A -> B = S` with S in -1, 0, 1 (`= 0` removes the tie). Names resolve through
`Graph.actor()`. Edits apply to a copy of the network; no graph or store is touched. The result
says what moved: the frustration index, actors whose cross-pressure rose or fell, and triads
that became balanced or unbalanced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import BriefgraphError
from ..model import Graph
from .balance import Balance, Triad, balance, balance_dict
from .crosspressure import cross_pressure, scores
from .network import Edge, Network, network, pair_key

EDIT = re.compile(r"^\s*(?P<a>.+?)\s*(?:<->|->|--|\u2192)\s*(?P<b>.+?)\s*=\s*(?P<sign>[+-]?\d+)\s*$")


class ScenarioError(BriefgraphError):
    """A scenario edit cannot be read or names an actor the graph does not have."""


@dataclass(frozen=True)
class ScenarioEdit:
    a: str  # actor id
    b: str
    sign: int


def _resolve(graph: Graph, name: str, text: str) -> str:
    actor = graph.actor(name)
    if actor is None:
        raise ScenarioError(f"unknown actor {name!r} in scenario edit {text!r}")
    return actor.id


def parse_edit(graph: Graph, text: str) -> ScenarioEdit:
    """Read 'A -> B = -1' into an edit between two actors of the graph."""
    m = EDIT.match(text)
    if not m:
        raise ScenarioError(f"cannot read scenario edit {text!r}; expected 'A -> B = -1', '= 0' or '= 1'")
    sign = int(m["sign"])
    if sign not in (-1, 0, 1):
        raise ScenarioError(f"the sign in {text!r} must be -1, 0 or 1")
    a, b = _resolve(graph, m["a"], text), _resolve(graph, m["b"], text)
    if a == b:
        raise ScenarioError(f"scenario edit {text!r} joins an actor to itself")
    return ScenarioEdit(a, b, sign)


def apply_edits(net: Network, edits: list[ScenarioEdit]) -> Network:
    """A copy of the network with the edits applied; the original is unchanged."""
    out = net.copy()
    for edit in edits:
        if edit.sign == 0:
            out.remove(edit.a, edit.b)
            continue
        old = out.edge(edit.a, edit.b)
        weight = old.weight if old and old.weight > 0 else 1.0
        a, b = pair_key(edit.a, edit.b)
        out.put(Edge(a, b, edit.sign, weight, max(weight, old.strength if old else 0.0), [], scenario=True))
    return out


def _triad_map(result: Balance) -> dict[tuple[str, str, str], Triad]:
    return {t.actors: t for t in result.triads}


def _triad_names(net: Network, t: Triad) -> dict:
    return {"actors": [net.name(a) for a in t.actors], "signs": list(t.signs)}


def _triad_changes(net: Network, before: Balance, after: Balance) -> dict:
    old, new = _triad_map(before), _triad_map(after)
    both = sorted(set(old) & set(new))
    return {
        "became_balanced": [_triad_names(net, new[k]) for k in both if new[k].balanced and not old[k].balanced],
        "became_unbalanced": [_triad_names(net, new[k]) for k in both if old[k].balanced and not new[k].balanced],
        "formed": [dict(_triad_names(net, new[k]), balanced=new[k].balanced) for k in sorted(set(new) - set(old))],
        "dissolved": [dict(_triad_names(net, old[k]), balanced=old[k].balanced) for k in sorted(set(old) - set(new))],
    }


def _pressure_changes(net: Network, before: dict[str, float], after: dict[str, float]) -> dict:
    moved = []
    for a in sorted(set(before) | set(after), key=net.name):
        b, c = before.get(a, 0.0), after.get(a, 0.0)
        if abs(b - c) > 1e-9:
            moved.append({"actor": net.name(a), "before": round(b, 3), "after": round(c, 3)})
    return {"rose": sorted([m for m in moved if m["after"] > m["before"]], key=lambda m: m["before"] - m["after"]),
            "fell": sorted([m for m in moved if m["after"] < m["before"]], key=lambda m: m["after"] - m["before"])}


def whatif_network(net: Network, edits: list[ScenarioEdit]) -> dict:
    """Apply edits to a network and report what moved."""
    edited = apply_edits(net, edits)
    before, after = balance(net), balance(edited)
    return {
        "edits": [{"source": net.name(e.a), "target": net.name(e.b),
                   "before": net.sign(e.a, e.b), "after": e.sign} for e in edits],
        "frustration_index": {"before": before.frustration_index, "after": after.frustration_index,
                              "exact": before.exact and after.exact},
        "cross_pressure": _pressure_changes(net, scores(cross_pressure(net, before)),
                                            scores(cross_pressure(edited, after))),
        "triads": _triad_changes(net, before, after),
        "balance_after": balance_dict(edited, after),
    }


def whatif(graph: Graph, edits: list[str], since=None, until=None) -> dict:
    """Read scenario edits like 'Taliban -> al-Qaeda = -1' and report what they change."""
    parsed = [parse_edit(graph, text) for text in edits]
    return whatif_network(network(graph, since, until), parsed)
