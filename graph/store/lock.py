"""Who holds an on-disk store. The embedded store admits one process at a time (the engine
locks ``STORE/LOCK``; pyoxigraph has no secondary mode, and reading beside a writer is
undefined behaviour), so while ``iisgraph serve`` holds it the command line reads through the
server, and a write says which process holds the store.

``iisgraph serve`` leaves a note beside the store while it runs (``STORE.serving``: the URL
it answers on and its pid); the process holding the lock is asked of the system (``fcntl``
``F_GETLK`` names it, the lock being a POSIX record lock).

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> print(lock_holder(folder))  # no store there: nobody holds it
None
>>> with serving(folder, "http://127.0.0.1:8000"):
...     announced(folder).url
'http://127.0.0.1:8000'
>>> print(announced(folder))
None
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import IisgraphError, StoreInUse
from graph.settings import Settings
from graph.store.http import ServerConnection

_FLOCK = "hhqqii"  # struct flock on Linux: type, whence, start, length, pid, padding


@dataclass(frozen=True)
class Server:
    """An ``iisgraph serve`` that announced itself beside a store."""

    url: str
    pid: int


@dataclass(frozen=True)
class Holder:
    """The process holding a store's lock, and the server it belongs to if one announced
    itself."""

    pid: int | None
    server: Server | None

    def __str__(self) -> str:
        if self.server is not None:
            engine = f", its store engine process {self.pid}" if self.pid != self.server.pid else ""
            return f"`iisgraph serve` (process {self.server.pid}{engine}) at {self.server.url}"
        if self.pid is None:
            return "another process"
        return f"process {self.pid} ({_command(self.pid) or 'command unknown'})"


def note_path(store: str) -> Path:
    """Where a server's note for ``store`` is kept: beside it, never inside the engine's
    folder."""
    path = Path(store).resolve()
    return path.with_name(path.name + ".serving")


@contextlib.contextmanager
def serving(store: str, url: str) -> Iterator[None]:
    """Announce, while the block runs, that this process serves ``store`` at ``url``."""
    note = note_path(store)
    note.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if json.loads(note.read_text("utf-8")).get("pid") == os.getpid():
                note.unlink()


def announced(store: str) -> Server | None:
    """The server that announced it serves ``store``, if it still runs."""
    try:
        found = json.loads(note_path(store).read_text("utf-8"))
        server = Server(str(found["url"]), int(found["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return server if _alive(server.pid) else None


def lock_holder(store: str) -> Holder | None:
    """The process holding the lock of the on-disk store at ``store``; None when no process
    holds it (or there is no store there)."""
    lock = Path(store) / "LOCK"
    if not lock.is_file():
        return None
    try:
        with lock.open("rb") as file:
            asked = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0, 0)
            kind, _, _, _, pid, _ = struct.unpack(
                _FLOCK, fcntl.fcntl(file.fileno(), fcntl.F_GETLK, asked)
            )
    except OSError:
        return Holder(None, announced(store))
    if kind == fcntl.F_UNLCK:
        return None
    return Holder(pid or None, announced(store))


def reachable(server: Server, settings: Settings) -> bool:
    """Whether the server answers its health check."""
    connection = ServerConnection(server.url, settings)
    try:
        connection.send("GET", f"{server.url}/health", "health check", timeout=5)
    except IisgraphError:  # unreachable, or not an iisgraph server
        return False
    finally:
        connection.close()
    return True


def in_use(store: str, holder: Holder, doing: str) -> StoreInUse:
    """The error of a write (``doing``) refused because ``holder`` holds ``store``."""
    advice = "stop it first"
    if doing == "read":
        advice = "read through the server that holds it: --store sparql+http://HOST:PORT/sparql"
    elif holder.server is not None:
        advice += (
            f", or send texts to the server (POST {holder.server.url}/sources with "
            "IISGRAPH_WRITE_TOKEN)"
        )
    return StoreInUse(
        f"cannot {doing} the store at {store}: it is held by {holder}; the embedded store "
        f"admits one process at a time: {advice}"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _command(pid: int) -> str:
    """A process's command line, as far as the system tells."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)[:200]
