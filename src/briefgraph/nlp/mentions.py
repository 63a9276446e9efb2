"""Actor mentions in a parsed text: gazetteer names, repaired NER entities and collective actors.

A mention is a span that names an actor; resolving mentions to actors is `resolve.py`'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .gazetteer import MAX_NAME_TOKENS, Entry, Gazetteer
from .lexicon import load, word_set

NAME_JOINERS = {"of", "the", "for", "and", "in", "al", "el", "ad", "ash", "as", "-", "'", "’", "wal", "bin", "de", "du", "la"}
HYPHENS = {"-", "–"}
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "around", "outside", "across", "toward", "towards",
                  "within", "of", "through", "between", "beyond", "inside", "throughout"}
NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "NORP": None, "FAC": "place"}
VESSEL_NOUNS = {"ship", "carrier", "vessel", "tanker", "frigate", "destroyer", "freighter", "cruiser",
                "submarine", "boat", "ferry", "aircraft", "jet", "helicopter", "drone", "missile", "flight"}
LEADING_PREPS = {"near", "in", "at", "outside", "around", "across", "from", "to", "by", "inside", "within"}
PLACE_NOUNS = {"region", "province", "district", "city", "town", "village", "valley", "governorate", "county",
               "state", "area", "camp", "border", "river", "mountains", "desert", "oblast", "prefecture"}
PARTY_PREPS = {"from", "with", "to", "against", "of", "between", "toward", "towards"}
DROP_EDGES = {"the", "a", "an", "or", "and", "'s", "’s", "'", "’", "-", ",", ".", ";", ":", "(", ")", "\"", "“", "”"}


@dataclass
class Mention:
    start: int  # token index in the spaCy Doc
    end: int
    name: str  # canonical name this mention proposes for its actor
    type: str
    kind: str  # name, acronym, demonym, capital, collective, alias, pronoun, description
    entry: Entry | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    key: str = ""  # resolution key, set by resolve

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


def hyphen_verb_after(doc: Doc, i: int) -> str | None:
    """The verb of a hyphenated modifier starting at token `i` ('-led', '-backed'), from the event lexicon."""
    if i + 1 < len(doc) and doc[i].text in HYPHENS and doc[i + 1].lower_ in load("events")["hyphen_verbs"]:
        return doc[i + 1].lower_
    return None


def _may_start_name(tok: Token) -> bool:
    if tok.lower_ in {"the", "a", "an"}:
        return False
    if tok.text in {"U.S.", "U.K.", "U.N."}:
        return True
    return (tok.text[0].isupper() and any(c.isalpha() for c in tok.text)) or tok.lower_ in {"al", "el"}


def _may_continue_name(tok: Token) -> bool:
    return (tok.text[:1].isupper() or tok.lower_ in NAME_JOINERS or tok.is_digit
            or (len(tok.text) > 1 and tok.text.endswith(".")))


def gazetteer_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest gazetteer matches, scanning left to right without overlap."""
    out, i, n = [], 0, len(doc)
    while i < n:
        hit = _longest_at(doc, i, gaz) if _may_start_name(doc[i]) else None
        if hit:
            j, entry, kind = hit
            out.append(Mention(i, j, entry.name, entry.type, kind, entry))
            i = j
        else:
            i += 1
    return out


def _longest_at(doc: Doc, i: int, gaz: Gazetteer):
    stop = i + 1
    while stop < min(len(doc), i + MAX_NAME_TOKENS) and _may_continue_name(doc[stop]):
        stop += 1
    for j in range(stop, i, -1):
        if doc[j - 1].lower_ in NAME_JOINERS or doc[j - 1].is_punct:
            continue
        found = gaz.lookup(doc[i:j].text)
        if found:
            return j, found[0], found[1]
    return None


def _trim(span: Span) -> Span | None:
    """Repair NER edges: 'the X', 'X or', 'X (ISK', 'Kazakh-led X', 'X's'."""
    doc, start, end = span.doc, span.start, span.end
    for k in range(start, end):  # a parenthesis inside the entity ends it
        if doc[k].text in {"(", "["}:
            end = k
            break
    for k in range(start, end - 1):  # drop an "X-led" prefix: it is an attribute, not part of the name
        if hyphen_verb_after(doc, k):
            start = k + 2
    while start < end and (doc[start].lower_ in DROP_EDGES or doc[start].lower_ in LEADING_PREPS):
        start += 1  # "Near Palmyra": the preposition is not part of the name
    while end > start and doc[end - 1].lower_ in DROP_EDGES:
        end -= 1
    return doc[start:end] if end > start else None


def _names_a_place(span: Span) -> bool:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS:
        return True
    root = span.root
    if len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "near", "into", "inside", "outside"}:
        return True  # "attacks in Sanaa": a one-word name after a locative preposition is a place
    return any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS | {"capital"} for c in span.root.children)


def _ner_type(label: str, text: str) -> str | None:
    kind = NER_TYPES.get(label)
    if kind in {"person", "organization"} and any(w in text.lower().split() or (" " in w and w in text.lower())
                                                  for w in word_set("mentions", "armed_group_words")):
        return "armed_group"
    return kind


def _plausible_name(span: Span) -> bool:
    text = span.text
    if not any(c.isalpha() for c in text) or len(text) < 2:
        return False
    if text in word_set("mentions", "not_actors", lower=False) or text.lower() in word_set("mentions", "not_actors"):
        return False
    if all(not t.text[:1].isupper() for t in span if t.is_alpha):
        return False
    return not (len(span) == 1 and span[0].is_stop)


def _joined_people(doc: Doc) -> list[Span]:
    """'Hassan Sheikh' + 'Mohamud' tagged as two adjacent PERSON entities are one name."""
    out: list[Span] = []
    for ent in doc.ents:
        if out and ent.label_ == "PERSON" == out[-1].label_ and ent.start == out[-1].end:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def ner_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    out = []
    for ent in _joined_people(doc):
        span = _trim(ent)
        if span is None or not _plausible_name(span):
            continue
        found = gaz.lookup(span.text) or _government_of(span.text, gaz)
        if found:
            out.append(Mention(span.start, span.end, found[0].name, found[0].type, found[1], found[0]))
            continue
        if any(t.text == "," for t in span):  # "Mali, Burkina Faso and Niger": a list, not one name
            continue
        if span.start > 0 and doc[span.start - 1].lemma_.lower() in VESSEL_NOUNS:  # "the carrier Galaxy Leader"
            continue
        kind = _ner_type(ent.label_, span.text)
        if _names_a_place(span):  # "the Ménaka region", "Wad Madani, the capital of Gezira"
            kind = "place"
        if kind:
            out.append(Mention(span.start, span.end, span.text, kind, "name"))
    return out


GOVERNMENT = re.compile(r"^(?:(?:federal|central|national|transitional|interim|provisional)\s+)?"
                        r"(?:government|authorities|administration|regime|republic|kingdom|state)\s+of\s+(?:the\s+)?(.+)$",
                        re.IGNORECASE)


def _government_of(text: str, gaz: Gazetteer):
    """'the Government of Iraq', 'the Kingdom of Saudi Arabia': the state itself, unless the text sets them apart."""
    match = GOVERNMENT.match(text.replace("’s", "").replace("'s", "").strip())
    found = gaz.lookup(match.group(1)) if match else None
    return (found[0], "name") if found and found[0].type == "state" else None


def collective_mentions(doc: Doc) -> list[Mention]:
    """'the international community', '(other) Central Asian countries', 'neighbouring states'."""
    out = []
    phrases = word_set("mentions", "collective_phrases")
    heads = word_set("mentions", "collective_heads")
    starts = _phrase_prefixes(phrases)
    for tok in doc:
        if tok.lower_ in heads and tok.tag_ in {"NNS", "NNPS"}:
            left = _modifier_start(tok)
            mods = doc[left:tok.i].text.lower()
            if left < tok.i and mods in word_set("mentions", "collective_modifiers"):
                out.append(Mention(left, tok.i + 1, doc[left:tok.i + 1].text, "collective", "collective"))
                continue
        if tok.lower_ not in starts:  # no phrase starts with this word: skip slicing the text after it
            continue
        for size in (3, 2):
            span = doc[tok.i:tok.i + size]
            if len(span) == size and span.text.lower() in phrases:
                start = tok.i + (1 if span[0].lower_ == "the" and size > 2 else 0)
                name = doc[start:tok.i + size].text
                out.append(Mention(start, tok.i + size, _collective_name(name), "collective", "collective"))
                break
    return out


@lru_cache(maxsize=8)
def _phrase_prefixes(phrases: frozenset[str]) -> frozenset[str]:
    """Every prefix of every phrase: a phrase can match only where the first token is one of them."""
    return frozenset(p[:k] for p in phrases for k in range(1, len(p) + 1))


def _collective_name(text: str) -> str:
    return text if text[:1].isupper() and not text.lower().startswith("the ") else text.lower()


def _modifier_start(head: Token) -> int:
    """The first token of the contiguous adjective/compound modifiers before `head`, skipping 'other'."""
    i = head.i
    while i > 0 and head.doc[i - 1].dep_ in {"amod", "compound", "nmod", "npadvmod"} and head.doc[i - 1].head.i >= head.i - 3:
        i -= 1
    while i < head.i and head.doc[i].lower_ in {"other", "many", "some", "several", "all", "most", "these", "those"}:
        i += 1
    return i


def _keeps_demonym(m: Mention, doc: Doc) -> bool:
    """A demonym stands for its state only before an agent noun ('Chinese forces'), an event or owned
    noun ('French mediation'), a '-led' style hyphen, or, in claims only, people ('Afghan civilians')."""
    last = doc[m.end - 1]
    if hyphen_verb_after(doc, m.end):
        return True
    head = last.head
    if last.dep_ not in {"amod", "compound", "nmod"}:
        return False
    if head.lower_ in word_set("mentions", "people_heads"):
        m.kind = "people"
        return True
    return _acting_head(head)


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"}


def _is_cue(tok: Token) -> bool:
    lex = load("events")
    key = tok.lemma_.lower()
    return tok.lower_ in lex["nouns"] or key in lex["nouns"] or (tok.pos_ == "VERB" and key in lex["verbs"])


def _acting_head(head: Token) -> bool:
    """Nouns through which a state acts: agents ('forces'), events ('mediation'), things it owns ('plan')."""
    lex = load("events")
    low = head.lower_
    return (low in word_set("mentions", "agent_heads") or low in word_set("mentions", "owned_heads")
            or low in lex["nouns"] or head.lemma_.lower() in lex["nouns"] or low in lex["relational_nouns"])


def _keeps_capital(m: Mention, doc: Doc) -> bool:
    """A capital stands for its government when it acts, not when it is a place ('in Kabul', 'Doha talks');
    after an event word it is a party again ('pressure from Washington', 'talks with Moscow')."""
    last = doc[m.end - 1]
    if last.dep_ == "pobj" and last.head.lower_ in LOCATIVE_PREPS:
        seat = last.head.lower_ == "in" and last.head.head.lower_ in word_set("mentions", "agent_heads")
        return seat or (last.head.lower_ in PARTY_PREPS and _is_cue(last.head.head))  # "the regime in Damascus"
    if last.dep_ in {"compound", "amod", "nmod"}:  # "Doha talks" names a venue, "Kabul government" an actor
        return last.head.lower_ in word_set("mentions", "agent_heads")
    return True


def described_groups(doc: Doc) -> list[Mention]:
    """'the Saudi-led coalition', 'Iranian-backed militias': a group named by who leads or backs it.
    The span starts after the hyphenated modifier, so the modifier stays a mention of its own."""
    groups = load("mentions")["described_groups"]
    out = []
    for t in doc:
        if t.text in HYPHENS and 0 < t.i < len(doc) - 2 and hyphen_verb_after(doc, t.i):
            head = doc[t.i + 1].head
            if head.i > t.i + 1 and head.lower_ in groups and head.pos_ == "NOUN":
                start = t.i - 1
                while start > 0 and (doc[start - 1].text in HYPHENS or doc[start].text in HYPHENS
                                     or doc[start - 1].dep_ in {"compound", "npadvmod"}) and doc[start - 1].head.i >= start:
                    start -= 1
                name = doc[start:head.i + 1].text
                out.append(Mention(head.i, head.i + 1, name, groups[head.lower_], "description"))
    return out


def generic_mentions(doc: Doc) -> list[Mention]:
    """'riot police', 'protesters', 'the opposition': unnamed groups, named by their head and modifiers."""
    heads = word_set("mentions", "generic_heads")
    out = []
    for tok in doc:
        if tok.lower_ in heads and tok.pos_ in {"NOUN", "PROPN"} and not _pair_reference(tok):
            start = tok.i
            while start > 0 and doc[start - 1].dep_ in {"amod", "compound", "npadvmod"} \
                    and start - 1 < doc[start - 1].head.i <= tok.i and doc[start - 1].is_alpha:
                start -= 1
            name = doc[start:tok.i + 1].text.lower()
            out.append(Mention(start, tok.i + 1, name, "collective", "generic"))
    return out


def _pair_reference(tok: Token) -> bool:
    """'both countries', 'the two leaders' refer back to named actors (coref.py), they are no group."""
    return any(c.lower_ in {"both", "two"} for c in tok.children if c.dep_ in {"det", "nummod", "predet"})


def find_mentions(doc: Doc, gaz: Gazetteer, generic: bool = False) -> list[Mention]:
    """All actor mentions of a parsed text, longest first where they overlap, in text order.
    Unnamed groups ('police') are added when `generic` is set; a named actor inside one wins."""
    candidates = (gazetteer_mentions(doc, gaz) + collective_mentions(doc) + ner_mentions(doc, gaz)
                  + described_groups(doc))
    if generic:  # a known name inside the phrase keeps it ("Afghan rebels"); an NER guess on a modifier does not
        groups = generic_mentions(doc)
        candidates = [m for m in candidates if m.entry is not None or not any(
            g.start <= m.start and m.end < g.end for g in groups)]
        candidates += [g for g in groups if not any(g.overlaps(m) for m in candidates)]
    candidates.sort(key=lambda m: (-(m.end - m.start), _priority(m), m.start))
    chosen: list[Mention] = []
    for m in candidates:
        if not any(m.overlaps(c) for c in chosen) and _keep(m, doc):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _priority(m: Mention) -> int:
    return {"collective": 1}.get(m.kind, 0 if m.entry else 2)


def _keep(m: Mention, doc: Doc) -> bool:
    if m.kind == "demonym":
        return _keeps_demonym(m, doc)
    if m.kind == "people":  # "Iraqis", "the Liberians": only as an argument of a verb
        return doc[m.end - 1].dep_ in ARGUMENT_DEPS
    if m.kind == "capital":
        return _keeps_capital(m, doc)
    return True
