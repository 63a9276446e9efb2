"""The three re3d scores: actor mentions, signed relations and aliases.

Each scorer takes (re3d document, that document's predicted Graph) pairs; see
docs/EVALUATION.md for the rules in words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from ..model import Actor, Graph, Span
from .common import mentions_in, overlaps, prf, ratio, sentence_around

if TYPE_CHECKING:
    from .re3d import GoldRelation, GoldSpan, Re3dDoc

MIN_CONFIDENCE = 0.5
ACTOR_TYPES = ("Organisation", "Person", "Nationality")
# The re3d type a wrong prediction counts against, by the predicted actor's type.
PREDICTED_AS = {"person": "Person", "ethnic_group": "Nationality"}
SIGNS = {"AlliesOf": 1, "Likes": 1, "FightingAgainst": -1, "Dislikes": -1, "InChargeOf": 0, "BelongsTo": 0}
STRUCTURAL = frozenset({"LEADER_OF", "MEMBER_OF", "AFFILIATE_OF"})
Pairs = list[tuple["Re3dDoc", Graph]]


def _hit(a: Span | "GoldSpan", b: Span | "GoldSpan") -> bool:
    return overlaps(a.start, a.end, b.start, b.end)


def _same(a: Span, b: "GoldSpan") -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _where(doc: "Re3dDoc", start: int, end: int) -> dict[str, str]:
    return {"document": doc.document.path, "sentence": sentence_around(doc.document.text, start, end)}


# ---- actor mentions ---------------------------------------------------------------------------

class EntityTally:
    """Counts for one matching mode (exact or overlap), by re3d type."""

    def __init__(self, exact: bool):
        self.exact = exact
        self.counts = {t: {"gold": 0, "found": 0, "predicted": 0, "correct": 0} for t in ACTOR_TYPES}
        self.neutral = 0
        self.kinds: dict[str, dict[str, int]] = {}  # predicted mentions by how they name the actor
        self.missed: list[dict[str, Any]] = []
        self.false: list[dict[str, Any]] = []

    def matches(self, p: Span, g: "GoldSpan") -> bool:
        return _same(p, g) if self.exact else _hit(p, g)

    def add_gold(self, doc: "Re3dDoc", gold: list["GoldSpan"], spans: list[Span]) -> None:
        for g in gold:
            self.counts[g.type]["gold"] += 1
            if any(self.matches(p, g) for p in spans):
                self.counts[g.type]["found"] += 1
            else:
                near = [p.text for p in spans if _hit(p, g)]
                self.missed.append({"type": g.type, "text": g.text, "predicted_overlap": near,
                                    **_where(doc, g.start, g.end)})

    def add_prediction(self, doc: "Re3dDoc", actor: Actor, p: Span, gold: list["GoldSpan"],
                       neutral: list["GoldSpan"]) -> None:
        hit = next((g for g in gold if self.matches(p, g)), None)
        near = next((g for g in gold if _hit(p, g)), None)
        kind = self.kinds.setdefault(getattr(p, "kind", None) or "unmarked", {"correct": 0, "false": 0, "neutral": 0})
        if hit is not None:
            self.counts[hit.type]["predicted"] += 1
            self.counts[hit.type]["correct"] += 1
            kind["correct"] += 1
        elif near is None and any(_hit(p, n) for n in neutral):
            self.neutral += 1
            kind["neutral"] += 1
        else:
            kind["false"] += 1
            self.counts[near.type if near else PREDICTED_AS.get(actor.type, "Organisation")]["predicted"] += 1
            self.false.append({"text": p.text, "actor": actor.name, "actor_type": actor.type,
                               "kind": getattr(p, "kind", None),
                               "gold_overlap": near.text if near else None, **_where(doc, p.start, p.end)})

    def result(self) -> dict[str, Any]:
        by_type = {t: prf(c["correct"], c["predicted"], c["found"], c["gold"]) for t, c in self.counts.items()}
        total = {k: sum(c[k] for c in self.counts.values()) for k in ("correct", "predicted", "found", "gold")}
        scored = [m["f1"] for m in by_type.values() if m["gold"]]
        return {**prf(total["correct"], total["predicted"], total["found"], total["gold"]),
                "macro_f1": ratio(sum(scored), len(scored)), "neutral": self.neutral, "by_type": by_type,
                "by_mention_kind": dict(sorted(self.kinds.items()))}


def score_entities(pairs: Pairs, errors: bool = False) -> dict[str, Any]:
    """Mention precision/recall/F1 against Organisation, Person and Nationality spans, exact and overlap.

    Predictions that touch no actor span but overlap another labelled span (Location, Weapon, ...)
    or a low-confidence span are neutral."""
    exact, loose = EntityTally(True), EntityTally(False)
    for doc, graph in pairs:
        gold = [g for g in doc.entities if g.type in ACTOR_TYPES]
        neutral = [g for g in doc.entities if g.type not in ACTOR_TYPES] + doc.uncertain
        mentions = mentions_in(graph, doc.document.id)
        for tally in (exact, loose):
            tally.add_gold(doc, gold, [m for _, m in mentions])
            for actor, span in mentions:
                tally.add_prediction(doc, actor, span, gold, neutral)
    out = {**exact.result(), "match": "exact", "overlap": loose.result()}
    if errors:
        out["errors"] = {"missed": loose.missed, "false": loose.false,
                         "boundary": [m for m in exact.missed if m["predicted_overlap"]]}
    return out


# ---- signed relations -------------------------------------------------------------------------

@dataclass(frozen=True)
class Instance:
    """One evidence occurrence of a predicted relation, with its actors' mentions in that evidence."""
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]
    sign: int
    type: str
    evidence: Span
    label: str

    def touches(self, r: "GoldRelation") -> bool:
        """Both endpoints overlap the gold pair, in either direction, whatever the sign."""
        return self._ends(r.source, r.target) or self._ends(r.target, r.source)

    def fits(self, r: "GoldRelation") -> bool:
        sign = SIGNS.get(r.type)
        if sign is None or sign != self.sign:
            return False
        return self._ends(r.source, r.target) or (sign != 0 and self._ends(r.target, r.source))

    def _ends(self, src: "GoldSpan", tgt: "GoldSpan") -> bool:
        return any(_hit(s, src) for s in self.sources) and any(_hit(t, tgt) for t in self.targets)


def _in_scope(rel) -> bool:
    if rel.modality.status == "negated":
        return False
    return rel.sign in (1, -1) or (rel.sign == 0 and rel.type.upper() in STRUCTURAL)


def _inside(actor: Actor | None, ev: Span) -> tuple[Span, ...]:
    if actor is None:
        return ()
    return tuple(m for m in actor.mentions if m.doc == ev.doc and ev.start <= m.start and m.end <= ev.end)


def instances(graph: Graph, doc_id: str) -> list[Instance]:
    """Every in-scope, non-negated predicted relation occurrence in one document."""
    actors = {a.id: a for a in graph.actors}
    seen, found = set(), []
    for rel in filter(_in_scope, graph.relations):
        for ev in (e for e in rel.evidence if e.doc == doc_id):
            key = (ev.start, ev.end, rel.source, rel.target, rel.sign)
            if key in seen:
                continue
            seen.add(key)
            src, tgt = actors.get(rel.source), actors.get(rel.target)
            label = f"{src.name if src else rel.source} -[{rel.type} {rel.sign:+d}]-> {tgt.name if tgt else rel.target}"
            found.append(Instance(_inside(src, ev), _inside(tgt, ev), rel.sign, rel.type, ev, label))
    return found


def _scoped_gold(doc: "Re3dDoc") -> tuple[list["GoldRelation"], list["GoldRelation"], list["GoldRelation"]]:
    """(gold relations to find, other signed/structural gold relations, unsigned or uncertain ones)."""
    scored, other, neutral = [], [], []
    for r in doc.relations:
        sign = SIGNS.get(r.type)
        if sign is None or r.confidence < MIN_CONFIDENCE:
            neutral.append(r)
            continue
        kinds = ACTOR_TYPES if sign == 0 else (*ACTOR_TYPES, "Location")
        actors = [g for g in doc.entities if g.type in kinds]
        in_scope = any(_hit(r.source, g) for g in actors) and any(_hit(r.target, g) for g in actors)
        (scored if in_scope else other).append(r)
    return scored, other, neutral


def _anchored(inst: Instance, spans: list["GoldSpan"]) -> bool:
    return any(_hit(s, g) for s in inst.sources for g in spans) and \
        any(_hit(t, g) for t in inst.targets for g in spans)


def _sign_key(sign: int) -> str:
    return f"{sign:+d}" if sign else "0"


class RelationTally:
    def __init__(self):
        self.counts = {k: {"gold": 0, "found": 0, "predicted": 0, "correct": 0} for k in ("+1", "-1", "0")}
        self.neutral = self.unanchored = self.out_of_scope = self.unsigned = 0
        self.missed: list[dict[str, Any]] = []
        self.false: list[dict[str, Any]] = []

    def add_doc(self, doc: "Re3dDoc", graph: Graph) -> None:
        scored, other, neutral = _scoped_gold(doc)
        self.out_of_scope += len(other)
        self.unsigned += len(neutral)
        preds = instances(graph, doc.document.id)
        for r in scored:
            self._gold(doc, r, preds)
        spans = list(doc.entities) + [s for r in doc.relations for s in (r.source, r.target)]
        for inst in preds:
            self._prediction(doc, inst, scored + other, neutral, spans)

    def _gold(self, doc: "Re3dDoc", r: "GoldRelation", preds: list[Instance]) -> None:
        c = self.counts[_sign_key(SIGNS[r.type])]
        c["gold"] += 1
        if any(p.fits(r) for p in preds):
            c["found"] += 1
        else:
            self.missed.append({"type": r.type, "source": r.source.text, "target": r.target.text, "cue": r.cue,
                                **_where(doc, min(r.source.start, r.target.start), max(r.source.end, r.target.end))})

    def _prediction(self, doc, inst: Instance, signed, neutral, spans) -> None:
        if not _anchored(inst, spans):
            self.unanchored += 1
            return
        c = self.counts[_sign_key(inst.sign)]
        if any(inst.fits(r) for r in signed):
            c["predicted"] += 1
            c["correct"] += 1
        elif not any(inst.touches(r) for r in signed) and any(inst.touches(r) for r in neutral):
            self.neutral += 1
        else:
            c["predicted"] += 1
            self.false.append({"relation": inst.label, "document": doc.document.path,
                               "sentence": " ".join(inst.evidence.text.split())})

    def result(self, errors: bool) -> dict[str, Any]:
        total = {k: sum(c[k] for c in self.counts.values()) for k in ("correct", "predicted", "found", "gold")}
        out = {**prf(total["correct"], total["predicted"], total["found"], total["gold"]),
               "by_sign": {k: prf(c["correct"], c["predicted"], c["found"], c["gold"]) for k, c in self.counts.items()},
               "neutral": self.neutral, "unanchored": self.unanchored,
               "gold_out_of_scope": self.out_of_scope, "gold_unsigned_or_uncertain": self.unsigned}
        if errors:
            out["errors"] = {"missed": self.missed, "false": self.false}
        return out


def score_relations(pairs: Pairs, errors: bool = False) -> dict[str, Any]:
    """Signed relations: AlliesOf/Likes +1, FightingAgainst/Dislikes -1, InChargeOf/BelongsTo structural."""
    tally = RelationTally()
    for doc, graph in pairs:
        tally.add_doc(doc, graph)
    return tally.result(errors)


# ---- aliases ----------------------------------------------------------------------------------

def _resolve(span: "GoldSpan", mentions: Iterable[tuple[Actor, Span]]) -> Actor | None:
    """The actor whose mention shares most characters with the span."""
    best, best_len = None, 0
    for actor, m in mentions:
        shared = min(m.end, span.end) - max(m.start, span.start)
        if shared > best_len:
            best, best_len = actor, shared
    return best


def _alias_pairs(doc: "Re3dDoc") -> list["GoldRelation"]:
    seen, pairs = set(), []
    for r in doc.relations:
        key = frozenset({(r.source.start, r.source.end), (r.target.start, r.target.end)})
        if r.type == "IsSynonymOf" and r.confidence >= MIN_CONFIDENCE and len(key) == 2 and key not in seen:
            seen.add(key)
            pairs.append(r)
    return pairs


def score_aliases(pairs: Pairs, errors: bool = False) -> dict[str, Any]:
    """The share of IsSynonymOf pairs whose two spans resolve to the same predicted actor."""
    total = resolved = same = 0
    missed = []
    for doc, graph in pairs:
        mentions = mentions_in(graph, doc.document.id)
        for r in _alias_pairs(doc):
            a, b = _resolve(r.source, mentions), _resolve(r.target, mentions)
            total += 1
            resolved += a is not None and b is not None
            if a is not None and a is b:
                same += 1
            else:
                missed.append({"names": [r.source.text, r.target.text],
                               "actors": [a.name if a else None, b.name if b else None],
                               **_where(doc, min(r.source.start, r.target.start), max(r.source.end, r.target.end))})
    out = {"recall": ratio(same, total), "pairs": total, "same_actor": same, "both_resolved": resolved}
    if errors:
        out["errors"] = {"missed": missed}
    return out
