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
never killed while a write runs, so a write is never cut short (each is atomic anyway). The
engine counts the writes it runs (``Versions``, a small file its clients map), so every process
it serves sees the same version of the store's content.

Several web processes may share one engine (``iisgraph serve --workers``): one interpreter lock
serialises the Python work of every request of a process, so with one process the server used
about 1.5 of 2 cores under load. The process that started the engine (``ProcessStore.share``)
starts it again whenever it ends; the others reach it as an ``AttachedStore``, and stop it
between two writes when one of their queries runs over its time limit.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import mmap
import os
import queue
import secrets
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from multiprocessing import AuthenticationError
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
        "memory_copy_made",
        "reads_from",
    }
)
# the writes that change what the store holds (its version)
_CHANGES = frozenset(
    {
        "replace_source",
        "replace_sources",
        "delete_source",
        "replace_reference",
        "rederive",
        "write_curation",
    }
)
_WRITES = _CHANGES | {"optimize"}
# the engine of a store shared by several processes: its socket and its counters, in its folder
SOCKET = "socket"
VERSIONS = "versions"
ENGINE_FOLDER = "IISGRAPH_ENGINE_FOLDER"
ENGINE_KEY = "IISGRAPH_ENGINE_KEY"


class Versions:
    """The store's write counters (every write, writes other than curation acts) and the pid of
    the engine that runs them, in a file of the engine's folder that the engine writes and its
    clients map: every process it serves reads the same version, with no call to the engine.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "versions")
    >>> versions = Versions.create(path)
    >>> versions.bump(sources=False)
    >>> Versions(path).read() == versions.read() == (1, 0)
    True
    """

    LAYOUT = struct.Struct("<qqq12s")  # changes, source changes, engine pid, token

    def __init__(self, path: str) -> None:
        with open(path, "r+b") as file:
            self._map = mmap.mmap(file.fileno(), self.LAYOUT.size)

    @classmethod
    def create(cls, path: str) -> Versions:
        with open(path, "wb") as file:
            file.write(cls.LAYOUT.pack(0, 0, 0, secrets.token_hex(6).encode()))
        return cls(path)

    def read(self) -> tuple[int, int]:
        changes, sources, _, _ = self.LAYOUT.unpack_from(self._map)
        return changes, sources

    @property
    def token(self) -> str:
        """Made with the file: a version of another store (or another start) never matches."""
        return bytes(self.LAYOUT.unpack_from(self._map)[3]).decode()

    @property
    def engine_pid(self) -> int:
        return int(self.LAYOUT.unpack_from(self._map)[2])

    def bump(self, sources: bool) -> None:
        """Count one more step of a write (the engine's writes run one at a time)."""
        changes, source_changes, pid, token = self.LAYOUT.unpack_from(self._map)
        self.LAYOUT.pack_into(self._map, 0, changes + 1, source_changes + sources, pid, token)

    def set_engine(self, pid: int) -> None:
        changes, source_changes, _, token = self.LAYOUT.unpack_from(self._map)
        self.LAYOUT.pack_into(self._map, 0, changes, source_changes, pid, token)

    def close(self) -> None:
        self._map.close()


class _Reached:
    """An engine reached at its folder, with the connections to it that are not in use."""

    def __init__(self, folder: str, authkey: bytes) -> None:
        self.address = os.path.join(folder, SOCKET)
        self.authkey = authkey
        self.idle: queue.SimpleQueue[Connection] = queue.SimpleQueue()

    def checkout(self) -> Connection:
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return Client(self.address, authkey=self.authkey)

    def checkin(self, conn: Connection) -> None:
        self.idle.put(conn)


class _Engine(_Reached):
    """One engine process (``python -m graph.store.process``) this process started."""

    def __init__(
        self,
        folder: str,
        authkey: bytes,
        path: str | None,
        base: str,
        memory_copy: bool = False,
        copy_behind: bool = False,
    ) -> None:
        super().__init__(folder, authkey)
        command = [sys.executable, "-m", "graph.store.process", path or ":memory:", base]
        # with copy_behind the engine answers from the disk while its copy is made (an engine
        # started again after a stopped query: other clients see no pause)
        copy = ("memory-copy-behind" if copy_behind else "memory-copy") if memory_copy else "disk"
        self.process = subprocess.Popen(
            [*command, self.address, copy],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "IISGRAPH_ENGINE_PARENT": str(os.getpid())},
            # a terminal's Ctrl-C stops the server, which stops its engine; the engine alone
            # would be started again while the server shuts down
            start_new_session=True,
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


class _Attached(_Reached):
    """The engine another process started and keeps running (``ProcessStore.share``)."""

    def __init__(self, folder: str, authkey: bytes, versions: Versions, wait: float) -> None:
        super().__init__(folder, authkey)
        self._versions = versions
        deadline = time.monotonic() + wait
        while True:  # the engine that answers now (one being started again answers soon)
            self.pid = versions.engine_pid
            if self.pid and self.alive:
                try:
                    self.checkin(self.checkout())
                    return
                except (OSError, EOFError, AuthenticationError):  # it ended meanwhile
                    pass
            if time.monotonic() > deadline:
                raise StoreUnavailable("the shared store engine does not answer")
            time.sleep(0.05)

    @property
    def alive(self) -> bool:
        if self._versions.engine_pid != self.pid:
            return False  # another engine took its place
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # pragma: no cover (the same user runs both)
            return True
        return True

    def halt(self) -> None:
        """Ask this engine to end once no write runs (a query cannot be stopped otherwise)."""
        with contextlib.suppress(OSError, EOFError, AuthenticationError):
            conn = Client(self.address, authkey=self.authkey)
            conn.send(("halt", (self.pid,), {}))
            conn.poll(None)  # the end of the connection: the engine is gone
            conn.close()

    def stop(self, graceful: bool = False) -> None:
        """Let go of it (its owner stops it): the connections kept open are closed."""
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return


def _engine_folder() -> tuple[str, int]:
    """A new folder for an engine's socket and counters, and the descriptor of its lock: a
    server runs for weeks, and systemd-tmpfiles ages out of /tmp what has not changed for ten
    days, except the folders locked with flock (tmpfiles.d(5))."""
    folder = tempfile.mkdtemp(prefix="iisgraph-engine-")
    lock = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    return folder, lock


class ProcessStore:
    """The ``Store`` interface, served by an engine process that can be stopped."""

    def __init__(
        self, path: str | None, ids: Ids, *, memory_copy: bool = False, copy_behind: bool = False
    ) -> None:
        """``memory_copy``: the engine's reads answered by a copy in memory (``replica.py``),
        made before the engine answers, or while it answers from the disk (``copy_behind``)."""
        self.ids = ids
        self._path = path
        self._memory_copy = memory_copy
        self._copy_behind = copy_behind
        # the engine's folder (its socket, its counters) and key outlive each engine: an
        # engine started again is reached where the one it replaces was
        self._folder, self._folder_lock = _engine_folder()
        self._authkey = os.urandom(16)
        self._versions = Versions.create(os.path.join(self._folder, VERSIONS))
        self._calls_begin()
        try:
            self._engine: _Engine | _Attached = self._started()
        except BaseException:
            self._versions.close()
            self._remove_folder()
            raise

    def _calls_begin(self) -> None:
        """The state the calls share: one restart at a time, the writes under way counted
        (a restart waits for them), not closing."""
        self._restart_lock = threading.Lock()
        self._writes = threading.Condition()
        self._writing = 0
        self._closing = False

    def _remove_folder(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
        if self._folder_lock >= 0:  # once: a second close must not close another's descriptor
            os.close(self._folder_lock)
            self._folder_lock = -1

    def _started(self, restart: bool = False) -> _Engine:
        return _Engine(
            self._folder,
            self._authkey,
            self._path,
            self.ids.base,
            self._memory_copy,
            copy_behind=restart or self._copy_behind,
        )

    def share(self) -> dict[str, str]:
        """Let other processes use this engine (``AttachedStore``): the environment they are
        started with. From now on an engine that ends (stopped by one of them for a query
        over its time limit) is started again here, where they reach it."""
        threading.Thread(target=self._keep_running, name="engine-keeper", daemon=True).start()
        return {ENGINE_FOLDER: self._folder, ENGINE_KEY: self._authkey.hex()}

    def _keep_running(self) -> None:
        while True:
            engine = self._engine
            assert isinstance(engine, _Engine)
            engine.process.wait()
            if self._closing:
                return
            pause = 1.0
            while self._engine is engine and not self._closing:
                try:
                    self._restart(engine, "the engine process ended")
                except IisgraphError as exc:  # the processes sharing it answer 503 meanwhile
                    log.error("the store engine cannot start again: %s", exc.message)
                    time.sleep(pause)
                    pause = min(pause * 2, 30.0)

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
        # the engine counts every write it runs, whichever process asked for it
        return f"{self._versions.token}.{self._versions.read()[0]}"

    def sources_version(self) -> str | None:
        return f"{self._versions.token}.{self._versions.read()[1]}"

    def _changing(self, method: str, *args: Any) -> Any:
        return self._call(method, *args)

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

    def reads_from(self) -> str:
        return str(self._call("reads_from"))

    def close(self) -> None:
        self._closing = True
        with self._restart_lock:
            self._engine.stop(graceful=True)
        self._versions.close()
        self._remove_folder()

    @property
    def engine_pid(self) -> int | None:
        """The engine's process id (for tests and operators)."""
        return self._versions.engine_pid or None

    def memory_copy_made(self, timeout: float = 0) -> bool:
        """Whether a copy in memory answers the engine's reads, waiting up to ``timeout``
        seconds for it to be made (False at once for an engine without one)."""
        return bool(self._call("memory_copy_made", timeout))

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
                    if attempt == 1 and (replaced or self._ended(engine)):
                        self._restart(engine, "the engine process ended", stop=False)
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

    def _ended(self, engine: _Engine | _Attached) -> bool:
        """Whether ``engine``, which closed a connection, has ended."""
        return not engine.alive

    def _restart(self, engine: _Engine | _Attached, why: str, stop: bool = True) -> None:
        """Stop ``engine`` (unless another thread did) and start a new one, once no write runs."""
        with self._restart_lock:
            if self._engine is not engine:
                return
            started = time.perf_counter()
            if stop and engine.alive:
                # No write may run, nor start, while the engine is stopped.
                with self._writes:
                    while self._writing:
                        self._writes.wait()
                    log.warning("stopping the store engine (pid %s): %s", self.engine_pid, why)
                    engine.stop()
            else:
                engine.stop()
            if self._closing:
                return
            self._engine = self._started(restart=True)
            log.warning("store engine restarted in %.2f s", time.perf_counter() - started)


class AttachedStore(ProcessStore):
    """The ``Store`` of a process that shares another's engine (``iisgraph serve --workers``):
    the same calls, the same versions, over the engine ``ProcessStore.share`` keeps running.

    A query over its time limit stops the engine between two writes, as the owner would; the
    owner starts it again, and every process sends its interrupted calls once more to it."""

    WAIT = 120.0  # seconds for an engine started again to answer (its owner reads the store)

    def __init__(self, folder: str, authkey: bytes, ids: Ids) -> None:
        self.ids = ids
        self._folder = folder
        self._authkey = authkey
        self._versions = Versions(os.path.join(folder, VERSIONS))
        self._calls_begin()
        self._unreachable_until = 0.0
        self._engine = _Attached(folder, authkey, self._versions, self.WAIT)

    @classmethod
    def from_environment(cls, ids: Ids) -> AttachedStore | None:
        """The engine named by the environment ``share`` made, if this process has one."""
        folder, key = os.environ.get(ENGINE_FOLDER), os.environ.get(ENGINE_KEY)
        if not folder or not key:
            return None
        return cls(folder, bytes.fromhex(key), ids)

    def share(self) -> dict[str, str]:
        return {ENGINE_FOLDER: self._folder, ENGINE_KEY: self._authkey.hex()}

    def close(self) -> None:
        # the engine and its folder are the owner's
        self._closing = True
        with self._restart_lock:
            self._engine.stop()
        self._versions.close()

    def _ended(self, engine: _Engine | _Attached) -> bool:
        # another process may have stopped it: a closed connection is reason enough to reach
        # the engine now answering (its pid may outlive it for a moment)
        return True

    def _restart(self, engine: _Engine | _Attached, why: str, stop: bool = True) -> None:
        """Stop ``engine`` between two writes (when ``stop``, unless it ended or another
        thread did), and reach the one its owner starts in its place."""
        with self._restart_lock:
            if self._engine is not engine:
                return
            if time.monotonic() < self._unreachable_until:  # it just failed: fail at once
                raise StoreUnavailable("the shared store engine does not answer")
            assert isinstance(engine, _Attached)
            if stop and engine.alive:
                log.warning("stopping the shared store engine: %s", why)
                engine.halt()
            engine.stop()
            try:
                self._engine = _Attached(self._folder, self._authkey, self._versions, self.WAIT)
            except StoreUnavailable:
                self._unreachable_until = time.monotonic() + self.WAIT / 10
                raise


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
        # the socket of the engine this one replaces (it was stopped) is in the way
        with contextlib.suppress(FileNotFoundError):
            os.unlink(address)
        listener = Listener(address, authkey=authkey)
        versions = Versions(os.path.join(os.path.dirname(address), VERSIONS))
        versions.set_engine(os.getpid())
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
        threading.Thread(target=_answer, args=(store, conn, versions), daemon=True).start()


def _say(line: str) -> None:
    """One line to the server, on stdout (the engine's only other channel)."""
    sys.stdout.write(line.replace("\n", " ") + "\n")
    sys.stdout.flush()


# The engine's writes, one at a time: each counted before and after (a reader never keeps a
# half-seen version), and an engine asked to stop ends between two of them.
_WRITING = threading.Lock()


def _answer(store: Any, conn: Connection, versions: Versions) -> None:
    while True:
        try:
            method, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        if method == "close":
            with _WRITING:
                store.close()
                conn.send(("ok", None))
                os._exit(0)
        if method == "halt":
            # a stop asked for this engine (a late one may reach the engine that replaced it)
            if args == (os.getpid(),):
                with _WRITING:
                    os._exit(0)
            conn.send(("ok", None))
            continue
        # a write holds the lock until its answer is sent: an engine stopped between two
        # writes never leaves a write done but unanswered (its client would send it again)
        with _WRITING if method in _WRITES else contextlib.nullcontext():
            try:
                if method not in _METHODS:
                    raise IisgraphError(f"unknown store call {method!r}")
                if method == "query_serialized":
                    kwargs.pop("timeout", None)
                conn.send(("ok", _run(store, versions, method, args, kwargs)))
            except IisgraphError as exc:
                conn.send(("error", (type(exc).__name__, exc.message, getattr(exc, "report", ""))))
            except Exception as exc:
                logging.getLogger(__name__).exception("store call %s failed", method)
                conn.send(("error", (type(exc).__name__, "", "")))


def _run(
    store: Any, versions: Versions, method: str, args: Sequence[Any], kwargs: dict[str, Any]
) -> Any:
    if method not in _CHANGES:
        return getattr(store, method)(*args, **kwargs)
    sources = method != "write_curation"
    versions.bump(sources)
    try:
        return getattr(store, method)(*args, **kwargs)
    finally:
        versions.bump(sources)


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
