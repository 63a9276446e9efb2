"""Pieces every scorer shares: span overlap, ratios and F1, file reading, and the extraction hook.

`extract_each` and `extract_path` are the only places the scorers reach the NLP pipeline;
tests replace them with functions that return hand-built graphs.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import EvaluationError
from ..model import Actor, Document, Graph, Span

DIGITS = 3


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when [a_start, a_end) and [b_start, b_end) share at least one character."""
    return a_start < b_end and b_start < a_end


def ratio(num: float, den: float) -> float:
    """num / den rounded for reports; 0.0 when there is nothing to divide by."""
    return round(num / den, DIGITS) if den else 0.0


def f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), DIGITS) if precision + recall else 0.0


def prf(pred_hits: int, pred_total: int, gold_hits: int, gold_total: int) -> dict[str, Any]:
    """Precision over scored predictions, recall over gold items, F1, and the counts behind them."""
    p = pred_hits / pred_total if pred_total else 0.0
    r = gold_hits / gold_total if gold_total else 0.0
    return {"precision": round(p, DIGITS), "recall": round(r, DIGITS), "f1": f1(p, r), "predicted": pred_total,
            "correct": pred_hits, "gold": gold_total, "found": gold_hits}


def read_json(path: str | Path) -> Any:
    """Parse one JSON file, raising EvaluationError with the path when it is missing or malformed."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not valid JSON ({exc})") from None


def read_json_lines(path: str | Path) -> list[dict[str, Any]]:
    """Parse a file with one JSON object per line (blank lines allowed)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{number}: not a JSON object ({exc.msg})") from None
    return records


def extract_each(documents: Iterable[Document], model: str | None = None,
                 generic_actors: bool = False, scorer=True) -> Iterator[tuple[Document, Graph]]:
    """Extract every document with one loaded model; yields (document, that document's graph).
    `scorer`: True for the shipped pair scorer, a trained PairModel, or None for the rules alone."""
    from ..api import iter_graphs
    return iter_graphs(documents, model=model, generic_actors=generic_actors, scorer=scorer)


def extract_path(path: str | Path, model: str | None = None) -> Graph:
    """Extract the graph of one brief file."""
    from ..api import extract
    return extract(path=str(path), model=model)


def mentions_in(graph: Graph, doc_id: str) -> list[tuple[Actor, Span]]:
    """Every (actor, mention) of one document, one entry per distinct mention offset."""
    seen: set[tuple[int, int]] = set()
    found = []
    for actor in graph.actors:
        for span in actor.mentions:
            if span.doc == doc_id and (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                found.append((actor, span))
    return sorted(found, key=lambda pair: (pair[1].start, pair[1].end))


def sentence_around(text: str, start: int, end: int) -> str:
    """The stretch of `text` between the sentence breaks around [start, end), for error listings."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    left = 0 if left < 0 else left + 1
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return " ".join(text[left:right].split())
