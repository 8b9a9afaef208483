"""The one place errors become HTTP: every 4xx/5xx is an RFC 9457 ``application/problem+json``.

``IisgraphError`` categories map to statuses; their messages are written for users and shown.
Anything else is a bug: a generic 500, with the traceback in the log only.
"""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.openapi import allowed_methods
from graph.errors import (
    BadInput,
    Forbidden,
    Gone,
    IisgraphError,
    InvalidGraph,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    StoreUnavailable,
    TooLarge,
    Unauthorized,
    Unavailable,
    UnknownFormat,
)

log = logging.getLogger("iisgraph.api")

STORE_DOWN = (
    "the store is not available at the moment; try again later (the operator has the details)"
)

PROBLEM = "application/problem+json"

# Most specific first: the first class an error is an instance of decides its status.
STATUS_OF: tuple[tuple[type[IisgraphError], int], ...] = (
    (UnknownFormat, 406),
    (TooLarge, 413),
    (InvalidGraph, 422),
    (BadInput, 400),
    (Gone, 410),
    (NotFound, 404),
    (PreconditionFailed, 412),
    (PreconditionRequired, 428),
    (Forbidden, 403),
    (Unauthorized, 401),
    (Unavailable, 503),
)

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    410: "Gone",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def problem_body(status: int, detail: str, instance: str) -> bytes:
    """An RFC 9457 problem as JSON bytes (for answers made outside a route)."""
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    return json.dumps({**body, "detail": detail, "instance": instance}).encode()


def problem(status: int, detail: str, request: Request, **extra: object) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def status_of(exc: IisgraphError) -> int:
    return next((code for cls, code in STATUS_OF if isinstance(exc, cls)), 400)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem response."""

    @app.exception_handler(IisgraphError)
    async def on_iisgraph_error(request: Request, exc: IisgraphError) -> JSONResponse:
        if isinstance(exc, StoreUnavailable):
            # the operator's problem (a server down, iisgraph's own credentials refused): the
            # log has the server's address and what it said, the reader only that it is down
            log.error("store unavailable on %s %s: %s", request.method, request.url.path, exc)
            return problem(503, STORE_DOWN, request)
        extra: dict[str, object] = {}
        if isinstance(exc, InvalidGraph) and exc.report:
            extra["report"] = exc.report.splitlines()
        response = problem(status_of(exc), exc.message, request, **extra)
        if isinstance(exc, Unauthorized):
            response.headers["WWW-Authenticate"] = 'Bearer realm="iisgraph"'
        return response

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem(exc.status_code, str(exc.detail), request)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        if exc.status_code == 405:
            # every method some route answers here, not only the first route's
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        return problem(400, "; ".join(errors) or "invalid request", request)

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "An unexpected error occurred; it has been logged.", request)
