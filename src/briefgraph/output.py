"""Writing an output file all at once: a failed command never leaves a partial or empty file behind."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import SettingsError
from .names import shown


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto `path` only when the block ends without an error."""
    out = Path(path)
    _prepare(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as a file opened normally, not mkstemp's private 0600
        yield Path(tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _prepare(out: Path) -> None:
    """Refuse a destination that cannot be a file, in one line naming it; create missing parent folders."""
    if out.is_dir():
        raise SettingsError(f"{shown(out)}: is a folder; give a file name to write")
    if out.exists() and not out.is_file():
        raise SettingsError(f"{shown(out)}: not a regular file; give a file name to write")
    blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise SettingsError(f"{shown(out)}: cannot write there, {shown(blocking)} is a file, not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"{shown(out)}: cannot create its folder ({(exc.strerror or str(exc)).lower()})") from None
    if not os.access(out.parent, os.W_OK):
        raise SettingsError(f"{shown(out)}: folder is not writable")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
