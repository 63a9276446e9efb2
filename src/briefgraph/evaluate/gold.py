"""Score a graph against a gold actor graph (the format of `shared/gold/README.md`).

Actors match by any normalised name or alias. A predicted actor that matches two gold actors
is a merge error and matches none; a second predicted actor for one gold actor is a duplicate
and counts against precision; names listed in `also_ok` are neutral. Relations match on
(source, target, sign), a typed match also needs one of the gold `types`; unmatched predictions
between `also_ok_relations` pairs, or repeating an already matched triple, are neutral.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..model import FACTUAL, name_key
from . import common
from .common import ratio

MODALITY_CLASSES = {
    "asserted": "factual", "certain": "factual", "reported": "reported",
    "possible": "uncertain", "probable": "uncertain", "unlikely": "uncertain", "hypothetical": "uncertain",
    "negated": "negated",
}


class GoldNames:
    """Resolves names to gold keys: a gold actor's canonical name, or '~' + the normalised name."""

    def __init__(self, gold: dict[str, Any]):
        self.canonical = {a["name"] for a in gold["actors"]}
        self.keys = {name_key(n): a["name"] for a in gold["actors"] for n in [a["name"], *a.get("aliases", [])]}
        self.ok = {name_key(n): n for n in gold.get("also_ok", [])}

    def key_of(self, name: str) -> str:
        if name in self.canonical:
            return name
        return self.keys.get(name_key(name), "~" + name_key(name))


def status_of(rel: dict[str, Any]) -> str:
    m = rel.get("modality") or {}
    return m if isinstance(m, str) else m.get("status", "asserted")


def _check(gold: Any) -> None:
    """Refuse a gold graph the scorers cannot read, in one line naming the first bad entry."""
    if not isinstance(gold, dict) or not isinstance(gold.get("actors"), list) \
            or not isinstance(gold.get("relations"), list):
        raise EvaluationError("gold file must be a JSON object with 'actors' and 'relations' lists")
    for n, actor in enumerate(gold["actors"]):
        if not isinstance(actor, dict) or not _text(actor.get("name")) or not _texts(actor.get("aliases", [])):
            raise EvaluationError(f"gold actors[{n}] must be an object with a 'name' (text) and optional 'aliases' (texts)")
    if not _texts(gold.get("also_ok", [])):
        raise EvaluationError("gold 'also_ok' must be a list of names")
    for key in ("relations", "must_not_assert", "also_ok_relations"):
        for n, rel in enumerate(gold.get(key) or []):
            _check_relation(rel, f"{key}[{n}]", signed=key != "also_ok_relations")


def _check_relation(rel: Any, where: str, signed: bool) -> None:
    if not isinstance(rel, dict) or not _text(rel.get("source")) or not _text(rel.get("target")):
        raise EvaluationError(f"gold {where} must be an object with 'source' and 'target' names")
    if signed and (type(rel.get("sign")) is not int or rel["sign"] not in (-1, 0, 1)):
        raise EvaluationError(f"gold {where} must have a 'sign' of 1, -1 or 0")
    if not _texts(rel.get("types", [])) or not _texts(rel.get("source_alternatives", [])):
        raise EvaluationError(f"gold {where}: 'types' and 'source_alternatives' must be lists of texts")
    if not isinstance(rel.get("modality", ""), str):
        raise EvaluationError(f"gold {where}: 'modality' must be a status such as 'asserted' or 'negated'")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _canon_actor(actor: dict[str, Any], names: GoldNames, acc: dict[str, Any]) -> str | None:
    keys = {name_key(n) for n in [actor.get("name", ""), *actor.get("aliases", [])] if n}
    hits = {names.keys[k] for k in keys if k in names.keys}
    if len(hits) > 1:
        acc["merged"].append((actor.get("name"), sorted(hits)))
        return None
    if hits:
        g = hits.pop()
        if g in acc["found"]:
            acc["duplicates"].append(actor.get("name"))
        acc["found"].add(g)
        return g
    oks = [names.ok[k] for k in sorted(keys) if k in names.ok]
    if oks:
        return "~" + name_key(oks[0])
    acc["false"].append(actor.get("name"))
    return None


def score_actors(gold: dict[str, Any], actors: list[dict[str, Any]], names: GoldNames):
    """(actor result, map predicted actor id -> gold key or None)."""
    acc: dict[str, Any] = {"found": set(), "duplicates": [], "merged": [], "false": []}
    canon = {a["id"]: _canon_actor(a, names, acc) for a in actors}
    n_gold = len(gold["actors"])
    scored = len(acc["found"]) + len(acc["duplicates"]) + len(acc["merged"]) + len(acc["false"])
    return {
        "gold": n_gold, "found": len(acc["found"]), "scored_predicted": scored,
        "recall": ratio(len(acc["found"]), n_gold), "precision": ratio(len(acc["found"]), scored),
        "missed": sorted(names.canonical - acc["found"]),
        "false": acc["false"], "duplicates": acc["duplicates"], "merged": acc["merged"],
    }, canon


class RelationMatcher:
    """Greedy one-to-one matching of gold relations to predicted relations, as score-graph does."""

    def __init__(self, preds: list[dict[str, Any]], canon: dict[str, str | None], names: GoldNames):
        self.preds, self.canon, self.names = preds, canon, names
        self.used_typed: set[int] = set()
        self.used: set[int] = set()

    def ends(self, rel: dict[str, Any]) -> tuple[str | None, str | None]:
        return self.canon.get(rel.get("source")), self.canon.get(rel.get("target"))

    def fits(self, rel: dict[str, Any], g: dict[str, Any], typed: bool) -> bool:
        if rel.get("sign") != g["sign"]:
            return False
        if typed and str(rel.get("type", "")).upper() not in g.get("types", []):
            return False
        srcs = {self.names.key_of(s) for s in [g["source"], *g.get("source_alternatives", [])]}
        tgt = self.names.key_of(g["target"])
        s, t = self.ends(rel)
        return (s in srcs and t == tgt) or (bool(g.get("symmetric")) and t in srcs and s == tgt)

    def take(self, g: dict[str, Any], typed: bool) -> int | None:
        used = self.used_typed if typed else self.used
        i = next((i for i, r in enumerate(self.preds) if i not in used and self.fits(r, g, typed)), None)
        if i is not None:
            used.add(i)
        return i


def _describe_gold(g: dict[str, Any]) -> str:
    return f'{g["source"]} -[{"/".join(g.get("types", [])[:2])} {g["sign"]:+d}]-> {g["target"]}'


def _describe_pred(r: dict[str, Any], names: dict[str, str]) -> str:
    return f'{names.get(r.get("source"))} -[{r.get("type")} {r.get("sign")}]-> {names.get(r.get("target"))}'


def _ok_pairs(gold: dict[str, Any], names: GoldNames) -> set[tuple[str, str]]:
    pairs = set()
    for o in gold.get("also_ok_relations", []):
        a, b = names.key_of(o["source"]), names.key_of(o["target"])
        pairs |= {(a, b), (b, a)}
    return pairs


def score_relations(gold: dict[str, Any], preds: list[dict[str, Any]], canon: dict[str, str | None],
                    names: GoldNames, actor_names: dict[str, str]) -> tuple[dict[str, Any], list[int], list[int]]:
    """(relation result, indexes of the false predictions, indexes of the missed gold relations)."""
    result, false_idx, missed, _ = match_relations(gold, preds, canon, names, actor_names)
    return result, false_idx, missed


def match_relations(gold: dict[str, Any], preds: list[dict[str, Any]], canon: dict[str, str | None],
                    names: GoldNames, actor_names: dict[str, str]):
    """score_relations, plus the indexes of the predictions matched to a gold relation."""
    m = RelationMatcher(preds, canon, names)
    typed = modality_ok = 0
    missed, triples = [], set()
    for n, g in enumerate(gold["relations"]):
        typed += m.take(g, True) is not None
        j = m.take(g, False)
        if j is None:
            missed.append(n)
            continue
        triples.add((*m.ends(preds[j]), preds[j].get("sign")))
        modality_ok += MODALITY_CLASSES.get(status_of(preds[j]), "factual") == \
            MODALITY_CLASSES.get(g.get("modality", "asserted"), "factual")
    ok_pairs = _ok_pairs(gold, names)
    false_idx, neutral = [], 0
    for k, r in enumerate(preds):
        if k in m.used:
            continue
        s, t = m.ends(r)
        if (s, t, r.get("sign")) in triples or (s, t) in ok_pairs:
            neutral += 1
        else:
            false_idx.append(k)
    n_gold, hits = len(gold["relations"]), len(m.used)
    return {
        "gold": n_gold, "matched": hits, "typed_matched": typed, "scored_predicted": hits + len(false_idx),
        "modality_matched": modality_ok, "untyped_recall": ratio(hits, n_gold), "typed_recall": ratio(typed, n_gold),
        "precision": ratio(hits, hits + len(false_idx)), "predicted": len(preds), "neutral": neutral,
        "modality_accuracy": ratio(modality_ok, hits),
        "missed": [_describe_gold(gold["relations"][n]) for n in missed],
        "false": [_describe_pred(preds[k], actor_names) for k in false_idx],
    }, false_idx, missed, set(m.used)


def outcomes(gold: dict[str, Any], graph: dict[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, matched a gold relation) of every scored prediction; neutral ones are left out."""
    names = GoldNames(gold)
    _, canon = score_actors(gold, graph.get("actors", []), names)
    preds = graph.get("relations", [])
    _, false_idx, _, used = match_relations(gold, preds, canon, names, {})
    return [(float(preds[k].get("confidence", 1.0)), k in used) for k in sorted(used | set(false_idx))]


def traps_hit(gold: dict[str, Any], preds: list[dict[str, Any]], canon: dict[str, str | None],
              names: GoldNames) -> list[str]:
    """The `why` of every must_not_assert reading that a prediction asserts as plain fact."""
    hits = []
    for trap in gold.get("must_not_assert", []):
        src, tgt = names.key_of(trap["source"]), names.key_of(trap["target"])
        for r in preds:
            if canon.get(r.get("source")) == src and canon.get(r.get("target")) == tgt \
                    and r.get("sign") == trap["sign"] and status_of(r) in FACTUAL \
                    and ("types" not in trap or str(r.get("type", "")).upper() in trap["types"]):
                hits.append(str(trap.get("why", "")))
    return hits


def _evidence_ok(e: dict[str, Any], docs: dict[str, Any], texts: dict[str, str] | None) -> bool:
    start, end = e.get("start"), e.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and end > start):
        return False
    if docs and e.get("doc") not in docs:
        return False
    text = (texts or {}).get(e.get("doc"))
    return text is None or text[start:end] == e.get("text")


def invalid_evidence(graph: dict[str, Any], texts: dict[str, str] | None = None) -> int:
    """Relations with no evidence, or evidence with bad offsets, an unknown document or, when the
    document texts are given, a `text` that differs from the document's characters."""
    docs = {d.get("id"): d for d in graph.get("documents", [])}
    return sum(1 for r in graph.get("relations", [])
               if not r.get("evidence") or not all(_evidence_ok(e, docs, texts) for e in r["evidence"]))


def score_gold(gold: dict[str, Any], graph: dict[str, Any], texts: dict[str, str] | None = None) -> dict[str, Any]:
    """Score a graph JSON object (briefgraph/graph@1) against a gold graph; see the module docstring."""
    _check(gold)
    names = GoldNames(gold)
    actors, canon = score_actors(gold, graph.get("actors", []), names)
    preds = graph.get("relations", [])
    actor_names = {a["id"]: a.get("name") for a in graph.get("actors", [])}
    relations, _, _ = score_relations(gold, preds, canon, names, actor_names)
    return {"actors": actors, "relations": relations, "traps_hit": traps_hit(gold, preds, canon, names),
            "relations_without_valid_evidence": invalid_evidence(graph, texts)}


def error_details(gold: dict[str, Any], graph: dict[str, Any]) -> dict[str, Any]:
    """Missed actors, missed gold relations with their cue, and false relations with their evidence."""
    names = GoldNames(gold)
    actors, canon = score_actors(gold, graph.get("actors", []), names)
    preds = graph.get("relations", [])
    actor_names = {a["id"]: a.get("name") for a in graph.get("actors", [])}
    _, false_idx, missed_idx = score_relations(gold, preds, canon, names, actor_names)
    missed = [{"relation": _describe_gold(gold["relations"][n]), "cue": gold["relations"][n].get("cue", "")}
              for n in missed_idx]
    false = [{"relation": _describe_pred(preds[k], actor_names), "status": status_of(preds[k]),
              "sentences": [e.get("text", "") for e in preds[k].get("evidence", [])]} for k in false_idx]
    return {"missed_actors": actors["missed"], "false_actors": actors["false"],
            "missed_relations": missed, "false_relations": false}


def evaluate_gold(gold_path: str | Path, text_path: str | Path, model: str | None = None,
                  errors: bool = False) -> dict[str, Any]:
    """Extract TEXT and score its graph against the gold graph in GOLD_PATH."""
    gold = common.read_json(gold_path)
    _check(gold)
    graph = common.extract_path(text_path, model=model)
    texts = {d.id: d.text for d in graph.documents if d.text}
    data = graph.to_dict()
    result = {"gold": str(gold_path), "text": str(text_path), **score_gold(gold, data, texts)}
    if errors:
        result["errors"] = error_details(gold, data)
    return result
