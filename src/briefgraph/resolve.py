"""Mentions to actors within one document: gazetteer names, acronyms defined in the text, bare surnames.

Keys are joined with a union-find; two different gazetteer entries are never joined, because a
merge that fuses two real actors costs more than a missed alias.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Actor, Span, name_key, slugify
from .nlp.mentions import Mention


def mention_key(m: Mention) -> str:
    if m.key:
        return m.key
    if m.entry is not None:
        return "e:" + m.entry.name
    if m.kind == "collective":
        return "c:" + name_key(m.name)
    return "n:" + name_key(m.name)


@dataclass
class Placed:
    """A mention placed in its document: absolute character offsets and surface text."""
    mention: Mention
    start: int
    end: int
    text: str


@dataclass
class Resolver:
    doc_id: str
    parent: dict[str, str] = field(default_factory=dict)
    placed: list[Placed] = field(default_factory=list)
    attributes: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    def find(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        self.parent[key] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (ra.startswith("e:") and rb.startswith("e:")):
            return
        if rb.startswith("e:") or (ra.startswith("n:") and not rb.startswith("n:")):
            ra, rb = rb, ra
        self.parent[rb] = ra  # a gazetteer key survives as the root

    def key(self, m: Mention) -> str:
        return self.find(mention_key(m))

    def add(self, m: Mention, start: int, end: int, text: str) -> None:
        m.key = mention_key(m)
        self.parent.setdefault(m.key, m.key)
        self.placed.append(Placed(m, start, end, text))

    def _join_surnames(self) -> None:
        """'Saleh' joins 'Amrullah Saleh' when exactly one full name in the document ends with it,
        whatever type the NER gave the bare name ('Burhan's government' is often an ORG)."""
        words = {mention_key(p.mention): name_key(p.mention.name).split() for p in self.placed}
        people = {mention_key(p.mention) for p in self.placed if p.mention.type == "person"}
        singles = {mention_key(p.mention) for p in self.placed
                   if p.mention.kind == "name" and p.mention.entry is None and len(words[mention_key(p.mention)]) == 1}
        full = defaultdict(set)
        for k in people:
            for n in range(1, len(words[k])):  # "Villamar" and "Macías Villamar" for "José Macías Villamar"
                full[tuple(words[k][-n:])].add(k)
            if len(words[k]) == 3 and all(len(w) > 1 for w in words[k]):  # "Kim" for "Kim Jong Un": family name first
                full[tuple(words[k][:1])].add(k)
        shorter = people | singles | self._short_names(words)
        for k in shorter:
            tail = tuple(words[k])
            if k in full.get(tail, ()) or len(full.get(tail, ())) != 1:
                continue
            self.union(next(iter(full[tail])), k)

    def _short_names(self, words: dict[str, list[str]]) -> set[str]:
        """Two-word names the NER left untyped or typed as an organisation ('Al Zaidi's government')."""
        return {mention_key(p.mention) for p in self.placed
                if p.mention.kind == "name" and p.mention.entry is None and len(words[mention_key(p.mention)]) == 2}

    def actors(self) -> tuple[list[Actor], dict[str, str]]:
        """The document's actors, and the map from mention root key to actor id."""
        self._join_surnames()
        groups: dict[str, list[Placed]] = defaultdict(list)
        for p in self.placed:
            groups[self.find(p.mention.key)].append(p)
        attrs: dict[str, dict[str, str]] = defaultdict(dict)
        for k, values in self.attributes.items():
            attrs[self.find(k)].update(values)
        actors, ids, used = [], {}, Counter()
        for root, placed in groups.items():
            actor = _build_actor(placed, self.doc_id)
            actor.attributes.update(attrs.get(root, {}))
            used[actor.id] += 1
            if used[actor.id] > 1:  # two actors whose names slug alike keep distinct ids
                actor.id = f"{actor.id}-{used[actor.id]}"
            actors.append(actor)
            ids[root] = actor.id
        return actors, ids


def _build_actor(placed: list[Placed], doc_id: str) -> Actor:
    ms = [p.mention for p in placed]
    entry = next((m.entry for m in ms if m.entry is not None and m.kind != "pronoun"), None)
    named = [p for p in placed if p.mention.kind in {"name", "collective"}] or placed
    name = entry.name if entry else max(named, key=lambda p: (len(p.mention.name.split()), len(p.mention.name))).mention.name
    types = Counter(m.type for m in ms if m.kind not in {"pronoun", "description"}) or Counter(m.type for m in ms)
    full_person = any(m.type == "person" and len(m.name.split()) > 1 for m in ms)
    type_ = entry.type if entry else ("person" if full_person else types.most_common(1)[0][0])
    actor = Actor(slugify(name), name, type_)
    for p in placed:
        kind = p.mention.kind
        if kind in {"name", "acronym", "alias", "capital"} and name_key(p.text) != name_key(name):
            if name_key(p.text) not in {name_key(a) for a in actor.aliases}:
                actor.add_alias(p.text)
        actor.mentions.append(Span(doc_id, p.start, p.end, p.text, kind))
    actor.mentions.sort(key=lambda s: s.start)
    return actor
