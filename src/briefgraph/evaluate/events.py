"""Gold event records shared by the PLOVER and PETRARCH readers, and the matching of predicted events.

A gold sentence carries zero or more gold events; each names its type and its source and target
actors either by their surface text in the sentence (PLOVER) or by names of the country they
stand for (PETRARCH's CAMEO actor codes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Actor, Graph, Span, name_key
from .common import overlaps

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class GoldActor:
    text: str | None = None  # the actor's words in the sentence
    names: tuple[str, ...] = ()  # names that also identify it (fallback)

    @property
    def scorable(self) -> bool:
        return bool(self.text or self.names)


@dataclass
class GoldEvent:
    id: str
    type: str
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    code: str = ""


@dataclass
class GoldSentence:
    id: str
    text: str
    events: list[GoldEvent] = field(default_factory=list)  # empty: the sentence reports no event


@dataclass(frozen=True)
class PredictedEvent:
    type: str
    source: Actor | None
    target: Actor | None
    trigger: str = ""

    @property
    def label(self) -> str:
        def name(a: Actor | None) -> str:
            return a.name if a else "?"
        return f"{name(self.source)} -[{self.type}]-> {name(self.target)}"


def predicted_events(graph: Graph, doc_id: str) -> list[PredictedEvent]:
    """PLOVER-typed claims of one document; from relation evidence when the graph keeps no claims."""
    actors = {a.id: a for a in graph.actors}
    if graph.claims:
        return [PredictedEvent(c.type, actors.get(c.source), actors.get(c.target), c.trigger)
                for c in graph.claims if c.type in PLOVER_TYPES and c.evidence.doc == doc_id]
    return [PredictedEvent(r.type, actors.get(r.source), actors.get(r.target))
            for r in graph.relations if r.type in PLOVER_TYPES for e in r.evidence if e.doc == doc_id]


def occurrences(sentence: str, words: str) -> list[tuple[int, int]]:
    """Offsets of every occurrence of `words` in the sentence; case-insensitive when none match exactly."""
    for haystack, needle in ((sentence, words), (sentence.lower(), words.lower())):
        found = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), haystack)]
        if found:
            return found
    return []


def _contains(key: str, part: str) -> bool:
    return bool(part) and f" {part} " in f" {key} "


def actor_matches(actor: Actor | None, gold: GoldActor, sentence: str, doc_id: str) -> bool:
    """The actor has a mention over the gold words in the sentence, or a name containing a gold name."""
    if actor is None:
        return False
    mentions: list[Span] = [m for m in actor.mentions if m.doc == doc_id]
    spans = occurrences(sentence, gold.text) if gold.text else []
    if any(overlaps(m.start, m.end, s, e) for m in mentions for s, e in spans):
        return True
    wanted = [name_key(n) for n in (*gold.names, *([gold.text] if gold.text else []))]
    have = [name_key(n) for n in (*actor.names(), *(m.text for m in mentions))]
    return any(_contains(h, w) for h in have for w in wanted)
