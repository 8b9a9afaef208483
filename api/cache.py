"""Answers kept until the store changes: ETags, 304s and a small in-memory cache.

Every read answer is a function of the request and of the store's content, and the store says
when its content changes (``Store.version``). So a GET of a curated page, a list, a document
or a SPARQL query carries an ETag made of the version and the request; a client that sends it back
(``If-None-Match``) gets a 304 without the view being computed, and the last
``settings.response_cache`` answers are served from memory until the next write. Answers are
sent with ``Cache-Control: no-cache``: a client or proxy keeps them but asks again each time.

A SPARQL query asked again is answered from memory (a dashboard's queries, a page's); a new
one runs under the time limit. POSTed queries are not kept. Not cached either: writes, dumps
(large files) and health. A store without a version (other writers) disables all of it.

A read asked again while its answer is being computed waits for that answer (in the same web
process): after a write, the clients of a popular page cost one computation, not one each.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import Store

NOT_CACHED = (  # answers with their own ETags: a file, an act of curation
    "/sources/",
    "/dumps/",
    "/health",
    "/context.jsonld",
    "/annotations/",
)
LARGEST = 4_000_000  # bytes: a bigger answer is sent, not kept
# the request headers an answer depends on (content negotiation, the host in its links, the
# pages' language cookie)
VARIES = ("accept", "accept-language", "cookie", "host", "x-forwarded-proto", "x-forwarded-host")


@dataclass(frozen=True)
class _Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware: ETags and 304s for reads, and the latest answers kept in memory."""

    def __init__(self, app: ASGIApp, store: Store, entries: int) -> None:
        self.app = app
        self.store = store
        self.entries = entries
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._lock = threading.Lock()
        # the answers being computed, by key (one event loop a process: no lock needed)
        self._computing: dict[str, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        version = self.store.version()
        if version is None or path.startswith(NOT_CACHED) or path == "/sources":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        etag = _etag(version, scope, headers)
        if etag in _tags(headers.get("if-none-match", "")):
            await _send_not_modified(send, etag)
            return
        key = etag
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
        if kept is not None:
            await _send_kept(send, kept, scope["method"] == "HEAD")
            return
        if self.entries <= 0:
            await self._answer_and_keep(scope, receive, send, key, etag)
            return
        # the same read asked while it is computed (a popular page just after a write) waits
        # for that answer instead of computing it again
        computing = self._computing.get(key)
        if computing is not None:
            await computing.wait()
            with self._lock:
                kept = self._kept.get(key)
            if kept is not None:
                await _send_kept(send, kept, scope["method"] == "HEAD")
                return
            await self._answer_and_keep(scope, receive, send, key, etag)  # it was not kept
            return
        computing = self._computing[key] = asyncio.Event()
        try:
            await self._answer_and_keep(scope, receive, send, key, etag)
        finally:
            del self._computing[key]
            computing.set()

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: str, etag: str
    ) -> None:
        start: Message = {}
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                if message["status"] == 200:
                    response_headers = MutableHeaders(scope=message)
                    response_headers["ETag"] = etag
                    response_headers.setdefault("Cache-Control", "no-cache")
            elif message["type"] == "http.response.body" and size <= LARGEST:
                body = message.get("body", b"")
                chunks.append(body)
                size += len(body)
                done = not message.get("more_body")
                if done and start.get("status") == 200 and scope["method"] == "GET":
                    self._keep(key, _Kept(200, list(start["headers"]), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, keeping)

    def _keep(self, key: str, kept: _Kept) -> None:
        if self.entries <= 0 or len(kept.body) > LARGEST:
            return
        with self._lock:
            self._kept[key] = kept
            self._kept.move_to_end(key)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)


def _etag(version: str, scope: Scope, headers: Headers) -> str:
    variant = "\n".join(headers.get(name, "") for name in VARIES)
    query = scope.get("query_string", b"").decode("latin-1")
    digest = hashlib.sha256(f"{version}\n{scope['path']}?{query}\n{variant}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def _tags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compare as strong for GET)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


async def _send_not_modified(send: Send, etag: str) -> None:
    headers = [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _send_kept(send: Send, kept: _Kept, head: bool) -> None:
    await send({"type": "http.response.start", "status": kept.status, "headers": kept.headers})
    await send({"type": "http.response.body", "body": b"" if head else kept.body})
