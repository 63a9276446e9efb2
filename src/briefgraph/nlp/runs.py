"""Runs of characters without a space, left out before the parser: no word is that long, and the
tokenizer's time grows with the square of such a run's length (10 kB of ')' took seconds)."""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Document

LONG_RUN = 200
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (LONG_RUN + 1))  # anchored at a run start: linear time


def long_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of more than LONG_RUN characters without a space."""
    return [m.span() for m in _LONG_RUN.finditer(text)]


def without_long_runs(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    """The stretches of text[start:end] between its long runs."""
    for m in _LONG_RUN.finditer(text, start, end):
        yield start, m.start()
        start = m.end()
    yield start, end


def skipped_notes(text: str) -> list[str]:
    """The note a document's JSON carries when parts of its text were not parsed."""
    runs = long_runs(text)
    if not runs:
        return []
    chars = sum(e - s for s, e in runs)
    return [f"skipped {len(runs)} run(s) of more than {LONG_RUN} characters without a space "
            f"({chars} characters, the first at offset {runs[0][0]}): not parsed"]


def note_long_runs(document: Document) -> None:
    """Add the skipped-run note to `document` once, however often it is extracted."""
    document.notes += [n for n in skipped_notes(document.text) if n not in document.notes]
