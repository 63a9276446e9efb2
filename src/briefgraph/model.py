"""The data model: documents, actors and their mentions, claims and the relations that aggregate them.

Mentions are kept apart from actors and claims apart from relations: a relation is an
aggregate of claims, and every claim keeps the sentence that says it.
The JSON shape written by `Graph.to_dict()` is the `briefgraph/graph@1` contract.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

SCHEMA = "briefgraph/graph@1"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

ACTOR_TYPES = ("state", "armed_group", "organization", "igo", "person", "collective", "ethnic_group", "place")
STATUSES = ("asserted", "certain", "reported", "probable", "possible", "unlikely", "hypothetical", "negated")
FACTUAL = frozenset({"asserted", "certain"})
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "structural")


def text_id(text: str) -> str:
    """The id of a document: the sha256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slugify(name: str) -> str:
    """A stable actor id from a canonical name: ascii, lower case, hyphens."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "actor"


@lru_cache(maxsize=65_536)  # the same few thousand names are keyed over and over while a corpus is read
def name_key(name: str) -> str:
    """The key under which two names count as the same: case, 'the', possessive and punctuation removed."""
    s = name.replace("\u2019", "'")  # before the ascii fold, which would drop the curly apostrophe
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"[-_/]", " ", s)
    s = re.sub(r"[^\w&' ]", "", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class Document:
    text: str
    path: str = "-"
    title: str | None = None
    date: str | None = None  # ISO date, yyyy-mm-dd
    id: str = ""
    length: int | None = None  # the text's length when only the graph JSON (without text) was read
    # Characters of the file (decoded, newlines normalised) before `text`, e.g. its front matter:
    # offsets index `text`, so file offset = text_start + offset.
    text_start: int = 0
    notes: list[str] = field(default_factory=list)  # what was cut or skipped while reading this text
    # Where `date` came from: "given" (--date), "front matter", "html metadata", "stated in the text", "pdf properties".
    date_source: str | None = None

    def __post_init__(self) -> None:
        # A lone surrogate (from a careless decoder) cannot be encoded, hashed or stored; U+FFFD keeps offsets.
        self.text = _LONE_SURROGATE.sub("\ufffd", self.text)
        if not self.id:
            self.id = text_id(self.text)

    @property
    def chars(self) -> int:
        return len(self.text) if self.text or self.length is None else self.length

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """`with_text` adds the text that evidence and mention offsets index (e.g. a PDF's extracted text)."""
        d = {"id": self.id, "path": self.path, "title": self.title, "date": self.date, "chars": self.chars}
        if with_text and self.text:
            d["text"] = self.text
        if self.date_source:
            d["date_source"] = self.date_source
        if self.text_start:
            d["text_start"] = self.text_start
        if self.notes:
            d["notes"] = list(self.notes)
        return d


@dataclass(frozen=True)
class Span:
    """A stretch of one document's text: a mention or an evidence sentence."""
    doc: str
    start: int
    end: int
    text: str
    # For mentions: how the actor is named here ("name", "alias", "demonym", "capital", "pronoun",
    # "description"); None for evidence spans. Scorers of name detection skip pronouns and descriptions.
    kind: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        d = {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}
        if self.kind:
            d["kind"] = self.kind
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(d["doc"], d["start"], d["end"], d["text"], d.get("kind"))


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def add_alias(self, alias: str) -> None:
        if name_key(alias) and alias not in self.aliases and alias != self.name:
            self.aliases.append(alias)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
            "attributes": dict(self.attributes), "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Actor":
        return cls(d["id"], d["name"], d["type"], list(d.get("aliases", [])), dict(d.get("attributes", {})),
                   [Span.from_dict(m) for m in d.get("mentions", [])])


@dataclass
class Modality:
    status: str = "asserted"
    probability: float | None = None
    cues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "probability": self.probability, "cues": list(self.cues)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Modality":
        return cls(d.get("status", "asserted"), d.get("probability"), list(d.get("cues", [])))


@dataclass
class Claim:
    """One statement in one sentence that `source` did `type` to `target`."""
    source: str  # actor id
    target: str  # actor id
    type: str
    quad: str
    sign: int
    modality: Modality
    evidence: Span
    trigger: str = ""
    # How likely this reading of the sentence is right, in [0, 1]: the extraction's own estimate.
    confidence: float = 1.0

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.type, self.target, self.modality.status)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "type": self.type, "quad": self.quad,
                "sign": self.sign, "modality": self.modality.to_dict(), "evidence": self.evidence.to_dict(),
                "trigger": self.trigger, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        return cls(d["source"], d["target"], d["type"], d["quad"], d["sign"], Modality.from_dict(d["modality"]),
                   Span.from_dict(d["evidence"]), d.get("trigger", ""), float(d.get("confidence", 1.0)))


def relation_id(source: str, type_: str, target: str, status: str) -> str:
    return hashlib.sha1(f"{source}|{type_}|{target}|{status}".encode()).hexdigest()[:16]


@dataclass
class Relation:
    """All claims with one (source, type, target, modality status)."""
    id: str
    source: str
    target: str
    type: str
    quad: str
    sign: int
    modality: Modality
    evidence: list[Span] = field(default_factory=list)
    # That at least one of its claims is right: the noisy-or of the claims' confidences, one per sentence.
    confidence: float = 1.0
    # An analyst's verdict ("confirmed", "edited", "added"); None until someone reviews it.
    review: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "source": self.source, "target": self.target, "type": self.type, "quad": self.quad,
             "sign": self.sign, "modality": self.modality.to_dict(), "confidence": round(self.confidence, 4),
             "evidence": [e.to_dict() for e in self.evidence]}
        if self.review:
            d["review"] = self.review
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Relation":
        return cls(d["id"], d["source"], d["target"], d["type"], d["quad"], d["sign"],
                   Modality.from_dict(d.get("modality", {})), [Span.from_dict(e) for e in d.get("evidence", [])],
                   float(d.get("confidence", 1.0)), d.get("review"))


def noisy_or(confidences: Iterable[float]) -> float:
    """The chance that at least one of several independent readings is right."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    return 1.0 - miss


def aggregate(claims: list[Claim]) -> list[Relation]:
    """One relation per (source, type, target, status); repeated claims add evidence and cues."""
    relations: dict[tuple[str, str, str, str], Relation] = {}
    # One confidence per evidence sentence; its keys also answer "is this sentence already evidence?"
    # in constant time (a list scan made aggregation quadratic in a relation's evidence).
    best: dict[tuple[str, str, str, str], dict[Span, float]] = {}
    for c in claims:
        rel = relations.get(c.key)
        if rel is None:
            rel = Relation(relation_id(*c.key), c.source, c.target, c.type, c.quad, c.sign,
                           Modality(c.modality.status, c.modality.probability, []))
            relations[c.key] = rel
        sentences = best.setdefault(c.key, {})
        if c.evidence not in sentences:
            rel.evidence.append(c.evidence)
        for cue in c.modality.cues:
            if cue not in rel.modality.cues:
                rel.modality.cues.append(cue)
        sentences[c.evidence] = max(sentences.get(c.evidence, 0.0), c.confidence)
    for key, rel in relations.items():
        rel.confidence = noisy_or(best[key].values())
    # Facts first, then reported, uncertain, hypothetical and negated readings, each in text order.
    return sorted(relations.values(), key=lambda r: STATUSES.index(r.modality.status))


@dataclass
class Graph:
    documents: list[Document] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def actor(self, ref: str) -> Actor | None:
        """Find an actor by id, name or alias (normalised)."""
        key = name_key(ref)
        for a in self.actors:
            if a.id == ref or any(name_key(n) == key for n in a.names()):
                return a
        return None

    def at_least(self, min_confidence: float) -> "Graph":
        """The same graph with only the relations and claims whose confidence reaches `min_confidence`."""
        if min_confidence <= 0:
            return self
        return Graph(self.documents, self.actors, [r for r in self.relations if r.confidence >= min_confidence],
                     [c for c in self.claims if c.confidence >= min_confidence])

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "documents": [d.to_dict(with_text) for d in self.documents],
            "actors": [a.to_dict() for a in self.actors],
            "relations": [r.to_dict() for r in self.relations],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Graph":
        """Read a graph JSON object. Documents come back without their text (the contract omits it)."""
        docs = [Document(text="", path=x.get("path", "-"), title=x.get("title"), date=x.get("date"), id=x["id"],
                         length=x.get("chars"), text_start=x.get("text_start", 0), notes=list(x.get("notes", [])),
                         date_source=x.get("date_source")) for x in d.get("documents", [])]
        return cls(docs, [Actor.from_dict(a) for a in d.get("actors", [])],
                   [Relation.from_dict(r) for r in d.get("relations", [])])
