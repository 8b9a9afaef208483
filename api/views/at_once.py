"""Independent store calls of one view, run at once.

A view asks the store a chain of questions; most of the time of one answer is spent waiting
for the engine, which evaluates queries on every core without holding the interpreter
(``graph/store/embedded.py`` hands back the text it writes). Questions that do not depend on
each other are sent together, so an answer waits for its longest chain of dependent questions,
not for their sum. Under load the cores are busy anyway: this shortens one request, it does not
make more of them.

>>> at_once(lambda: 1, lambda: "two")
[1, 'two']
>>> shares(["a", "b", "c", "d", "e"], 3)
[['a', 'd'], ['b', 'e'], ['c']]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

PARTS = 3  # queries a view's questions are split into, sent together (2 cores: 4 gains nothing)
# a view sends at most a few questions together; more threads would only queue in the engine
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="view-question")


_within = threading.local()  # set in the pool's threads


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """The results of ``calls``, in their order, run together (the first in this thread).
    An exception of any is raised here, once all have ended (none is left running).

    Called from a call it runs, it runs them one after the other: a pool thread waiting for
    calls queued behind it could wait for ever once every thread waits so."""
    if getattr(_within, "pool", False):
        return [call() for call in calls]
    futures = [_POOL.submit(_in_pool, call) for call in calls[1:]]
    try:
        first = calls[0]()
    finally:
        for future in futures:
            future.exception()  # waits: a store call is never left running after the view
    return [first, *(future.result() for future in futures)]


def _in_pool(call: Callable[[], Any]) -> Any:
    _within.pool = True
    return call()


def shares(items: Sequence[T], parts: int = PARTS) -> list[list[T]]:
    """``items`` dealt into at most ``parts`` shares, in turn, so each share gets some of the
    cheap and some of the costly ones (none empty)."""
    return [list(items[n::parts]) for n in range(min(parts, len(items)))]
