"""Safe defaults for the web app: an access token when one is set, CSRF protection on every
state-changing request, a strict Content-Security-Policy, and a Host check against DNS rebinding.

- Token: every request presents it as `Authorization: Bearer TOKEN`, or as the cookie that a first
  visit to any page with `?token=TOKEN` sets.
- CSRF: a POST, PUT, PATCH or DELETE must echo the per-browser secret (cookie `briefgraph_csrf`,
  also in each page's `<meta name="csrf-token">`) in the `X-CSRF-Token` header, and a cross-site
  Origin is refused. Requests authenticated by the bearer header carry no ambient credential a
  forged page could use, so they need no CSRF secret.
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

TOKEN_COOKIE = "briefgraph_token"
CSRF_COOKIE = "briefgraph_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; worker-src 'self' blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Added to every answer (names in lower case, as ASGI sends them).
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin")]


def csrf_cookie(secret: str) -> bytes:
    return f"{CSRF_COOKIE}={secret}; HttpOnly; Path=/; SameSite=strict".encode()


@dataclass
class Guard:
    token: str | None = None
    allowed_hosts: frozenset[str] | None = None  # None: any Host header

    def bearer_ok(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        return bool(self.token) and header.startswith("Bearer ") and _same(header[7:], self.token)

    def token_ok(self, request: Request) -> bool:
        return self.token is None or self.bearer_ok(request) or _same(request.cookies.get(TOKEN_COOKIE, ""), self.token)

    def csrf_ok(self, request: Request) -> bool:
        if request.method not in UNSAFE or self.bearer_ok(request):
            return True
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return False
        cookie = request.cookies.get(CSRF_COOKIE, "")
        return bool(cookie) and _same(request.headers.get(CSRF_HEADER, ""), cookie)

    def host_ok(self, request: Request) -> bool:
        return self.allowed_hosts is None or request.headers.get("host", "") in self.allowed_hosts

    def plain_get(self, scope: Scope) -> bool | None:
        """For a GET that the checks below let through without refusing or redirecting it: whether its answer
        must set a CSRF cookie. None when it takes the full checks to answer it."""
        request = Request(scope)
        if not self.host_ok(request) or not self.token_ok(request):
            return None
        if self.token is not None and "token" in request.query_params:
            return None  # perhaps the ?token= visit that sets the token cookie
        return CSRF_COOKIE not in request.cookies


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class GuardMiddleware:
    """The checks above on every HTTP request, as plain ASGI (no extra task per request)."""

    def __init__(self, app: ASGIApp, guard: Guard):
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = self._refusal(request)
        if refused is not None:
            await refused(scope, receive, send)
            return
        fresh = CSRF_COOKIE not in request.cookies
        scope.setdefault("state", {})["csrf"] = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name.decode()] = value.decode()
                if fresh:
                    headers.append("set-cookie", csrf_cookie(scope["state"]["csrf"]).decode())
            await send(message)
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, request: Request):
        guard = self.guard
        if not guard.host_ok(request):
            return error_response(400, "unexpected Host header")
        query_token = request.query_params.get("token")
        if guard.token and query_token is not None and _same(query_token, guard.token):
            return _remember_token(request, guard.token)
        if not guard.token_ok(request):
            return error_response(401, "this server needs its access token (Authorization: Bearer TOKEN, "
                                       "or open any page once with ?token=TOKEN)")
        if not guard.csrf_ok(request):
            return error_response(403, "CSRF check failed: send the X-CSRF-Token header from the page's "
                                       "csrf-token meta tag (or GET /api/csrf)")
        return None


def install(app: FastAPI, guard: Guard) -> None:
    app.add_middleware(GuardMiddleware, guard=guard)


def _remember_token(request: Request, token: str) -> RedirectResponse:
    """Set the token cookie and send the browser to the same URL without the token in it."""
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    url = request.url.path + (f"?{urlencode(rest)}" if rest else "")
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
