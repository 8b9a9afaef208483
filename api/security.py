"""Security headers on every answer: ``X-Content-Type-Options: nosniff`` and a
``Referrer-Policy`` everywhere; on an HTML page also a ``Content-Security-Policy`` that loads
only the project's own scripts and styles (no inline script, no framing, forms and requests to
this server only) and ``X-Frame-Options``.

Style attributes stay allowed (``style-src-attr``): the pages set computed sizes and the
matrix's shade with them; a script can never run from one.
"""

from __future__ import annotations

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
            await send(message)

        await self.app(scope, receive, guarded)
