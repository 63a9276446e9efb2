"""Review decisions as data: taken through `Review`, logged with who, when and why, and applied
by `apply_review` whenever the store's graph or actors are read."""
from .actions import Review
from .apply import Reviewed, apply_review
from .labels import examples
from .log import Decision, in_force

__all__ = ["Decision", "Review", "Reviewed", "apply_review", "examples", "in_force"]
