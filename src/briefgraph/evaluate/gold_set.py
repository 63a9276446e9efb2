"""Score a development set: every `NAME.txt` with its gold `NAME.json`, micro-averaged over the briefs.

Besides the set's scores at the graph as extracted, precision and recall are taken again keeping only
relations whose confidence reaches each of a range of thresholds (a precision-recall curve), with the
area under it, and the precision of the most confident half of the scored relations beside that of all.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import EvaluationError
from ..model import Document
from . import common
from .common import ratio
from .gold import error_details, outcomes, score_gold

THRESHOLDS = tuple(round(0.1 * k, 1) for k in range(10))


@dataclass
class Brief:
    name: str
    text: Path
    gold: Path


def find_briefs(paths: Iterable[str | Path]) -> list[Brief]:
    """Every NAME.txt that has a NAME.json in any of the folders, by name; a .json + .txt pair of files
    (the older GOLD BRIEF form) is one brief."""
    paths = [Path(p) for p in paths]
    if len(paths) == 2 and all(p.is_file() for p in paths) and paths[0].suffix == ".json":
        return [Brief(paths[0].stem, paths[1], paths[0])]
    texts: dict[str, Path] = {}
    golds: dict[str, Path] = {}
    for folder in paths:
        if not folder.is_dir():
            raise EvaluationError(f"{folder}: not a folder (give folders holding NAME.txt and NAME.json, "
                                  "or one GOLD.json and its brief)")
        for p in sorted(folder.glob("*.txt")):
            texts.setdefault(p.stem, p)
        for p in sorted(folder.glob("*.json")):
            golds.setdefault(p.stem, p)
    briefs = [Brief(n, texts[n], golds[n]) for n in sorted(texts) if n in golds]
    if not briefs:
        raise EvaluationError("no NAME.txt with a NAME.json found in " + ", ".join(map(str, paths)))
    return briefs


def at_least(graph: dict[str, Any], threshold: float) -> dict[str, Any]:
    return {**graph, "relations": [r for r in graph.get("relations", []) if r.get("confidence", 1.0) >= threshold]}


def micro(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts summed over the briefs, and the ratios of the sums."""
    def total(part: str, key: str) -> int:
        return sum(r[part][key] for r in results)
    a = {k: total("actors", k) for k in ("gold", "found", "scored_predicted")}
    rel = {k: total("relations", k) for k in ("gold", "matched", "typed_matched", "scored_predicted",
                                              "modality_matched", "predicted", "neutral")}
    return {
        "briefs": len(results),
        "actors": {**a, "recall": ratio(a["found"], a["gold"]), "precision": ratio(a["found"], a["scored_predicted"]),
                   "duplicates": sum(len(r["actors"]["duplicates"]) for r in results),
                   "merged": sum(len(r["actors"]["merged"]) for r in results)},
        "relations": {**rel, "untyped_recall": ratio(rel["matched"], rel["gold"]),
                      "typed_recall": ratio(rel["typed_matched"], rel["gold"]),
                      "precision": ratio(rel["matched"], rel["scored_predicted"]),
                      "modality_accuracy": ratio(rel["modality_matched"], rel["matched"])},
        "traps_hit": sum(len(r["traps_hit"]) for r in results),
        "relations_without_valid_evidence": sum(r["relations_without_valid_evidence"] for r in results),
    }


def pr_curve(scored: list[tuple[dict, dict]], thresholds=THRESHOLDS) -> list[dict[str, Any]]:
    points = []
    for t in thresholds:
        m = micro([score_gold(gold, at_least(graph, t)) for gold, graph in scored])["relations"]
        points.append({"threshold": t, "precision": m["precision"], "recall": m["untyped_recall"],
                       "predicted": m["scored_predicted"]})
    return points


def area(points: list[dict[str, Any]]) -> float:
    """Area under the precision-recall points (trapezoids), from recall 0 to the largest recall."""
    pts = sorted((p["recall"], p["precision"]) for p in points if p["predicted"])
    if not pts:
        return 0.0
    total, (r0, p0) = pts[0][0] * pts[0][1], pts[0]
    for r, p in pts[1:]:
        total += (r - r0) * (p + p0) / 2
        r0, p0 = r, p
    return round(total, 3)


def confident_half(scored: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Precision of the more confident half of the scored relations (all briefs pooled) and of all."""
    pooled = sorted((o for gold, graph in scored for o in outcomes(gold, graph)), key=lambda o: -o[0])
    half = pooled[: (len(pooled) + 1) // 2]
    p_all = ratio(sum(hit for _, hit in pooled), len(pooled))
    p_half = ratio(sum(hit for _, hit in half), len(half))
    return {"relations": len(pooled), "precision_all": p_all, "precision_top_half": p_half,
            "gain": round(p_half - p_all, 3)}


def score_set(scored: list[tuple[Brief, dict, dict, dict]], errors: bool = False) -> dict[str, Any]:
    """Score (brief, gold, graph JSON, document texts) tuples: per brief, micro-averaged, curve."""
    per = []
    for brief, gold, graph, texts in scored:
        row = {"name": brief.name, "gold": str(brief.gold), "text": str(brief.text), **score_gold(gold, graph, texts)}
        if errors:
            row["errors"] = error_details(gold, graph)
        per.append(row)
    pairs = [(gold, graph) for _, gold, graph, _ in scored]
    curve = pr_curve(pairs)
    return {"micro": micro(per), "curve": curve, "area": area(curve), "confident_half": confident_half(pairs),
            "briefs": per}


def extract_briefs(briefs: list[Brief], model: str | None = None,
                   scorer=True) -> list[tuple[Brief, dict, dict, dict]]:
    """Extract each brief (model loaded once) beside its gold graph."""
    golds = [common.read_json(b.gold) for b in briefs]
    docs = [Document(text=_read(b.text), path=str(b.text)) for b in briefs]
    graphs = {d.id: g for d, g in common.extract_each(docs, model=model, scorer=scorer)}
    out = []
    for b, gold, d in zip(briefs, golds, docs):
        graph = graphs[d.id]
        out.append((b, gold, graph.to_dict(), {x.id: x.text for x in graph.documents if x.text}))
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None


def evaluate_gold_set(paths: Iterable[str | Path], model: str | None = None, errors: bool = False,
                      scorer=True, extract: Callable | None = None) -> dict[str, Any]:
    """Extract and score every brief with a gold graph in the folders given (see the module docstring)."""
    briefs = find_briefs(paths)
    return score_set((extract or extract_briefs)(briefs, model=model, scorer=scorer), errors)
