"""The load benchmark's small HTTP client: it must read every answer whole, whatever its framing, and
reconnect when the server closes, so that the benchmark counts answers and errors honestly."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from rawhttp import HttpError, KeepAliveClient, parse_head  # noqa: E402

ANSWERS = {
    b"/sized": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
    b"/chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    b"/closing": b"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno",
    b"/garbage": b"SMTP ready\r\n\r\n",
}


async def serve_canned(connections: list[int]):
    """A server answering each request line from ANSWERS; it closes the connection after /closing."""
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                break
            target = head.split(b" ")[1]
            writer.write(ANSWERS[target])
            await writer.drain()
            if target in (b"/closing", b"/garbage"):
                break
        writer.close()
    return await asyncio.start_server(handle, "127.0.0.1", 0)


def run_against_canned(steps) -> tuple[list, int]:
    async def main():
        connections: list[int] = []
        server = await serve_canned(connections)
        client = KeepAliveClient("127.0.0.1", server.sockets[0].getsockname()[1], timeout=5)
        try:
            return [await step(client) for step in steps], len(connections)
        finally:
            client.close()
            server.close()
            await server.wait_closed()
    return asyncio.run(main())


def test_sized_and_chunked_answers_are_read_whole_over_one_connection():
    answers, connections = run_against_canned([lambda c: c.get("/sized"), lambda c: c.get("/chunked"),
                                               lambda c: c.get("/sized")])
    assert answers == [(200, b"hello"), (200, b"abcde"), (200, b"hello")]
    assert connections == 1


def test_a_connection_the_server_closes_is_opened_again_for_the_next_request():
    answers, connections = run_against_canned([lambda c: c.get("/closing"), lambda c: c.get("/sized")])
    assert answers == [(404, b"no"), (200, b"hello")]
    assert connections == 2


def test_a_malformed_answer_raises_and_the_next_request_reconnects():
    async def garbage(client):
        with pytest.raises(HttpError):
            await client.get("/garbage")
        return "raised"
    answers, connections = run_against_canned([garbage, lambda c: c.get("/sized")])
    assert answers == ["raised", (200, b"hello")]
    assert connections == 2


def test_response_head_gives_status_length_and_framing():
    assert parse_head(b"HTTP/1.1 503 Busy\r\ncontent-length: 12\r\nconnection: close\r\n\r\n") == (503, 12, False, True)
    assert parse_head(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") == (200, 0, False, True)
