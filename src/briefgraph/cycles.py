"""Pausing Python's cycle collector around work that allocates very many small objects and no cycles."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_cycle_collection(freeze_after: bool = False) -> Iterator[None]:
    """Each time enough new objects pile up, the collector rescans the older ones: reading a store's
    290,000 relations it spent a third of the read rescanning what was already read. Plain data
    (relations, spans, tuples) forms no cycles, so nothing is left for it to free meanwhile.

    With `freeze_after` (for a command whose process ends next), what exists at the end is moved out
    of the collector's reach before it restarts: otherwise its first pass scans all of it once more."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        if enabled:
            gc.enable()
