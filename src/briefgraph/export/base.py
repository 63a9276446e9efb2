"""The exporter interface every format implements, and helpers the formats share."""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from ..errors import ExportError
from ..model import Graph

__all__ = ["Exporter", "ExportError", "prepare", "require"]


class Exporter(ABC):
    """Writes one graph in one format to `output`, a file or (for table formats) a folder."""

    name: str = ""
    folder: bool = False  # True: `output` is a folder of several files

    @abstractmethod
    def write(self, graph: Graph, output: Path) -> Path:
        """Write `graph`; return the path written."""


def prepare(output: Path, folder: bool) -> Path:
    """Create the output folder, or the file's parent folder; unwritable places become ExportError."""
    output = Path(output)
    if folder and output.exists() and not output.is_dir():
        raise ExportError(f"{output}: not a folder")
    try:
        (output if folder else output.parent).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{output}: cannot create: {exc.strerror or exc}") from exc
    return output


def require(module: str, extra: str):
    """Import an optional library, or say which extra installs it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ExportError(f"this format needs {module}: pip install 'briefgraph[{extra}]'") from exc
