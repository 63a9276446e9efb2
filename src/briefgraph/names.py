"""File names and messages as they can be shown and stored: any name the file system accepts, on one safe line."""
from __future__ import annotations

import os
import re

# C0 and C1 controls, DEL, and the bidirectional overrides that can make a name read backwards.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as os.fsdecode keeps them
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(name: str | bytes | os.PathLike) -> str:
    """`name` with control characters and undecodable bytes written as escapes ('a\\nb', '\\xff')."""
    return one_line(os.fsdecode(name))


def one_line(message: str) -> str:
    """`message` with control characters escaped, so it stays one line and cannot drive a terminal."""
    message = _UNDECODABLE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", message)
    return _UNSAFE.sub(_escape, message)


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return _NAMED.get(m.group()) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
