"""Plain text and Markdown: decoding, refusing binary or empty files, front matter."""
from __future__ import annotations

import codecs
import re

from .base import Parsed, Refused, normalise_newlines
from .dates import normalise_date
from .frontmatter import split_front_matter

# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_SAMPLE = 8192
# Prose has next to no control bytes besides tab, newline, form feed and carriage return;
# compressed or compiled data has many, even when it happens to contain no NUL.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_CONTROL_SHARE = 0.05
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*$", re.M)


class Undecodable(Refused):
    """Text-like bytes that are not valid in the expected encoding (HTML may still name its own)."""


def looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > _CONTROL_SHARE * len(sample)


def decode(data: bytes) -> str:
    """The text of `data`: UTF-8, or whatever Unicode encoding its byte-order mark names."""
    if not data:
        raise Refused("empty file")
    marked = next(((enc, lab) for bom, enc, lab in _BOMS if data.startswith(bom)), None)
    # A BOM-marked UTF-16/32 file is full of NULs by design, so the binary test is for unmarked files.
    if marked is None and looks_binary(data):
        raise Refused("binary file, not text")
    encoding, label = marked or ("utf-8", "UTF-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Undecodable(f"cannot decode as {label} (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise Refused("empty file (whitespace only)")
    return normalise_newlines(text)


def read_text(data: bytes) -> Parsed:
    """A brief in plain text or Markdown; front matter gives the title and date and is removed."""
    whole = decode(data)
    meta, rest = split_front_matter(whole)
    body = rest.strip()
    if not body:
        raise Refused("no text after the front matter")
    title = meta.get("title")
    title = str(title).strip() if title not in (None, "") else _markdown_title(body)
    start = len(whole) - len(rest) + (len(rest) - len(rest.lstrip()))
    date = normalise_date(meta.get("date"))
    return Parsed(body, title or None, date, start, "front matter" if date else None)


def _markdown_title(body: str) -> str | None:
    """A Markdown file without front matter is often titled by its first '# ' heading."""
    m = _HEADING.match(body)
    return m.group(1) if m else None
