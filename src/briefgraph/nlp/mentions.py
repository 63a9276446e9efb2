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


def _may_start_name(text: str) -> bool:
    """Whether a token written `text` may begin a catalogued name (spaCy's lower_ is text.lower())."""
    lower = text.lower()
    if lower in {"the", "a", "an"}:
        return False
    if text in {"U.S.", "U.K.", "U.N."}:
        return True
    return (text[0].isupper() and any(c.isalpha() for c in text)) or lower in {"al", "el"}


def _may_continue_name(tok: Token) -> bool:
    return (tok.text[:1].isupper() or tok.lower_ in NAME_JOINERS or tok.is_digit
            or (len(tok.text) > 1 and tok.text.endswith(".")))


def gazetteer_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest gazetteer matches, scanning left to right without overlap."""
    out, i, n = [], 0, len(doc)
    starts = [_may_start_name(t.text) for t in doc]  # one pass over the tokens; most start no name
    while i < n:
        hit = _longest_at(doc, i, gaz) if starts[i] else None
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


def _shouted(span: Span) -> bool:
    """'the COMPLETE, IMMEDIATE, and SAFE OPENING': capitals for emphasis in a quotation, not a name."""
    if not span.text.isupper() or len(span.text) < 5:
        return False
    doc = span.doc
    around = doc[max(0, span.start - 6):span.start].text.split() + doc[span.end:span.end + 6].text.split()
    return sum(w.isalpha() and w.isupper() and len(w) >= 4 for w in around) >= 2


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


# Lower-case particles inside transliterated names ("Jama'at Nasr al-Islam wal Muslimin", "Ansar bin Ali").
NAME_PARTICLES = {"wal", "wa", "bin", "ibn", "bint", "al", "el", "fi", "li", "lil", "ul", "ad", "ash", "as", "min"}


def _joined_people(doc: Doc) -> list[Span]:
    """'Hassan Sheikh' + 'Mohamud' tagged as two adjacent PERSON entities are one name, and a name runs on
    over a transliteration particle and the capitalised words after it ('... al-Islam wal Muslimin')."""
    out: list[Span] = []
    for ent in doc.ents:
        if out and ent.start < out[-1].end:
            continue  # swallowed by the particle run of the entity before
        if out and ent.label_ == "PERSON" == out[-1].label_ and ent.start == out[-1].end:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
        else:
            out.append(ent)
        end = _particle_run_end(doc, out[-1].end)
        if end > out[-1].end:
            out[-1] = Span(doc, out[-1].start, end, label=out[-1].label_)
    return out


def _particle_run_end(doc: Doc, i: int) -> int:
    end = i
    while i + 1 < len(doc) and doc[i].text in NAME_PARTICLES and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha:
        i += 1
        while i < len(doc) and (doc[i].text[:1].isupper() or doc[i].text in HYPHENS
                                or (doc[i].lower_ in NAME_PARTICLES and doc[i + 1:i + 2].text in HYPHENS)):
            i += 1
        end = i
    return end


def ner_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    out = []
    for ent in _joined_people(doc):
        span = _trim(ent)
        if span is None or not _plausible_name(span):
            continue
        found = (gaz.lookup(span.text) or _government_of(span.text, gaz) or _slashed(span.text, gaz)
                 or _organ_of_state(span.text, gaz))
        if found:
            out.append(Mention(span.start, span.end, found[0].name, found[0].type, found[1], found[0]))
            continue
        if any(t.text == "," for t in span) or _shouted(span):  # "Mali, Burkina Faso and Niger": a list
            continue
        if span.start > 0 and doc[span.start - 1].lemma_.lower() in VESSEL_NOUNS:  # "the carrier Galaxy Leader"
            continue
        kind = _ner_type(ent.label_, span.text)
        if _names_a_place(span):  # "the Ménaka region", "Wad Madani, the capital of Gezira"
            kind = "place"
        if kind:
            out.append(Mention(span.start, span.end, span.text, kind, "name"))
            if kind == "organization":
                _mark_state_prefix(out[-1], span, gaz)
    return out


def _mark_state_prefix(m: Mention, span: Span, gaz: Gazetteer) -> None:
    """'U.S. Department of Justice', 'UK Ministry of Defence': a body whose name begins with a state is that state's."""
    for n in (2, 1):
        if len(span) > n and span[n].text not in HYPHENS:  # "ROK-Japan relations" is a pair, not a body
            found = gaz.lookup(span[:n].text)
            if found and found[0].type == "state" and found[1] in {"name", "acronym"}:  # not "Syrian Opposition"
                m.attrs["state"] = found[0].name
                return


ORGAN = re.compile(r"^(.+?)(?:'s|’s)?\s+(?:(?:foreign|defen[cs]e|interior)\s+)?(administration|government|ministry)s?$",
                   re.IGNORECASE)


def _organ_of_state(text: str, gaz: Gazetteer):
    """'the Trump Administration' (a catalogued person's government), 'the UAE Foreign Ministry': the state."""
    match = ORGAN.match(text)
    found = gaz.lookup(match.group(1)) if match else None
    if found and found[0].type == "person" and found[0].state and match.group(2).lower() != "ministry":
        state = gaz.get(found[0].state)
        return (state, "name") if state else None
    return (found[0], "name") if found and found[0].type == "state" else None


def _slashed(text: str, gaz: Gazetteer):
    """'Ansarallah/Houthi': two names of one actor joined by a slash."""
    parts = [p.strip() for p in text.split("/")] if "/" in text else []
    hits = [gaz.lookup(p) for p in parts]
    entries = {h[0].name for h in hits if h}
    return next(h for h in hits if h) if len(entries) == 1 else None


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
    if m.end + 1 < len(doc) and doc[m.end].text in HYPHENS and doc[m.end + 1].text[:1].isupper():
        last = doc[m.end + 1]  # "French-Chadian strikes": the pair's second half says what the first modifies
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
            or low in lex["nouns"] or head.lemma_.lower() in lex["nouns"] or low in lex["relational_nouns"]
            or low in lex["role_nouns"])  # "Emirati adviser X"


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


def described_groups(doc: Doc, gaz: Gazetteer | None = None) -> list[Mention]:
    """'the Saudi-led coalition', 'Iranian-backed militias': a group named by who leads or backs it.
    The span starts after the hyphenated modifier, so the modifier stays a mention of its own.
    Variants of one description ('Iran-backed militias', 'Iranian-aligned groups') share a key."""
    groups = load("mentions")["described_groups"]
    out = []
    for t in doc:
        if t.text in HYPHENS and 0 < t.i < len(doc) - 2 and hyphen_verb_after(doc, t.i):
            head = doc[t.i + 1].head
            if head.i > t.i + 1 and head.lower_ in groups and head.pos_ == "NOUN" and not described_name(doc, t.i, head):
                start = t.i - 1
                while start > 0 and (doc[start - 1].text in HYPHENS or doc[start].text in HYPHENS
                                     or doc[start - 1].dep_ in {"compound", "npadvmod"}) and doc[start - 1].head.i >= start:
                    start -= 1
                name = doc[start:head.i + 1].text
                m = Mention(head.i, head.i + 1, name, groups[head.lower_], "description")
                m.key = _description_key(doc, start, t.i, head, groups[head.lower_], gaz)
                out.append(m)
    return out


def described_name(doc: Doc, hyphen: int, head: Token) -> int | None:
    """The token where the name a description stands beside begins: 'the Iran-backed group Lebanese
    Hezbollah' (after it) or 'Hamas (an Iran-backed group)' (before the parenthesis); else None."""
    k = head.i + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].text[:1].isupper():
        k += 1  # "Lebanese"
    if k < len(doc) and k > head.i + 1 and doc[k].pos_ == "PROPN":
        return head.i + 1
    if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].dep_ in {"appos", "compound", "nsubj", "dobj"}:
        return k
    opening = hyphen - 2
    while opening >= 0 and doc[opening].lower_ in {"a", "an", "the"} | HYPHENS or doc[opening].dep_ in {"compound", "npadvmod"}:
        opening -= 1
    if opening > 0 and doc[opening].text == "(" and doc[opening - 1].pos_ == "PROPN":
        return opening - 1
    return None


# Hyphenated verbs that all say "on the backer's side": their descriptions are variants of one group.
BACKING_TYPES = {"SUPPORT", "AID", "ALLY_OF"}


def _description_key(doc: Doc, start: int, hyphen: int, head: Token, type_: str, gaz: Gazetteer | None) -> str:
    """Who backs the group (as a catalogue actor where known), how, its kind and number: the rest of the
    wording ('Iran-backed Iraqi militias', 'Iranian-aligned groups') does not tell groups apart."""
    verb = doc[hyphen + 1].lower_
    how = "backed" if load("events")["hyphen_verbs"].get(verb) in BACKING_TYPES else verb
    backer = _catalogue_name(doc[start:hyphen].text, gaz)
    number = "plural" if head.tag_ in {"NNS", "NNPS"} else "one"
    return "d:" + "|".join([backer, how, type_, number])


def _catalogue_name(text: str, gaz: Gazetteer | None) -> str:
    found = gaz.lookup(text) if gaz is not None else None
    return found[0].name if found else text.lower()


ADMINISTRATION_HEADS = {"government", "administration", "authorities", "authority", "council", "assembly", "cabinet"}
ADMINISTRATION_MODIFIERS = {"regional", "state", "provincial", "interim", "autonomous", "local", "breakaway",
                            "separatist", "self-declared", "de", "facto", "federal", "member", "transitional"}


def administration_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """'the Amhara regional government', 'the Jubaland state authorities': a sub-national polity's
    administration acts; it is an organization, not the place it is named after (nor a state)."""
    out = []
    for head in doc:
        if head.lower_ not in ADMINISTRATION_HEADS:
            continue
        i = head.i
        while i > 0 and doc[i - 1].lower_ in ADMINISTRATION_MODIFIERS | {"-"}:
            i -= 1
        if i == head.i:
            continue
        start = i
        while (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and i - start < 3
               and not doc[start - 1].is_stop):
            start -= 1
        found = gaz.lookup(doc[start:i].text) if start < i else None
        if start == i or (found and found[0].type == "state"):
            continue
        entry = found[0] if found and found[0].type == "organization" else None  # "Jubaland state authorities"
        name = entry.name if entry else doc[start:head.i + 1].text
        out.append(Mention(start, head.i + 1, name, "organization", "name", entry))
    return out


def named_group_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """'Ecuador's Los Choneros gang', 'the Gran Grif gang': a capitalised name before a group noun is an
    armed group, unless the name is a known state, place or people ('the Haitian gang')."""
    out = []
    for head in doc:
        if head.lower_ not in word_set("mentions", "named_group_heads") or head.i == 0:
            continue
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == head.i or gaz.lookup(doc[start:head.i].text):
            continue
        end = head.i + 1 if head.text[:1].isupper() else head.i  # "the Sinaloa Cartel" names itself so
        out.append(Mention(start, end, doc[start:end].text, "armed_group", "name"))
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
    # Equal spans keep the first proposal: a group noun's reading ("Los Choneros gang") beats the NER's place.
    candidates = (gazetteer_mentions(doc, gaz) + collective_mentions(doc) + named_group_mentions(doc, gaz)
                  + ner_mentions(doc, gaz) + described_groups(doc, gaz) + administration_mentions(doc, gaz))
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
    if doc[m.start:m.end].text == "Administration":  # "the Administration" alone, not "the Administration of X"
        return m.start > 0 and doc[m.start - 1].lower_ == "the" and (m.end >= len(doc) or doc[m.end].lower_ != "of")
    if m.kind == "demonym":
        return _keeps_demonym(m, doc)
    if m.kind == "people":  # "Iraqis", "the Liberians": only as an argument of a verb
        return doc[m.end - 1].dep_ in ARGUMENT_DEPS
    if m.kind == "capital":
        return _keeps_capital(m, doc)
    return True
