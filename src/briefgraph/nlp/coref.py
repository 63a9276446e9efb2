"""Light coreference: "it", "the group", "the country", "both countries", "the two leaders".

A reference resolves only when its antecedent is unambiguous in the current or previous
sentence; otherwise it stays unresolved. A wrong antecedent invents claims, a missed one only loses them.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Token

from .mentions import Mention

SINGULAR = {"it", "its", "itself"}
PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "themselves"}
GROUPS = {"collective", "armed_group"}  # "they": a movement, a coalition, a group of states
NON_PERSON = {"state", "armed_group", "organization", "igo"}
DESCRIPTIONS = {  # head noun after "the" -> actor types it can refer to
    "group": {"armed_group", "organization"}, "organisation": {"organization", "armed_group", "igo"},
    "organization": {"organization", "armed_group", "igo"}, "movement": {"armed_group", "organization"},
    "militia": {"armed_group"}, "country": {"state"}, "kingdom": {"state"}, "regime": {"state"},
    "republic": {"state"}, "junta": {"state"}, "bloc": {"igo"}, "alliance": {"igo", "organization"},
}
PAIRS = {"countries": {"state"}, "states": {"state"}, "governments": {"state"}, "leaders": {"person"},
         "men": {"person"}, "groups": {"armed_group", "organization"}, "sides": NON_PERSON | {"person"},
         "organisations": {"organization", "igo"}, "organizations": {"organization", "igo"}}


def _window(doc: Doc, tok: Token, mentions: list[Mention], same_sentence: bool) -> list[Mention]:
    sent = tok.sent
    if same_sentence:
        lo = sent.start
        hi = tok.i
    else:
        if sent.start == 0:
            return []
        lo, hi = doc[sent.start - 1].sent.start, sent.start
    return [m for m in mentions if lo <= m.start and m.end <= hi and m.kind != "pronoun"]


def _distinct(cands: list[Mention], key: Callable[[Mention], str]) -> list[Mention]:
    """The most recent mention of each distinct actor, latest first."""
    seen, out = set(), []
    for m in sorted(cands, key=lambda m: -m.start):
        k = key(m)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def _pleonastic(tok: Token) -> bool:
    """'it is likely that', 'it was reported', 'it seems': no antecedent."""
    head = tok.head
    return tok.dep_ == "expl" or (tok.lower_ == "it" and head.lemma_ in {"be", "seem", "appear", "remain", "take", "report"}
                                  and any(c.dep_ in {"ccomp", "xcomp", "acomp", "attr"} for c in head.children))


def _antecedents(doc, tok, mentions, types, key, count=1) -> list[Mention]:
    """The current sentence first, then the previous one; among several candidates a pronoun takes
    only a lone grammatical subject (subjects are the usual antecedents); a description takes none."""
    for same in (True, False):
        cands = _distinct([m for m in _window(doc, tok, mentions, same) if m.type in types], key)
        if len(cands) == count:
            return cands
        if len(cands) > count:
            if count != 1 or tok.pos_ != "PRON":
                return []
            subj = [m for m in cands if doc[m.end - 1].dep_ in {"nsubj", "nsubjpass"}]
            return subj if len(subj) == 1 else []
    return []


def _after_pair(tok: Token) -> bool:
    """'the two leaders ... in case they fled': a pair named just before takes 'they', not a group."""
    sent = tok.sent
    return any(t.lower_ in {"both", "two"} for t in tok.doc[sent.start:tok.i])


def _reference(tok: Token) -> tuple[int, int, set[str], int] | None:
    """Span, compatible types and number of antecedents of a referring expression starting at `tok`."""
    doc = tok.doc
    if tok.lower_ in SINGULAR and tok.pos_ == "PRON" and not _pleonastic(tok):
        return tok.i, tok.i + 1, NON_PERSON, 1
    if tok.lower_ in PERSONAL and tok.pos_ == "PRON":
        return tok.i, tok.i + 1, {"person"}, 1
    if tok.lower_ in PLURAL and tok.pos_ == "PRON" and not _after_pair(tok):
        return tok.i, tok.i + 1, GROUPS, 1
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.lower_ == "the" and nxt is not None and nxt.lower_ in DESCRIPTIONS and not list(nxt.children)[1:]:
        return tok.i, tok.i + 2, DESCRIPTIONS[nxt.lower_], 1
    if nxt is not None and (tok.lower_ == "both" or (tok.lower_ == "the" and nxt.lower_ == "two")):
        head = doc[tok.i + 2] if nxt.lower_ == "two" and tok.i + 2 < len(doc) else nxt
        if head.lower_ in PAIRS:
            return tok.i, head.i + 1, PAIRS[head.lower_], 2
    return None


def resolve_references(doc: Doc, mentions: list[Mention], key: Callable[[Mention], str]) -> list[Mention]:
    """New mentions (kind 'pronoun' or 'description') for references with one clear antecedent."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in doc:
        ref = _reference(tok) if tok.i not in taken else None
        if ref is None:
            continue
        start, end, types, count = ref
        found = _antecedents(doc, tok, mentions + out, types, key, count)
        kind = "pronoun" if end - start == 1 else "description"
        for ante in found:
            out.append(Mention(start, end, ante.name, ante.type, kind, ante.entry, key=key(ante)))
    return out
