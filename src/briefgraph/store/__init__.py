"""The SQLite store of briefs, actors and claims, and the `Corpus` API over it."""
from .corpus import AddResult, Corpus
from .database import Store

__all__ = ["AddResult", "Corpus", "Store"]
