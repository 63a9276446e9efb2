"""Scorers that measure extraction against gold data: gold actor graphs, dstl re3d, PLOVER/PETRARCH events.

Each `evaluate_*` function extracts the gold texts and returns a plain dict; the pure `score_*`
functions take already extracted graphs, so they test without a model.
"""
from .gold import evaluate_gold, score_gold
from .plover import evaluate_plover, score_events
from .re3d import evaluate_re3d, score_re3d

__all__ = ["evaluate_gold", "evaluate_plover", "evaluate_re3d", "score_events", "score_gold", "score_re3d"]
