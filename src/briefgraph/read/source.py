"""Getting a file's bytes: size limit first, then the read; stdin and pipes read up to the limit."""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from .. import settings
from .base import Refused


def load_file(path: str) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise Refused("is a directory")
        # A regular file's size is known before reading, so a huge file is never loaded into memory.
        if stat.S_ISREG(info.st_mode) and info.st_size > settings.MAX_FILE_BYTES:
            raise Refused(_too_large(f"{_size(info.st_size)} > "))
        with open(path, "rb") as fh:
            return _read_limited(fh)
    except OSError as exc:
        raise Refused((exc.strerror or str(exc)).lower()) from None


def load_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise Refused("no standard input")
    if hasattr(stream, "buffer"):
        data = _read_limited(stream.buffer)
    else:  # a text stream without bytes underneath, e.g. one substituted in tests or notebooks
        data = stream.read(settings.MAX_FILE_BYTES + 1).encode("utf-8")
        _check_stream_size(data)
    if not data:
        raise Refused("no input on standard input")
    return data


def _read_limited(fh: BinaryIO) -> bytes:
    """Read at most one byte past the limit, so a growing file or an endless pipe cannot exhaust memory."""
    data = fh.read(settings.MAX_FILE_BYTES + 1)
    _check_stream_size(data)
    return data


def _check_stream_size(data: bytes) -> None:
    if len(data) > settings.MAX_FILE_BYTES:
        raise Refused(_too_large("more than "))


def _too_large(measured: str) -> str:
    return f"too large ({measured}{_size(settings.MAX_FILE_BYTES)} limit; set BRIEFGRAPH_MAX_BYTES)"


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"
