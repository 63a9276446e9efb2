"""The app's front door: cached answers sent before FastAPI's own stack sees the request.

Most API requests under load are answered from the cache (`cache.py`). Taking them through FastAPI's
middleware stack costs more than the answer itself, so this plain ASGI layer, the outermost one,
sends a kept answer at once, pre-encoded with the same security headers, to a GET that the security
checks would let through unchanged (`Guard.plain_get`: Host, access token, no ?token= visit). Every
other request, and every answer not kept, goes the whole way: the security checks, then the cache,
then the routes.
"""
from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Receive, Scope, Send

from .cache import Answers, Entry, cacheable
from .security import SECURITY_HEADERS, Guard, csrf_cookie


class FrontDoor:
    def __init__(self, app: ASGIApp, answers: Answers, guard: Guard):
        self.app, self.answers, self.guard = app, answers, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if cacheable(scope):
            needs_cookie = self.guard.plain_get(scope)
            try:
                found = self.answers.lookup(scope) if needs_cookie is not None else None
            except Exception:  # noqa: BLE001 - e.g. the store unreadable: the whole app answers, in its error shape
                found = None
            if found is not None:
                headers = _headers(found)
                if needs_cookie:  # as the security checks do for a browser's first request
                    headers = headers + [(b"set-cookie", csrf_cookie(secrets.token_urlsafe(24)))]
                await send({"type": "http.response.start", "status": found.start["status"], "headers": headers})
                await send({"type": "http.response.body", "body": found.body})
                return
        await self.app(scope, receive, send)


def _headers(entry: Entry) -> list[tuple[bytes, bytes]]:
    """The answer's own headers and the security headers, encoded once per kept answer."""
    if entry.front_headers is None:
        entry.front_headers = [h for h in entry.start["headers"] if h[0].lower() not in dict(SECURITY_HEADERS)]
        entry.front_headers += SECURITY_HEADERS
    return entry.front_headers
