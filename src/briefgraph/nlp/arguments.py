"""Who a phrase stands for: the actor mentions behind a token, and the roles of a verb.

Shared by the claim constructions in events.py and modifiers.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import load, word_set
from .mentions import Mention, hyphen_verb_after

SUBJ_DEPS = {"nsubj", "csubj", "expl"}
COPULAS = {"be", "remain", "become", "stay", "seem", "appear", "grow", "prove", "look"}
LIST_GLUE = {",", "and", "or", "the", "(", ")", "as", "well", "other", "both", "-", "–", ";"}
GROUPING_PREPS = {"such as", "including", "like"}
STANCE_PREFIXES = {"anti", "pro", "counter", "non", "post", "ex"}
# "<thing> <verb>ed by X" makes X the thing's holder ("bases used by Kataib Hezbollah").
HELD_BY = {"lead", "use", "hold", "control", "operate", "run", "occupy", "own", "command", "man", "staff"}


@dataclass
class RawClaim:
    source: Mention
    target: Mention
    type: str
    trigger: Token
    descriptive: bool = False  # read off a modifier ("Iranian-backed"): stated as a fact, whatever governs it


def pairs(sources, targets, type_, trigger) -> list[RawClaim]:
    """Every source with every target, never an actor mention with itself."""
    return [RawClaim(s, t, type_, trigger) for s in sources for t in targets if s is not t]


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


def actors_at(tok: Token | None, ctx: Context, expand: bool = True) -> list[Mention]:
    """The actor mentions a token stands for: its own mention, or the owners of a generic head
    ('Chinese forces', 'the Taliban's approach'), with coordinated and listed actors."""
    if tok is None:
        return []
    antecedent = _relative_quantifier(tok)
    if antecedent is not None:  # "Oman and Kuwait (all of which were attacked by Iran)"
        return actors_at(antecedent, ctx, expand)
    found = [_role_holder(m, ctx) for m in ctx.mentions_of(tok)] or owners_of(tok, ctx)
    if expand:
        for conj in tok.conjuncts:
            found += ctx.mentions_of(conj) or owners_of(conj, ctx)
        found += _list_continuation(found, ctx)
    return [m for m in unique(found) if not _is_modifier(m, ctx.doc)] + _leaders_of_effort(tok, ctx)


QUANTIFIERS = {"all", "both", "each", "some", "most", "many", "several", "none", "two", "three", "one"}


def _relative_quantifier(tok: Token) -> Token | None:
    """'all of which', 'both of whom' in a relative clause: the noun the clause hangs on."""
    if tok.lower_ not in QUANTIFIERS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in {"which", "whom"} for p in c.children)
               for c in tok.children):
        return None
    verb = tok.head
    return verb.head if verb.dep_ == "relcl" and verb.head.i != verb.i else None


def _leaders_of_effort(tok: Token, ctx: Context) -> list[Mention]:
    """'U.S.-led efforts', 'a Saudi-led campaign': whoever leads an effort (not a group) owns it."""
    if ctx.mentions_of(tok) or tok.pos_ != "NOUN" or tok.lower_ in load("mentions")["described_groups"]:
        return []
    doc, out = ctx.doc, []
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ == "led" and c.i >= 2 and doc[c.i - 1].text in {"-", "–"}:
            out += [m for m in ctx.mentions_of(doc[c.i - 2]) if m.end == c.i - 1]
    return out


def _is_modifier(m: Mention, doc: Doc) -> bool:
    """'Kazakh-led', 'Iranian-backed': a name before a hyphenated verb describes, it is not an argument."""
    return hyphen_verb_after(doc, m.end) is not None


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


def owners_of(tok: Token, ctx: Context) -> list[Mention]:
    """Actors a non-actor noun belongs to: 'the Taliban's approach', 'Chinese forces', 'the U.S. request',
    'members of Hamas', 'demands from UNITA', 'groups such as X', 'the resistance led by X'."""
    out: list[Mention] = []
    if tok.lower_ in word_set("mentions", "not_owner_heads"):
        return out
    for c in tok.children:
        if c.dep_ in {"poss", "compound", "amod", "nmod"}:
            out += [m for m in ctx.mentions_of(c) + _coordinated_modifier(c, ctx) if not _stance_prefixed(m, ctx.doc)]
        elif c.dep_ == "prep" and prep_text(c) in GROUPING_PREPS:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)]
        elif c.dep_ == "prep" and c.lower_ == "in" and tok.lower_ in word_set("mentions", "agent_heads") and not out:
            # "the junta in Niger", "the government in Kabul": the state it governs
            out += [m for p in c.children if p.dep_ == "pobj" for m in ctx.mentions_of(p) if m.type == "state"]
        elif c.dep_ in {"prep", "agent"} and c.lower_ in {"of", "by"} and not out:
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx, expand=c.lower_ != "of")]
        elif c.dep_ == "prep" and c.lower_ == "from" and not out:
            # "demands from UNITA" and "dissidents from Egypt", but not "forces from Panama" (where they left)
            people = tok.lower_ in word_set("mentions", "people_heads")
            out += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, ctx)
                    if people or m.type not in {"state", "place"}]
        elif c.dep_ == "acl" and c.lemma_ in HELD_BY:  # "the resistance led by X", "facilities used by X"
            out += [m for a in c.children if a.dep_ == "agent" for p in a.children for m in actors_at(p, ctx)]
        elif c.dep_ == "acl" and c.lemma_.lower() in ctx.lex["attributing_verbs"]:  # "strikes attributed to X"
            out += prep_objects(c, ctx.lex["attributing_verbs"][c.lemma_.lower()], ctx)
    return out


def _coordinated_modifier(c: Token, ctx: Context) -> list[Mention]:
    """'U.S. and Caribbean Community officials': the parse hangs the first of two coordinated owners
    on the second."""
    if not ctx.mentions_of(c):
        return []
    return [m for x in c.children if x.dep_ in {"nmod", "compound"} and any(y.dep_ == "conj" for y in x.children)
            for m in ctx.mentions_of(x)]


def _stance_prefixed(m: Mention, doc: Doc) -> bool:
    """'the anti-Taliban resistance' is against the Taliban, not the Taliban's."""
    return m.start >= 2 and doc[m.start - 1].text in {"-", "–"} and doc[m.start - 2].lower_ in STANCE_PREFIXES


def prep_text(prep: Token) -> str:
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


def unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


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
        gov = governor(v)[0]
        return owners or (subject_of(gov, ctx, depth + 1) if gov is not None else [])
    if is_passive(v):
        return agent_of(v, ctx)
    subj = [c for c in v.children if c.dep_ in SUBJ_DEPS]
    head = v.head
    if subj and v.dep_ == "relcl" and all(s.tag_ in {"WDT", "WP"} for s in subj):
        # "Hezbollah, which has exchanged fire with Israel"; "X, Y and Z (which ...)": the last one only
        paren = next((t.i for t in v.doc[head.i:subj[0].i] if t.text == "("), None)
        if paren is not None and paren > 0:
            return actors_at(v.doc[paren - 1], ctx, expand=False)
        return actors_at(head, ctx)
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
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised and not agent_of(head, ctx):  # "Russia is believed to have supplied drones"
            return [m for c in raised for m in actors_at(c, ctx)]
        return subject_of(head, ctx, depth + 1)
    if v.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        # "Iraq's efforts to destroy ISIL", "leading the campaign to defeat Daesh": the effort's owner
        return owners_of(head, ctx) or _leaders_of_effort(head, ctx) or (subject_of(governor(head)[0], ctx, depth + 1) if governor(head)[0] is not None else [])
    if v.dep_ in {"relcl", "acl"}:
        return actors_at(head, ctx)
    gerund = v.dep_ == "pobj" and v.tag_ == "VBG"  # "losses in fighting with X"
    if (v.dep_ == "pcomp" or gerund) and head.head.i != head.i:  # "by attacking X": the subject of the verb above
        charged = _charged(head, ctx) if head.lower_ != "by" else []
        return charged or subject_of(head.head, ctx, depth + 1)
    return []


def _charged(prep: Token, ctx: Context) -> list[Mention]:
    """'accused B of harbouring C', 'prevented B from attacking', 'B was blamed for arming C': the one
    the verb above is about does the gerund, not the verb's own subject."""
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs and is_passive(verb):
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return [m for o in objs for m in actors_at(o, ctx)]


def patient_of(v: Token, ctx: Context) -> list[Mention]:
    """Who undergoes `v`: the passive subject or the direct object."""
    if is_passive(v):
        pas = [c for c in v.children if c.dep_ == "nsubjpass"]
        if v.dep_ == "acl" and not pas:  # "Mali's government, led by X": the owner, never the agent itself
            head = v.head
            return list(ctx.mentions_of(head)) or [m for c in head.children if c.dep_ in {"poss", "compound", "amod"}
                                                   for m in ctx.mentions_of(c) if not _stance_prefixed(m, ctx.doc)]
        if not pas and v.dep_ == "conj":  # "civilians were imprisoned and later released": the shared subject
            pas = [c for c in v.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return [m for s in pas for m in actors_at(s, ctx)]
    return [m for c in v.children if c.dep_ in {"dobj", "dative"} for m in actors_at(c, ctx)]


def prep_objects(tok: Token, preps, ctx: Context) -> list[Mention]:
    out = []
    for c in tok.children:
        if (c.dep_ in {"prep", "agent"} or (c.dep_ == "dative" and c.pos_ == "ADP")) and c.lower_ in preps:
            out += [m for p in c.children if p.dep_ in {"pobj", "pcomp"} for m in actors_at(p, ctx)]
    return out


def governor(n: Token) -> tuple[Token | None, bool]:
    """The verb an event noun hangs from, and whether it hangs through a preposition."""
    head = n.head
    if n.dep_ in {"dobj", "attr", "oprd", "nsubjpass", "appos"} and head.pos_ in {"VERB", "AUX"}:
        return head, False
    if n.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return head.head, True
    if n.dep_ in {"amod", "compound"} and head.dep_ in {"dobj", "dative"} and head.head.pos_ == "VERB":
        return head.head, False
    if n.dep_ == "conj":
        return governor(head)
    if n.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "dollars of aid", "tons of arms"
        return governor(head.head)
    return None, False
