"""Real SPARQL servers for the remote-store tests, started on loopback in a temporary folder
and stopped afterwards: Virtuoso open-source 7 (Debian's ``virtuoso-opensource-7-bin``) and
Oxigraph server (the ``oxigraph`` package on PyPI, the engine of the embedded store behind
HTTP). Without one installed, its tests are skipped with a message naming what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import Graph

from tests.guards import missing
from tests.ports import free_port

VIRTUOSO = shutil.which("virtuoso-t")
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
VIRTUOSO_MISSING = (
    "the Virtuoso tests need Debian's virtuoso-opensource-7-bin "
    "(apt-get install virtuoso-opensource-7-bin)"
)
OXIGRAPH_MISSING = "the Oxigraph server tests need the oxigraph package (pip install oxigraph)"

VIRTUOSO_INI = """
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass
class SparqlServer:
    """A running server: the store setting that names it and the credentials it wants."""

    name: str
    store: str
    process: subprocess.Popen[bytes]
    user: str | None = None
    password: str | None = None
    log: Path | None = None
    folder: Path | None = None  # where it keeps its files (Virtuoso reads bulk loads from it)
    sql_port: int | None = None  # Virtuoso's SQL port, for isql-vt
    snapshot: list[Graph] | None = None  # its derived graphs with only the reference data

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _wait(url: str, process: subprocess.Popen[bytes], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{what} did not answer at {url} in {seconds:.0f} s")


def start_oxigraph(folder: Path) -> SparqlServer:
    if not Path(OXIGRAPH).exists():
        missing(OXIGRAPH_MISSING)
    port = free_port()
    command = [OXIGRAPH, "serve", "--union-default-graph", "--location", str(folder)]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait(f"{base}/query?query=ASK%7B%7D", process, "oxigraph serve")
    store = f"sparql+{base}/query?update={base}/update&gsp={base}/store"
    return SparqlServer("oxigraph", store, process, folder=folder)


def start_virtuoso(folder: Path) -> SparqlServer:
    if VIRTUOSO is None:
        missing(VIRTUOSO_MISSING)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [VIRTUOSO, "-f", "-c", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    _wait(f"{base}/sparql?query=ASK%7B%7D", process, "virtuoso-t", seconds=120)
    # a fresh database: the dba account has the password dba; updates need Digest auth
    store = f"sparql+{base}/sparql?update={base}/sparql-auth&gsp={base}/sparql-graph-crud-auth"
    return SparqlServer(
        "virtuoso",
        store,
        process,
        "dba",
        "dba",
        log=folder / "virtuoso.log",
        folder=folder,
        sql_port=sql_port,
    )


ISQL = shutil.which("isql-vt") or shutil.which("isql")


def virtuoso_bulk_load(server: SparqlServer, folder: Path, mask: str = "*.nq") -> list[str]:
    """Load the shards of ``folder`` with Virtuoso's own bulk loader, as docs/remote-store.md
    says: ``ld_dir`` then ``rdf_loader_run``; the errors of ``load_list`` (isql-vt exits 0
    even when the SQL fails, so they are asked for, not read from the exit code)."""
    if ISQL is None or server.sql_port is None:
        missing("the Virtuoso bulk-load test needs isql-vt (virtuoso-opensource-7-bin)")
    sql = (
        f"ld_dir('{folder}', '{mask}', 'urn:iisgraph:unnamed'); rdf_loader_run(); checkpoint; "
        "SELECT 'LOAD-ERROR', ll_file, ll_error FROM DB.DBA.load_list "
        "WHERE ll_error IS NOT NULL;"
    )
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={sql}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt: {done.stdout}{done.stderr}")
    return [line for line in done.stdout.splitlines() if line.startswith("LOAD-ERROR")]


def oxigraph_bulk_load(server: SparqlServer, shards: list[Path]) -> None:
    """Add each shard to a running Oxigraph server: one ``POST /store`` of N-Quads each (its
    Graph Store endpoint, the ``gsp=`` of the store setting)."""
    endpoint = server.store.split("gsp=")[1]
    for shard in shards:
        response = httpx.post(
            endpoint,
            content=shard.read_bytes(),
            headers={"Content-Type": "application/n-quads"},
            timeout=600,
        )
        response.raise_for_status()
