"""In-text alias mining: "Full Name (ACR)", "(ACR, formerly X or Y)", "X, also known as Y".

Returns alias links between mentions; resolve.py joins linked mentions into one actor.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .mentions import NAME_JOINERS, Mention, _ner_type

ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
ALIAS_CUES = ("formerly known as", "previously known as", "also known as", "also called", "known as", "formerly",
              "previously", "aka", "a.k.a.", "or", "also")
PAREN_OPEN, PAREN_CLOSE = {"(", "["}, {")", "]"}


def looks_like_acronym(text: str) -> bool:
    return bool(ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def _initials(words: list[str]) -> str:
    letters = []
    for w in words:
        for part in re.split(r"[-’']", w):
            if part[:1].isupper():
                letters.append(part[0])
    return "".join(letters)


def extend_to_initials(doc: Doc, end: int, acronym: str, limit: int = 10) -> int | None:
    """The start token of the name before `end` whose capitalised initials spell `acronym`, if any."""
    target = re.sub(r"[^A-Za-z]", "", acronym).upper()
    words: list[str] = []
    for start in range(end - 1, max(-1, end - 1 - limit), -1):
        tok = doc[start]
        if not (tok.text[:1].isupper() or tok.lower_ in NAME_JOINERS):
            return None
        words.insert(0, tok.text)
        if tok.text[:1].isupper() and _initials(words).upper() == target:
            return start
    return None


def _paren_span(doc: Doc, i: int) -> tuple[int, int] | None:
    """Token range inside the parenthesis that opens at or just after token `i` (a comma may come first)."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].text not in PAREN_OPEN:
        return None
    for j in range(i + 1, min(len(doc), i + 25)):
        if doc[j].text in PAREN_CLOSE:
            return i + 1, j
    return None


def mine(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """Alias links (alias mention, named mention) and the mentions the definitions add or repair."""
    links: list[tuple[Mention, Mention]] = []
    by_start = {m.start: m for m in mentions}
    for m in list(mentions):
        if m.kind in {"pronoun", "collective"}:
            continue
        inside = _paren_span(doc, m.end)
        if inside:
            m = _repair_by_initials(doc, m, inside, mentions, by_start)
            links += _paren_links(doc, m, inside, mentions, by_start)
        links += _apposed_links(doc, m, by_start)
    return mentions, links


def _repair_by_initials(doc, m, inside, mentions, by_start) -> Mention:
    """'Al-Qaeda in the Indian Subcontinent (AQIS)': the acronym belongs to the whole name before it."""
    first = doc[inside[0]]
    if m.entry is not None or not looks_like_acronym(first.text):
        return m
    start = extend_to_initials(doc, m.end, first.text)
    if start is None or start >= m.start:
        return m
    covered = [x for x in mentions if start <= x.start and x.end <= m.end]
    if any(x.entry is not None and x.kind == "name" and x.type in {"state", "armed_group", "igo"} and x.start == start
           for x in covered):
        return m
    name = doc[start:m.end].text
    repaired = Mention(start, m.end, name, _ner_type("ORG", name) or "organization", "name")
    for x in covered:
        mentions.remove(x)
        by_start.pop(x.start, None)
    mentions.append(repaired)
    mentions.sort(key=lambda x: x.start)
    by_start[start] = repaired
    return repaired


def _paren_links(doc, m, inside, mentions, by_start) -> list[tuple[Mention, Mention]]:
    links = []
    lo, hi = inside
    k = lo
    while k < hi:
        found = by_start.get(k)
        if found is None and looks_like_acronym(doc[k].text) and (k == lo or _cue_before(doc, k, lo)):
            found = Mention(k, k + 1, doc[k].text, m.type, "alias")
            mentions.append(found)
            by_start[k] = found
        if found is not None and found.end <= hi and (k == lo or _cue_before(doc, k, lo)) and _compatible(m, found):
            links.append((found, m))
            k = found.end
        else:
            k += 1
    mentions.sort(key=lambda x: x.start)
    return links


def _cue_before(doc: Doc, k: int, lo: int) -> bool:
    words = [t.lower_ for t in doc[max(lo, k - 4):k] if t.lower_ not in {"the", ","}]
    before = " ".join(words)
    return before == "" or any(before.endswith(c) for c in ALIAS_CUES)


def _apposed_links(doc, m, by_start) -> list[tuple[Mention, Mention]]:
    """'X, formerly Y' and 'X, also known as Y' outside parentheses."""
    i = m.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    for cue in ALIAS_CUES[:7]:
        n = len(cue.split())
        if doc[i + 1:i + 1 + n].text.lower() == cue:
            j = i + 1 + n
            j += 1 if j < len(doc) and doc[j].lower_ == "the" else 0
            other = by_start.get(j)
            if other is not None and _compatible(m, other):
                return [(other, m)]
    return []


def _compatible(named: Mention, alias: Mention) -> bool:
    """Never alias a group to a state or a person to an organisation: that would merge two real actors."""
    if alias.kind == "alias":
        return True
    if alias.entry is not None and named.entry is not None:
        return alias.entry is named.entry
    return alias.type == named.type or {alias.type, named.type} <= {"organization", "armed_group"}


def appositive_descriptions(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """'JNIM, the al-Qaeda-aligned coalition led by X': a description set beside a name is that actor."""
    links = []
    named = [m for m in mentions if m.kind in {"name", "acronym", "alias"} and m.type != "person"
             and not (m.end < len(doc) and doc[m.end].text in {"-", "–"})]  # not a hyphenated modifier
    for d in (m for m in mentions if m.kind == "description"):
        before = [m for m in named if m.end <= d.start and d.start - m.end <= 12]
        if not before:
            continue
        m = max(before, key=lambda x: x.end)
        gap = doc[m.end:d.start]
        if gap and _apposition_gap(gap, mentions, m):
            links.append((d, m))
    return links


def _apposition_gap(gap, mentions: list[Mention], named: Mention) -> bool:
    """Only a comma, the parenthesised acronym, an article and the description's own modifiers between."""
    text = gap.text
    if "," not in text or any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"} for t in gap):
        return False
    after_comma = gap[[t.text for t in gap].index(",") + 1:] if "," in [t.text for t in gap] else gap
    return bool(after_comma) and after_comma[0].lower_ in {"the", "a", "an"} and all(
        t.text != "," for t in after_comma)


def acronym_occurrences(doc: Doc, mentions: list[Mention], acronyms: dict[str, Mention]) -> list[Mention]:
    """Later bare uses of an acronym defined in the text ('TIP') become mentions of its actor."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in doc:
        named = acronyms.get(tok.text)
        if named is not None and tok.i not in taken:
            out.append(Mention(tok.i, tok.i + 1, tok.text, named.type, "alias"))
    return out
