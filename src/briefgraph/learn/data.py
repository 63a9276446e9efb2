"""Labelled candidate pairs from the data sets the scorer learns from.

Each source is extracted by the rules, its candidate pairs (nlp/pairs.py) are labelled from its gold:
- gold briefs (`NAME.txt` + `NAME.json`): a pair holds where the gold graph has a relation between the
  two actors (distant supervision: the gold says who relates, not in which sentence);
- re3d folders: where a relation record's two spans overlap the pair's two mentions;
- PLOVER records and PETRARCH2 validation sentences: where the pair's actors are a coded event's
  source and target.
Relation pairs the gold neither requires nor forbids (`also_ok_relations`, re3d types without a
sign such as CoLocated) are left out rather than taught as negatives.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..evaluate import common
from ..evaluate.common import overlaps
from ..evaluate.events import GoldSentence, actor_matches
from ..evaluate.gold import GoldNames
from ..evaluate.re3d import read_re3d
from ..model import Document, Graph, name_key
from ..nlp.pairs import document_features
from ..nlp.pipeline import ResolvedPair, extract_pairs_iter
from .model import Example

RE3D_TYPES = {"AlliesOf": "ALLY_OF", "Likes": "SUPPORT", "FightingAgainst": "ASSAULT", "Dislikes": "OPPOSE",
              "InChargeOf": "LEADER_OF", "BelongsTo": "MEMBER_OF"}
RE3D_NEUTRAL = {"CoLocated", "CommWith", "HasAttrOf", "IsSynonymOf", "Apart"}


@dataclass
class Label:
    relation: bool
    forward: bool | None = None
    type: str | None = None


def gold_pairs(folders: list[str | Path]) -> list[tuple[str, Path, Path]]:
    """(name, text, gold) for every NAME.txt with a NAME.json in any of the folders, sorted by name."""
    texts: dict[str, Path] = {}
    golds: dict[str, Path] = {}
    for folder in map(Path, folders):
        for p in sorted(folder.glob("*.txt")):
            texts.setdefault(p.stem, p)
        for p in sorted(folder.glob("*.json")):
            golds.setdefault(p.stem, p)
    return [(n, texts[n], golds[n]) for n in sorted(texts) if n in golds]


def with_document_features(found: list[ResolvedPair], graph: Graph) -> list[list[str]]:
    types = {a.id: a.type for a in graph.actors}
    return document_features([(p.first, p.second) for p in found], [p.features for p in found], types)


# ---- gold briefs -----------------------------------------------------------------------------

def _gold_key(actor, names: GoldNames) -> str | None:
    hits = {names.keys[k] for k in (name_key(n) for n in actor.names()) if k in names.keys}
    return hits.pop() if len(hits) == 1 else None


def _gold_label(a: str | None, b: str | None, gold: dict, names: GoldNames, ok: set) -> Label | None:
    if a is None or b is None:
        return Label(False)
    for g in gold["relations"]:
        srcs = {names.key_of(s) for s in [g["source"], *g.get("source_alternatives", [])]}
        tgt = names.key_of(g["target"])
        if a in srcs and b == tgt:
            return Label(True, True, g["types"][0] if g.get("types") else None)
        if b in srcs and a == tgt:
            return Label(True, bool(g.get("symmetric")) or False, g["types"][0] if g.get("types") else None)
    return None if (a, b) in ok else Label(False)


def gold_examples(name: str, text: Path, gold_path: Path, model: str | None = None) -> list[Example]:
    gold = common.read_json(gold_path)
    names = GoldNames(gold)
    ok = {(names.key_of(o["source"]), names.key_of(o["target"])) for o in gold.get("also_ok_relations", [])}
    ok |= {(b, a) for a, b in ok}
    doc = Document(text=text.read_text(encoding="utf-8"), path=str(text))
    _, graph, found = next(extract_pairs_iter([doc], model=model))
    keys = {a.id: _gold_key(a, names) for a in graph.actors}
    return [Example(f, lab.relation, lab.forward, lab.type, f"gold/{name}")
            for p, f in zip(found, with_document_features(found, graph))
            if (lab := _gold_label(keys.get(p.first), keys.get(p.second), gold, names, ok))]


# ---- re3d ------------------------------------------------------------------------------------

def _re3d_label(p: ResolvedPair, relations) -> Label | None:
    for r in relations:
        s, t = (r.source.start, r.source.end), (r.target.start, r.target.end)
        fwd = overlaps(*p.first_span, *s) and overlaps(*p.second_span, *t)
        rev = overlaps(*p.first_span, *t) and overlaps(*p.second_span, *s)
        if fwd or rev:
            return Label(True, fwd, RE3D_TYPES[r.type]) if r.type in RE3D_TYPES else None
    return Label(False)


def re3d_examples(path: Path, model: str | None = None) -> list[Example]:
    docs, _ = read_re3d(path)
    by_id = {d.document.id: d for d in docs}
    out = []
    for document, graph, found in extract_pairs_iter([d.document for d in docs], model=model, generic_actors=True):
        d = by_id[document.id]
        out += [Example(f, lab.relation, lab.forward, lab.type, f"re3d/{d.source}")
                for p, f in zip(found, with_document_features(found, graph)) if (lab := _re3d_label(p, d.relations))]
    return out


# ---- coded event sentences -------------------------------------------------------------------

def _event_label(p: ResolvedPair, graph: Graph, s: GoldSentence, doc_id: str) -> Label:
    actors = {a.id: a for a in graph.actors}
    a, b = actors.get(p.first), actors.get(p.second)
    for e in s.events:
        src = any(actor_matches(a, g, s.text, doc_id) for g in e.sources if g.scorable)
        tgt = any(actor_matches(b, g, s.text, doc_id) for g in e.targets if g.scorable)
        if src and tgt:
            return Label(True, True, e.type)
        src = any(actor_matches(b, g, s.text, doc_id) for g in e.sources if g.scorable)
        tgt = any(actor_matches(a, g, s.text, doc_id) for g in e.targets if g.scorable)
        if src and tgt:
            return Label(True, False, e.type)
    return Label(False)


def event_examples(path: Path, group: str, model: str | None = None) -> list[Example]:
    from ..evaluate.plover import read_gold
    sentences, _ = read_gold(path)
    by_id: dict[str, GoldSentence] = {}
    docs = []
    for s in sentences:
        d = Document(text=s.text, path=s.id)
        if d.id not in by_id:
            by_id[d.id] = s
            docs.append(d)
    out = []
    for document, graph, found in extract_pairs_iter(docs, model=model, generic_actors=True):
        s = by_id[document.id]
        out += [Example(f, lab.relation, lab.forward, lab.type, group)
                for p, f in zip(found, with_document_features(found, graph))
                for lab in [_event_label(p, graph, s, document.id)]]
    return out


# ---- all of it -------------------------------------------------------------------------------

def extra_sources(data: Path) -> Iterator[tuple[str, Path]]:
    """(kind, path) of the labelled data sets present under DATA (the shared `data` folder)."""
    if (data / "re3d").is_dir():
        yield "re3d", data / "re3d"
    if (data / "plover" / "gsr-dev.json").is_file():
        yield "plover", data / "plover" / "gsr-dev.json"
    for xml in sorted((data / "petrarch-gsr").glob("*.xml")) if (data / "petrarch-gsr").is_dir() else []:
        yield "petrarch", xml


def extra_examples(data: Path, model: str | None = None) -> list[Example]:
    out: list[Example] = []
    for kind, path in extra_sources(data):
        out += re3d_examples(path, model) if kind == "re3d" else event_examples(path, kind, model)
    return out
