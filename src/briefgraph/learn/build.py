"""`briefgraph train` and `eval gold --cv`: the pair scorer trained from the shared data, and judged
leave-one-brief-out (train on every gold brief but one, plus the other data sets; score that one).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..evaluate.gold_set import Brief, extract_briefs, find_briefs, score_set
from .combine import ADD_AT, HEDGED_WEIGHT, LEARNED_WEIGHT
from .data import extra_examples, gold_examples
from .model import Example, PairModel, train

SEED = 0
# The other data sets label other kinds of text (news, re3d's reports) and label pairs differently from
# a brief's gold graph; counting each of their pairs at this weight scored best leave-one-brief-out.
EXTRA_WEIGHT = 0.3


def shared_folders(shared: Path) -> tuple[list[Path], Path]:
    """(brief and gold folders, data folder) of a shared tree: briefs/, gold/, data/."""
    folders = [shared / "briefs", shared / "gold"]
    if not all(f.is_dir() for f in folders):
        raise EvaluationError(f"{shared}: expected briefs/ and gold/ folders in it")
    return folders, shared / "data"


def brief_examples(briefs: list[Brief], model: str | None = None) -> dict[str, list[Example]]:
    return {b.name: gold_examples(b.name, b.text, b.gold, model) for b in briefs}


def fit(by_brief: dict[str, list[Example]], extra: list[Example], add_at: float = ADD_AT) -> PairModel:
    for e in extra:
        e.weight = EXTRA_WEIGHT
    examples = [e for name in sorted(by_brief) for e in by_brief[name]] + extra
    model = train(examples, seed=SEED)
    model.meta["add_at"] = add_at
    model.meta["hedged_weight"] = HEDGED_WEIGHT
    model.meta["learned_weight"] = LEARNED_WEIGHT
    return model


def train_from(shared: Path, model: str | None = None, add_at: float = ADD_AT) -> PairModel:
    """The pair model from every gold brief and labelled data set under SHARED."""
    folders, data = shared_folders(shared)
    briefs = find_briefs(folders)
    return fit(brief_examples(briefs, model), extra_examples(data, model) if data.is_dir() else [], add_at)


def cross_validate(paths: list[Path], data: Path | None = None, model: str | None = None, errors: bool = False,
                   add_at: float = ADD_AT) -> dict[str, Any]:
    """Leave-one-brief-out: each brief scored by a model trained on the others and the data under DATA."""
    briefs = find_briefs(paths)
    if len(briefs) < 2:
        raise EvaluationError("leave-one-brief-out needs at least two briefs with gold graphs")
    by_brief = brief_examples(briefs, model)
    extra = extra_examples(data, model) if data is not None and data.is_dir() else []
    scored = []
    for b in briefs:
        fold = fit({n: ex for n, ex in by_brief.items() if n != b.name}, extra, add_at)
        scored += extract_briefs([b], model=model, scorer=fold)
    result = score_set(scored, errors)
    result["cv"] = {"folds": len(briefs), "extra_examples": len(extra), "add_at": add_at}
    return result
