"""Reading briefs: text, Markdown, HTML and PDF files, folders of them, and stdin.

`iter_documents` yields a ReadError for each file it cannot read instead of raising,
so one bad file in a folder never stops the good ones from being processed.
"""
from __future__ import annotations

import os
from pathlib import PurePath
from typing import Iterator

from ..errors import ReadError
from ..model import Document
from ..names import shown
from .base import Refused
from .dates import is_iso_day, normalise_date
from .formats import reader_for
from .source import load_file, load_stdin
from .walk import walk

STDIN = "-"


def read_document(path: str, date: str | None = None) -> Document:
    """Read one file (or stdin for '-'); `date` overrides any date the file carries. Raises ReadError."""
    try:
        if path == STDIN:
            data, suffix = load_stdin(), ""
        else:
            data, suffix = load_file(path), PurePath(path).suffix
        parsed = reader_for(suffix, data)(data)
    except Refused as exc:
        raise ReadError(path, exc.reason) from None
    found, source = (normalise_date(date), "given") if date else (parsed.date, parsed.date_source)
    notes = []
    if found and not is_iso_day(found):  # 'soon' or 'Q3 2021' in front matter: kept as a note, not as a date
        notes.append(f"the {source} date {found!r} is not a day; the brief is undated")
        found = None
    return Document(text=parsed.text, path=shown(path), title=parsed.title, date=found, text_start=parsed.text_start,
                    date_source=source if found else None, notes=notes)


def iter_documents(paths: list[str], date: str | None = None) -> Iterator[Document | ReadError]:
    """Each readable file as a Document and each unreadable one as a ReadError, in the order given."""
    for given in paths:
        if given != STDIN and os.path.isdir(given):
            yield from _folder(given, date)
        else:
            yield _attempt(given, date)


def _folder(folder: str, date: str | None) -> Iterator[Document | ReadError]:
    files, errors = walk(folder)
    if not files and not errors:
        yield ReadError(folder, "folder has no files (hidden files are skipped)")
    for path in files:
        yield _attempt(path, date)
    yield from errors


def _attempt(path: str, date: str | None) -> Document | ReadError:
    try:
        return read_document(path, date)
    except ReadError as exc:
        return exc


__all__ = ["iter_documents", "read_document"]
