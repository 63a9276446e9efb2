"""Pledges and commitments, set against what the actor is said to do.

A pledge is a relation that is an AGREE with hypothetical or future modality, or whose evidence
uses a pledge word ("pledge", "commitment", "promise", "vowed", "undertook", ...). Its pledged sign
is the relation's sign, reversed when the pledge is negated ("committed to not allowing al-Qaeda"
pledges hostility toward al-Qaeda). The pledger's other relations to the pledged target (or to an
actor structurally tied to it: member, leader, affiliate, alias) then decide its status:

- violated: a factual or reported relation of the opposite sign, or one whose evidence says
  "violated", "breached", "broke", "reneged" or "failed to live up to";
- kept: no such violation, and a factual or reported relation of the pledged sign;
- unclear: neither, or only hedged contradictions.

Evidence from documents dated before the pledge's document is not held against it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Graph, Relation

PLEDGE_CUES = re.compile(
    r"\b(pledg\w*|commitments?|committed to|commits? to|promis\w*|vow\w*|undert(?:ook|ake|akes|aken|aking))\b", re.I)
VIOLATION_CUES = re.compile(
    r"\b(violat\w*|breach\w*|broke|broken|reneged?|reneg(?:es|ing)|fail\w* to (?:live up|honou?r|keep|abide))\b", re.I)
FUTURE_CUES = frozenset({"will", "would", "shall", "going to", "plans to", "intends to", "future"})
ESTABLISHED = frozenset({"asserted", "certain", "reported"})
UNREAL = frozenset({"hypothetical", "negated"})


@dataclass
class Commitment:
    actor: str
    target: str
    pledged_sign: int
    pledges: list[Relation] = field(default_factory=list)
    violations: list[Relation] = field(default_factory=list)
    support: list[Relation] = field(default_factory=list)
    hedged: list[Relation] = field(default_factory=list)  # contradictions stated only as possible

    @property
    def status(self) -> str:
        if self.violations:
            return "violated"
        return "kept" if self.support else "unclear"


def _texts(rel: Relation) -> list[str]:
    return [span.text for span in rel.evidence]


# Every pledge cue holds one of these; an ASCII sentence without any of them cannot match, so the
# regular expression (a few times slower than a substring test) reads only the rest.
PLEDGE_STEMS = ("pledg", "commit", "promis", "vow", "undert")


def _says_pledge(text: str) -> bool:
    if text.isascii():  # beyond ASCII, case-insensitive matching is more than lower() (e.g. the long s)
        lowered = text.lower()
        if not any(stem in lowered for stem in PLEDGE_STEMS):
            return False
    return PLEDGE_CUES.search(text) is not None


def is_pledge(rel: Relation) -> bool:
    if rel.sign == 0:
        return False
    if rel.type == "AGREE" and (rel.modality.status == "hypothetical"
                                or any(cue.lower() in FUTURE_CUES for cue in rel.modality.cues)):
        return True
    for span in rel.evidence:
        if _says_pledge(span.text):
            return True
    return False


def pledged_sign(rel: Relation) -> int:
    return -rel.sign if rel.modality.status == "negated" else rel.sign


def says_violated(rel: Relation) -> bool:
    return any(VIOLATION_CUES.search(t) for t in _texts(rel))


def _structural_neighbours(graph: Graph, actor: str, touching: dict[str, list[Relation]] | None = None) -> set[str]:
    """Actors tied to `actor` by a structural relation; `touching` (actor -> its relations) saves a scan."""
    out = set()
    for rel in graph.relations if touching is None else touching.get(actor, []):
        if rel.sign == 0 and actor in (rel.source, rel.target) and rel.modality.status not in UNREAL:
            out.add(rel.target if rel.source == actor else rel.source)
    return out


def _index(relations: list[Relation], sources: set[str], ends: set[str]) -> tuple[dict[str, list[Relation]],
                                                                                  dict[str, list[Relation]]]:
    """Relations by source (for `sources`) and by either end (for `ends`), each list in graph order: every
    pledge then reads only its own actors' relations instead of the whole graph (quadratic in a large corpus)."""
    by_source: dict[str, list[Relation]] = {}
    touching: dict[str, list[Relation]] = {}
    for rel in relations:
        if rel.source in sources:
            by_source.setdefault(rel.source, []).append(rel)
        if rel.source in ends:
            touching.setdefault(rel.source, []).append(rel)
        if rel.target != rel.source and rel.target in ends:
            touching.setdefault(rel.target, []).append(rel)
    return by_source, touching


def _dates(graph: Graph) -> dict[str, str]:
    return {d.id: d.date[:10] for d in graph.documents if d.date}


def _earliest(rel: Relation, dates: dict[str, str]) -> str | None:
    known = [dates[s.doc] for s in rel.evidence if s.doc in dates]
    return min(known) if known else None


def _latest(rel: Relation, dates: dict[str, str]) -> str | None:
    known = [dates[s.doc] for s in rel.evidence if s.doc in dates]
    return max(known) if known else None


def _before(rel: Relation, pledge_date: str | None, dates: dict[str, str]) -> bool:
    latest = _latest(rel, dates)
    return pledge_date is not None and latest is not None and latest < pledge_date


def _judge(c: Commitment, rel: Relation) -> None:
    """File one of the pledger's relations under violations, support or hedged."""
    status = rel.modality.status
    if says_violated(rel) and status != "negated":
        c.violations.append(rel)
    elif status in UNREAL or rel.sign == 0:
        return
    elif rel.sign == -c.pledged_sign:
        (c.violations if status in ESTABLISHED else c.hedged).append(rel)
    elif rel.sign == c.pledged_sign and status in ESTABLISHED and not is_pledge(rel):
        c.support.append(rel)


def commitments(graph: Graph) -> list[Commitment]:
    """Every pledge in the graph (grouped by actor, target and pledged sign) with its status."""
    found: dict[tuple[str, str, int], Commitment] = {}
    for rel in graph.relations:
        if is_pledge(rel):
            key = (rel.source, rel.target, pledged_sign(rel))
            found.setdefault(key, Commitment(*key)).pledges.append(rel)
    dates = _dates(graph)
    by_source, touching = _index(graph.relations, {c.actor for c in found.values()},
                                 {c.target for c in found.values()}) if found else ({}, {})
    for c in found.values():
        targets = {c.target} | _structural_neighbours(graph, c.target, touching)
        since = min((d for d in (_earliest(p, dates) for p in c.pledges) if d), default=None)
        for rel in by_source.get(c.actor, []):
            if rel.target in targets and not _before(rel, since, dates):
                if rel in c.pledges and not says_violated(rel):
                    continue
                _judge(c, rel)
    return list(found.values())


def _rel_dict(names: dict[str, str], rel: Relation) -> dict:
    return {"source": names.get(rel.source, rel.source), "type": rel.type,
            "target": names.get(rel.target, rel.target), "sign": rel.sign,
            "status": rel.modality.status, "evidence": _texts(rel)}


def commitment_dict(names: dict[str, str], c: Commitment) -> dict:
    """A JSON-ready commitment; `names` maps actor ids to names."""
    return {
        "actor": names.get(c.actor, c.actor), "target": names.get(c.target, c.target),
        "pledged_sign": c.pledged_sign, "status": c.status,
        "pledge_status": sorted({p.modality.status for p in c.pledges}),
        "pledges": [_rel_dict(names, r) for r in c.pledges],
        "violations": [_rel_dict(names, r) for r in c.violations],
        "support": [_rel_dict(names, r) for r in c.support],
        "hedged_contradictions": [_rel_dict(names, r) for r in c.hedged],
    }
