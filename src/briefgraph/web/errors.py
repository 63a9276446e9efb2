"""One JSON error shape for every failure of the API: {"error": {"status", "code", "message"}}.

Library errors are translated here, at the edge: a review decision that cannot be taken is a
400, a name or id that is not in the store a 404.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import BriefgraphError, ReadError, ReviewError, StoreError

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 415: "unsupported_type", 422: "invalid_request", 500: "internal_error"}


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def error_body(status: int, message: str) -> dict:
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message}}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def status_of(exc: BriefgraphError) -> int:
    """404 when the error says something is not there ("no actor ..."), 409 when it is there already."""
    if str(exc).startswith("no "):
        return 404
    if "already" in str(exc):
        return 409
    if isinstance(exc, (ReviewError, ReadError)):
        return 400
    return 409 if isinstance(exc, StoreError) else 400


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


# Declared on every API route so the OpenAPI schema tells clients the one error shape.
RESPONSES = {status: {"model": ErrorBody, "description": CODES[status].replace("_", " ")}
             for status in (400, 401, 403, 404, 409, 422)}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError):
        return error_response(exc.status, exc.message)

    @app.exception_handler(BriefgraphError)
    async def _library(_: Request, exc: BriefgraphError):
        return error_response(status_of(exc), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))  # e.g. Allow on 405

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_response(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception):
        return error_response(500, f"internal error: {type(exc).__name__}")
