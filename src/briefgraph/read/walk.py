"""Listing the files of a folder: recursive, sorted, hidden files and folders skipped."""
from __future__ import annotations

import os
from pathlib import PurePath

from ..errors import ReadError


def walk(folder: str) -> tuple[list[str], list[ReadError]]:
    """The folder's files as paths joined onto `folder` as given, and one error per unreadable subfolder."""
    files: list[str] = []
    errors: list[ReadError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(ReadError(exc.filename or folder, (exc.strerror or str(exc)).lower()))

    # Symlinked folders are not followed, so a link back up the tree cannot loop.
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(os.path.join(root, n) for n in names if not n.startswith("."))
    # Sorting by path components keeps a folder's files together ('a/x' before 'a-b/x').
    return sorted(files, key=lambda p: PurePath(p).parts), errors
