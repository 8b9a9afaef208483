"""The serving process's garbage collector, set for a server's heap.

CPython's cycle collector runs its youngest generation every 700 container objects allocated
more than freed, and now and then a full collection that walks every object the process
holds: the application's routes, templates, the ontology and reference graphs, a search
index — some 200,000 objects before the first request. A request framing a supporters page
at a million triples allocates tens of thousands of short-lived dicts and lists (freed by
reference counting, not by the collector), so with the defaults it paid 9 young and now and
then a full collection: 10.6 to 20.8 ms a request on average (supporters and state views,
measured in-process). What exists when the server starts lives as long as the server, so it
is moved out of the collector's sight (``gc.freeze``), and the young generation is collected
every 10,000 net allocations: under 1 ms a request.

Only a serving application does this (``create_app`` without a store, its lifespan): a test
process keeps Python's defaults.
"""

from __future__ import annotations

import gc

YOUNG = 10_000  # net container allocations between two collections of the youngest generation


def settle() -> None:
    """Freeze what the process holds now and collect the young generation less often."""
    gc.collect()  # what is garbage already is freed, not frozen
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG, middle, old)
