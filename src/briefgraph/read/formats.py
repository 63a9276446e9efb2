"""Which reader handles a file: by suffix, else by what its first bytes look like."""
from __future__ import annotations

import codecs
from typing import Callable

from .base import Parsed
from .pdf import read_pdf
from .text import read_text
from .webpage import read_html

Reader = Callable[[bytes], Parsed]

READERS: dict[str, Reader] = {
    ".txt": read_text, ".text": read_text, ".md": read_text, ".markdown": read_text,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
    ".pdf": read_pdf,
}
_HTML_STARTS = (b"<!doctype html", b"<html")


def reader_for(suffix: str, data: bytes) -> Reader:
    """The reader for a known suffix; other files (and stdin) are sniffed, and text is the default."""
    known = READERS.get(suffix.lower())
    if known is not None:
        return known
    if data.startswith(b"%PDF-"):
        return read_pdf
    head = data[:512].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(_HTML_STARTS):
        return read_html
    # Binary files (images, archives, ...) end up here too; the text reader refuses them clearly.
    return read_text
