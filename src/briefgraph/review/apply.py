"""Applying review decisions to a graph read from the store: one function, used by every reader.

Decisions are replayed in the order they were taken over the extracted actors and claims, and
relations are aggregated afterwards, so a claim that a later brief adds under a rejected key is
rejected too, and a merge holds whatever the extraction does next.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from ..model import Actor, Claim, Graph, Modality, Span, aggregate, name_key
from ..nlp.lexicon import load
from .log import Decision

Key = tuple[str, str, str, str]  # (source, type, target, status): what one relation is


@dataclass
class Reviewed:
    """The graph after review, where merged-away actor ids went, and the labelled claims."""
    graph: Graph
    moved: dict[str, str] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _State:
    actors: dict[str, Actor]
    claims: list[Claim]
    moved: dict[str, str] = field(default_factory=dict)
    verdicts: dict[Key, str] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)

    def id(self, ref: str) -> str:
        """The id an actor lives under now, following merges."""
        seen = set()
        while ref in self.moved and ref not in seen:
            seen.add(ref)
            ref = self.moved[ref]
        return ref

    def actor(self, ref: str) -> Actor | None:
        return self.actors.get(self.id(ref))

    def key(self, payload: dict) -> Key:
        s, t, target, status = payload["key"]
        return (self.id(s), t, self.id(target), status)

    def label(self, decision: Decision, claim: Claim, label: str) -> None:
        self.examples.append({"decision": decision.id, "label": label, "claim": claim})


def type_info(type_: str) -> dict[str, Any] | None:
    """The quad and sign the ontology gives a relation type, or None for an unknown type."""
    return load("events").get("types", {}).get(type_)


def apply_review(graph: Graph, decisions: list[Decision]) -> Reviewed:
    """`graph` as the decisions in force say it is; the graph itself is left untouched."""
    if not decisions:
        return Reviewed(graph)
    state = _State({a.id: copy.deepcopy(a) for a in graph.actors}, list(graph.claims))
    for decision in decisions:
        handler = HANDLERS.get(decision.action)
        if handler is not None:
            handler(state, decision)
    relations = aggregate(state.claims)
    for rel in relations:
        rel.review = state.verdicts.get((rel.source, rel.type, rel.target, rel.modality.status))
    reviewed = Graph(graph.documents, list(state.actors.values()), relations, state.claims)
    return Reviewed(reviewed, state.moved, state.examples)


def _matching(state: _State, key: Key) -> tuple[list[Claim], list[Claim]]:
    """The claims of the relation `key`, and the others."""
    hit, rest = [], []
    for c in state.claims:
        (hit if c.key == key else rest).append(c)
    return hit, rest


def _transform(state: _State, key: Key, change: Callable[[Claim], Claim]) -> list[Claim]:
    """Change the claims of relation `key` where they stand (so relations keep their order); return them changed."""
    changed, claims = [], []
    for c in state.claims:
        if c.key == key:
            c = change(c)
            changed.append(c)
        claims.append(c)
    state.claims = claims
    return changed


def _confirm(state: _State, d: Decision) -> None:
    key = state.key(d.payload)
    for c in _transform(state, key, lambda c: replace(c, confidence=1.0)):
        state.label(d, c, "confirmed")
        state.verdicts[key] = "confirmed"


def _reject(state: _State, d: Decision) -> None:
    hit, rest = _matching(state, state.key(d.payload))
    for c in hit:
        state.label(d, c, "rejected")
    state.claims = rest


def _edited(c: Claim, p: dict) -> Claim:
    out = c
    if p.get("type") and p["type"] != c.type:
        info = type_info(p["type"]) or {}
        out = replace(out, type=p["type"], quad=info.get("quad", c.quad), sign=info.get("sign", c.sign))
    if p.get("sign") is not None:
        out = replace(out, sign=int(p["sign"]))
    if p.get("reverse"):
        out = replace(out, source=c.target, target=c.source)
    if p.get("status") and p["status"] != c.modality.status:
        out = replace(out, modality=Modality(p["status"], None, list(c.modality.cues)))
    return replace(out, confidence=1.0)


def _edit(state: _State, d: Decision) -> None:
    for c in _transform(state, state.key(d.payload), lambda c: _edited(c, d.payload)):
        state.label(d, c, "corrected")
        state.verdicts[c.key] = "edited"


def _add(state: _State, d: Decision) -> None:
    p = d.payload
    source, target = state.id(p["source"]), state.id(p["target"])
    if source not in state.actors or target not in state.actors or source == target:
        return  # an actor the relation needs is gone (an earlier decision was undone)
    claim = Claim(source, target, p["type"], p["quad"], int(p["sign"]), Modality(p.get("status", "asserted")),
                  Span(p["doc"], p["start"], p["end"], p["text"]), "review", 1.0)
    state.claims.append(claim)
    state.verdicts[claim.key] = "added"
    state.label(d, claim, "added")


def _remap(state: _State, old: str, new: str) -> None:
    claims = []
    for c in state.claims:
        c2 = replace(c, source=new if c.source == old else c.source, target=new if c.target == old else c.target)
        if c2.source != c2.target:  # a tie between the two merged actors is no tie
            claims.append(c2)
    state.claims = claims


def _merge(state: _State, d: Decision) -> None:
    keep, gone = state.actor(d.payload["into"]), state.actor(d.payload["other"])
    if keep is None or gone is None or keep.id == gone.id:
        return
    for name in gone.names():
        keep.add_alias(name)
    for k, v in gone.attributes.items():
        keep.attributes.setdefault(k, v)
    keep.mentions = sorted(set(keep.mentions) | set(gone.mentions), key=lambda m: (m.doc, m.start, m.end))
    del state.actors[gone.id]
    state.moved[gone.id] = keep.id
    _remap(state, gone.id, keep.id)


def _split_claim(c: Claim, old: str, new: str, moved_spans: set[Span], kept_spans: list[Span]) -> Claim:
    """Give the claim to the split-off actor where its sentence names that actor and not the old one."""
    def inside(spans) -> bool:
        return any(s.doc == c.evidence.doc and c.evidence.start <= s.start < c.evidence.end for s in spans)
    if old not in (c.source, c.target) or not inside(moved_spans) or inside(kept_spans):
        return c
    return replace(c, source=new if c.source == old else c.source, target=new if c.target == old else c.target)


def _split(state: _State, d: Decision) -> None:
    p = d.payload
    old = state.actor(p["actor"])
    if old is None or p["new_id"] in state.actors:
        return
    keys = {name_key(n) for n in p["names"]}
    new = Actor(p["new_id"], p["names"][0], p.get("type") or old.type,
                [n for n in old.names() if name_key(n) in keys and n != p["names"][0]])
    old.aliases = [a for a in old.aliases if name_key(a) not in keys]
    new.mentions = [m for m in old.mentions if name_key(m.text) in keys]
    old.mentions = [m for m in old.mentions if name_key(m.text) not in keys]
    moved_spans = set(new.mentions)
    state.claims = [_split_claim(c, old.id, new.id, moved_spans, old.mentions) for c in state.claims]
    state.actors[new.id] = new


def _rename(state: _State, d: Decision) -> None:
    actor = state.actor(d.payload["actor"])
    if actor is not None and d.payload["name"] != actor.name:
        old = actor.name
        actor.aliases = [a for a in actor.aliases if a != d.payload["name"]]
        actor.name = d.payload["name"]
        actor.add_alias(old)


def _alias_add(state: _State, d: Decision) -> None:
    actor = state.actor(d.payload["actor"])
    if actor is not None:
        actor.add_alias(d.payload["alias"])


def _alias_remove(state: _State, d: Decision) -> None:
    actor = state.actor(d.payload["actor"])
    if actor is not None:
        actor.aliases = [a for a in actor.aliases if a != d.payload["alias"]]


def _retype(state: _State, d: Decision) -> None:
    actor = state.actor(d.payload["actor"])
    if actor is not None:
        actor.type = d.payload["type"]


HANDLERS: dict[str, Callable[[_State, Decision], None]] = {
    "confirm": _confirm, "reject": _reject, "edit": _edit, "add": _add, "merge": _merge, "split": _split,
    "rename": _rename, "alias_add": _alias_add, "alias_remove": _alias_remove, "retype": _retype,
}
