"""Exports that other tools open: one module per format behind the `Exporter` interface.

Adding a format is adding a module and a line in `FORMATS`; the CLI lists what is here.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..model import Graph
from .base import Exporter, ExportError

# format name -> "module:class", imported only when used (pyarrow, stix2, followthemoney are slow to load)
FORMATS = {
    "graphml": "network:GraphMLExporter",
    "gexf": "network:GEXFExporter",
    "csv": "csvfiles:CSVExporter",
    "parquet": "parquet:ParquetExporter",
    "stix": "stix:STIXExporter",
    "ftm": "ftm:FtMExporter",
    "cypher": "cypher:CypherExporter",
}


def __getattr__(name: str):
    # `export_graph` needs the analysis package (networkx, numpy): loaded when asked for, so listing
    # the formats (the CLI's `--format` choices) stays cheap.
    if name == "export_graph":
        from .selection import export_graph
        return export_graph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def exporter(name: str) -> Exporter:
    if name not in FORMATS:
        raise ExportError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}")
    module, cls = FORMATS[name].split(":")
    return getattr(importlib.import_module(f".{module}", __name__), cls)()


def export(graph: Graph, fmt: str, output: str | Path) -> Path:
    """Write `graph` as `fmt` to `output` (a file, or a folder for csv and parquet); return the path."""
    return exporter(fmt).write(graph, Path(output))


__all__ = ["FORMATS", "Exporter", "ExportError", "export", "export_graph", "exporter"]
