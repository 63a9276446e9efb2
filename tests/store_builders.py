"""Small stores built in memory for the review and web tests: hand-made documents, actors and claims."""
from __future__ import annotations

from briefgraph.model import Actor, Claim, Document, Graph, Modality, Span, slugify
from briefgraph.store import Store

SAHEL = ("Mali hired the Wagner Group. Wagner fought alongside the Malian army. "
         "France opposed Wagner. The junta expelled France.")
GULF = "The Houthis attacked Israel. The United States struck the Houthis. Iran armed the Houthis."


def brief(text: str, date: str | None = None, path: str | None = None) -> Document:
    return Document(text=text, path=path or f"briefs/{slugify(text[:24])}.txt", date=date)


def actor(doc: Document, name: str, *aliases: str, type_: str = "armed_group") -> Actor:
    """An actor mentioned at every occurrence of each of its names in the document."""
    mentions = []
    for n in (name, *aliases):
        start = doc.text.find(n)
        while start >= 0:
            mentions.append(Span(doc.id, start, start + len(n), n, "name"))
            start = doc.text.find(n, start + 1)
    return Actor(slugify(name), name, type_, list(aliases), {}, mentions)


def claim(doc: Document, source: Actor, target: Actor, sentence: str, type_: str = "SUPPORT", sign: int = 1,
          status: str = "asserted", confidence: float = 0.8) -> Claim:
    start = doc.text.index(sentence)
    quad = "material_conflict" if sign < 0 else "material_cooperation"
    return Claim(source.id, target.id, type_, quad, sign, Modality(status, None, []),
                 Span(doc.id, start, start + len(sentence), sentence), "verb", confidence)


def sahel() -> tuple[Document, Graph]:
    doc = brief(SAHEL, date="2023-05-01")
    mali = actor(doc, "Mali", "Malian army", "junta", type_="state")
    wagner = actor(doc, "Wagner Group", "Wagner")
    france = actor(doc, "France", type_="state")
    claims = [claim(doc, mali, wagner, "Mali hired the Wagner Group.", "COOPERATE"),
              claim(doc, wagner, mali, "Wagner fought alongside the Malian army.", "COOPERATE"),
              claim(doc, france, wagner, "France opposed Wagner.", "OPPOSE", -1),
              claim(doc, mali, france, "The junta expelled France.", "COERCE", -1)]
    return doc, Graph([doc], [mali, wagner, france], [], claims)


def gulf() -> tuple[Document, Graph]:
    doc = brief(GULF, date="2024-01-12")
    houthis = actor(doc, "Houthis")
    israel = actor(doc, "Israel", type_="state")
    us = actor(doc, "United States", type_="state")
    iran = actor(doc, "Iran", type_="state")
    claims = [claim(doc, houthis, israel, "The Houthis attacked Israel.", "ASSAULT", -1),
              claim(doc, us, houthis, "The United States struck the Houthis.", "ASSAULT", -1),
              claim(doc, iran, houthis, "Iran armed the Houthis.", "AID")]
    return doc, Graph([doc], [houthis, israel, us, iran], [], claims)


def filled_store(path) -> Store:
    store = Store(path)
    for doc, graph in (sahel(), gulf()):
        store.add(doc, graph)
    return store


def relation_id(store: Store, source: str, type_: str, target: str) -> str:
    names = {a.id: a.name for a in store.actors()}
    return next(r.id for r in store.graph().relations
                if (names[r.source], r.type, names[r.target]) == (source, type_, target))
