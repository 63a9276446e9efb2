"""Documents for the distributed engines: brief files, JSON Lines files and Parquet files, in a fixed order.

Every document (or unreadable file, or bad record) becomes one row keyed by (file_no, row_no): the
source file's place in the listing and the record's place in that file. The writer stores rows in
that order, so a cluster returns the corpus in the order it was given, as the local engine does.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterator

from ..errors import EngineError, ReadError
from ..model import Document
from ..read import read_document
from ..read.base import normalise_newlines
from ..read.dates import normalise_date
from ..read.walk import walk

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
DOCUMENT_FIELDS = ("text", "path", "title", "date")
PARQUET_BATCH = 256


@dataclass(frozen=True)
class SourceFile:
    number: int
    path: str
    kind: str  # "brief" (read like `add` reads it), "jsonl" or "parquet" (one document per record)


def kind_of(path: str) -> str:
    suffix = PurePath(path).suffix.lower()
    return "jsonl" if suffix in JSONL_SUFFIXES else "parquet" if suffix in PARQUET_SUFFIXES else "brief"


def source_files(sources: list[str]) -> tuple[list[SourceFile], list[ReadError]]:
    """The files under `sources` (folders walked as `add` walks them) and one error per unreadable one."""
    paths: list[str] = []
    errors: list[ReadError] = []
    for given in sources:
        if given == "-":
            errors.append(ReadError(given, "standard input cannot be sent to a cluster; give a file or folder"))
        elif os.path.isdir(given):
            found, unreadable = walk(given)
            if not found and not unreadable:
                errors.append(ReadError(given, "folder has no files (hidden files are skipped)"))
            paths += found
            errors += unreadable
        else:
            paths.append(given)
    return [SourceFile(i, p, kind_of(p)) for i, p in enumerate(paths)], errors


def check_date(date: str | None) -> None:
    """Refuse a --date that is not a date before the cluster is asked to read anything."""
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", normalise_date(date) or ""):
        raise EngineError(f"not a date: {date!r} (expected e.g. 2021-10-04)")


def read_rows(source: SourceFile, date: str | None = None) -> Iterator[dict[str, Any]]:
    """One row per document in `source`, or an error row; `date` overrides the documents' own dates."""
    readers = {"brief": _brief_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows}
    try:
        yield from readers[source.kind](source, date)
    except (OSError, ValueError) as exc:  # a file gone missing, a corrupt Parquet footer
        yield error_row(source.number, 0, ReadError(source.path, _reason(exc)))


def document_row(file_no: int, row_no: int, document: Document) -> dict[str, Any]:
    return {"file_no": file_no, "row_no": row_no, "path": document.path, "title": document.title,
            "date": document.date, "text": document.text, "error": None}


def error_row(file_no: int, row_no: int, error: ReadError) -> dict[str, Any]:
    return {"file_no": file_no, "row_no": row_no, "path": error.path, "title": None, "date": None,
            "text": None, "error": error.reason}


def row_document(row: dict[str, Any]) -> Document | ReadError:
    if row.get("error"):
        return ReadError(row["path"], row["error"])
    return Document(text=row["text"], path=row["path"], title=row["title"], date=row["date"])


def _brief_rows(source: SourceFile, date: str | None) -> Iterator[dict[str, Any]]:
    try:
        yield document_row(source.number, 0, read_document(source.path, date))
    except ReadError as exc:
        yield error_row(source.number, 0, exc)


def _jsonl_rows(source: SourceFile, date: str | None) -> Iterator[dict[str, Any]]:
    with open(source.path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if line.strip():
                yield _record_row(source, line_no, _json_record(line), date)


def _json_record(line: str) -> dict[str, Any] | str:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    return record if isinstance(record, dict) else "not a JSON object"


def _parquet_rows(source: SourceFile, date: str | None) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq
    table = pq.ParquetFile(source.path)
    columns = [c for c in DOCUMENT_FIELDS if c in table.schema_arrow.names]
    if "text" not in columns:
        raise ValueError("no 'text' column")
    row_no = 0
    for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
        for record in batch.to_pylist():
            row_no += 1
            yield _record_row(source, row_no, record, date)


def _record_row(source: SourceFile, row_no: int, record: dict[str, Any] | str, date: str | None) -> dict[str, Any]:
    """A record's document; its path defaults to 'FILE:ROW', which also names it in error messages."""
    where = f"{source.path}:{row_no}"
    if isinstance(record, str):
        return error_row(source.number, row_no, ReadError(where, record))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return error_row(source.number, row_no, ReadError(where, "no text"))
    title = record.get("title")
    document = Document(text=normalise_newlines(text), path=str(record.get("path") or where),
                        title=str(title) if title not in (None, "") else None,
                        date=normalise_date(date or record.get("date")))
    return document_row(source.number, row_no, document)


def _reason(exc: Exception) -> str:
    return (getattr(exc, "strerror", None) or str(exc)).lower()
