"""The OpenAPI description made to tell the truth about failures, and ``Allow`` on 405.

Every operation declares the problems it can answer with (RFC 9457 ``application/problem+json``):
400 for a parameter or query it cannot answer, 404 where its path names a thing, 406 where it
negotiates a format, 429 on the query endpoints (a client over its query time), 503 when the
store is down, and for uploads 401/403/413/415/422. ``format`` is described as the enumeration
it is.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.requests import Request
from starlette.routing import Match

from api.documents import SUFFIXES

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}
WHY = {
    400: "A parameter, key or query that cannot be answered (the detail says which and why)",
    401: "No valid write token (WWW-Authenticate: Bearer)",
    403: "Writes are disabled on this server (no write token configured)",
    404: "Nothing by that key",
    406: "None of the formats the Accept header names is offered",
    413: "The upload is larger than the server accepts",
    415: "The body's media type is not one this operation reads",
    422: "The text was read but its graph fails the shapes (the report says where)",
    429: "This client spent more than its share of query time in the last minute (Retry-After)",
    503: "The store is not available (the operator has the details)",
}
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


def problems_of(path: str, method: str, parameters: list[dict[str, Any]]) -> list[int]:
    """The problem statuses an operation can answer with."""
    codes = [400, 406, 503]
    if "{" in path or any(p.get("in") == "query" for p in parameters):
        codes.append(404)  # a key in the path, or a filter naming a thing, of nothing
    if path.startswith(("/sparql", "/queries")):
        codes.append(429)
    if method in ("post", "put", "delete") and path.startswith("/sources"):
        codes += [401, 403, 413, 415, 422]
    return sorted(set(codes))


def truthful_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI description with every operation's problems and enumerations."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, summary=app.summary, routes=app.routes
    )
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None) if method == "get" else None  # FastAPI's default
            for code in problems_of(path, method, operation.get("parameters", [])):
                responses.setdefault(str(code), {"description": WHY[code], "content": PROBLEM})
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "format" and parameter.get("in") == "query":
                    parameter["schema"] = {"type": "string", "enum": sorted(SUFFIXES)}
    app.openapi_schema = schema
    return schema


def allowed_methods(request: Request) -> list[str]:
    """The methods some route of the app answers at the request's path (for ``Allow``)."""
    allowed = []
    for method in METHODS:
        scope = {**request.scope, "method": method}
        if any(_full_match(route, scope) for route in request.app.router.routes):
            allowed.append(method)
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.insert(allowed.index("GET") + 1, "HEAD")  # api/head.py answers it
    return allowed


def _full_match(route: Any, scope: dict[str, Any]) -> bool:
    inner = getattr(route, "original_router", None)
    if inner is not None:
        return any(_full_match(r, scope) for r in inner.routes)
    match, _ = route.matches(scope)
    return bool(match == Match.FULL)
