"""``/docs`` (Swagger UI) and ``/redoc``: the API's interactive documentation, served with
assets from a package (fastapi-offline ships Swagger UI and ReDoc), so it works without
internet; the pages load no script of their own inline (``api/static/docs.js`` starts Swagger
UI), as the pages' Content-Security-Policy asks."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

ASSETS = Path(fastapi_offline.__file__).parent / "static"  # swagger-ui-bundle.js, redoc…


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    base = str(request.base_url)
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iisgraph API</title>
<link rel="icon" href="{base}static/apidocs/favicon.png">
<link rel="stylesheet" href="{base}static/apidocs/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi="{base}openapi.json"></div>
<script src="{base}static/apidocs/swagger-ui-bundle.js"></script>
<script src="{base}static/docs.js"></script></body></html>"""
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    base = str(request.base_url)
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iisgraph API</title>
<link rel="icon" href="{base}static/apidocs/favicon.png"></head>
<body><redoc spec-url="{base}openapi.json"></redoc>
<script src="{base}static/apidocs/redoc.standalone.js"></script></body></html>"""
    )
