"""The learned pair scorer: three logistic heads over hashed pair features, trained with scikit-learn.

- `relation`: does any relation hold between the two actors (either direction)?
- `forward`: given one holds, is the first mention in the text its source?
- `type`: given one holds, which event or structural type (its sign comes from the event lexicon)?

Features are hashed (crc32) into a fixed number of buckets, so the saved file is numbers only:
per head its classes, intercepts and the weights of the buckets seen in training. Scoring needs
no scikit-learn; training does, and is deterministic (sorted data, seeded solver).
"""
from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..errors import ModelError

FORMAT = "briefgraph/pair-model@1"
DIM = 1 << 18
MIN_COUNT = 2  # a feature seen once teaches nothing that generalises
DIGITS = 4


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % DIM


@dataclass
class Example:
    """One candidate pair with what the labelled data says about it."""
    features: list[str]
    relation: bool
    forward: bool | None = None  # only where a relation holds
    type: str | None = None
    group: str = ""  # where it came from (a brief's name, a data set): the unit left out in cross-validation
    weight: float = 1.0


@dataclass
class Head:
    """One logistic model: for two classes a single weight column (the second class's log-odds)."""
    classes: list[str]
    intercept: list[float]
    weights: dict[int, list[float]] = field(default_factory=dict)

    def scores(self, buckets: Iterable[int]) -> list[float]:
        z = list(self.intercept)
        for b in set(buckets):
            w = self.weights.get(b)
            if w and len(w) == len(z):  # the same additions, in the same order, as adding w[k] to z[k] one by one
                z = [total + x for total, x in zip(z, w)]
            elif w:
                for k, x in enumerate(w):
                    z[k] += x
        return z

    def probabilities(self, buckets: Iterable[int]) -> dict[str, float]:
        z = self.scores(buckets)
        if len(self.classes) == 2:
            p = 1.0 / (1.0 + math.exp(-max(min(z[0], 50.0), -50.0)))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e)}

    def to_dict(self) -> dict:
        return {"classes": self.classes, "intercept": self.intercept,
                "weights": {str(b): w for b, w in sorted(self.weights.items())}}

    @classmethod
    def from_dict(cls, d: dict) -> "Head":
        return cls(list(d["classes"]), [float(x) for x in d["intercept"]],
                   {int(b): [float(x) for x in w] for b, w in d["weights"].items()})


@dataclass
class PairScore:
    relation: float  # P(a relation holds between the pair)
    forward: float  # P(the first mention is the source | a relation holds)
    types: dict[str, float]  # P(type | a relation holds)


class PairModel:
    def __init__(self, heads: dict[str, Head], meta: dict | None = None):
        self.heads = heads
        self.meta = meta or {}

    def relation(self, features: list[str]) -> float:
        """P(a relation holds), as `score(features).relation` gives it, without the other heads."""
        return self.heads["relation"].probabilities([bucket(f) for f in features])["1"]

    def score(self, features: list[str]) -> PairScore:
        b = [bucket(f) for f in features]
        types = self.heads["type"].probabilities(b) if "type" in self.heads else {}
        return PairScore(self.heads["relation"].probabilities(b)["1"],
                         self.heads["forward"].probabilities(b)["1"] if "forward" in self.heads else 0.5, types)

    def to_dict(self) -> dict:
        return {"format": FORMAT, "dim": DIM, "meta": self.meta,
                "heads": {k: h.to_dict() for k, h in sorted(self.heads.items())}}

    @classmethod
    def from_dict(cls, d: dict) -> "PairModel":
        if d.get("format") != FORMAT or d.get("dim") != DIM:
            raise ModelError(f"not a {FORMAT} file with {DIM} buckets")
        return cls({k: Head.from_dict(h) for k, h in d["heads"].items()}, d.get("meta", {}))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")) + "\n",
                              encoding="utf-8")


def load_model(path: str | Path) -> PairModel:
    try:
        return PairModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, ModelError) as exc:
        raise ModelError(f"{path}: cannot load the pair model ({exc})") from None


_SHIPPED: list[PairModel | None] = []


def shipped_model() -> PairModel | None:
    """The model trained by `briefgraph train` and shipped as package data; None when absent."""
    if not _SHIPPED:
        ref = resources.files("briefgraph") / "learn" / "pairs.json"
        _SHIPPED.append(PairModel.from_dict(json.loads(ref.read_text(encoding="utf-8"))) if ref.is_file() else None)
    return _SHIPPED[0]


# ---- training --------------------------------------------------------------------------------

def _matrix(rows: list[list[str]], columns: dict[int, int]):
    """Rows of hashed features as a sparse matrix over the kept buckets only (small and fast to fit)."""
    from scipy.sparse import csr_matrix
    indptr, indices = [0], []
    for feats in rows:
        indices += sorted({columns[b] for b in map(bucket, feats) if b in columns})
        indptr.append(len(indices))
    return csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(columns)))


def _fit(rows: list[list[str]], labels: list[str], weights: list[float], c: float, seed: int) -> Head | None:
    classes = sorted(set(labels))
    if len(classes) < 2:
        return None
    from sklearn.linear_model import LogisticRegression
    counts = Counter(b for feats in rows for b in {bucket(f) for f in feats})
    kept = sorted(b for b, n in counts.items() if n >= MIN_COUNT)
    columns = {b: k for k, b in enumerate(kept)}
    clf = LogisticRegression(C=c, solver="saga", max_iter=200, tol=1e-3, random_state=seed)
    clf.fit(_matrix(rows, columns), labels, sample_weight=weights)
    coef = clf.coef_  # (1, columns) for two classes, (n_classes, columns) otherwise
    weights_by_bucket = {}
    for b, k in columns.items():
        w = [round(float(x), DIGITS) for x in coef[:, k]]
        if any(w):
            weights_by_bucket[b] = w
    return Head([str(x) for x in clf.classes_], [round(float(x), DIGITS) for x in clf.intercept_], weights_by_bucket)


def train(examples: list[Example], c: float = 0.5, seed: int = 0) -> PairModel:
    """Fit the three heads; the relation head on every example, the others on those where one holds."""
    if not any(e.relation for e in examples) or all(e.relation for e in examples):
        raise ModelError("training needs pairs with and pairs without a relation")
    heads = {"relation": _fit([e.features for e in examples], ["1" if e.relation else "0" for e in examples],
                              [e.weight for e in examples], c, seed)}
    held = [e for e in examples if e.relation]
    directed = [e for e in held if e.forward is not None]
    forward = _fit([e.features for e in directed], ["1" if e.forward else "0" for e in directed],
                   [e.weight for e in directed], c, seed)
    typed = [e for e in held if e.type]
    types = _fit([e.features for e in typed], [e.type for e in typed], [e.weight for e in typed], c, seed)
    heads.update({k: h for k, h in (("forward", forward), ("type", types)) if h is not None})
    groups = Counter(e.group.split("/")[0] for e in examples)
    return PairModel(heads, {"examples": len(examples), "relations": len(held), "sources": dict(sorted(groups.items()))})
