"""Imported once by the fork server that local worker processes are forked from (`engines.local`).

It loads the default pipeline, the gazetteer and the lexicons and runs them on one sentence, so every
worker starts with them in memory (pages shared with the server until written) instead of importing
spaCy and loading the model itself. A worker asked for another model loads that one as before.
"""
from __future__ import annotations

import gc

from ..model import Document
from ..nlp.pipeline import extract_documents_iter


def warm_up() -> None:
    try:
        list(extract_documents_iter([Document(text="France and Germany signed a treaty.")]))
    except Exception:  # noqa: BLE001 - only a head start: whatever fails here, each worker loads (and reports) itself
        pass


warm_up()
# What is loaded now lives as long as the workers: out of the collector's sight, a worker neither rescans
# it nor writes to (and so copies) the pages it shares with the server.
gc.freeze()
