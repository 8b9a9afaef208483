"""``Server-Timing: app;dur=12.3``: how long the server took to answer each request (from its
arrival until the answer starts), for browsers' developer tools and the page benchmark."""

from __future__ import annotations

import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ServerTiming:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - started) * 1000
                # set, not appended: an answer replayed from the cache carries its first time
                MutableHeaders(scope=message)["Server-Timing"] = f"app;dur={took:.1f}"
            await send(message)

        await self.app(scope, receive, timed)
