"""Per-client fairness on the query endpoints, as the Wikidata Query Service does it: a client
that has spent more than its share of query time in the last minute is answered 429 with
``Retry-After`` until its oldest spending leaves the window.

A client is its token where it sends one, else the address the request comes from, or where
a proxy is trusted (``IISGRAPH_CLIENT_HEADER``, e.g. ``X-Forwarded-For``) the first address
that header names. Only the public query endpoints (``/sparql``, ``/queries``) are counted:
pages and lists are answered from kept tallies and the response cache.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque

from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import problem_body

COUNTED = ("/sparql", "/queries")


class QueryBudget:
    """How much query time each client spent in the last ``window`` seconds."""

    def __init__(self, seconds: float, window: float = 60.0) -> None:
        self.seconds = seconds
        self.window = window
        self._spent: dict[str, deque[tuple[float, float]]] = {}
        # each client's sum of what ``_spent`` holds, kept as it changes: a busy client has
        # tens of thousands of spendings in a window, summed again on every request otherwise
        self._totals: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds the client must wait before its next query (0: it may run now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            spent = self._spent.get(client)
            if not spent:
                return 0.0
            total = self._totals[client]
            while spent and spent[0][0] <= now - self.window:
                total -= spent.popleft()[1]
            if not spent:  # a client quiet for a window is forgotten
                del self._spent[client], self._totals[client]
                return 0.0
            self._totals[client] = total
            if total < self.seconds:
                return 0.0
            # wait until enough of the oldest spending has left the window
            over, freed = total - self.seconds, 0.0
            for at, seconds in spent:
                freed += seconds
                if freed > over:
                    return max(0.0, at + self.window - now)
            return self.window  # pragma: no cover

    def clients(self) -> int:
        """How many clients spent query time in the window (as last looked at)."""
        with self._lock:
            return len(self._spent)

    def charge(self, client: str, seconds: float, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._spent.setdefault(client, deque()).append((now, seconds))
            self._totals[client] = self._totals.get(client, 0.0) + seconds


def client_of(scope: Scope, header: str | None) -> str:
    """Who is asking: a digest of its bearer token, the forwarded address a trusted proxy
    names, or the peer address."""
    headers: dict[str, str] = {
        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]
    }
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(auth[7:].strip().encode()).hexdigest()[:16]
    if header and headers.get(header.lower()):
        return headers[header.lower()].split(",")[0].strip()
    peer = scope.get("client")
    return str(peer[0]) if peer else "unknown"


class Fairness:
    """ASGI middleware: 429 for a client over its query time, charging each counted answer."""

    def __init__(self, app: ASGIApp, budget: QueryBudget, header: str | None = None) -> None:
        self.app = app
        self.budget = budget
        self.header = header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(COUNTED):
            await self.app(scope, receive, send)
            return
        client = client_of(scope, self.header)
        wait = self.budget.wait(client)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            body = problem_body(
                429,
                f"this client spent more than {self.budget.seconds:g} s of query time in the "
                f"last {self.budget.window:g} s; try again in {seconds} s",
                scope["path"],
            )
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"retry-after", str(seconds).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.budget.charge(client, time.perf_counter() - started)
