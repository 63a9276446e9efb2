"""What every format reader returns, and how a reader says no."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Parsed:
    """The text of one file and whatever title and date the file itself carries."""
    text: str
    title: str | None = None
    date: str | None = None
    text_start: int = 0  # characters of the decoded file before `text` (front matter, leading blank lines)
    date_source: str | None = None  # where `date` came from: "front matter", "html metadata", ...


class Refused(Exception):
    """A reader's reason for not accepting a file; `read_document` adds the path to make a ReadError."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends become '\\n', so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
