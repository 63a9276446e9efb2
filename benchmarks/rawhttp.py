"""A minimal HTTP/1.1 keep-alive GET client on asyncio streams, for the load benchmark.

The load generator shares the machine's cores with the server it measures, so it should cost as
little as it can: one connection per closed-loop client, a request written as one buffer, and the
answer read by its Content-Length (or its chunks). Every answer is read to its end; anything but a
complete 200 counts as an error, and a connection that failed or asked to close is opened again.
"""
from __future__ import annotations

import asyncio


class HttpError(Exception):
    """The server's answer was not a well-formed HTTP/1.1 response."""


class KeepAliveClient:
    """GETs over one persistent connection to `host:port`, opened on first use and after any failure."""

    def __init__(self, host: str, port: int, timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self._head = f"Host: {host}:{port}\r\n\r\n".encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        """(status, body) of `GET target`; raises OSError, asyncio.TimeoutError or HttpError on failure."""
        try:
            async with asyncio.timeout(self.timeout):
                return await self._exchange(target)
        except BaseException:
            self.close()  # never reuse a connection left in an unknown state
            raise

    async def _exchange(self, target: str) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        self._writer.write(b"GET " + target.encode() + b" HTTP/1.1\r\n" + self._head)
        status, length, chunked, closing = parse_head(await self._reader.readuntil(b"\r\n\r\n"))
        if chunked:
            body = await self._chunks()
        elif length is not None:
            body = await self._reader.readexactly(length)
        else:
            raise HttpError("an answer without Content-Length or chunks")
        if closing:
            self.close()
        return status, body

    async def _chunks(self) -> bytes:
        parts = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")  # no trailers are expected: the empty line
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


def parse_head(head: bytes) -> tuple[int, int | None, bool, bool]:
    """(status, content length, chunked, connection closes) from a response's status line and headers."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise HttpError(f"not an HTTP/1.1 status line: {lines[0][:80]!r}")
    length, chunked, closing = None, False, parts[0] == "HTTP/1.0"
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding":
            chunked = "chunked" in value
        elif name == "connection":
            closing = value == "close"
    return int(parts[1]), length, chunked, closing
