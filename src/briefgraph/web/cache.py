"""Answers of the read-only API kept per reading of the store.

An actor, relation, search or graph answer depends only on its URL and on the view it was computed
from (the store as last read, and whether its analysis is done). So a finished answer is kept under
its path and query string until the view changes: a review decision made through the app, an upload,
or a re-read after another process wrote the store all start with an empty cache. Plain ASGI, inside
the security checks, so a cached answer is only ever sent to a request that passed them.
"""
from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .context import Workbench

# Routes whose answers are a pure function of (URL, view). Search also reads the store's full-text
# index, which a writer may have moved past the view: its answers then lag like the view's.
CACHED_PREFIXES = ("/api/actors", "/api/relations", "/api/search", "/api/graph")
MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024  # the full graph of a large store is a few MB; keep a handful of those


class ResponseCache:
    """Least-recently-used answers of one view; emptied whenever the view changes."""

    def __init__(self) -> None:
        self._generation: tuple = ()
        self._entries: OrderedDict[tuple[str, bytes], tuple[Message, bytes]] = OrderedDict()
        self._bytes = 0

    def get(self, generation: tuple, key: tuple[str, bytes]) -> tuple[Message, bytes] | None:
        self._follow(generation)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, generation: tuple, key: tuple[str, bytes], start: Message, body: bytes) -> None:
        self._follow(generation)
        if len(body) > MAX_BYTES // 4 or key in self._entries:
            return
        self._entries[key] = (start, body)
        self._bytes += len(body)
        while len(self._entries) > MAX_ENTRIES or self._bytes > MAX_BYTES:
            _, (_, old) = self._entries.popitem(last=False)
            self._bytes -= len(old)

    def __len__(self) -> int:
        return len(self._entries)

    def _follow(self, generation: tuple) -> None:
        if not _same(generation, self._generation):
            self._generation = generation
            self._entries.clear()
            self._bytes = 0


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


class CacheMiddleware:
    """Serve GETs of the cached routes from the cache; store their successful answers."""

    def __init__(self, app: ASGIApp, workbench: Workbench):
        self.app, self.workbench = app, workbench
        self.cache = ResponseCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        before = self.workbench.generation()
        if before is None:  # nothing read yet: the first request reads the store in a worker thread
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        found = self.cache.get(before, key)
        if found is not None:
            start, body = found
            await send(dict(start, headers=list(start["headers"])))
            await send({"type": "http.response.body", "body": body})
            return
        await self._answer_and_keep(scope, receive, send, before, key)

    async def _answer_and_keep(self, scope: Scope, receive: Receive, send: Send, before: tuple, key) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        complete = False

        async def keep(message: Message) -> None:
            nonlocal start, complete
            if message["type"] == "http.response.start":
                start = dict(message, headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)
        await self.app(scope, receive, keep)
        # Kept only when the view did not change while it was computed: it may have used either one.
        if start is not None and start["status"] == 200 and complete and _same(before, self.workbench.generation() or ()):
            self.cache.put(before, key, start, b"".join(chunks))
