"""Bringing a graph JSON (from another machine, or edited by hand) into a store, idempotently.

The graph JSON has documents without their text and relations without their claims, so each
document is stored with an empty text under its original id (the sha256 of the text it had), and
each evidence sentence becomes one claim. Importing the same file again, or a document already added
from its text, stores nothing new: documents are keyed by that id.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Actor, Claim, Document, Graph, Modality, Relation, Span


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0  # documents already in the store


def import_graph(corpus, graph: Graph) -> ImportResult:
    """Store every document of `graph` not yet in `corpus` (a `Corpus`), with its actors and claims."""
    result = ImportResult()
    for document, part in split_by_document(graph):
        if corpus.add_graph(document, part):
            result.added += 1
        else:
            result.skipped += 1
    return result


def split_by_document(graph: Graph) -> list[tuple[Document, Graph]]:
    """One (document, graph) per document: the claims its evidence gives and the actors it names.

    Actors named in no document travel with the first one, so none is lost.
    """
    documents = _documents(graph)
    parts = {d.id: _Part() for d in documents}
    in_claims: dict[str, set[str]] = {}  # actor id -> documents whose claims involve it
    for rel in graph.relations:
        for claim in claims_of(rel):
            parts[claim.evidence.doc].claims.append(claim)
            for actor_id in (claim.source, claim.target):
                in_claims.setdefault(actor_id, set()).add(claim.evidence.doc)
    for actor in graph.actors:
        _place_actor(actor, parts, in_claims.get(actor.id, set()), documents[0].id if documents else None)
    return [(d, parts[d.id].graph(d)) for d in documents]


@dataclass
class _Part:
    actors: dict[str, Actor] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)

    def graph(self, document: Document) -> Graph:
        return Graph([document], list(self.actors.values()), [], self.claims)


def _documents(graph: Graph) -> list[Document]:
    """The listed documents, and any that evidence or mentions refer to without listing them."""
    documents = {d.id: d for d in graph.documents}
    spans = [s for r in graph.relations for s in r.evidence] + [m for a in graph.actors for m in a.mentions]
    for span in spans:
        documents.setdefault(span.doc, Document(text="", id=span.doc, length=0))
    return list(documents.values())


def _place_actor(actor: Actor, parts: dict[str, _Part], in_claims: set[str], fallback: str | None) -> None:
    involved = {m.doc for m in actor.mentions} | in_claims
    if not involved and fallback is not None:
        involved = {fallback}
    for doc in involved:
        mentions = [m for m in actor.mentions if m.doc == doc]
        parts[doc].actors[actor.id] = Actor(actor.id, actor.name, actor.type, list(actor.aliases),
                                            dict(actor.attributes), mentions)


def claims_of(rel: Relation) -> list[Claim]:
    """One claim per evidence sentence, each with the confidence that, combined by noisy-or over
    the sentences as the store does, gives back the relation's confidence."""
    n = max(len(rel.evidence), 1)
    each = 1.0 - (1.0 - min(max(rel.confidence, 0.0), 1.0)) ** (1.0 / n)
    return [Claim(rel.source, rel.target, rel.type, rel.quad, rel.sign,
                  Modality(rel.modality.status, rel.modality.probability, list(rel.modality.cues)),
                  Span(e.doc, e.start, e.end, e.text), "", each) for e in rel.evidence]
