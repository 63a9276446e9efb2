"""Answers of the read-only API kept per reading of the store.

An actor, relation, search or graph answer depends only on its URL and on the view it was computed
from (the store as last read, and whether its analysis is done). So a finished answer is kept under
its path and query string until the view changes. Plain ASGI, inside the security checks, so a
cached answer is only ever sent to a request that passed them (the front door, `front.py`, sends kept
answers earlier, only to requests those checks would pass unchanged).

When the view changes because another process wrote the store (an ingest, every few seconds), the
previous view's answers stay servable for `STALE_SECONDS` while one background task computes again
the answers clients asked for under the previous view, starting with those asked for since
(stale-while-revalidate): otherwise every reading of a busy store would make every client wait for a
recomputation at once. A change made through this app (a review decision, an upload) ends that at
once: no answer computed before it is ever served again.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .context import Workbench

# Routes whose answers are a pure function of (URL, view). Search also reads the store's full-text
# index, which a writer may have moved past the view: its answers then lag like the view's.
CACHED_PREFIXES = ("/api/actors", "/api/relations", "/api/search", "/api/graph")
MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024  # the full graph of a large store is a few MB; keep a handful of those
# How long after a newer reading of the store replaced its view an answer may still be served.
STALE_SECONDS = 5.0

Key = tuple[str, bytes]


@dataclass
class Entry:
    start: Message
    body: bytes
    own_writes: int  # the workbench's count of its own writes when the answer was computed
    asked: bool  # asked for by a client under its view (what is worth computing again for the next one)
    superseded: float = 0.0  # when a newer view replaced the answer's view
    front_headers: list | None = None  # its headers with the security headers, once the front door sent it


class ResponseCache:
    """Least-recently-used answers of the current view, and the previous views' answers for a while."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._generation: tuple = ()
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._stale: OrderedDict[Key, Entry] = OrderedDict()
        self._hot: list[Key] = []
        self._bytes = 0
        self._stale_bytes = 0

    def get(self, generation: tuple, key: Key, own_writes: int) -> tuple[Entry | None, bool]:
        """(the answer for `key`, whether it is of the current view). An older view's answer only while
        it is at most STALE_SECONDS out of date and no write through this app came after it."""
        self._follow(generation, own_writes)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            found.asked = True
            return found, True
        old = self._stale.get(key)
        if old is not None and old.own_writes == own_writes and self.clock() - old.superseded <= STALE_SECONDS:
            return old, False
        return None, False

    def put(self, generation: tuple, key: Key, entry: Entry) -> None:
        self._follow(generation, entry.own_writes)
        if len(entry.body) > MAX_BYTES // 4 or key in self._entries:
            return
        self._entries[key] = entry
        self._bytes += len(entry.body)
        while len(self._entries) > MAX_ENTRIES or self._bytes > MAX_BYTES:
            _, old = self._entries.popitem(last=False)
            self._bytes -= len(old.body)

    def fresh(self, generation: tuple, key: Key) -> bool:
        return _same(generation, self._generation) and key in self._entries

    def take_hot(self) -> list[Key]:
        """The keys clients asked for under the views replaced since the last call, most recent first."""
        hot, self._hot = self._hot, []
        return hot

    def __len__(self) -> int:
        return len(self._entries)

    def _follow(self, generation: tuple, own_writes: int) -> None:
        if _same(generation, self._generation):
            return
        now = self.clock()
        for key, entry in self._entries.items():
            entry.superseded = now
            replaced = self._stale.pop(key, None)
            self._stale_bytes += len(entry.body) - (len(replaced.body) if replaced is not None else 0)
            self._stale[key] = entry
        self._hot = [k for k, e in reversed(self._entries.items()) if e.asked] + self._hot
        # Oldest first: drop what is past its time, what a write through the app made wrong, and beyond the
        # size limits.
        while self._stale:
            entry = next(iter(self._stale.values()))
            if (now - entry.superseded <= STALE_SECONDS and entry.own_writes == own_writes
                    and len(self._stale) <= MAX_ENTRIES and self._stale_bytes <= MAX_BYTES):
                break
            self._stale_bytes -= len(self._stale.popitem(last=False)[1].body)
        self._generation = generation
        self._entries.clear()
        self._bytes = 0


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _discard(message: Message) -> None:
    return None


def cacheable(scope: Scope) -> bool:
    return scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith(CACHED_PREFIXES)


class Answers:
    """The app's cache of answers, and the one task that computes answers again after a re-read."""

    def __init__(self, workbench: Workbench):
        self.workbench = workbench
        self.cache = ResponseCache()
        self.routes: ASGIApp | None = None  # what computes an answer: the app inside the security checks
        # Keys to compute again, first ones first, each with whether a client asked for it under this view.
        self._queue: OrderedDict[Key, bool] = OrderedDict()
        self._template: Scope | None = None
        self._refresher: asyncio.Task | None = None

    def lookup(self, scope: Scope) -> Entry | None:
        """A servable answer to this cacheable GET, if one is kept; an out-of-date one is queued to be computed again."""
        generation = self.workbench.generation()
        if generation is None:
            return None
        key = (scope["path"], scope.get("query_string", b""))
        found, fresh = self.cache.get(generation, key, self.workbench.own_writes)
        if found is not None and not fresh:
            self._queue[key] = True
            self._queue.move_to_end(key, last=False)  # asked for now: computed before the others
        self._schedule(scope)
        return found

    async def answer_and_keep(self, scope: Scope, receive: Receive, send: Send, asked: bool = True) -> None:
        """Compute the answer through the routes, send it on, and keep it if it is a complete 200."""
        before = self.workbench.generation()
        if before is None:  # nothing read yet: the first request reads the store in a worker thread
            await self.routes(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []
        complete = False
        own_writes = self.workbench.own_writes

        async def keep(message: Message) -> None:
            nonlocal start, complete
            if message["type"] == "http.response.start":
                start = dict(message, headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)
        await self.routes(scope, receive, keep)
        # Kept only when the view did not change while it was computed: it may have used either one.
        if start is not None and start["status"] == 200 and complete and _same(before, self.workbench.generation() or ()):
            key = (scope["path"], scope.get("query_string", b""))
            self.cache.put(before, key, Entry(start, b"".join(chunks), own_writes, asked))

    def _schedule(self, scope: Scope) -> None:
        """Queue the answers hot under replaced views, and start the task computing them if it is not running."""
        for key in self.cache.take_hot():
            self._queue.setdefault(key, False)
        if not self._queue or (self._refresher is not None and not self._refresher.done()):
            return
        if self._template is None:  # what a route needs of a request, without this client's credentials
            self._template = {k: v for k, v in scope.items() if k not in ("path", "raw_path", "query_string", "state")}
            self._template["headers"] = [(k, v) for k, v in scope.get("headers", ()) if k == b"host"]
        self._refresher = asyncio.get_running_loop().create_task(self._refresh_queued())

    async def _refresh_queued(self) -> None:
        """Compute the queued answers again under the current view, one at a time."""
        while self._queue:
            key, asked = self._queue.popitem(last=False)
            generation = self.workbench.generation()
            if generation is None or self.cache.fresh(generation, key):
                continue
            path, query = key
            scope = dict(self._template, path=path, raw_path=path.encode(), query_string=query, state={})
            try:
                await self.answer_and_keep(scope, _no_body, _discard, asked)
            except Exception:  # noqa: BLE001 - the answer is computed on its next request instead, with its error
                pass


class CacheMiddleware:
    """Inside the security checks: serve cacheable GETs from the cache, or compute and keep their answers."""

    def __init__(self, app: ASGIApp, answers: Answers):
        self.app, self.answers = app, answers
        answers.routes = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not cacheable(scope):
            await self.app(scope, receive, send)
            return
        found = self.answers.lookup(scope)
        if found is None:
            await self.answers.answer_and_keep(scope, receive, send)
            return
        await send(dict(found.start, headers=list(found.start["headers"])))
        await send({"type": "http.response.body", "body": found.body})
