"""The embedded store in a process of its own, so that a query can be stopped.

pyoxigraph cannot cancel a query, and a thread cannot be stopped. The server therefore opens
the store in a child process, the *engine*, and talks to it over a local socket, one connection
per concurrent request; the engine answers each connection in a thread of its own (pyoxigraph
releases the GIL, so queries run in parallel on every core). A query that passes its time limit
is stopped by stopping the engine: the process is killed, which frees its CPU at once, and a new
engine opens the store again (about half a second). Requests that were running in the killed
engine are sent once more to the new one, so other clients see a delay, not an error.

Answers cross as the text the engine writes (SELECT as SPARQL TSV, CONSTRUCT as N-Triples):
pyoxigraph writes it without holding the GIL, where turning each term into an rdflib object
and pickling it held the engine's interpreter for a third of a view's time, so two clients'
views took turns instead of running on both cores. The server reads the text back into rdflib
terms, each distinct term parsed once (``graph/store/terms.py``).

Writes run in the engine too, as the on-disk store allows a single writer process; an engine is
never killed while a write runs, so a write is never cut short (each is atomic anyway).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from graph import errors
from graph.errors import IisgraphError, QueryTimeout, StoreUnavailable
from graph.namespaces import Ids
from graph.store import Bindings, ReplaceResult, Triple
from graph.store.terms import rows_from_tsv, triples_from_ntriples

log = logging.getLogger(__name__)

# What a client may ask of the engine: the Store interface, and nothing else.
_METHODS = frozenset(
    {
        "replace_source",
        "replace_sources",
        "delete_source",
        "replace_reference",
        "rederive",
        "optimize",
        "write_curation",
        "source_ids",
        "graph_of",
        "select_tsv",
        "ask",
        "triples_ntriples",
        "query_serialized",
        "export",
        "triple_count",
    }
)
_WRITES = frozenset(
    {
        "replace_source",
        "delete_source",
        "replace_reference",
        "rederive",
        "optimize",
        "write_curation",
    }
)


class _Engine:
    """One engine process (``python -m graph.store.process``), with the connections to it that
    are not in use."""

    def __init__(
        self, path: str | None, base: str, memory_copy: bool = False, restart: bool = False
    ) -> None:
        self.folder = tempfile.mkdtemp(prefix="iisgraph-engine-")
        self.address = os.path.join(self.folder, "socket")
        self.authkey = os.urandom(16)
        self.idle: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        command = [sys.executable, "-m", "graph.store.process", path or ":memory:", base]
        # a server starts once its copy is made; an engine started again after a stopped
        # query answers from the disk while it is made (other clients see no pause)
        copy = ("memory-copy-behind" if restart else "memory-copy") if memory_copy else "disk"
        self.process = subprocess.Popen(
            [*command, self.address, copy],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "IISGRAPH_ENGINE_PARENT": str(os.getpid())},
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(self.authkey.hex().encode() + b"\n")  # not on the command line
        self.process.stdin.close()
        line = self.process.stdout.readline().decode().strip()
        self.process.stdout.close()
        if line != "ready":
            self.stop()
            raise StoreUnavailable(line or "the store engine did not start")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def checkout(self) -> Connection:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return Client(self.address, authkey=self.authkey)

    def checkin(self, conn: Connection) -> None:
        self.idle.put(conn)

    def stop(self, graceful: bool = False) -> None:
        if graceful and self.alive:
            try:
                conn = self.checkout()
                conn.send(("close", (), {}))
                conn.poll(10)
            except (OSError, EOFError):
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
        if self.alive:
            self.process.kill()
        self.process.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)


class ProcessStore:
    """The ``Store`` interface, served by an engine process that can be stopped."""

    def __init__(self, path: str | None, ids: Ids, *, memory_copy: bool = False) -> None:
        self.ids = ids
        self._path = path
        self._memory_copy = memory_copy
        self._engine = _Engine(path, ids.base, memory_copy)
        self._restart_lock = threading.Lock()
        self._writes = threading.Condition()
        self._writing = 0
        self._opened = secrets.token_hex(6)
        self._changes = 0
        self._source_changes = 0  # writes other than curation acts (see sources_version)

    # -- the Store interface ---------------------------------------------------------------

    def replace_source(self, source_id: str, graph: Graph) -> ReplaceResult:
        result: ReplaceResult = self._changing("replace_source", source_id, graph)
        return result

    def replace_sources(self, items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        results: list[ReplaceResult] = self._changing("replace_sources", list(items))
        return results

    def delete_source(self, source_id: str) -> bool:
        return bool(self._changing("delete_source", source_id))

    def replace_reference(self, ontology: Graph, reference: Graph) -> bool:
        return bool(self._changing("replace_reference", ontology, reference))

    def rederive(self) -> None:
        self._changing("rederive")

    def optimize(self) -> None:
        self._call("optimize")

    def write_curation(
        self, graphs: Mapping[URIRef, Graph | None], touched: Sequence[URIRef] = ()
    ) -> None:
        self._changing("write_curation", dict(graphs), list(touched))

    def version(self) -> str | None:
        # every write passes through this object: the engine process has no other writer
        return f"{self._opened}.{self._changes}"

    def sources_version(self) -> str | None:
        return f"{self._opened}.{self._source_changes}"

    def _changing(self, method: str, *args: Any) -> Any:
        sources = method != "write_curation"
        self._changes += 1  # before and after: a reader never keeps a half-seen version
        self._source_changes += sources
        try:
            return self._call(method, *args)
        finally:
            self._changes += 1
            self._source_changes += sources

    def source_ids(self) -> list[str]:
        ids: list[str] = self._call("source_ids")
        return ids

    def graph_of(self, graph: URIRef) -> Graph:
        found: Graph = self._call("graph_of", graph)
        return found

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Node]]:
        # the engine's answer as it wrote it (no term passes through its interpreter)
        return rows_from_tsv(self._call("select_tsv", query, dict(bindings or {})))

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        return bool(self._call("ask", query, dict(bindings or {})))

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        found = Graph()
        for triple in self.triples(query, bindings):
            found.add(triple)
        return found

    def triples(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        return triples_from_ntriples(self._call("triples_ntriples", query, dict(bindings or {})))

    def query_serialized(
        self,
        query: str,
        media_type: str,
        *,
        max_results: int | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout: float | None = None,
        bindings: Bindings | None = None,
        truncate: bool = False,
    ) -> tuple[bytes, str]:
        answer: tuple[bytes, str] = self._call(
            "query_serialized",
            query,
            media_type,
            max_results=max_results,
            default_graphs=list(default_graphs),
            named_graphs=list(named_graphs),
            timeout_=timeout,
            bindings=dict(bindings or {}),
            truncate=truncate,
        )
        return answer

    def export(self, media_type: str) -> bytes:
        data: bytes = self._call("export", media_type)
        return data

    def triple_count(self) -> int:
        return int(self._call("triple_count"))

    def close(self) -> None:
        with self._restart_lock:
            self._engine.stop(graceful=True)

    @property
    def engine_pid(self) -> int | None:
        """The engine's process id (for tests and operators)."""
        return self._engine.process.pid

    # -- calls -----------------------------------------------------------------------------

    def _call(self, method: str, *args: Any, timeout_: float | None = None, **kwargs: Any) -> Any:
        write = method in _WRITES
        if write:
            with self._writes:
                self._writing += 1
        try:
            for attempt in (1, 2):
                engine = self._engine
                try:
                    conn = engine.checkout()
                    conn.send((method, args, kwargs))
                    if timeout_ is not None and not conn.poll(timeout_):
                        conn.close()
                        self._restart(engine, f"a query ran over its {timeout_:g} s limit")
                        raise QueryTimeout(
                            f"the query ran longer than {timeout_:g} s, the limit of this "
                            "endpoint, and was stopped: narrow it or add a LIMIT"
                        )
                    status, payload = conn.recv()
                except (EOFError, OSError) as exc:
                    # Stopped for another client's query (or ended): ask the new engine.
                    with self._restart_lock:  # waits for a restart under way
                        replaced = self._engine is not engine
                    if attempt == 1 and (replaced or not engine.alive):
                        self._restart(engine, "the engine process ended")
                        continue
                    raise StoreUnavailable("the store engine stopped answering") from exc
                engine.checkin(conn)
                if status == "ok":
                    return payload
                raise _error_from(payload)
        finally:
            if write:
                with self._writes:
                    self._writing -= 1
                    self._writes.notify_all()
        raise StoreUnavailable("the store engine stopped answering")  # pragma: no cover

    def _restart(self, engine: _Engine, why: str) -> None:
        """Stop ``engine`` (unless another thread did) and start a new one, once no write runs."""
        with self._restart_lock:
            if self._engine is not engine:
                return
            started = time.perf_counter()
            if engine.alive:
                # No write may run, nor start, while the engine is stopped.
                with self._writes:
                    while self._writing:
                        self._writes.wait()
                    log.warning("stopping the store engine (pid %s): %s", engine.process.pid, why)
                    engine.stop()
            else:
                engine.stop()
            self._engine = _Engine(self._path, self.ids.base, self._memory_copy, restart=True)
            log.warning("store engine restarted in %.2f s", time.perf_counter() - started)


def _error_from(payload: tuple[str, str, str]) -> Exception:
    name, message, report = payload
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, IisgraphError):
        if cls is errors.InvalidGraph:
            return errors.InvalidGraph(message, report)
        return cls(message)
    return RuntimeError(f"the store engine failed: {name}")


# -- the engine process ---------------------------------------------------------------------------


def _serve(
    path: str | None, base: str, address: str, authkey: bytes, parent: int, copy: str
) -> None:
    """The engine: open the store (``copy``: ``disk``, ``memory-copy`` made before it is
    ready, or ``memory-copy-behind`` made while it answers), say ``ready`` on stdout, answer
    every connection in a thread."""
    from graph.store.embedded import EmbeddedStore

    try:
        store = EmbeddedStore(path, Ids(base), memory_copy=copy != "disk")
        if copy == "memory-copy":
            store.memory_copy_made()
        listener = Listener(address, authkey=authkey)
    except Exception as exc:
        _say(getattr(exc, "message", None) or f"the store engine failed: {exc}")
        return
    _say("ready")
    threading.Thread(target=_exit_with_parent, args=(parent, store), daemon=True).start()
    while True:
        try:
            conn = listener.accept()
        except (OSError, EOFError):
            continue
        threading.Thread(target=_answer, args=(store, conn), daemon=True).start()


def _say(line: str) -> None:
    """One line to the server, on stdout (the engine's only other channel)."""
    sys.stdout.write(line.replace("\n", " ") + "\n")
    sys.stdout.flush()


def _answer(store: Any, conn: Connection) -> None:
    while True:
        try:
            method, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        if method == "close":
            store.close()
            conn.send(("ok", None))
            os._exit(0)
        try:
            if method not in _METHODS:
                raise IisgraphError(f"unknown store call {method!r}")
            if method == "query_serialized":
                kwargs.pop("timeout", None)
            conn.send(("ok", getattr(store, method)(*args, **kwargs)))
        except IisgraphError as exc:
            conn.send(("error", (type(exc).__name__, exc.message, getattr(exc, "report", ""))))
        except Exception as exc:
            logging.getLogger(__name__).exception("store call %s failed", method)
            conn.send(("error", (type(exc).__name__, "", "")))


def _exit_with_parent(parent: int, store: Any) -> None:
    """An engine whose server died would keep the store locked: it stops too."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            store.close()
            os._exit(0)


if __name__ == "__main__":
    _path, _base, _address, _copy = sys.argv[1:5]
    _serve(
        None if _path == ":memory:" else _path,
        _base,
        _address,
        bytes.fromhex(sys.stdin.readline().strip()),
        int(os.environ.get("IISGRAPH_ENGINE_PARENT", "0")) or os.getppid(),
        _copy,
    )
