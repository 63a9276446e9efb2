"""Hostile pairs among one actor's neighbours, found and kept as numpy arrays.

Every actor with a signed tie gets a number in id order, so sorting numbers sorts ids. For an actor's
neighbours (rows) against neighbours (columns) the signed ties between them are read from a sparse
matrix as one small dense block; a pair is hostile where that block is negative, or where it is 0
and the balance partition puts the two in opposite camps of one component. A hub's neighbours form
tens of thousands of pairs: as arrays they cost bytes each, not a Python object each.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEGATIVE, CAMPS = "negative tie", "opposite camps"
DENSE_LIMIT = 6000  # up to this many actors with signed ties their signs are kept as a dense matrix (36 MB at most)


@dataclass
class Pair:
    a: str
    b: str
    product: float
    why: str  # "negative tie" or "opposite camps"


@dataclass
class PairSet:
    """Pairs (a, b) sorted by (a, b), each with the product of the two tie weights and how they are hostile."""
    ids: list[str]  # actor id by number
    a: np.ndarray
    b: np.ndarray
    product: np.ndarray
    negative: np.ndarray  # True: a negative tie; False: opposite camps

    def __len__(self) -> int:
        return len(self.a)

    def total(self) -> float:
        """The sum of the products, added left to right as Python adds them (0 when there are none)."""
        return sum(self.product.tolist())

    def pairs(self, order: np.ndarray | None = None) -> list[Pair]:
        order = np.arange(len(self)) if order is None else order
        return [Pair(self.ids[a], self.ids[b], p, NEGATIVE if n else CAMPS) for a, b, p, n in
                zip(self.a[order].tolist(), self.b[order].tolist(), self.product[order].tolist(),
                    self.negative[order].tolist())]

    def strongest(self, limit: int) -> list[Pair]:
        """The `limit` pairs of largest product, a negative tie before opposite camps, then in (a, b) order."""
        return self.pairs(np.lexsort((np.arange(len(self)), ~self.negative, -self.product))[:limit])

    def firsts(self) -> set[str]:
        return {self.ids[i] for i in np.unique(self.a).tolist()}

    def seconds(self) -> set[str]:
        return {self.ids[i] for i in np.unique(self.b).tolist()}


def no_pairs() -> PairSet:
    empty = np.zeros(0, dtype=np.int64)
    return PairSet([], empty, empty, np.zeros(0), np.zeros(0, dtype=bool))


class SignedIndex:
    """The actors with a signed tie, numbered in id order, their signed ties and their camps."""

    def __init__(self, signed_edges, camp: dict[str, tuple[int, int]]):
        self.ids = sorted({x for e in signed_edges for x in (e.a, e.b)})
        self.number = {a: i for i, a in enumerate(self.ids)}
        n, edges = len(self.ids), [(self.number[e.a], self.number[e.b], e.sign) for e in signed_edges]
        i, j, s = (np.array(x, dtype=np.int64) for x in zip(*edges)) if edges else (np.zeros(0, dtype=np.int64),) * 3
        rows, cols, signs = np.concatenate([i, j]), np.concatenate([j, i]), np.concatenate([s, s]).astype(np.int8)
        if n <= DENSE_LIMIT:  # one byte per pair: a block is read by fancy indexing, far faster than a sparse slice
            self.dense: np.ndarray | None = np.zeros((n, n), dtype=np.int8)
            self.dense[rows, cols] = signs
        else:
            from scipy.sparse import csr_array  # slow to import; only the analyses need it
            self.dense = None
            self.signs = csr_array((signs, (rows, cols)), shape=(n, n))
        where = [camp.get(a, (-1, 0)) for a in self.ids]
        self.component = np.array([c for c, _ in where], dtype=np.int64)
        self.side = np.array([s for _, s in where], dtype=np.int64)

    def numbers(self, ids: list[str]) -> np.ndarray:
        return np.array([self.number[a] for a in ids], dtype=np.int64)

    def hostile(self, rows: np.ndarray, row_weight: np.ndarray, cols: np.ndarray, col_weight: np.ndarray,
                distinct: bool) -> PairSet:
        """Hostile pairs (row, column), with the product of their weights; with `distinct` (rows and columns
        the same actors) each pair once, row < column."""
        if not len(rows) or not len(cols):
            return no_pairs()
        block = self.dense[np.ix_(rows, cols)] if self.dense is not None else self.signs[rows][:, cols].toarray()
        negative = block < 0
        comp_r, comp_c = self.component[rows][:, None], self.component[cols][None, :]
        apart = (comp_r == comp_c) & (comp_r >= 0) & (self.side[rows][:, None] != self.side[cols][None, :])
        hostile = negative | ((block == 0) & apart)
        if distinct:
            hostile = np.triu(hostile, 1)
        r, c = np.nonzero(hostile)
        return PairSet(self.ids, rows[r], cols[c], row_weight[r] * col_weight[c], negative[r, c])
