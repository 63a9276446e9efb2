"""Stores for the scale benchmark built without the NLP step: `scale.py --direct`.

Each brief is the very file `scale_corpus.py` writes (read with `read_document`, as `add` reads it);
its graph is built from what the writer knows it put in: the actors of each tie sentence, their
mentions at their offsets in the text, and the claims the NLP path extracts from that template (type,
sign, modality, trigger and direction as measured on an NLP-built 5,000-brief store). Like the NLP
path, some claims of 'Fighters of X attacked ...' and 'did not arm X' go to a spurious actor named by
the whole phrase, and pledges of aid are rarely read as claims. Skipped: spaCy, name resolution
against the gazetteer (actors get the writer's names, and gazetteer types), merging of actors, filler
sentences' incidental mentions, and the extraction's confidence (1.0, as the NLP store has).
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from briefgraph.model import Actor, Claim, Graph, Modality, Span, slugify
from briefgraph.read import read_document
from briefgraph.store import Store
from scale_corpus import ONTOLOGY, BriefWriter

ASSERTED, REPORTED = Modality(), Modality("reported", None, ["reportedly"])
# Per TIES template: the claims the NLP path reads from it, as (type, quad, sign, modality, trigger, a->b?).
CLAIMS = {
    0: [("SUPPORT", "verbal_cooperation", 1, ASSERTED, "backs", True)],
    1: [("AID", "material_cooperation", 1, REPORTED, "supplied", True),
        ("AID", "material_cooperation", 1, REPORTED, "weapons", True)],
    2: [("ACCUSE", "verbal_conflict", -1, ASSERTED, "condemned", True),
        ("ASSAULT", "material_conflict", -1, ASSERTED, "attack", True)],
    3: [("SUPPORT", "verbal_cooperation", 1, Modality("probable", 0.675, ["likely"]), "support", True)],
    4: [("AGREE", "verbal_cooperation", 1, ASSERTED, "agreement", True)],
    5: [("ASSAULT", "material_conflict", -1, ASSERTED, "attacked", False)],
    6: [("SANCTION", "material_conflict", -1, ASSERTED, "sanctions", True)],
    7: [("AID", "material_cooperation", 1, Modality("negated", None, ["not"]), "arm", True)],
    8: [("SUPPORT", "verbal_cooperation", 1, ASSERTED, "support", True)],
    9: [("AID", "material_cooperation", 1, ASSERTED, "trained", True)],
    10: [("AGREE", "verbal_cooperation", 1, ASSERTED, "agreed", True),
         ("AGREE", "verbal_cooperation", 1, ASSERTED, "ceasefire", True)],
    11: [("ACCUSE", "verbal_conflict", -1, ASSERTED, "accused", True)],
    12: [("AID", "material_cooperation", 1, ASSERTED, "aid", True)],
    13: [("THREATEN", "verbal_conflict", -1, ASSERTED, "threatened", True)],
    14: [("CONSULT", "verbal_cooperation", 1, ASSERTED, "talks", True)],
    15: [("ALLY_OF", "structural", 1, ASSERTED, "ally", True)],
}
# Shares measured on the NLP-built 5,000-brief store: 'Fighters of X' as an actor of its own (1,105 of
# 4,006 'attacked' claims), pledges of aid read as a claim (75 of about 4,700 sentences).
SPURIOUS = {5: ("Fighters of {}", 0.28), 7: ("arm {}", 0.2)}
PLEDGE_READ = 0.016


def actor_types() -> dict[str, str]:
    entries = yaml.safe_load(ONTOLOGY.read_text(encoding="utf-8"))
    return {e["name"]: e["type"] for e in entries}


class DirectBriefs:
    """The (Document, Graph) of each brief file of one corpus, without NLP."""

    def __init__(self, size: int, seed: int = 7):
        self.writer, self.types = BriefWriter(size, seed), actor_types()
        self.rng = random.Random(f"direct:{seed}:{size}")

    def brief(self, k: int, path: Path):
        text, ties = self.writer.brief_with_ties(k)
        path.write_text(text, encoding="utf-8")
        doc = read_document(str(path))
        actors: dict[str, Actor] = {}
        claims: list[Claim] = []
        cursor = 0
        for template, sentence, a, b in ties:
            start = doc.text.index(sentence, cursor)
            cursor = start + len(sentence)
            claims += self._claims(doc.id, template, start, sentence, a, b, actors)
        return doc, Graph([doc], list(actors.values()), [], claims)

    def _claims(self, doc_id, template, start, sentence, a, b, actors) -> list[Claim]:
        if template == 12 and self.rng.random() >= PLEDGE_READ:
            return []
        ids = {name: self._mention(doc_id, start, sentence, name, actors) for name in (a, b)}
        phrase, share = SPURIOUS.get(template, ("", 0.0))
        if share and self.rng.random() < share:  # the NLP path reads the whole phrase as one actor
            spurious = phrase.format(b)
            ids[b] = self._mention(doc_id, start, sentence, spurious, actors, "organization")
        evidence = Span(doc_id, start, start + len(sentence), sentence)
        return [Claim(ids[a] if forward else ids[b], ids[b] if forward else ids[a], type_, quad, sign,
                      modality, evidence, trigger)
                for type_, quad, sign, modality, trigger, forward in CLAIMS[template]]

    def _mention(self, doc_id, start, sentence, name, actors, kind=None) -> str:
        at = sentence.lower().index(name.lower())
        actor = actors.setdefault(name, Actor(slugify(name), name, kind or self.types.get(name, "armed_group")))
        actor.mentions.append(Span(doc_id, start + at, start + at + len(name), sentence[at:at + len(name)], "name"))
        return actor.id


def build_direct(folder: Path, db: Path, size: int, seed: int = 7) -> int:
    """Write the `size` briefs of the corpus into `folder` and add each to the store `db` with its
    graph; return the number of words written."""
    folder.mkdir(parents=True, exist_ok=True)
    briefs, words = DirectBriefs(size, seed), 0
    with Store(db) as store:
        for k in range(1, size + 1):
            doc, graph = briefs.brief(k, folder / f"brief-{k:05d}.md")
            store.add(doc, graph)
            words += len(doc.text.split())
    return words
