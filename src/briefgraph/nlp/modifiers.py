"""Claims carried by modifiers and prepositions rather than by a verb or an event noun:
hyphenated modifiers ("Iranian-backed", "the Saudi-led coalition", "Uzbek-led"), hyphenated
pairs ("U.S.-Iraq partnership") and membership phrases ("X, including A and B", "as part of X").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .arguments import Context, RawClaim, actors_at, pairs, prep_objects, prep_text, subject_of, unique
from .gazetteer import Entry
from .mentions import Mention, described_name

def hyphen_claims(doc: Doc, ctx: Context) -> tuple[list[RawClaim], list[tuple[Mention, str, str]]]:
    """'al-Qaeda-aligned IMU offshoots' (claims) and 'Uzbek-led IMU' (attributes: actor, key, value)."""
    verbs = ctx.lex["hyphen_verbs"]
    claims, attrs = [], []
    for t in doc:
        if t.text not in {"-", "–"} or t.i == 0 or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ not in verbs:
            continue
        mod, verb = doc[t.i - 1], doc[t.i + 1]
        targets = _hyphen_targets(verb, ctx)
        sources = [m for m in ctx.mentions_of(mod) if m.end == t.i]
        type_ = verbs[verb.lower_]
        ethnic = not sources or all(s.kind == "demonym" or s.type == "ethnic_group" for s in sources)
        named = [m for m in targets if m.kind != "description"]
        if verb.lower_ == "led" and ethnic:  # "Uzbek-led IMU" says who fills its ranks; "Saudi-led coalition" who leads it
            attrs += [(m, "led_by", _modifier_text(doc, t.i)) for m in named]
            claims += pairs(sources, [m for m in targets if m.kind == "description"], type_, verb)
        elif type_ == "BASED_IN":  # "Iraq-based groups" are based in Iraq
            claims += pairs(targets, sources, type_, verb)
        else:
            claims += pairs(sources, targets, type_, verb)
    for c in claims:
        c.descriptive = True
    return claims, attrs


OWNED_KINDS = {"organization", "armed_group"}


def owned_claims(doc: Doc, ctx: Context) -> list[RawClaim]:
    """'Iran's Bank Melli', 'Israel's Thirdeye Systems': a named body a state owns or hosts belongs to it."""
    out = []
    for m in ctx.by_start:
        if m.attrs.get("state"):  # "the U.S. Department of Justice" (the state is named in the body's name)
            state = Mention(m.start, m.end, m.attrs["state"], "state", "name", Entry(m.attrs["state"], "state"))
            out.append(RawClaim(m, state, "AFFILIATE_OF", doc[m.start]))
        if m.type not in OWNED_KINDS or m.kind not in {"name", "acronym"} or m.start < 2:
            continue
        if doc[m.start - 1].lower_ not in {"'s", "’s"}:
            continue
        owners = [o for o in ctx.mentions_of(doc[m.start - 2]) if o.type == "state" and o.end == m.start - 1]
        # "Iran's Bank Melli" is the state's; "Ecuador's Los Choneros gang" only operates there
        out += pairs([m], owners, "BASED_IN" if m.type == "armed_group" else "AFFILIATE_OF", doc[m.start])
    for c in out:
        c.descriptive = True
    return out


PARTY_TYPES = {"organization", "armed_group"}
OF_GLUE = {"the", "-", "–", "left", "right", "center", "centre", "far", "leaning", "wing"}


def person_of_claims(doc: Doc, ctx: Context) -> list[RawClaim]:
    """'Luisa González of the left-leaning Citizen Revolution': a person named with an organisation belongs to it."""
    out = []
    for m in ctx.by_start:
        if m.type != "person" or m.end >= len(doc) or doc[m.end].lower_ != "of":
            continue
        k = m.end + 1
        while k < len(doc) and k < m.end + 7 and not ctx.mentions_of(doc[k]) and (
                doc[k].lower_ in OF_GLUE or doc[k].pos_ in {"ADJ", "ADV"}):
            k += 1
        orgs = [o for o in ctx.mentions_of(doc[k]) if o.start == k and o.type in PARTY_TYPES] if k < len(doc) else []
        out += pairs([m], orgs[:1], "MEMBER_OF", doc[m.end])
    return out


MEDIATING_VERBS = {"broker", "mediate", "facilitate", "arrange", "host"}


def mediation_claims(n: Token, ctx: Context) -> list[RawClaim]:
    """'Qatar brokered a deal between X and Y', 'the Pakistan-brokered ceasefire between X and Y', 'a framework
    involving X and Y': the parties agree among themselves and the broker consults each of them."""
    entry = ctx.lex["nouns"].get(n.lower_) or ctx.lex["nouns"].get(n.lemma_.lower())
    if not entry or not entry.get("symmetric") or ctx.mentions_of(n):
        return []
    involving = [m for c in n.children if c.dep_ == "acl" and c.lower_ == "involving"
                 for o in c.children if o.dep_ == "dobj" for m in actors_at(o, ctx)]
    parties = unique(prep_objects(n, ["between"], ctx) + involving)
    if len(parties) < 2:
        return []
    gov = n.head if n.dep_ in {"dobj", "nsubjpass"} else None
    brokers = subject_of(gov, ctx) if gov is not None and gov.lemma_.lower() in MEDIATING_VERBS else []
    doc = ctx.doc
    for c in n.children:  # "the Pakistan-brokered ceasefire"
        if c.dep_ == "amod" and c.lemma_.lower() in MEDIATING_VERBS and c.i >= 2 and doc[c.i - 1].text in {"-", "–"}:
            brokers += [m for m in ctx.mentions_of(doc[c.i - 2]) if m.end == c.i - 1]
    agreed = [RawClaim(a, b, entry["type"], n) for i, a in enumerate(involving) for b in involving[i + 1:] if a is not b]
    return agreed + pairs([b for b in brokers if b not in parties], parties, "CONSULT", n)


def inclusion_claims(tok: Token, ctx: Context) -> list[RawClaim]:
    """'the international community, including Russia and Iran': the listed actors are members;
    'the UK, as part of the Global Coalition': the subject is."""
    if tok.dep_ == "prep" and tok.lower_ == "as":
        return _part_of(tok, ctx)
    if tok.dep_ != "prep" or prep_text(tok) not in {"including", "such as", "notably", "especially"}:
        return []
    group = ctx.mentions_of(tok.head)
    members = [m for p in tok.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return pairs(members, [g for g in group if g.type in {"collective", "igo", "organization", "armed_group"}],
                  "MEMBER_OF", tok)


def _part_of(as_: Token, ctx: Context) -> list[RawClaim]:
    part = next((c for c in as_.children if c.dep_ == "pobj" and c.lower_ in {"part", "member", "members"}), None)
    if part is None:
        return []
    groups = [m for c in part.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children for m in actors_at(p, ctx, expand=False)]
    head = as_.head
    members = subject_of(head, ctx) if head.pos_ in {"VERB", "AUX"} else actors_at(head, ctx, expand=False)
    return pairs(members, groups, "MEMBER_OF", part)


def pair_claims(doc: Doc, ctx: Context) -> list[RawClaim]:
    """'the U.S.-Iraq partnership', 'Israeli-Palestinian talks': two actors joined by a hyphen before an event noun."""
    nouns, out = ctx.lex["nouns"], []
    for t in doc:
        if t.text not in {"-", "–"} or t.i == 0 or t.i + 1 >= len(doc):
            continue
        left = [m for m in ctx.mentions_of(doc[t.i - 1]) if m.end == t.i]
        right = [m for m in ctx.mentions_of(doc[t.i + 1]) if m.start == t.i + 1]
        if not (left and right):
            continue
        head = doc[right[0].end] if right[0].end < len(doc) else None
        while head is not None and head.dep_ in {"compound", "amod"} and head.lower_ not in nouns and head.i + 1 < len(doc):
            head = doc[head.i + 1]
        entry = nouns.get(head.lower_) if head is not None else None
        if entry and entry.get("symmetric"):
            out += pairs(left, right, entry["type"], head)
        elif entry and entry["type"] in JOINT_ACTION_TYPES and _has_target(head):
            # "U.S.-Israeli strikes on Iran": partners in one campaign, both striking its target
            targets = prep_objects(head, entry.get("preps") or ("on", "against"), ctx)
            out += pairs(left, right, "COOPERATE", head) + pairs(left + right, targets, entry["type"], head)
    return out


JOINT_ACTION_TYPES = {"ASSAULT", "MOBILIZE"}


def _has_target(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in {"on", "against", "in", "targeting"} for c in noun.children)


def _modifier_text(doc: Doc, hyphen: int) -> str:
    start = hyphen - 1
    while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].whitespace_:
        start -= 1
        if doc[start].dep_ not in {"compound", "npadvmod", "amod"}:
            start += 1
            break
    return doc[start:hyphen].text


def _hyphen_targets(verb: Token, ctx: Context) -> list[Mention]:
    """The actor the hyphenated modifier describes: the head noun's mention or an actor inside its phrase."""
    head = verb.head
    found = ctx.mentions_of(head)
    if found:
        return found
    named = described_name(ctx.doc, verb.i - 1, head) if head.i > verb.i else None
    if named is not None:  # "the Iran-backed group Lebanese Hezbollah", "Hamas (an Iran-backed group)"
        return [m for m in ctx.mentions_of(ctx.doc[named]) if m.kind != "description"][:1]
    inside = [m for c in head.children if verb.i < c.i < head.i for m in ctx.mentions_of(c)]
    return unique(inside)


