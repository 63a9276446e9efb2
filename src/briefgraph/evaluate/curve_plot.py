"""The precision-recall curve of `eval gold` as a picture (PNG, SVG or PDF by the file's suffix)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from ..errors import EvaluationError

FORMATS = (".png", ".svg", ".pdf")


def plot_curve(points: list[dict[str, Any]], path: str | Path, title: str = "relations") -> Path:
    """Draw precision against recall, one marked point per confidence threshold, and save it."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise EvaluationError(f"{path}: the plot must end in {', '.join(FORMATS)}")
    fig = Figure(figsize=(5, 4))
    ax = fig.subplots()
    pts = [p for p in points if p["predicted"]]
    ax.plot([p["recall"] for p in pts], [p["precision"] for p in pts], marker="o", color="#3366cc")
    for p in pts:
        ax.annotate(f'{p["threshold"]:.1f}', (p["recall"], p["precision"]), textcoords="offset points",
                    xytext=(4, 4), fontsize=7)
    ax.set(xlim=(0, 1), ylim=(0, 1.02), xlabel="recall", ylabel="precision",
           title=f"{title}: precision and recall by minimum confidence")
    ax.grid(alpha=0.3)
    try:
        fig.savefig(path, dpi=120, bbox_inches="tight")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot write ({exc})") from None
    return path
