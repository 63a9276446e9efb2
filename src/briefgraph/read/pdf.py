"""PDF files: the text layer, read with pypdf and set into paragraphs (pdftext.py). Scanned pages
without one are refused."""
from __future__ import annotations

import contextlib
import io
import logging
import warnings
from typing import Iterator

from .base import Parsed, Refused, normalise_newlines
from .dates import normalise_date, stated_date
from .pdftext import pdf_paragraphs


def read_pdf(data: bytes) -> Parsed:
    with _quiet():
        return _read(data)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs and warns about every flaw it works around; a damaged PDF is reported in one line instead."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def _read(data: bytes) -> Parsed:
    reader = _open(data)
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many unrelated types on damaged content streams
        raise Refused(f"cannot read PDF text ({_brief(exc)})") from None
    text = pdf_paragraphs([normalise_newlines(p) for p in pages])
    if not text:
        raise Refused("PDF has no text layer")
    title, printed = _metadata(reader)
    # A date the brief states at its top is its own; the PDF's creation date is when it was printed.
    # Read from the first page's lines as extracted, before they are joined into paragraphs.
    own = stated_date(normalise_newlines(pages[0])) if pages else None
    date, source = (own, "stated in the text") if own else (printed, "pdf properties" if printed else None)
    return Parsed(text, title, date, date_source=source)


def _open(data: bytes):
    # Imported on first use for the same reason as trafilatura: most runs read no PDF.
    from pypdf import PdfReader
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are "encrypted" with an empty user password only to restrict printing.
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("PDF is encrypted with a password")
        return reader
    except Refused:
        raise
    except Exception as exc:  # damaged files surface as PdfReadError, ValueError, KeyError, ...
        raise Refused(f"cannot parse PDF ({_brief(exc)})") from None


def _metadata(reader) -> tuple[str | None, str | None]:
    """Title and creation date from the document information, when present and well formed."""
    try:
        info = reader.metadata
        if info is None:
            return None, None
        title = (info.title or "").strip() or None
        return title, normalise_date(info.creation_date)
    except Exception:  # a malformed date string in the info dictionary must not cost the text
        return None, None


def _brief(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
