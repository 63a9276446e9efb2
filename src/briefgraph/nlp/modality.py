"""Modality of a claim from the cues that govern its trigger word (ontology/modality.yaml).

A cue counts only when it is attached to the trigger or to a verb or noun above it in the same
chain of clauses: "did not arm the rebels, but trained them" negates the arming only.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..model import Modality
from .lexicon import load

# How far up the tree a cue may sit: complement clauses carry modality, relative clauses do not.
CLIMB_DEPS = {"xcomp", "ccomp", "acomp", "conj", "dobj", "pobj", "prep", "pcomp", "advcl", "attr", "oprd", "acl",
              "auxpass", "amod", "compound", "dative", "nsubj", "nsubjpass"}

# Complements and objects take the modal, negation and hedges of the verb above them;
# adverbial and relative clauses and modifiers do not.
INHERITING_DEPS = {"xcomp", "ccomp", "prep", "pobj", "pcomp", "dobj", "acomp", "oprd", "attr"}
# Strength when cues compete: negation beats everything; hypothetical beats epistemic; reported last.
RANK = {"negated": 6, "hypothetical": 5, "unlikely": 4, "possible": 3, "probable": 2, "reported": 1, "certain": 0,
        "asserted": -1}


def _cfg() -> dict:
    return load("modality")


def _icd(tok: Token) -> tuple[str, float, str] | None:
    """ICD 203 phrase made of this adverb/adjective and its modifier ('highly likely')."""
    table = _cfg()["icd203"]
    mods = [c for c in tok.children if c.dep_ == "advmod" and c.i < tok.i]
    for phrase in ([f"{m.lower_} {tok.lower_}" for m in mods] + [tok.lower_]):
        if phrase in table:
            status, p = table[phrase]
            return status, float(p), phrase
    return None


def _is_not_only(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.lower_ in {"only", "merely", "just"}


def _future_in_past(aux: Token) -> bool:
    """'X indicated it would refuse': 'would' reports a stance taken, not a hypothesis."""
    verb = aux.head
    top = verb.head
    return (aux.lower_ == "would" and verb.dep_ == "ccomp" and top.tag_ in {"VBD", "VBN"}
            and top.lemma_ in _cfg()["past_communication_verbs"])


def _child_cues(tok: Token) -> list[tuple[str, str, float | None]]:
    """Cues attached directly to one verb or noun: negation, modal auxiliaries, hedging adverbs, 'if'."""
    cfg, out = _cfg(), []
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (low in cfg["never_words"] and c.dep_ in {"advmod", "det", "preconj"}):
            if not _is_not_only(c):
                out.append(("negated", low, None))
        elif c.dep_ == "aux" and low in {"can", "ca"} and any(x.dep_ == "neg" for x in tok.children):
            continue
        elif c.dep_ in {"aux", "auxpass"} and cfg["auxiliaries"].get(low):
            if not _future_in_past(c):
                out.append((cfg["auxiliaries"][low], low, None))
        elif c.dep_ in {"advmod", "amod", "acomp"}:
            icd = _icd(c)
            if icd:
                out.append((icd[0], icd[2], icd[1]))
            elif low in cfg["adverbs"]:
                out.append((cfg["adverbs"][low], low, None))
        elif c.dep_ == "mark" and low in cfg["conditional_marks"]:
            out.append(("hypothetical", low, None))
        elif c.dep_ == "acl" and c.lemma_.lower() in cfg["attributing_verbs"]:  # "strikes attributed to X"
            out.append(("reported", c.lemma_.lower(), None))
    return out


def _head_cue(child: Token, head: Token, claim_type: str | None = None) -> tuple[str, str, float | None] | None:
    """A governing verb or noun above the trigger that sets its status ('appeared set to', 'reports of')."""
    cfg = _cfg()
    if child.dep_ in {"xcomp", "ccomp", "acomp", "oprd"} and head.pos_ in {"VERB", "AUX", "ADJ"}:
        if head.lemma_ in cfg["attempt_verbs"] and claim_type in cfg["attempt_types"]:
            return "asserted", f"{head.lemma_}ed attempt", None  # "failed to dislodge X": the assault took place
        status = cfg["governing_verbs"].get(head.lemma_)
        if status:
            return status, head.lemma_, None
        icd = _icd(head)
        if icd:
            return icd[0], icd[2], icd[1]
    if child.dep_ == "prep" and child.lower_ == "as" and head.pos_ == "VERB":  # "is seen as", "regarded as"
        status = cfg["governing_verbs"].get(head.lemma_)
        if status:
            return status, head.lemma_, None
    if child.dep_ in {"nsubjpass", "dobj"} and head.lemma_.lower() in cfg["attributing_verbs"]:
        return "reported", head.lemma_.lower(), None  # "the attacks were attributed to X"
    if child.dep_ == "prep" and child.lower_ in {"of", "for"} and head.lemma_ in cfg["charging_verbs"]:
        return "reported", head.lemma_, None  # "accused B of harbouring C": the accuser's claim
    if head.pos_ == "NOUN" and child.dep_ in {"acl", "ccomp", "prep", "relcl", "pobj"}:
        status = cfg["governing_nouns"].get(head.lower_)
        if status:
            return status, head.lower_, None
    if head.dep_ == "prep" and head.lower_ in cfg["negating_preps"]:
        return "negated", head.lower_, None
    return None


def _broken_pledge(tok: Token) -> bool:
    """'violated its commitment to ...', 'reneged on its pledge to ...': a pledge the actor broke."""
    cfg = _cfg()
    if tok.lemma_.lower() not in cfg["pledge_nouns"]:
        return False
    gov = tok.head if tok.dep_ in {"dobj", "nsubjpass"} else tok.head.head if tok.dep_ == "pobj" else None
    return gov is not None and gov.lemma_.lower() in cfg["violating_verbs"]


def modality_of(trigger: Token, claim_type: str | None = None) -> Modality:
    """The status, ICD 203 probability and cues of a claim whose trigger word is `trigger`
    (`claim_type` tells an attempt that failed from an act that never happened)."""
    cues: list[tuple[str, str, float | None]] = list(_child_cues(trigger))
    tok = trigger
    for _ in range(8):
        head = tok.head
        if head.i == tok.i or tok.dep_ not in CLIMB_DEPS:  # spaCy makes a new Token on each access: compare indices
            break
        if tok.dep_ == "conj":  # a coordinated verb shares its head's modal, not its negation
            cues += [c for c in _child_cues(head) if c[0] != "negated"]
            tok = head
            continue
        found = _head_cue(tok, head, claim_type)
        if _broken_pledge(head):  # a broken pledge not to act says the act happened; a pledge to act, that it did not
            negated = any(c[0] == "negated" for c in cues)
            cues = [("asserted" if negated else "negated", f"broken {head.lemma_.lower()}", None)]
            found = None
        if found:
            cues.append(found)
        if tok.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
            # "a campaign against X could deepen the crisis": the verb's modal hedges the event;
            # "clashes have not weakened them": its negation does not deny the event.
            cues += [c for c in _child_cues(head) if c[0] != "negated"]
            break
        if (head.pos_ in {"VERB", "AUX"} or head.dep_ == "prep") and tok.dep_ in INHERITING_DEPS:
            cues += _child_cues(head)
        tok = head
    cues += _reporting_phrase(trigger)
    return _combine(cues)


def _reporting_phrase(trigger: Token) -> list[tuple[str, str, float | None]]:
    sent = trigger.sent
    before = trigger.doc[sent.start:trigger.i].text.lower()
    return [("reported", p, None) for p in _cfg()["reporting_phrases"] if p in before]


def _combine(cues: list[tuple[str, str, float | None]]) -> Modality:
    if not cues:
        return Modality("asserted", None, [])
    status = max(cues, key=lambda c: RANK[c[0]])[0]
    probability = next((p for s, _, p in cues if p is not None and s == status), None)
    names = []
    for _, word, _ in cues:
        if word not in names:
            names.append(word)
    return Modality(status, probability, names)
