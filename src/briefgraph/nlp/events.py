"""Dyadic claims from the dependency parse, driven by the cue lexicon in ontology/events.yaml.

Covered constructions: active and passive verbs (the by-agent is the source), coordinated
subjects, verbs and objects, control verbs ("pressured X to crack down on Y"), light verbs with
event nouns ("waged an insurgency against"), event nouns with their arguments ("Iran's support
for Y", "talks between X and Y"), relational and role nouns ("Pakistan's closest ally",
"AQIS leader Asim Umar"), stance adjectives ("wary of"), and hyphenated modifiers ("al-Qaeda-aligned").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import load, word_set
from .mentions import Mention

SUBJ_DEPS = {"nsubj", "csubj", "expl"}
OBJ_DEPS = {"dobj", "dative", "attr", "oprd"}
COPULAS = {"be", "remain", "become", "stay", "seem", "appear", "grow", "prove", "look"}
LIST_GLUE = {",", "and", "or", "the", "(", ")", "as", "well", "other", "both", "-", "–", ";"}
GROUPING_PREPS = {"such as", "including", "like"}


@dataclass
class RawClaim:
    source: Mention
    target: Mention
    type: str
    trigger: Token
    descriptive: bool = False  # read off a modifier ("Iranian-backed"): stated as a fact, whatever governs it


class Context:
    """A parsed text with its actor mentions indexed by token."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.lex = load("events")
        self.at: dict[int, list[Mention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.at.setdefault(i, []).append(m)
        self.by_start = sorted(mentions, key=lambda m: m.start)

    def mentions_of(self, tok: Token) -> list[Mention]:
        return self.at.get(tok.i, [])


# ---------------------------------------------------------------- actors of a noun phrase

def actors_at(tok: Token | None, ctx: Context, expand: bool = True) -> list[Mention]:
    """The actor mentions a token stands for: its own mention, or the owners of a generic head
    ('Chinese forces', 'the Taliban's approach'), with coordinated and listed actors."""
    if tok is None:
        return []
    found = [_role_holder(m, ctx) for m in ctx.mentions_of(tok)] or _owners(tok, ctx)
    if expand:
        for conj in tok.conjuncts:
            found += ctx.mentions_of(conj) or _owners(conj, ctx)
        found += _list_continuation(found, ctx)
    return [m for m in _unique(found) if not _is_modifier(m, ctx.doc)]


def _is_modifier(m: Mention, doc: Doc) -> bool:
    """'Kazakh-led', 'Iranian-backed': a name before a hyphenated verb describes, it is not an argument."""
    return (m.end + 1 < len(doc) and doc[m.end].text in {"-", "–"}
            and doc[m.end + 1].lower_ in load("events")["hyphen_verbs"])


def _role_holder(m: Mention, ctx: Context) -> Mention:
    """'hosted AQIS leader, Asim Umar': an organisation followed by a role noun and a person
    stands for the person (the parse often makes the organisation the object)."""
    doc, i = ctx.doc, m.end
    while i < len(doc) and (doc[i].text in {")", "("} or any(
            x.kind in {"alias", "acronym"} or (x.entry is not None and x.entry is m.entry) for x in ctx.mentions_of(doc[i]))):
        i += 1
    if i >= len(doc) or doc[i].lower_ not in ctx.lex["role_nouns"]:
        return m
    i += 1 + (i + 1 < len(doc) and doc[i + 1].text == ",")
    people = [x for x in ctx.mentions_of(doc[i])] if i < len(doc) else []
    return next((x for x in people if x.type == "person" and x.start == i), m)


def _owners(tok: Token, ctx: Context) -> list[Mention]:
    """Actors a non-actor noun belongs to: 'the Taliban's approach', 'Chinese forces', 'the U.S. request',
    'members of Hamas', 'demands from UNITA', 'groups such as X', 'the resistance led by X'."""
    out: list[Mention] = []
    if tok.lower_ in word_set("mentions", "not_owner_heads"):
        return out
    for c in tok.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            out += [m for m in ctx.mentions_of(c) if not _stance_prefixed(m, ctx.doc)]
        elif c.dep_ == "prep" and _prep_text(c) in GROUPING_PREPS:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
        elif c.dep_ in {"prep", "agent"} and c.lower_ in {"of", "by"} and not out:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx, expand=c.lower_ != "of")]
        elif c.dep_ == "prep" and c.lower_ == "from" and not out:  # "demands from UNITA", not "forces from Panama"
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)
                    if m.type not in {"state", "place"}]
        elif c.dep_ == "acl" and c.lemma_ == "lead":  # "the resistance led by X and Y" acts through X and Y
            out += [m for a in c.children if a.dep_ == "agent" for p in a.children for m in actors_at(p, ctx)]
    return out


def _stance_prefixed(m: Mention, doc: Doc) -> bool:
    """'the anti-Taliban resistance' is against the Taliban, not the Taliban's."""
    return m.start >= 2 and doc[m.start - 1].text in {"-", "–"} and doc[m.start - 2].lower_ in {"anti", "pro", "counter", "non", "post", "ex"}


def _prep_text(prep: Token) -> str:
    mods = [c.lower_ for c in prep.children if c.dep_ in {"amod", "advmod"} and c.i < prep.i]
    return " ".join(mods + [prep.lower_])


def _list_continuation(found: list[Mention], ctx: Context) -> list[Mention]:
    """'the IMU, Jund al-Khilafah, TIP and other groups': actors listed after the first one."""
    if not found:
        return []
    doc, out = ctx.doc, []
    last = max(found, key=lambda m: m.end)
    for m in ctx.by_start:
        if m.start < last.end:
            continue
        between = doc[last.end:m.start]
        if m.start >= doc[last.start].sent.end or not _is_list_glue(between):
            break
        if doc[m.end - 1].dep_ in SUBJ_DEPS | {"nsubjpass"} or (m.end < len(doc) and doc[m.end].lower_ in {"'s", "’s"}):
            break  # a new clause's subject, or a possessor ("X, Hemedti's brother"), ends the list
        out.append(m)
        last = m
    return out


def _is_list_glue(between) -> bool:
    hyphen_verbs = set(load("events")["hyphen_verbs"])
    return all(t.lower_ in LIST_GLUE or t.lower_ in hyphen_verbs or (t.text[:1].isupper() and t.nbor(1).text == "-")
               for t in between) and len(between) <= 6


def _unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


# ---------------------------------------------------------------- roles of a verb

def is_passive(v: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children) or (v.dep_ == "acl" and v.tag_ == "VBN")


def agent_of(v: Token, ctx: Context) -> list[Mention]:
    return [m for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
            for m in actors_at(p, ctx)]


def subject_of(v: Token, ctx: Context, depth: int = 0) -> list[Mention]:
    """Who does `v`: its subject, the by-agent of a passive, or the subject it inherits."""
    if depth > 4:
        return []
    if v.pos_ in {"NOUN", "PROPN"}:  # "its commitment to not allowing X": the noun's owner, else its governor's subject
        owners = [m for c in v.children if c.dep_ == "poss" for m in actors_at(c, ctx)]
        gov = _governor(v)[0]
        return owners or (subject_of(gov, ctx, depth + 1) if gov is not None else [])
    if is_passive(v):
        return agent_of(v, ctx)
    subj = [c for c in v.children if c.dep_ in SUBJ_DEPS]
    head = v.head
    if subj and v.dep_ == "relcl" and all(s.tag_ in {"WDT", "WP"} for s in subj):
        return actors_at(head, ctx)  # "Hezbollah, which has exchanged fire with Israel"
    if subj:
        return [m for s in subj for m in actors_at(s, ctx)]
    purpose = v.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
    if purpose or (v.dep_ == "advcl" and v.tag_ in {"VBG", "VBN"} and not any(c.dep_ == "mark" for c in v.children)):
        return subject_of(head, ctx, depth + 1)  # "X attacked ships, presenting the campaign as pressure on Y"
    if v.dep_ == "conj" and head.i != v.i:
        return subject_of(head, ctx, depth + 1)
    if v.dep_ in {"xcomp", "acomp"} and head.i != v.i:
        if head.lemma_ in word_set("events", "object_control"):
            objs = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
            if objs:
                return [m for o in objs for m in actors_at(o, ctx)]
        return subject_of(head, ctx, depth + 1)
    if v.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        # "Iraq's efforts to destroy ISIL", "leading the campaign to defeat Daesh": the effort's owner
        return _owners(head, ctx) or (subject_of(_governor(head)[0], ctx, depth + 1) if _governor(head)[0] is not None else [])
    if v.dep_ in {"relcl", "acl"}:
        return actors_at(head, ctx)
    if v.dep_ == "pcomp" and head.head.i != head.i:  # "by attacking X": the subject of the verb above
        return subject_of(head.head, ctx, depth + 1)
    return []


def patient_of(v: Token, ctx: Context) -> list[Mention]:
    """Who undergoes `v`: the passive subject or the direct object."""
    if is_passive(v):
        pas = [c for c in v.children if c.dep_ == "nsubjpass"]
        if v.dep_ == "acl" and not pas:  # "Mali's government, led by X": the owner, never the agent itself
            head = v.head
            return list(ctx.mentions_of(head)) or [m for c in head.children if c.dep_ in {"poss", "compound", "amod"}
                                                   for m in ctx.mentions_of(c) if not _stance_prefixed(m, ctx.doc)]
        return [m for s in pas for m in actors_at(s, ctx)]
    return [m for c in v.children if c.dep_ in {"dobj", "dative"} for m in actors_at(c, ctx)]


def _prep_objects(tok: Token, preps, ctx: Context) -> list[Mention]:
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            out += [m for p in c.children if p.dep_ in {"pobj", "pcomp"} for m in actors_at(p, ctx)]
    return out


# ---------------------------------------------------------------- constructions

def _pairs(sources, targets, type_, trigger) -> list[RawClaim]:
    return [RawClaim(s, t, type_, trigger) for s in sources for t in targets if s is not t]


def _verb_key(v: Token) -> str:
    prt = [c.lower_ for c in v.children if c.dep_ == "prt"]
    return f"{v.lemma_.lower()} {prt[0]}" if prt else v.lemma_.lower()


def verb_claims(v: Token, ctx: Context) -> list[RawClaim]:
    verbs = ctx.lex["verbs"]
    entry = verbs.get(_verb_key(v)) or verbs.get(v.lemma_.lower())
    if not entry or (v.lemma_.lower() in word_set("events", "light_verbs") and _has_cue_object(v, ctx)):
        return []
    adjective = ctx.lex["adjectives"].get(v.lower_)
    if adjective and is_passive(v) and not agent_of(v, ctx):  # "Israel is opposed to X": a stance, not a passive
        sources = [m for c in v.children if c.dep_ == "nsubjpass" for m in actors_at(c, ctx)]
        return _pairs(sources, _prep_objects(v, adjective["preps"], ctx), adjective["type"], v)
    sources = subject_of(v, ctx)
    targets = patient_of(v, ctx) if entry.get("objects", True) else []  # "engage X" is a fight, "engage with X" talks
    if not targets or entry.get("preps"):
        targets = targets + _prep_objects(v, entry.get("preps") or (), ctx)
    if not targets:
        targets = _borrowed_objects(v, ctx) or _clause_subjects(v, entry, ctx)
    if not targets and entry.get("symmetric"):
        return _among(sources, entry["type"], v)
    if entry.get("reverse"):  # "Coalition nations include Australia and Canada": the objects are the members
        sources, targets = targets, sources
    return _pairs(sources, targets, entry["type"], v)


def _has_cue_object(v: Token, ctx: Context) -> bool:
    """'launched strikes on', 'offered sanctuary to': the object noun carries the event."""
    nouns = ctx.lex["nouns"]
    objs = [c for c in v.children if c.dep_ in {"dobj", "dative", "attr"}]
    objs += [c for o in objs for c in o.children if c.dep_ in {"amod", "compound"}]
    objs += [p for c in v.children if c.dep_ == "prep" and c.lower_ in {"in", "into"} for p in c.children]
    return any(o.lower_ in nouns or o.lemma_.lower() in nouns for o in objs)


def _clause_subjects(v: Token, entry: dict, ctx: Context) -> list[Mention]:
    """'demanded that the government end curbs': the one asked is the subject of the that-clause."""
    if entry["type"] not in {"REQUEST", "COERCE", "THREATEN", "ACCUSE"}:
        return []
    return [m for c in v.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}
            for m in actors_at(s, ctx)]


def directive_claims(v: Token, ctx: Context) -> list[RawClaim]:
    """'X declared that Y must drop barriers': X makes a demand of Y."""
    if v.lemma_.lower() not in word_set("events", "directive_verbs"):
        return []
    modals = word_set("events", "directive_modals")
    out = []
    for c in v.children:
        if c.dep_ != "ccomp":
            continue
        aux = " ".join(a.lower_ for a in c.children if a.dep_ == "aux")
        xcomp_have = c.lemma_ in {"have", "need"} and any(x.dep_ == "xcomp" for x in c.children)
        if any(m in aux.split() or m == aux for m in modals) or xcomp_have:
            targets = [m for s in c.children if s.dep_ in {"nsubj", "nsubjpass"} for m in actors_at(s, ctx)]
            out += _pairs(subject_of(v, ctx), targets, "REQUEST", v)
    return out


def _among(actors: list[Mention], type_: str, trigger: Token) -> list[RawClaim]:
    """'Jordan and Britain agreed': a symmetric event between coordinated actors."""
    return [RawClaim(a, b, type_, trigger) for i, a in enumerate(actors) for b in actors[i + 1:]]


def _borrowed_objects(v: Token, ctx: Context) -> list[Mention]:
    """'hosted or cooperated with X' (objects shared by coordinated verbs) and
    'refused to recognize X' (the object of the verb it governs)."""
    own_complement = any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in v.children)
    heads = [v.head] if v.dep_ == "conj" and not own_complement else []  # "expelled X and threatened to seek Y"
    for other in [c for c in v.children if c.dep_ in {"conj", "xcomp"}] + heads:
        if other.pos_ not in {"VERB", "AUX"} or is_passive(other):  # a passive's subject is nobody's object
            continue
        found = patient_of(other, ctx) + _prep_objects(other, ("with", "to", "against", "on"), ctx)
        if found:
            return found
    return []


def _has_actor_object(v: Token, ctx: Context) -> bool:
    return bool(patient_of(v, ctx))


def _governor(n: Token) -> tuple[Token | None, bool]:
    """The verb an event noun hangs from, and whether it hangs through a preposition."""
    head = n.head
    if n.dep_ in {"dobj", "attr", "oprd", "nsubjpass", "appos"} and head.pos_ in {"VERB", "AUX"}:
        return head, False
    if n.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, True
    if n.dep_ in {"amod", "compound"} and head.dep_ in {"dobj", "dative"} and head.head.pos_ == "VERB":
        return head.head, False
    if n.dep_ == "conj":
        return _governor(head)
    if n.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "dollars of aid", "tons of arms"
        return _governor(head.head)
    return None, False


def noun_claims(n: Token, ctx: Context) -> list[RawClaim]:
    entry = ctx.lex["nouns"].get(n.lower_) or ctx.lex["nouns"].get(n.lemma_.lower())
    if not entry:
        return []
    entry = _broken(n, entry, ctx)
    preps = entry.get("preps") or ()
    sources = _noun_sources(n, preps, ctx)
    own_sources = bool(sources)
    holders = [n]
    if n.dep_ == "compound":  # "mediation mission between X and Y"
        holders.append(n.head)
    elif n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":  # "dollars of aid for X"
        holders.append(n.head.head)
    targets = [m for h in holders for m in _noun_targets(h, preps, ctx)]
    between = [m for h in holders for m in _prep_objects(h, ["between"], ctx)] if "between" in preps else []
    if between and not sources and len(between) >= 2:
        sources, targets = between[:1], between[1:]
    elif between:
        targets += between
    gov, via_prep = _governor(n)
    if gov is not None and not via_prep and gov.lemma_.lower() in word_set("events", "reverse_light_verbs"):
        # "Iraqi forces received heavy fire from ISIL fighters": the object's origin acts on the subject
        origin = sources or _prep_objects(gov, ["from", "by"], ctx)
        return _pairs(origin, subject_of(gov, ctx), entry["type"], n)
    if gov is not None:
        if not sources:
            sources = subject_of(gov, ctx) if not (via_prep and is_passive(gov) and not agent_of(gov, ctx)) \
                else [m for c in gov.children if c.dep_ == "nsubjpass" for m in actors_at(c, ctx)]
        if not targets:
            targets = _light_targets(n, gov, ctx) if not via_prep else \
                (patient_of(gov, ctx) if sources and entry["type"] in {"ASSAULT", "COERCE"} else [])
    if not targets and n.dep_ in {"amod", "compound"}:
        targets = actors_at(n.head, ctx)
    if not targets and via_prep and gov is not None and entry["type"] in {"SUPPORT", "AID", "COOPERATE"}:
        targets = subject_of(gov, ctx)  # "X struck Y with support from Z": Z supports X
    if not targets and gov is not None:
        targets = _distant_target(gov, entry, ctx)
    if not targets and entry.get("symmetric") and not own_sources:  # "X and Y renewed talks", not "cooperation of X and Y"
        return _among(sources, entry["type"], n)
    return _pairs(sources, targets, entry["type"], n)


CONFLICT = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"}


def _distant_target(v: Token, entry: dict, ctx: Context) -> list[Mention]:
    """'conducted 15 strikes using attack aircraft against ISIL targets': the parse hangs 'against' on
    another word of the clause; for conflict events, take its object if the clause has just one."""
    if entry["type"] not in CONFLICT:
        return []
    nouns = ctx.lex["nouns"]
    preps = [t for t in v.subtree if t.dep_ == "prep" and t.lower_ in {"against", "on", "at"}
             and _same_clause(t, v) and t.head.lower_ not in nouns]  # not another event's own target
    found = [m for p in preps for o in p.children if o.dep_ == "pobj" for m in actors_at(o, ctx)]
    return found if len({id(m) for m in found}) >= 1 and len(preps) == 1 else []


def _same_clause(tok: Token, verb: Token) -> bool:
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.dep_ in {"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis"} and tok.pos_ in {"VERB", "AUX"}:
            return False
        tok = tok.head
    return tok.i == verb.i


def _broken(n: Token, entry: dict, ctx: Context) -> dict:
    """'severed ties with', 'suspended talks with', 'froze its engagement': ending a cooperative tie rejects it."""
    gov, _ = _governor(n)
    cooperative = ctx.lex["types"][entry["type"]]["sign"] > 0
    if gov is not None and cooperative and gov.lemma_.lower() in word_set("events", "breaking_verbs"):
        return {**entry, "type": "REJECT", "symmetric": False}
    return entry


def _noun_targets(n: Token, preps, ctx: Context) -> list[Mention]:
    """Targets after the noun, or one phrase further down ('the withdrawal of forces from Panama')."""
    direct = [p for p in preps if p != "between"]
    found = _prep_objects(n, direct, ctx)
    if not found:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                found += [m for p in c.children if p.dep_ == "pobj" for m in _prep_objects(p, direct, ctx)]
    return found


def _noun_sources(n: Token, preps, ctx: Context) -> list[Mention]:
    """The doer of an event noun: possessive, modifier, 'by'/'from', or 'of' when 'of' is not its target."""
    out = []
    for c in n.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            out += ctx.mentions_of(c) or ([] if c.dep_ != "poss" else actors_at(c, ctx))
        elif c.dep_ in {"prep", "agent"} and (c.lower_ in {"by", "from"} or (c.lower_ == "of" and "of" not in preps)):
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return _unique(out)


def _light_targets(n: Token, gov: Token, ctx: Context) -> list[Mention]:
    """'offered the two leaders sanctuary', 'provided X with weapons': the verb's other object."""
    out = []
    for c in gov.children:
        if c.dep_ in {"dative", "dobj"} and c.i not in {n.i, n.head.i}:
            out += actors_at(c, ctx)
        elif c.dep_ == "prep" and c.lower_ in {"to", "for", "with", "against", "on"}:
            out += [m for p in c.children if p.dep_ == "pobj" and p.i != n.i for m in actors_at(p, ctx)]
    if n.dep_ in {"amod", "compound"}:
        out += actors_at(n.head, ctx)
    return out


def relational_claims(r: Token, ctx: Context) -> list[RawClaim]:
    """'China is Pakistan's closest ally', 'Hurras al-Din, an al-Qaeda affiliate', 'an ally of Iran'."""
    type_ = ctx.lex["relational_nouns"].get(r.lower_)
    if not type_ or ctx.mentions_of(r):
        return []
    owners = _owner_actors(r, ctx)
    holder = _holder(r, ctx)
    return _pairs(holder, owners, type_, r)


def _owner_actors(r: Token, ctx: Context) -> list[Mention]:
    out = []
    for c in r.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            out += ctx.mentions_of(c)
        elif c.dep_ == "prep" and c.lower_ in {"of", "to"}:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return _unique(out)


def _holder(r: Token, ctx: Context) -> list[Mention]:
    """Who holds the role or tie the noun names."""
    head = r.head
    if r.dep_ in {"attr", "oprd"} and head.lemma_ in COPULAS:
        return subject_of(head, ctx)
    if r.dep_ == "appos":
        return actors_at(head, ctx, expand=False)
    if r.dep_ == "compound" and ctx.mentions_of(head):
        return ctx.mentions_of(head)
    appos = [c for c in r.children if c.dep_ == "appos"]
    return [m for a in appos for m in actors_at(a, ctx, expand=False)]


def role_claims(r: Token, ctx: Context) -> list[RawClaim]:
    """'AQIS leader, Asim Umar', 'RSF commander X', 'X, the head of Y': person LEADER_OF/MEMBER_OF org."""
    roles = ctx.lex["role_nouns"]
    type_ = roles.get(r.lower_) or roles.get(f"{_compound_before(r)} {r.lower_}".strip())
    if not type_:
        return []
    orgs = [m for m in _owner_actors(r, ctx) if m.type != "person"]
    if not orgs:  # "X, commander, Combined Joint Task Force": the organisation set beside the role
        orgs = [m for c in r.children if c.dep_ == "appos" for m in actors_at(c, ctx, expand=False) if m.type != "person"]
    if not orgs and r.dep_ == "compound":  # "RSF commander X": the org is a sibling modifier of X
        orgs = [m for c in r.head.children if c.dep_ == "compound" and c.i < r.i
                for m in ctx.mentions_of(c) if m.type != "person"]
    people = [m for m in _holder(r, ctx) if m.type == "person"]
    if not people:
        people = [m for m in ctx.mentions_of(r.head) if m.type == "person" and r.dep_ in {"compound", "appos"}]
    return _pairs(people, orgs, type_, r)


def _compound_before(r: Token) -> str:
    return " ".join(c.lower_ for c in r.children if c.dep_ == "compound" and c.i == r.i - 1)


def adjective_claims(a: Token, ctx: Context) -> list[RawClaim]:
    entry = ctx.lex["adjectives"].get(a.lower_)
    if not entry:
        return []
    if a.dep_ in {"acomp", "oprd"} or (a.dep_ == "conj" and a.head.dep_ == "acomp"):
        verb = a.head if a.dep_ != "conj" else a.head.head
        sources = subject_of(verb, ctx)
    elif a.dep_ == "amod":
        sources = actors_at(a.head, ctx, expand=False)
    else:
        return []
    return _pairs(sources, _prep_objects(a, entry["preps"], ctx), entry["type"], a)


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
            claims += _pairs(sources, [m for m in targets if m.kind == "description"], type_, verb)
        else:
            claims += _pairs(sources, targets, type_, verb)
    for c in claims:
        c.descriptive = True
    return claims, attrs


def inclusion_claims(tok: Token, ctx: Context) -> list[RawClaim]:
    """'the international community, including Russia and Iran': the listed actors are members;
    'the UK, as part of the Global Coalition': the subject is."""
    if tok.dep_ == "prep" and tok.lower_ == "as":
        return _part_of(tok, ctx)
    if tok.dep_ != "prep" or _prep_text(tok) not in {"including", "such as", "notably", "especially"}:
        return []
    group = ctx.mentions_of(tok.head)
    members = [m for p in tok.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return _pairs(members, [g for g in group if g.type in {"collective", "igo", "organization", "armed_group"}],
                  "MEMBER_OF", tok)


def _part_of(as_: Token, ctx: Context) -> list[RawClaim]:
    part = next((c for c in as_.children if c.dep_ == "pobj" and c.lower_ in {"part", "member", "members"}), None)
    if part is None:
        return []
    groups = [m for c in part.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children for m in actors_at(p, ctx, expand=False)]
    head = as_.head
    members = subject_of(head, ctx) if head.pos_ in {"VERB", "AUX"} else actors_at(head, ctx, expand=False)
    return _pairs(members, groups, "MEMBER_OF", part)


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
            out += _pairs(left, right, entry["type"], head)
    return out


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
    inside = [m for c in head.children if verb.i < c.i < head.i for m in ctx.mentions_of(c)]
    return _unique(inside)


# ---------------------------------------------------------------- driver

def raw_claims(doc: Doc, mentions: list[Mention]) -> tuple[list[RawClaim], list[tuple[Mention, str, str]]]:
    """Every claim the parse supports, before actors are resolved and modality is read."""
    ctx = Context(doc, mentions)
    out: list[RawClaim] = []
    for tok in doc:
        if ctx.mentions_of(tok):  # "Operation Prosperity Guardian" names an actor, it reports no operation
            continue
        if tok.pos_ in {"VERB", "AUX"}:
            out += verb_claims(tok, ctx) + directive_claims(tok, ctx)
        elif tok.pos_ in {"NOUN", "PROPN"}:
            out += noun_claims(tok, ctx) + relational_claims(tok, ctx) + role_claims(tok, ctx)
        elif tok.pos_ == "ADJ":
            out += adjective_claims(tok, ctx) + noun_claims(tok, ctx)
        if tok.dep_ == "prep":
            out += inclusion_claims(tok, ctx)
    hy_claims, attrs = hyphen_claims(doc, ctx)
    return out + hy_claims + pair_claims(doc, ctx), attrs
