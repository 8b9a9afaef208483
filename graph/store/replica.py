"""Copies in memory of the embedded store, answering its reads (``IISGRAPH_STORE_MEMORY``).

The on-disk store pays a look-up in RocksDB for every row a join reads; the same queries on an
in-memory pyoxigraph store run 1.6-3.6 times faster (``benchmarks/speed-results.md``), for
about 0.4 GB of memory per million triples (3.9 GB more for 10.8 million). The disk stays the
store of record: every write goes to it first, then to each copy, one write at a time; reads go
to a copy once one is made (in a thread, about 8 s per million triples when the store opens),
to the disk until then, and again after a write a copy failed to take, while they are made
again.

Oxigraph's in-memory store checks a lock on each quad it reads, so two threads reading the
same quads of one copy gain little from the second core (count-by-topic SPARQL: 1.2 times one
thread's rate, against 1.8 on two copies). A server therefore keeps up to a copy a core, as
many as fit (``copies_that_fit``), and each read takes the copy the fewest reads use now.
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

__all__ = ["MemoryCopy", "copies_that_fit", "memory_available"]

# the copy's size against the store's on disk: 0.9 at 1 M triples, 1.22 at 10.8 M (measured)
COPY_PER_DISK_BYTE = 1.25
# the part of the memory available at start the copies made without being asked for may take
SHARE_OF_AVAILABLE = 0.25


def copies_that_fit(path: str, available: int | None = None, cores: int | None = None) -> int:
    """How many copies in memory of the store at ``path`` (each about 1.25 times its files)
    a server keeps: one a core (``cores``, by default this machine's), as many as fit in a
    quarter of ``available`` bytes (by default the memory available now); 0 if none does.

    >>> copies_that_fit("/nonexistent", available=1, cores=2)
    2
    """
    if available is None:
        available = memory_available()
    if available is None:
        return 0
    cores = cores or os.cpu_count() or 1
    each = disk_bytes(path) * COPY_PER_DISK_BYTE
    if not each:
        return cores
    return min(cores, int(available * SHARE_OF_AVAILABLE // each))


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


class _Copy:
    """One copy in memory, and how many reads use it now."""

    __slots__ = ("readers", "store")

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.readers = 0


class MemoryCopy:
    """The pyoxigraph store calls the embedded store makes, on a store on disk and its
    ``copies`` copies in memory."""

    def __init__(self, disk: ox.Store, copies: int = 1) -> None:
        if copies < 1:
            raise ValueError(f"a memory copy needs at least one copy, not {copies}")
        self._disk = disk
        self._wanted = copies
        self._copies: list[_Copy] = []
        self._ready = threading.Event()
        self._all_made = threading.Event()
        # writes wait while the copies are made: a write between two quads of a copy would
        # be lost to it
        self._writing = threading.Lock()
        self._choosing = threading.Lock()
        self._making = threading.Thread(target=self._make, daemon=True)
        self._making.start()

    def _make(self) -> None:
        with self._writing:
            first = ox.Store()
            first.bulk_extend(self._disk.quads_for_pattern(None, None, None, None))
            self._copies = [_Copy(first)]
            self._ready.set()
            # the others from the first, in memory (faster than from the disk), while the
            # first answers
            for _ in range(1, self._wanted):
                more = ox.Store()
                more.bulk_extend(first.quads_for_pattern(None, None, None, None))
                self._copies = [*self._copies, _Copy(more)]
            self._all_made.set()

    def wait_until_made(self, timeout: float | None = None, every: bool = False) -> bool:
        """Whether a copy answers reads, or with ``every`` all of them (waiting up to
        ``timeout`` seconds for the first, or for all)."""
        return (self._all_made if every else self._ready).wait(timeout)

    @property
    def answering(self) -> str:
        """What answers reads now: ``memory`` (the copies) or ``disk``."""
        return "memory" if self._ready.is_set() else "disk"

    @property
    def copies(self) -> int:
        """How many copies answer reads now."""
        return len(self._copies) if self._ready.is_set() else 0

    @property
    def _reader(self) -> ox.Store:
        copies = self._copies
        return copies[0].store if copies and self._ready.is_set() else self._disk

    # -- writes: the disk, then each copy -----------------------------------------------------

    def update(self, text: str) -> None:
        with self._writing:
            self._disk.update(text)
            self._follow(lambda copy: copy.update(text))

    def add(self, quad: ox.Quad) -> None:
        with self._writing:
            self._disk.add(quad)
            self._follow(lambda copy: copy.add(quad))

    def _follow(self, write: Any) -> None:
        """Apply to each copy a write the disk took; copies that cannot take it (out of
        memory, say) stop answering and are made again from the disk."""
        if not self._ready.is_set():
            return
        try:
            for copy in self._copies:
                write(copy.store)
        except Exception:
            log.exception(
                "an in-memory copy missed a write: reads go to the disk until the copies are "
                "made again"
            )
            self._ready.clear()
            self._all_made.clear()
            self._making = threading.Thread(target=self._make, daemon=True)
            # started once this write releases the lock
            self._making.start()

    def flush(self) -> None:
        self._disk.flush()

    def optimize(self) -> None:
        self._disk.optimize()

    # -- reads: a copy once made --------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[ox.Store]:
        """The store a read uses until its answer is written (pyoxigraph's answers are read
        lazily): the copy the fewest reads use now, or the disk while none is made."""
        with self._choosing:
            copies = self._copies if self._ready.is_set() else []
            chosen = min(copies, key=lambda copy: copy.readers, default=None)
            if chosen is not None:
                chosen.readers += 1
        if chosen is None:
            yield self._disk
            return
        try:
            yield chosen.store
        finally:
            with self._choosing:
                chosen.readers -= 1

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
