"""A static picture of the actor graph for slides: PNG, SVG or PDF, chosen by the file's suffix.

Same conventions as the HTML report: green cooperative, red conflictual, grey structural;
dashed for reported or uncertain, dotted for hypothetical or negated; width for weight.
"""
from __future__ import annotations

from pathlib import Path

from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..analysis.network import Network, network
from ..errors import BriefgraphError
from ..output import atomic_path
from ..model import Graph
from .layout import layout

FORMATS = (".png", ".svg", ".pdf")
SIGN_COLOURS = {1: "#2e8b57", -1: "#c0392b", 0: "#9a9a9a"}
LINESTYLES = {"factual": "solid", "uncertain": (0, (5, 3)), "unreal": (0, (1, 2.5))}
TYPE_COLOURS = {"state": "#3366cc", "armed_group": "#aa3377", "organization": "#228833", "igo": "#1b9e9e",
                "person": "#c99a06", "collective": "#ee6677", "ethnic_group": "#8c6d31", "place": "#7f7f7f"}
LABELS = 40


def _edges(ax, net: Network, pos) -> None:
    groups: dict[tuple, list] = {}
    for e in net.edges.values():
        width = round(min(0.8 + e.weight, 5.0), 1)
        groups.setdefault((e.sign, e.style(), width), []).append([pos[e.a], pos[e.b]])
    for (sign, style, width), segments in sorted(groups.items(), key=lambda kv: kv[0][0] != 0):
        ax.add_collection(LineCollection(segments, colors=SIGN_COLOURS[sign], linestyles=LINESTYLES[style],
                                         linewidths=width, alpha=0.75, zorder=1))


def _nodes(ax, net: Network, pos, degree: dict[str, float]) -> None:
    ids = sorted(net.actors)
    ax.scatter([pos[a][0] for a in ids], [pos[a][1] for a in ids],
               s=[20 + 25 * degree.get(a, 0.0) ** 0.5 * 4 for a in ids],
               c=[TYPE_COLOURS.get(net.actors[a].type, "#555555") for a in ids],
               edgecolors="white", linewidths=0.6, zorder=2)
    for a in sorted(ids, key=lambda x: -degree.get(x, 0.0))[:LABELS]:
        ax.annotate(net.actors[a].name, pos[a], xytext=(5, 3), textcoords="offset points", fontsize=8, zorder=3)


def draw(net: Network, title: str | None = None) -> Figure:
    """A matplotlib Figure of the network (no pyplot state is touched)."""
    pos = layout(net)
    degree = {a: sum(e.strength for e in net.neighbours(a).values()) for a in net.actors}
    fig = Figure(figsize=(11, 8), dpi=150)
    ax = fig.add_subplot()
    _edges(ax, net, pos)
    _nodes(ax, net, pos, degree)
    ax.set_xlim(-1.15, 1.3)
    ax.set_ylim(-1.1, 1.1)
    ax.invert_yaxis()  # the same orientation as the HTML report
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def write_plot(graph: Graph, path, title: str | None = None, since=None, until=None) -> Path:
    """Write the graph's picture to `path`; the suffix (.png, .svg, .pdf) sets the format."""
    out = Path(path)
    if out.suffix.lower() not in FORMATS:
        raise BriefgraphError(f"{out}: the plot's file name must end in {', '.join(FORMATS)}")
    figure = draw(network(graph, since, until), title)
    with atomic_path(out) as tmp:
        figure.savefig(tmp, format=out.suffix.lower()[1:])
    return out
