"""Candidate pairs of actor mentions and the parse features a learned scorer reads from them.

Every two non-overlapping actor mentions in one sentence are a candidate (a pronoun or "the
group" resolved by coref.py is a mention of its antecedent's actor, so a pair also reaches across
a sentence boundary that way). The features are strings: the dependency path between the two
mentions, the word that joins them (their lowest common head) and its cue type in the event
lexicon, trigger lemmas and prepositions on the path, negation and modal cues, distance, mention
kinds and actor types, and which hand-written rule (if any) already reads a claim here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Token

from .arguments import RawClaim
from .lexicon import load
from .mentions import Mention

MAX_PATH = 6
MODALS = {"may", "might", "could", "would", "should", "must", "can", "will"}
DISTANCES = (2, 4, 8, 15, 30)


@dataclass
class Candidate:
    """Two actor mentions of one sentence, in text order, with the features of their pair."""
    first: Mention
    second: Mention
    features: list[str]
    head: Token  # their lowest common head: where a learned claim reads its trigger and modality


def candidates(doc: Doc, mentions: list[Mention], claims: list[RawClaim]) -> list[Candidate]:
    """Every pair of non-overlapping mentions in one sentence, and every pair a rule claim joins."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    rules = _rule_index(claims)
    parse = _Parse(doc)
    sentence = {id(m): parse.root(m).sent.start for m in ordered}  # spaCy builds a Span per `.sent`: once each
    seen: set[tuple[int, int]] = set()
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if a.overlaps(b) or sentence[id(a)] != sentence[id(b)]:
                continue
            seen.add((id(a), id(b)))
            found.append(_candidate(parse, a, b, rules))
    for c in claims:
        a, b = sorted((c.source, c.target), key=lambda m: (m.start, m.end))
        if a is not b and (id(a), id(b)) not in seen and not a.overlaps(b):
            seen.add((id(a), id(b)))
            found.append(_candidate(parse, a, b, rules))
    return found


class _Parse:
    """What the pair features read from one parsed chunk, computed once per mention or token: a chunk
    with m mentions has about m*m/2 pairs, and each would otherwise rebuild the same spans and paths."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._roots: dict[tuple[int, int], Token] = {}
        self._chains: dict[int, tuple[list[Token], dict[int, int]]] = {}
        self._cues: dict[int, str | None] = {}

    def root(self, m: Mention) -> Token:
        key = (m.start, m.end)
        if key not in self._roots:
            self._roots[key] = _root(self.doc, m)
        return self._roots[key]

    def chain(self, tok: Token) -> tuple[list[Token], dict[int, int]]:
        """The token and its ancestors, and each one's position in that list by token index."""
        if tok.i not in self._chains:
            chain = [tok, *tok.ancestors]
            self._chains[tok.i] = chain, {t.i: k for k, t in enumerate(chain)}
        return self._chains[tok.i]

    def cue(self, tok: Token) -> str | None:
        if tok.i not in self._cues:
            self._cues[tok.i] = _cue_type(tok)
        return self._cues[tok.i]


def _rule_index(claims: list[RawClaim]) -> dict[tuple[int, int], list[str]]:
    """Rule claims by the ids of their two mentions, each as TYPE:fwd (source first in text) or TYPE:rev."""
    index: dict[tuple[int, int], list[str]] = {}
    for c in claims:
        forward = (c.source.start, c.source.end) <= (c.target.start, c.target.end)
        key = (id(c.source), id(c.target)) if forward else (id(c.target), id(c.source))
        index.setdefault(key, []).append(f"{c.type}:{'fwd' if forward else 'rev'}")
    return index


def _root(doc: Doc, m: Mention) -> Token:
    return doc[m.start:m.end].root


def _candidate(parse: "_Parse", a: Mention, b: Mention, rules: dict[tuple[int, int], list[str]]) -> Candidate:
    up, head, down = _path(parse, parse.root(a), parse.root(b))
    feats = _path_features(up, head, down, parse.cue) + _between_features(parse, a, b)
    feats += [f"kinds={a.kind}|{b.kind}", f"dist={_bucket(b.start - a.end)}",
              f"known={int(a.entry is not None)}|{int(b.entry is not None)}"]
    hits = rules.get((id(a), id(b)), [])
    feats += [f"rule={h}" for h in hits] + [f"rule_type={h.split(':')[0]}" for h in hits]
    feats.append("rule" if hits else "no_rule")
    return Candidate(a, b, feats, head)


def _path(parse: "_Parse", a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    """(tokens from a up to, not including, the common head; the head; tokens from b up, likewise)."""
    chain_a, at = parse.chain(a)
    chain_b, _ = parse.chain(b)
    for k, t in enumerate(chain_b):
        if t.i in at:
            return chain_a[:at[t.i]], t, chain_b[:k]
    return list(chain_a), chain_a[-1], list(chain_b)  # two roots (a parse split inside the sentence)


def _cue_type(tok: Token) -> str | None:
    lex = load("events")
    lemma = tok.lemma_.lower()
    for table in ("verbs", "nouns", "adjectives"):
        entry = (lex.get(table) or {}).get(lemma) or (lex.get(table) or {}).get(tok.lower_)
        if isinstance(entry, dict) and entry.get("type"):
            return entry["type"]
    return None


def _path_features(up: list[Token], head: Token, down: list[Token],
                   cue_type: Callable[[Token], str | None]) -> list[str]:
    deps_up = [t.dep_ for t in up]
    deps_down = [t.dep_ for t in reversed(down)]
    length = len(up) + len(down)
    path = "^".join(deps_up) + f"^{head.pos_}_" + "_".join(deps_down)
    feats = [f"path={path}" if length <= MAX_PATH else "path=long", f"path_len={min(length, 8)}",
             f"head={head.lemma_.lower()}", f"head_pos={head.pos_}",
             f"role={deps_up[0] if deps_up else 'head'}|{deps_down[-1] if deps_down else 'head'}",
             f"head_role={head.lemma_.lower()}|{deps_up[0] if deps_up else 'head'}|"
             f"{deps_down[-1] if deps_down else 'head'}"]
    cue = cue_type(head)
    feats.append(f"head_cue={cue}" if cue else "head_cue=none")
    inner = up[1:] + down[1:]
    for t in inner:
        if t.pos_ in {"VERB", "NOUN", "ADJ"}:
            feats.append(f"on={t.lemma_.lower()}")
            inner_cue = cue_type(t)
            if inner_cue:
                feats.append(f"on_cue={inner_cue}")
        elif t.dep_ == "prep":
            feats.append(f"prep={t.lower_}")
    feats += _scope_features([head, *inner])
    return feats


def _scope_features(tokens: list[Token]) -> list[str]:
    """Negation and modal cues on the words that join the two mentions."""
    feats = []
    for t in tokens:
        for c in t.children:
            if c.dep_ == "neg":
                feats.append("neg")
            elif c.dep_ == "aux" and c.lower_ in MODALS:
                feats.append(f"modal={c.lower_}")
    return sorted(set(feats))


def _between_features(parse: "_Parse", a: Mention, b: Mention) -> list[str]:
    between = parse.doc[a.end:b.start]
    feats = []
    bracketed = False
    for t in between:
        cue = parse.cue(t) if t.pos_ in {"VERB", "NOUN", "ADJ"} else None
        if cue:
            feats.append(f"between_cue={cue}")
        if t.lower_ in {"and", "or", ","} and len(between) <= 2:
            feats.append("listed_together")
        bracketed = bracketed or t.text in {"(", ")"}
    if bracketed:
        feats.append("parenthesis")
    return sorted(set(feats))


def _bucket(distance: int) -> str:
    for d in DISTANCES:
        if distance <= d:
            return f"<={d}"
    return f">{DISTANCES[-1]}"


def document_features(ends: list[tuple[str, str]], features: list[list[str]],
                      types: dict[str, str] | None = None) -> list[list[str]]:
    """Each pair's features plus what the whole document says about its two actors: in how many
    candidate pairs they meet, whether a rule reads a claim between them anywhere, and how central
    each of the two is (in how many candidate pairs it takes part: peripheral names are rarely in a
    brief's gold graph), and the two actors' types as resolved over the whole document (a mention's own
    type can be a one-off misreading). `ends` are the two actor ids of each pair (in the order of
    `features`); `types` maps actor ids to actor types."""
    meets: dict[frozenset, int] = {}
    ruled: dict[frozenset, set[str]] = {}
    pairs_of: dict[str, int] = {}
    for (a, b), feats in zip(ends, features):
        key = frozenset((a, b))
        meets[key] = meets.get(key, 0) + 1
        ruled.setdefault(key, set()).update(f.split("=", 1)[1] for f in feats if f.startswith("rule_type="))
        for actor in (a, b):
            pairs_of[actor] = pairs_of.get(actor, 0) + 1
    out = []
    for (a, b), feats in zip(ends, features):
        key = frozenset((a, b))
        central = [_bucket(n) for n in sorted(pairs_of[x] for x in (a, b))]
        extra = [f"pair_meets={min(meets[key], 5)}", f"central_least={central[0]}", f"central={'|'.join(central)}",
                 f"types={(types or {}).get(a, '?')}|{(types or {}).get(b, '?')}"]
        extra += [f"pair_ruled={t}" for t in sorted(ruled[key])] or ["pair_ruled=none"]
        out.append(feats + extra)
    return out
