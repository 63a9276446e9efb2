"""Getting a file's bytes: size limit first, then the read; stdin and pipes read up to the limit."""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from .. import settings
from .base import Refused


def load_file(path: str) -> bytes:
    """The bytes of a regular file; folders, FIFOs, devices and sockets are refused before any read."""
    try:
        _check_kind(os.stat(path))
        # O_NONBLOCK: if the path was swapped for a FIFO since the check, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_kind(os.fstat(fd))
            return _read_limited(fh)
    except OSError as exc:
        raise Refused((exc.strerror or str(exc)).lower()) from None


_KINDS = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a FIFO (named pipe), not a file"),
          (stat.S_ISSOCK, "is a socket, not a file"), (stat.S_ISCHR, "is a device, not a file"),
          (stat.S_ISBLK, "is a device, not a file"))


def _check_kind(info: os.stat_result) -> None:
    """Only regular files are read: a FIFO or a device would block or never end."""
    for test, reason in _KINDS:
        if test(info.st_mode):
            raise Refused(reason)
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file")
    # A regular file's size is known before reading, so a huge file is never loaded into memory.
    if info.st_size > settings.max_file_bytes():
        raise Refused(_too_large(f"{_size(info.st_size)} > "))


def load_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise Refused("no standard input")
    if hasattr(stream, "buffer"):
        data = _read_limited(stream.buffer)
    else:  # a text stream without bytes underneath, e.g. one substituted in tests or notebooks
        data = stream.read(settings.max_file_bytes() + 1).encode("utf-8")
        _check_stream_size(data)
    if not data:
        raise Refused("no input on standard input")
    return data


def _read_limited(fh: BinaryIO) -> bytes:
    """Read at most one byte past the limit, so a growing file or an endless pipe cannot exhaust memory."""
    data = fh.read(settings.max_file_bytes() + 1)
    _check_stream_size(data)
    return data


def _check_stream_size(data: bytes) -> None:
    if len(data) > settings.max_file_bytes():
        raise Refused(_too_large("more than "))


def _too_large(measured: str) -> str:
    return f"too large ({measured}{_size(settings.max_file_bytes())} limit; set BRIEFGRAPH_MAX_BYTES)"


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"
