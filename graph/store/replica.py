"""A copy in memory of the embedded store, answering its reads (``IISGRAPH_STORE_MEMORY``).

The on-disk store pays a look-up in RocksDB for every row a join reads; the same queries on an
in-memory pyoxigraph store run 1.6-3.6 times faster (``benchmarks/speed-results.md``), for
about 0.4 GB of memory per million triples (3.9 GB more for 10.8 million). The disk stays the
store of record: every write goes to it first, then to the copy, one write at a time; reads go
to the copy once it is made (in a thread, about 8 s per million triples when the store opens),
to the disk until then, and again after a write the copy failed to take, while it is made
again. (Oxigraph's in-memory store checks a lock per quad it reads: two threads reading the
same quads gain little from the second core, so the copy helps one request more than many.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from typing import IO, Any

import pyoxigraph as ox

log = logging.getLogger(__name__)

__all__ = ["MemoryCopy", "copy_fits", "memory_available"]

# the copy's size against the store's on disk: 0.9 at 1 M triples, 1.22 at 10.8 M (measured)
COPY_PER_DISK_BYTE = 1.25
# the part of the memory available at start a copy made without being asked for may take
SHARE_OF_AVAILABLE = 0.25


def copy_fits(path: str, available: int | None = None) -> bool:
    """Whether a copy in memory of the store at ``path`` (about 1.25 times its files) fits in
    a quarter of ``available`` bytes (by default the memory available now).

    >>> copy_fits("/nonexistent", available=1)
    True
    """
    if available is None:
        available = memory_available()
    if available is None:
        return False
    return disk_bytes(path) * COPY_PER_DISK_BYTE <= available * SHARE_OF_AVAILABLE


def disk_bytes(path: str) -> int:
    """The bytes of the files in the store's folder (0 for a store not made yet)."""
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(FileNotFoundError):  # RocksDB removed it meanwhile
                total += os.stat(os.path.join(folder, name)).st_size
    return total


def memory_available() -> int | None:
    """The bytes of memory the system can give without swapping (Linux's MemAvailable); None
    where it cannot tell."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


class MemoryCopy:
    """The pyoxigraph store calls the embedded store makes, on a store on disk and its copy
    in memory."""

    def __init__(self, disk: ox.Store) -> None:
        self._disk = disk
        self._memory = ox.Store()
        self._ready = threading.Event()
        # writes wait while the copy is made: a write between two quads of the copy would be
        # lost to it
        self._writing = threading.Lock()
        self._making = threading.Thread(target=self._make, daemon=True)
        self._making.start()

    def _make(self) -> None:
        with self._writing:
            memory = ox.Store()
            memory.bulk_extend(self._disk.quads_for_pattern(None, None, None, None))
            self._memory = memory
            self._ready.set()

    def wait_until_made(self, timeout: float | None = None) -> bool:
        """Whether the copy answers reads (waiting up to ``timeout`` seconds for it)."""
        return self._ready.wait(timeout)

    @property
    def answering(self) -> str:
        """What answers reads now: ``memory`` (the copy) or ``disk``."""
        return "memory" if self._ready.is_set() else "disk"

    @property
    def _reader(self) -> ox.Store:
        return self._memory if self._ready.is_set() else self._disk

    # -- writes: the disk, then the copy ------------------------------------------------------

    def update(self, text: str) -> None:
        with self._writing:
            self._disk.update(text)
            self._follow(lambda: self._memory.update(text))

    def add(self, quad: ox.Quad) -> None:
        with self._writing:
            self._disk.add(quad)
            self._follow(lambda: self._memory.add(quad))

    def _follow(self, write: Any) -> None:
        """Apply to the copy a write the disk took; a copy that cannot take it (out of memory,
        say) stops answering and is made again from the disk."""
        if not self._ready.is_set():
            return
        try:
            write()
        except Exception:
            log.exception(
                "the in-memory copy missed a write: reads go to the disk until it is made again"
            )
            self._ready.clear()
            self._making = threading.Thread(target=self._make, daemon=True)
            # started once this write releases the lock
            self._making.start()

    def flush(self) -> None:
        self._disk.flush()

    def optimize(self) -> None:
        self._disk.optimize()

    # -- reads: the copy once made ------------------------------------------------------------

    def query(self, query: str, **options: Any) -> Any:
        return self._reader.query(query, **options)

    def quads_for_pattern(self, *pattern: Any) -> Iterator[ox.Quad]:
        return self._reader.quads_for_pattern(*pattern)

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]:
        return self._reader.named_graphs()

    def contains_named_graph(self, graph: ox.NamedNode | ox.BlankNode) -> bool:
        return self._reader.contains_named_graph(graph)

    def dump(self, output: IO[bytes], **options: Any) -> None:
        self._reader.dump(output, **options)

    def __contains__(self, quad: ox.Quad) -> bool:
        return quad in self._reader

    def __len__(self) -> int:
        return len(self._reader)
