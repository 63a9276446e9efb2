"""Read dstl re3d source folders and score extraction against their entity and relation labels.

A folder holds `documents.json`, `entities.json` and `relations.json`, one JSON object per line.
Each labelled span keeps its highest-confidence type; spans below `MIN_CONFIDENCE`, and records
whose offsets do not cut their `value` out of the text, are set aside (see docs/EVALUATION.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..model import Document, Graph
from . import common
from .re3d_score import MIN_CONFIDENCE, score_aliases, score_entities, score_relations

FILES = ("documents.json", "entities.json", "relations.json")


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    type: str
    text: str
    confidence: float = 1.0


@dataclass(frozen=True)
class GoldRelation:
    source: GoldSpan
    target: GoldSpan
    type: str
    cue: str
    confidence: float


@dataclass
class Re3dDoc:
    """One labelled document: its text as a Document, kept and low-confidence spans, relations."""
    document: Document
    source: str
    entities: list[GoldSpan] = field(default_factory=list)
    uncertain: list[GoldSpan] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)


def source_folders(path: str | Path) -> list[Path]:
    """The re3d source folders at PATH: PATH itself, or its sub-folders that hold the three files."""
    root = Path(path)
    if not root.is_dir():
        raise EvaluationError(f"{path}: not a folder")
    if all((root / f).is_file() for f in FILES):
        return [root]
    found = sorted(d for d in root.iterdir() if d.is_dir() and all((d / f).is_file() for f in FILES))
    if not found:
        raise EvaluationError(f"{path}: no re3d folder here (expected {', '.join(FILES)})")
    return found


def _span(text: str, start: Any, end: Any, value: Any, type_: str, confidence: float) -> GoldSpan | None:
    """The span if its offsets cut exactly `value` out of `text`, else None."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return None
    return GoldSpan(start, end, type_, value, confidence) if text[start:end] == value else None


def best_spans(text: str, records: list[dict[str, Any]]) -> tuple[list[GoldSpan], list[GoldSpan], int]:
    """(kept spans, low-confidence spans, records skipped for bad offsets), one type per span."""
    best: dict[tuple[int, int], GoldSpan] = {}
    skipped = 0
    for r in records:
        span = _span(text, r.get("begin"), r.get("end"), r.get("value"), str(r.get("type")),
                     float(r.get("confidence", 1.0)))
        if span is None:
            skipped += 1
        elif (span.start, span.end) not in best or span.confidence > best[(span.start, span.end)].confidence:
            best[(span.start, span.end)] = span
    spans = sorted(best.values(), key=lambda s: (s.start, s.end))
    return ([s for s in spans if s.confidence >= MIN_CONFIDENCE],
            [s for s in spans if s.confidence < MIN_CONFIDENCE], skipped)


def gold_relation(text: str, r: dict[str, Any]) -> GoldRelation | None:
    """A relation record whose two endpoint offsets match their text, else None."""
    confidence = float(r.get("confidence", 1.0))
    src = _span(text, r.get("sourceBegin"), r.get("sourceEnd"), r.get("source"), "", confidence)
    tgt = _span(text, r.get("targetBegin"), r.get("targetEnd"), r.get("target"), "", confidence)
    if src is None or tgt is None:
        return None
    return GoldRelation(src, tgt, str(r.get("type")), str(r.get("value", "")), confidence)


def _by_doc(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        grouped.setdefault(str(r.get("documentId")), []).append(r)
    return grouped


def read_folder(folder: Path, counts: dict[str, int]) -> list[Re3dDoc]:
    """Every document of one source folder with its gold labels; tallies skipped records in counts."""
    entities = _by_doc(common.read_json_lines(folder / "entities.json"))
    relations = _by_doc(common.read_json_lines(folder / "relations.json"))
    docs = []
    for d in common.read_json_lines(folder / "documents.json"):
        if not isinstance(d.get("text"), str) or "_id" not in d:
            raise EvaluationError(f"{folder / 'documents.json'}: a record lacks '_id' or 'text'")
        text = d["text"]
        kept, uncertain, bad = best_spans(text, entities.get(d["_id"], []))
        rels = [gold_relation(text, r) for r in relations.get(d["_id"], [])]
        counts["skipped_entity_records"] += bad
        counts["skipped_relation_records"] += sum(r is None for r in rels)
        document = Document(text=text, path=f"{folder.name}/{d['_id']}", title=d.get("title"))
        docs.append(Re3dDoc(document, folder.name, kept, uncertain, [r for r in rels if r is not None]))
    return docs


def read_re3d(path: str | Path) -> tuple[list[Re3dDoc], dict[str, int]]:
    """All documents under PATH (one source folder or a folder of them) and the reading counts."""
    counts = {"skipped_entity_records": 0, "skipped_relation_records": 0}
    docs = [doc for folder in source_folders(path) for doc in read_folder(folder, counts)]
    return docs, counts


def score_re3d(docs: list[Re3dDoc], graphs: list[Graph], errors: bool = False) -> dict[str, Any]:
    """Score per-document graphs (same order as docs) against the re3d labels."""
    pairs = list(zip(docs, graphs))
    return {
        "entities": score_entities(pairs, errors),
        "relations": score_relations(pairs, errors),
        "aliases": score_aliases(pairs, errors),
    }


def evaluate_re3d(path: str | Path, model: str | None = None, errors: bool = False,
                  generic_actors: bool = True, scorer=True) -> dict[str, Any]:
    """Extract every re3d document under PATH (model loaded once) and score the graphs.

    re3d labels unnamed groups ("Coalition military forces", "civilians") as Organisation, so
    they are extracted here unless `generic_actors` is False (the brief default)."""
    docs, counts = read_re3d(path)
    extracted = common.extract_each([d.document for d in docs], model=model, generic_actors=generic_actors,
                                    scorer=scorer)
    graphs = {document.id: graph for document, graph in extracted}
    scored = [d for d in docs if d.document.id in graphs]
    result = score_re3d(scored, [graphs[d.document.id] for d in scored], errors)
    result["counts"] = {"folders": sorted({d.source for d in docs}), "documents": len(scored), **counts,
                        "gold_entity_spans": sum(len(d.entities) for d in scored),
                        "low_confidence_spans": sum(len(d.uncertain) for d in scored)}
    return {"data": str(path), "generic_actors": generic_actors, **result}
