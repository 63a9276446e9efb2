"""Review decisions as data: taken through `Review`, logged with who, when and why, and applied
by `apply_review` whenever the store's graph or actors are read."""
from __future__ import annotations

import importlib

# name -> the submodule defining it, imported on first use: every store read checks the log
# (review.log), which should not load the ontology lexicons that applying decisions needs.
_WHERE = {"Review": "actions", "Reviewed": "apply", "apply_review": "apply", "examples": "labels",
          "Decision": "log", "in_force": "log"}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)


__all__ = ["Decision", "Review", "Reviewed", "apply_review", "examples", "in_force"]
