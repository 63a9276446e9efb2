"""Dyadic claims from the dependency parse, driven by the cue lexicon in ontology/events.yaml.

Covered constructions: active and passive verbs (the by-agent is the source), coordinated
subjects, verbs and objects, control verbs ("pressured X to crack down on Y"), light verbs with
event nouns ("waged an insurgency against"), event nouns with their arguments ("Iran's support
for Y", "talks between X and Y"), relational and role nouns ("Pakistan's closest ally",
"AQIS leader Asim Umar") and stance adjectives ("wary of"). Modifiers and membership phrases are in
modifiers.py; who a phrase stands for is arguments.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .arguments import (COPULAS, Context, RawClaim, actors_at, agent_of, governor, is_passive, owners_of, pairs,
                        patient_of, prep_objects, subject_of, unique)
from .lexicon import word_set
from .gazetteer import Entry
from .mentions import Mention
from .modifiers import (hyphen_claims, inclusion_claims, mediation_claims, owned_claims, pair_claims,
                        person_of_claims)


def _verb_key(v: Token) -> str:
    prt = [c.lower_ for c in v.children if c.dep_ == "prt"]
    return f"{v.lemma_.lower()} {prt[0]}" if prt else v.lemma_.lower()


def _stems(word: str) -> list[str]:
    """Base forms to try when the lemmatizer does not know a verb ('readmitted' -> 'readmit')."""
    out = []
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            out.append(base)
            if len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])
            out.append(base + "e")
    return out


def verb_claims(v: Token, ctx: Context) -> list[RawClaim]:
    verbs = ctx.lex["verbs"]
    entry = verbs.get(_verb_key(v)) or verbs.get(v.lemma_.lower()) or next(
        (verbs[w] for w in _stems(v.lower_) if w in verbs), None)
    if not entry or (v.lemma_.lower() in word_set("events", "light_verbs") and _has_cue_object(v, ctx)):
        return []
    adjective = ctx.lex["adjectives"].get(v.lower_)
    if adjective and is_passive(v) and not agent_of(v, ctx):  # "Israel is opposed to X": a stance, not a passive
        sources = [m for c in v.children if c.dep_ == "nsubjpass" for m in actors_at(c, ctx)]
        return pairs(sources, prep_objects(v, adjective["preps"], ctx), adjective["type"], v)
    sources = subject_of(v, ctx)
    targets = patient_of(v, ctx) if entry.get("objects", True) else []  # "engage X" is a fight, "engage with X" talks
    if entry.get("named_objects"):  # "met Iran's envoy", not "met its obligations"
        targets = [m for m in targets if any(m.start <= c.i < m.end or _owned_person(c) for c in v.children
                                             if c.dep_ in {"dobj", "dative"})]
    if not targets or entry.get("preps"):
        targets = targets + prep_objects(v, entry.get("preps") or (), ctx)
    if not targets and entry.get("borrow", True):
        deep = ctx.lex["types"][entry["type"]]["sign"] < 0
        targets = _borrowed_objects(v, ctx, deep) or _clause_subjects(v, entry, ctx)
    if not targets and entry.get("symmetric"):
        return _among(sources, entry["type"], v)
    if entry.get("reverse"):  # "Coalition nations include Australia and Canada": the objects are the members
        named = {i for c in v.children if c.dep_ == "dobj" for t in [c, *c.conjuncts] for i in [t.i]}
        targets = [m for m in targets if any(m.start <= i < m.end for i in named) or m.kind == "acronym"
                   or not _owner_only(m, named, ctx)]  # not "include the expulsion of Turkish forces"
        sources, targets = targets, sources
    return pairs(sources, targets, entry["type"], v) + _common_enemy(v, entry, sources + targets, ctx)


def _owner_only(m: Mention, objects: set[int], ctx: Context) -> bool:
    """The mention stands for an object only as the owner of an event noun ('the expulsion of X')."""
    nouns = ctx.lex["nouns"]
    return any(ctx.doc[i].lower_ in nouns or ctx.doc[i].lemma_.lower() in nouns for i in objects)


def _owned_person(obj: Token) -> bool:
    """'met Iran's envoy', 'met Qatari officials': the object is a person or body acting for its owner."""
    return obj.lower_ in word_set("mentions", "agent_heads") or obj.lower_ in word_set("mentions", "people_heads")


def _common_enemy(v: Token, entry: dict, partners: list[Mention], ctx: Context) -> list[RawClaim]:
    """'X partnered with Y against Z': both partners stand against Z."""
    if ctx.lex["types"][entry["type"]]["sign"] <= 0:
        return []
    enemies = prep_objects(v, ["against"], ctx)
    return pairs(partners, enemies, "OPPOSE", v)


def _has_cue_object(v: Token, ctx: Context) -> bool:
    """'launched strikes on', 'offered sanctuary to': the object noun carries the event."""
    nouns = ctx.lex["nouns"]
    objs = [c for c in v.children if c.dep_ in {"dobj", "dative", "attr"}]
    objs += [c for o in objs for c in o.children if c.dep_ in {"amod", "compound"}]
    objs += [p for c in v.children if c.dep_ == "prep" and c.lower_ in {"in", "into"} for p in c.children]
    return any(o.lower_ in nouns or o.lemma_.lower() in nouns for o in objs)


def _clause_subjects(v: Token, entry: dict, ctx: Context) -> list[Mention]:
    """'demanded that the government end curbs': the one asked is the subject of the that-clause."""
    if entry["type"] not in {"REQUEST", "COERCE", "THREATEN", "ACCUSE", "CONCEDE"}:  # "allowing X to operate"
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
            out += pairs(subject_of(v, ctx), targets, "REQUEST", v)
    return out


def _among(actors: list[Mention], type_: str, trigger: Token) -> list[RawClaim]:
    """'Jordan and Britain agreed': a symmetric event between coordinated actors."""
    return [RawClaim(a, b, type_, trigger) for i, a in enumerate(actors) for b in actors[i + 1:]]


def _borrowed_objects(v: Token, ctx: Context, deep: bool = False) -> list[Mention]:
    """'hosted or cooperated with X' (objects shared by coordinated verbs) and
    'refused to recognize X' (the object of the verb it governs); for a hostile verb (`deep`), also the
    target of that verb's object ('threatened to impose tariffs on X')."""
    own_complement = any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in v.children)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in v.children)
    # "expelled X and threatened to seek Y", "pressed X, but the regime has not delivered": no sharing
    heads = [v.head] if v.dep_ == "conj" and not (own_complement or own_subject) else []
    conjuncts = [c for c in v.children if c.dep_ == "conj" and not own_complement]
    for other in conjuncts + [c for c in v.children if c.dep_ == "xcomp"] + heads:
        if other.pos_ not in {"VERB", "AUX"} or is_passive(other):  # a passive's subject is nobody's object
            continue
        found = patient_of(other, ctx) + prep_objects(other, ("with", "to", "against", "on"), ctx)
        if not found and deep and other.dep_ == "xcomp":  # "threatened to impose tariffs on X"
            found = [m for o in other.children if o.dep_ == "dobj" for m in prep_objects(o, ("against", "on"), ctx)]
        if found:
            return found
    return []


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
    between = [m for h in holders for m in prep_objects(h, ["between"], ctx)] if "between" in preps else []
    if between and not sources and len(between) >= 2:
        sources, targets = between[:1], between[1:]
    elif between:
        targets += between
    sources = sources or _attributed_to(n, ctx)
    gov, via_prep = governor(n)
    if gov is None and not sources:
        gov, via_prep = _manner_verb(n), True
    if gov is not None and not via_prep and gov.lemma_.lower() in word_set("events", "reverse_light_verbs"):
        # "Iraqi forces received heavy fire from ISIL fighters": the object's origin acts on the subject
        origin = sources or prep_objects(gov, ["from", "by"], ctx)
        return pairs(origin, subject_of(gov, ctx), entry["type"], n)
    if gov is not None and (gov.lemma_.lower() in word_set("events", "foreign_event_verbs")
                            or gov.lemma_.lower() in ctx.lex["attributing_verbs"]):
        gov = None  # "Oman welcomed the ceasefire", "the attacks were attributed to X": no light verb
    if gov is not None:
        if not sources:
            sources = subject_of(gov, ctx) if not (via_prep and is_passive(gov) and not agent_of(gov, ctx)) \
                else [m for c in gov.children if c.dep_ == "nsubjpass" for m in actors_at(c, ctx)]
        if not targets:
            targets = _light_targets(n, gov, ctx) if not via_prep else \
                (patient_of(gov, ctx) if sources and entry["type"] in {"ASSAULT", "COERCE"} else [])
    if not targets and gov is not None and not via_prep and gov.lemma_.lower() in word_set("events", "response_verbs"):
        targets = subject_of(gov, ctx)  # "Chile declined U.S. requests": the one who answers was asked
    if not targets and n.dep_ in {"amod", "compound"}:
        targets = actors_at(n.head, ctx)
    if not targets and via_prep and gov is not None and entry["type"] in {"SUPPORT", "AID", "COOPERATE"}:
        targets = subject_of(gov, ctx)  # "X struck Y with support from Z": Z supports X
    if not targets and gov is not None:
        targets = _distant_target(gov, entry, ctx)
    if not targets and entry.get("symmetric") and not own_sources:  # "X and Y renewed talks", not "cooperation of X and Y"
        return _among(sources, entry["type"], n)
    return pairs(sources, targets, entry["type"], n)


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
    gov, _ = governor(n)
    cooperative = ctx.lex["types"][entry["type"]]["sign"] > 0
    if gov is None or not cooperative or gov.lemma_.lower() not in word_set("events", "breaking_verbs"):
        return entry
    if gov.lemma_.lower() in word_set("events", "response_verbs") and _noun_sources(n, entry.get("preps") or (), ctx):
        return entry  # "declined U.S. requests": the request was made; the answer is the verb's own claim
    return {**entry, "type": "REJECT", "symmetric": False}


def _noun_targets(n: Token, preps, ctx: Context) -> list[Mention]:
    """Targets after the noun, or one phrase further down ('the withdrawal of forces from Panama')."""
    direct = [p for p in preps if p != "between"]
    found = [m for m in prep_objects(n, direct, ctx) if not _nearer_cue(n, m, ctx)]
    found += _stray_prep_objects(n, direct, ctx)
    if not found:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                found += [m for p in c.children if p.dep_ == "pobj" for m in prep_objects(p, direct, ctx)]
    return found


def _attributed_to(n: Token, ctx: Context) -> list[Mention]:
    """'airstrikes attributed to Saudi Arabia', 'the attacks have been attributed to X': X did them."""
    verbs = ctx.lex["attributing_verbs"]
    acl = [c for c in n.children if c.dep_ == "acl" and c.lemma_.lower() in verbs]
    if n.dep_ in {"nsubjpass", "dobj"} and n.head.lemma_.lower() in verbs:  # "X attributed the strikes to Y"
        acl.append(n.head)
    return [m for v in acl for m in prep_objects(v, verbs[v.lemma_.lower()], ctx)]


def _manner_verb(n: Token) -> Token | None:
    """'(severed ties with X) in solidarity with Y', 'in coordination with Y': an 'in' phrase says how the
    clause's subject acts, wherever the parse hangs it."""
    if n.dep_ != "pobj" or n.head.lower_ != "in":
        return None
    tok = n.head
    while tok.head.i != tok.i and tok.pos_ not in {"VERB", "AUX"}:
        tok = tok.head
    return tok if tok.pos_ in {"VERB", "AUX"} else None


def _nearer_cue(n: Token, m: Mention, ctx: Context) -> bool:
    """'severed ties with X in solidarity with Y': the parse hangs 'with Y' on 'ties', but a cue noun
    right before the preposition ('solidarity') owns it."""
    prep = ctx.doc[m.start].head
    before = ctx.doc[prep.i - 1] if prep.i > n.i + 1 else None
    return before is not None and prep.dep_ == "prep" and _cue_taking(before, prep.lower_, ctx)


def _stray_prep_objects(n: Token, preps, ctx: Context) -> list[Mention]:
    """The other side of that misattachment: the preposition right after this noun, hung elsewhere."""
    doc = ctx.doc
    nxt = doc[n.i + 1] if n.i + 1 < len(doc) else None
    if nxt is None or nxt.dep_ != "prep" or nxt.lower_ not in preps or nxt.head.i in {n.i} or nxt.head.i > n.i:
        return []
    return [m for p in nxt.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]


def _cue_taking(tok: Token, prep: str, ctx: Context) -> bool:
    entry = ctx.lex["nouns"].get(tok.lower_) or ctx.lex["nouns"].get(tok.lemma_.lower())
    return bool(entry) and tok.pos_ == "NOUN" and prep in (entry.get("preps") or ())


def _noun_sources(n: Token, preps, ctx: Context) -> list[Mention]:
    """The doer of an event noun: possessive, modifier, 'by'/'from', or 'of' when 'of' is not its target."""
    out = []
    for c in n.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            out += ctx.mentions_of(c) or ([] if c.dep_ != "poss" else actors_at(c, ctx)) or _dated_owner(c, ctx)
        elif c.dep_ in {"prep", "agent"} and (c.lower_ == "by" or (c.lower_ in {"of", "from"} and c.lower_ not in preps)):
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return unique(out)


def _dated_owner(c: Token, ctx: Context) -> list[Mention]:
    """"Israel's September strike": the parse hangs the possessor on the date before the noun."""
    if c.dep_ not in {"nmod", "compound"} or c.ent_type_ not in {"DATE", "TIME"}:
        return []
    return [m for p in c.children if p.dep_ == "poss" for m in actors_at(p, ctx)]


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
    return pairs(holder, owners, type_, r)


def _owner_actors(r: Token, ctx: Context) -> list[Mention]:
    out = []
    for c in r.children:
        if c.dep_ in {"compound", "amod", "nmod"}:
            out += ctx.mentions_of(c)
        elif c.dep_ == "poss":  # "the Assad regime's backers": the regime stands for its owner
            out += ctx.mentions_of(c) or owners_of(c, ctx)
        elif c.dep_ == "prep" and c.lower_ in {"of", "to"}:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
    return unique(out)


def _holder(r: Token, ctx: Context) -> list[Mention]:
    """Who holds the role or tie the noun names."""
    head = r.head
    if r.dep_ in {"attr", "oprd"} and head.lemma_ in COPULAS:
        return subject_of(head, ctx)
    if r.dep_ == "appos":
        return actors_at(head, ctx, expand=False)
    if r.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":  # "X is seen as Y's main backer"
        return patient_of(head.head, ctx)
    if r.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "NOUN":  # "the UAE's role as a partner of Y"
        return owners_of(head.head, ctx)
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
    if not orgs and _office_title(r) in word_set("events", "state_offices"):
        found = [RawClaim(p, _served_state(p), type_, r) for p in people if p.entry is not None and p.entry.state]
    else:
        found = pairs(people, orgs, type_, r)
    for c in found:  # "President Trump reportedly threatened X": the title is no part of what is reported
        c.descriptive = r.dep_ == "compound"
    return found


def _office_title(r: Token) -> str:
    before = _compound_before(r)
    return f"{before} {r.lower_}" if before in {"vice", "prime", "crown", "supreme"} else r.lower_


def _served_state(person: Mention) -> Mention:
    """The state a catalogued person serves, as a mention at the person's words (it resolves by name,
    so the claim stands only where the brief names that state too)."""
    return Mention(person.start, person.end, person.entry.state, "state", "name", Entry(person.entry.state, "state"))


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
    return pairs(sources, prep_objects(a, entry["preps"], ctx), entry["type"], a)


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
            out += noun_claims(tok, ctx) + relational_claims(tok, ctx) + role_claims(tok, ctx) + mediation_claims(tok, ctx)
        elif tok.pos_ == "ADJ":
            out += adjective_claims(tok, ctx) + noun_claims(tok, ctx)
        if tok.dep_ == "prep":
            out += inclusion_claims(tok, ctx)
    hy_claims, attrs = hyphen_claims(doc, ctx)
    out += hy_claims + pair_claims(doc, ctx) + owned_claims(doc, ctx) + person_of_claims(doc, ctx)
    return out + _stood_against(doc, ctx, out), attrs


def _stood_against(doc: Doc, ctx: Context, found: list[RawClaim]) -> list[RawClaim]:
    """'Iraqi forces held their positions against ISIL fighters': whoever acts against an actor
    opposes it ('fought alongside X': cooperates with it), when no cue word said more. Only where no
    claim already links the two."""
    linked = {(id(c.source), id(c.target)) for c in found} | {(id(c.target), id(c.source)) for c in found}
    out = []
    for prep in doc:
        type_ = {"against": "OPPOSE", "alongside": "COOPERATE"}.get(prep.lower_)
        if prep.dep_ != "prep" or type_ is None:
            continue
        verb = prep.head if prep.head.pos_ in {"VERB", "AUX"} else governor(prep.head)[0]
        if verb is None:
            continue
        targets = [m for p in prep.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
        if not targets:  # nobody to stand against: spare the search for a subject
            continue
        sources = subject_of(verb, ctx)
        out += [c for c in pairs(sources, targets, type_, prep) if (id(c.source), id(c.target)) not in linked]
    return out
