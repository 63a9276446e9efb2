"""Join per-document graphs into one: actors merged by id or by a shared name, claims re-pointed.

A wrong merge (al-Qaeda swallowing AQIM, a group swallowing its host state) costs more than a
missed alias, so short acronyms and one-word names never join two actors on their own.
`Identity` is the one matching rule; the store uses it too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from .model import Actor, Claim, Document, Graph, Modality, Relation, aggregate, name_key, noisy_or, relation_id


_ARTICLES = {"al", "el"}  # 'al-Qaeda' is one word with its article: AQIM's 'al-Qaeda' must not join al-Qaeda


def is_ambiguous(name: str) -> bool:
    """True for names too short to identify an actor alone: 'TIP', 'U.S.', a bare surname, 'al-Qaeda'."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if letters and len(letters) <= 4 and letters.isupper():
        return True
    words = name_key(name).split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return len(words) <= 1


def strong_keys(names: Iterable[str]) -> frozenset[str]:
    """The name keys that may join two actors on their own."""
    return frozenset(name_key(n) for n in names if name_key(n) and not is_ambiguous(n))


def lookup_keys(actor: Actor) -> set[str]:
    """Every non-empty name key of the actor: the candidates worth checking with `Identity.matches`."""
    return {k for k in (name_key(n) for n in actor.names()) if k}


@dataclass(frozen=True)
class Identity:
    """What joins actors: ids, canonical-name keys, and unambiguous name keys.

    A merged actor's identity is the union of its members' sets, so matching two merged actors
    gives the same answer as matching any pair of their members: merging in one go (here) and
    merging document by document (the store keeps the union in its tables) agree.
    """
    ids: frozenset[str]
    canonical: frozenset[str]
    keys: frozenset[str]

    @classmethod
    def of(cls, actor: Actor) -> "Identity":
        return cls(frozenset({actor.id}), frozenset({name_key(actor.name)}) - {""}, strong_keys(actor.names()))

    def matches(self, other: "Identity") -> bool:
        return bool(self.ids & other.ids or self.canonical & other.canonical or self.keys & other.keys)


def same_actor(a: Actor, b: Actor) -> bool:
    """Same id, same canonical name, or a shared name that is not ambiguous."""
    return Identity.of(a).matches(Identity.of(b))


def absorb(survivor: Actor, other: Actor) -> None:
    """Fold `other`'s names, attributes and mentions into `survivor`; the survivor wins conflicts."""
    for name in other.names():
        survivor.add_alias(name)
    for key, value in other.attributes.items():
        survivor.attributes.setdefault(key, value)
    seen = set(survivor.mentions)
    for span in other.mentions:
        if span not in seen:
            survivor.mentions.append(span)
            seen.add(span)


class _Groups:
    """Union-find over actor positions; the lowest position (first seen) is the representative."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _buckets(actors: list[Actor]) -> Iterable[list[int]]:
    """Positions sharing an id, a canonical key or a strong key: exactly the pairs `same_actor` accepts."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, actor in enumerate(actors):
        ident = Identity.of(actor)
        keys = ({("id", k) for k in ident.ids} | {("name", k) for k in ident.canonical}
                | {("key", k) for k in ident.keys})
        for key in keys:
            index.setdefault(key, []).append(i)
    return index.values()


def _merge_actors(actors: list[Actor]) -> tuple[list[Actor], dict[str, str]]:
    """Merged actors in first-seen order, and a map from every input id to its surviving id."""
    groups = _Groups(len(actors))
    for bucket in _buckets(actors):
        for i in bucket[1:]:
            groups.union(bucket[0], i)
    survivors: dict[int, Actor] = {}
    for i, actor in enumerate(actors):
        root = groups.find(i)
        if root not in survivors:
            survivors[root] = Actor(actor.id, actor.name, actor.type)
        absorb(survivors[root], actor)
    id_map = {a.id: survivors[groups.find(i)].id for i, a in enumerate(actors)}
    return list(survivors.values()), id_map


def remap_claims(claims: Iterable[Claim], id_map: dict[str, str]) -> list[Claim]:
    """Claims re-pointed at surviving actors; a claim whose two ends merged says nothing and goes."""
    return _remap(claims, id_map)


def _remap(items: Iterable, id_map: dict[str, str]) -> list:
    """Claims or relations re-pointed at surviving actors, without those whose two ends merged."""
    out = []
    for item in items:
        source, target = id_map.get(item.source, item.source), id_map.get(item.target, item.target)
        if source != target:
            out.append(replace(item, source=source, target=target))
    return out


def _extend_unique(into: list, items: Iterable) -> None:
    for item in items:
        if item not in into:
            into.append(item)


def merge_relations(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (source, type, target, status), joining evidence and cues in first-seen order."""
    merged: dict[tuple[str, str, str, str], Relation] = {}
    for r in relations:
        key = (r.source, r.type, r.target, r.modality.status)
        into = merged.get(key)
        if into is None:
            into = Relation(relation_id(*key), r.source, r.target, r.type, r.quad, r.sign,
                            Modality(r.modality.status, r.modality.probability, []))
            merged[key] = into
            into.confidence = 0.0
        new_evidence = any(e not in into.evidence for e in r.evidence)
        # Other sentences are independent support; the same sentences again are not.
        into.confidence = (noisy_or([into.confidence, r.confidence]) if new_evidence
                           else max(into.confidence, r.confidence))
        _extend_unique(into.evidence, r.evidence)
        _extend_unique(into.modality.cues, r.modality.cues)
    return list(merged.values())


def _documents(graphs: list[Graph]) -> list[Document]:
    seen: dict[str, Document] = {}
    for g in graphs:
        for d in g.documents:
            seen.setdefault(d.id, d)
    return list(seen.values())


def merge_graphs(graphs: list[Graph]) -> Graph:
    """Join per-document graphs into one graph; output order follows first appearance in `graphs`.

    Relations come from the claims; a graph that carries relations but no claims (one read back
    from JSON) contributes its relations, merged by key.
    """
    actors, id_map = _merge_actors([a for g in graphs for a in g.actors])
    claims = remap_claims((c for g in graphs for c in g.claims), id_map)
    claimless = _remap((r for g in graphs if not g.claims for r in g.relations), id_map)
    relations = merge_relations(aggregate(claims) + claimless)
    return Graph(_documents(graphs), actors, relations, claims)
