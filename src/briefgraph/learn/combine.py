"""Where the hand-written rules and the learned pair scorer meet: the one place a confidence is made.

A rule claim's confidence is the scorer's chance that a relation holds between its two actors,
P(relation); the rule decides sign, type and direction. A pair no rule reads becomes a learned claim when
the scorer's chance of its best reading (relation, sign, direction) reaches `ADD_AT`; its type is the
most likely type of that sign, its modality is read by the rules at the word joining the two mentions.
After that decision, claims read as hedged (negated, possible, hypothetical) and claims the scorer
alone reads are scaled down: both were less often right leave-one-brief-out than their scores said.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Protocol

from ..nlp.lexicon import load
from ..nlp.pairs import document_features
from .model import PairModel, PairScore

ADD_AT = 0.55  # chosen by leave-one-brief-out on the development set (docs/EVALUATION.md)
LEARNED_TYPES_EXCLUDED = {"ALIAS_OF"}  # aliases are the resolver's business, never a claim
# A brief's graph records what holds: a sentence read as negated, possible or hypothetical is less often a
# relation of that graph than one read as asserted or reported, whatever the scorer says of the pair.
# This one factor was chosen by leave-one-brief-out (docs/EVALUATION.md); the model file carries it.
HEDGED = {"negated", "possible", "hypothetical"}
HEDGED_WEIGHT = 0.7
# A pair the scorer alone reads is less often right than one a rule reads too (held out, relations made
# only of learned claims were right about a quarter of the time): its confidence is scaled after the
# add decision, so this reorders relations and changes none. Chosen by leave-one-brief-out.
LEARNED_WEIGHT = 0.7


class PairLike(Protocol):
    first: object
    second: object
    features: list[str]
    start: int


class ClaimLike(Protocol):
    source: object
    target: object
    type: str
    start: int
    confidence: float


@dataclass
class Reading:
    """A claim the scorer adds: the pair, which end is the source, its type and confidence."""
    pair: PairLike
    forward: bool
    type: str
    confidence: float


def _sign(type_: str) -> int:
    return _signs()[type_]


@lru_cache(maxsize=1)
def _signs() -> dict[str, int]:
    return {t: int(info["sign"]) for t, info in load("events")["types"].items()}


def status_weight(read: object, model: PairModel) -> float:
    """How much a claim (or pair) read under its modality status keeps of its pair's confidence;
    one without a modality counts as asserted."""
    status = getattr(getattr(read, "modality", None), "status", "asserted")
    return float(model.meta.get("hedged_weight", HEDGED_WEIGHT)) if status in HEDGED else 1.0


def best_reading(pair: PairLike, score: PairScore) -> Reading | None:
    types = {t: p for t, p in score.types.items() if t in load("events")["types"] and t not in LEARNED_TYPES_EXCLUDED}
    if not types:
        return None
    by_sign: dict[int, float] = {}
    for t, p in types.items():
        by_sign[_sign(t)] = by_sign.get(_sign(t), 0.0) + p
    sign = max(by_sign, key=lambda s: (by_sign[s], s))
    type_ = max((t for t in types if _sign(t) == sign), key=lambda t: (types[t], t))
    forward = score.forward >= 0.5
    direction = score.forward if forward else 1.0 - score.forward
    return Reading(pair, forward, type_, score.relation * by_sign[sign] * direction)


class _Scores:
    """Each pair's score, computed when first asked: a pair a rule reads needs only P(relation), and a pair
    between one actor, unresolved mentions or actors a rule already joins there needs no score at all."""

    def __init__(self, pairs: list[PairLike], model: PairModel, actor_of, types: dict[str, str] | None):
        ends = [(actor_of(p.first) or "?", actor_of(p.second) or "?") for p in pairs]
        feats = document_features(ends, [p.features for p in pairs], types)
        self.model = model
        self.features = {id(p): f for p, f in zip(pairs, feats)}
        self.full: dict[int, PairScore] = {}

    def relation(self, pair: PairLike) -> float:
        found = self.full.get(id(pair))
        return found.relation if found is not None else self.model.relation(self.features[id(pair)])

    def __getitem__(self, pair: PairLike) -> PairScore:
        if id(pair) not in self.full:
            self.full[id(pair)] = self.model.score(self.features[id(pair)])
        return self.full[id(pair)]


def combine(rule_claims: list[ClaimLike], pairs: list[PairLike], model: PairModel,
            actor_of: Callable[[object], str | None], add_at: float | None = None,
            types: dict[str, str] | None = None) -> list[Reading]:
    """Set every rule claim's confidence and return the readings the scorer adds on top of the rules.
    `types` maps actor ids to their resolved types."""
    add_at = float(model.meta.get("add_at", ADD_AT)) if add_at is None else add_at
    by_mentions = {(id(p.first), id(p.second)): p for p in pairs}
    scores = _Scores(pairs, model, actor_of, types)
    read_by_rules: set[tuple[frozenset, int]] = set()
    for c in rule_claims:
        pair = by_mentions.get((id(c.source), id(c.target))) or by_mentions.get((id(c.target), id(c.source)))
        if pair is not None:
            # P(relation) alone: the rule's sign comes from the lexicon and is more often right than the type
            # head's guess (multiplying by P(sign) ordered rule claims worse leave-one-brief-out).
            c.confidence = scores.relation(pair) * status_weight(c, model)
        read_by_rules.add((frozenset((actor_of(c.source), actor_of(c.target))), c.start))
    added = []
    for p in pairs:
        a, b = actor_of(p.first), actor_of(p.second)
        if a is None or b is None or a == b or (frozenset((a, b)), p.start) in read_by_rules:
            continue
        reading = best_reading(p, scores[p])
        if reading is not None and reading.confidence >= add_at:
            reading.confidence *= status_weight(p, model) * float(model.meta.get("learned_weight", LEARNED_WEIGHT))
            added.append(reading)
    return added
