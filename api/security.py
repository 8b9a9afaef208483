"""Security headers on every answer: ``X-Content-Type-Options: nosniff`` and a
``Referrer-Policy`` everywhere; on an HTML page also a ``Content-Security-Policy`` that loads
only the project's own scripts and styles (no inline script, no framing, forms and requests to
this server only) and ``X-Frame-Options``.

Style attributes stay allowed (``style-src-attr``): the pages set computed sizes and the
matrix's shade with them; a script can never run from one.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
EVERY_ANSWER = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
HTML_ANSWER = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "X-Frame-Options": "DENY"}
# Swagger UI and ReDoc write <style> elements and ReDoc starts a worker from a blob: their
# pages allow that, scripts stay the server's own files
DOCS_POLICY = (
    CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    + "; worker-src 'self' blob:"
)
DOCS_PAGES = ("/docs", "/redoc")
# The SPARQL page's result table (Yasr) sizes its columns with column-resizer, which writes
# these two fixed <style> elements (its table rules; the cursor while a column is dragged):
# that page allows exactly them, by hash. Its scripts stay the server's own files.
COLUMN_RESIZER_STYLES = (
    " .grip-resizable{table-layout:fixed;} .grip-resizable > tbody > tr > td, .grip-resizable"
    " > tbody > tr > th{overflow:hidden} .grip-padding > tbody > tr > td, .grip-padding > tbody"
    " > tr > th{padding-left:0!important; padding-right:0!important;} .grip-container{"
    " height:0px; position:relative;} .grip-handle{margin-left:-5px; position:absolute;"
    " z-index:5; } .grip-handle .grip-resizable{position:absolute;background-color:red;"
    "filter:alpha(opacity=1);opacity:0;width:10px;height:100%;cursor: col-resize;top:0px}"
    " .grip-lastgrip{position:absolute; width:1px; } .grip-drag{ border-left:1px dotted black;"
    "\t} .grip-flex{width:auto!important;} .grip-handle.grip-disabledgrip .grip-resizable"
    "{cursor:default; display:none;}",
    "*{cursor:col-resize!important}",
)


def style_hash(css: str) -> str:
    """The CSP source that allows one inline stylesheet of exactly this text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"


SPARQL_PAGE_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'",
    " ".join(["style-src 'self'", *map(style_hash, COLUMN_RESIZER_STYLES)]),
)
SPARQL_PAGE = "/sparql"


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in EVERY_ANSWER.items():
                    headers[name] = value
                if headers.get("content-type", "").startswith("text/html"):
                    for name, value in HTML_ANSWER.items():
                        headers[name] = value
                    if scope["path"] in DOCS_PAGES:
                        headers["Content-Security-Policy"] = DOCS_POLICY
                    elif scope["path"] == SPARQL_PAGE:
                        headers["Content-Security-Policy"] = SPARQL_PAGE_POLICY
            await send(message)

        await self.app(scope, receive, guarded)
