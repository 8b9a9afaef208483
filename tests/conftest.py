"""Fixtures: reference graphs (read-only, session scope), fresh on-disk stores, builders."""

from __future__ import annotations

import gc
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import RDF

from api.app import create_app
from graph.ingest import Pipeline
from graph.model import Document, Instrument, Meeting, Participant, Position, Span
from graph.namespaces import DEFAULT_BASE, Ids, T
from graph.settings import Settings
from graph.store import Store, open_store
from graph.store.remote import RemoteStore
from graph.to_rdf import to_rdf
from tests.ports import free_port
from tests.sparql_servers import SparqlServer, start_oxigraph, start_virtuoso

# One test client asks the shared servers thousands of queries a minute: the per-client share
# of query time (api/fairness.py) is tested on its own, with its own small budget.
os.environ.setdefault("IISGRAPH_CLIENT_QUERY_SECONDS", "1000000")

ROOT = Path(__file__).resolve().parents[1]
# The five founding texts of the bundled corpus: tests whose answers are known exactly use them.
SEED_TEXTS = sorted((ROOT / "corpus" / "texts").glob("00*.txt"))
# Who supports a larger role for the ITU over them (and over the whole bundled corpus)
ITU_SUPPORTERS = ["ARM", "BLR", "CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
DATA = Path(__file__).resolve().parent / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests by what they start, so ``make test-fast`` can leave those out: ``browser``
    (tests/web), ``oxigraph`` and ``virtuoso`` (a SPARQL server, by fixture or store backend)."""
    for item in items:
        if "tests/web/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
        names = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        params = set(map(str, callspec.params.values())) if callspec else set()
        for server in ("oxigraph", "virtuoso"):
            if f"{server}_server" in names or server in params:
                item.add_marker(getattr(pytest.mark, server))


@pytest.fixture(scope="session")
def ids() -> Ids:
    return Ids(DEFAULT_BASE)


@pytest.fixture(scope="session")
def reference() -> Graph:
    from graph.ontology import reference_graph

    return reference_graph(DEFAULT_BASE)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The ontology as stores keep it (blank nodes given stable IRIs)."""
    from graph.ontology import stored_ontology_graph

    return stored_ontology_graph(DEFAULT_BASE)


@pytest.fixture(scope="session")
def is_state(reference: Graph, ids: Ids) -> Callable[[str], bool]:
    return lambda code: (ids.state(code), RDF.type, T.State) in reference


@pytest.fixture(scope="session")
def reference_store_dir(
    tmp_path_factory: pytest.TempPathFactory, ontology: Graph, reference: Graph
) -> Path:
    """An on-disk store holding only the ontology and reference data, built once."""
    path = tmp_path_factory.mktemp("reference") / "store"
    built = open_store(Settings(store=str(path)))
    built.replace_reference(ontology, reference)
    built.close()
    del built
    gc.collect()
    return path


# Every test of a store (and of the API over one) runs on each backend: the embedded on-disk
# store, Oxigraph server and Virtuoso (real servers on loopback, ``tests/sparql_servers.py``).
BACKENDS = ["embedded", "oxigraph", "virtuoso"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def remote_settings(server: SparqlServer) -> Settings:
    return Settings(
        store=server.store,
        store_user=server.user,
        store_password=server.password,
    )


def fresh_remote_store(server: SparqlServer, ontology: Graph, reference: Graph) -> RemoteStore:
    """The server's store as a fresh one: the ontology and reference data, their holders and
    tallies, nothing else (loaded once; later tests get the derived graphs put back)."""
    opened = open_store(remote_settings(server))
    assert isinstance(opened, RemoteStore)
    kept = {str(opened.ids.ontology_graph), str(opened.ids.reference_graph)}
    if server.snapshot is None:
        kept = set()
    for graph in opened.graphs():
        if graph not in kept:
            opened.update(f"DROP SILENT GRAPH <{graph}>")
    reloaded = opened.replace_reference(ontology, reference)
    derived = (opened.ids.derived_graph, opened.ids.tallies_graph)
    if reloaded or server.snapshot is None:
        server.snapshot = [opened.graph_of(name) for name in derived]
    else:
        for name, content in zip(derived, server.snapshot, strict=True):
            opened.put_graph(name, content)
    return opened


@pytest.fixture(params=BACKENDS)
def store(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    reference_store_dir: Path,
    ontology: Graph,
    reference: Graph,
) -> Iterator[Store]:
    """A fresh store holding the ontology and the reference data: an on-disk copy per test,
    or a SPARQL server emptied down to them."""
    if request.param != "embedded":
        server = request.getfixturevalue(f"{request.param}_server")
        remote = fresh_remote_store(server, ontology, reference)
        yield remote
        remote.close()
        return
    path = tmp_path / "store"
    shutil.copytree(reference_store_dir, path)
    opened = open_store(Settings(store=str(path)))
    yield opened
    opened.close()


StatementBuilder = Callable[..., Graph]


def bare_app(**settings: Any) -> TestClient:
    """The app over an empty in-memory store, in-process, answering errors as the server would
    (a 500 comes back as a response, not raised): for tests of what a request alone decides."""
    chosen = Settings(store=":memory:", **settings)
    return TestClient(create_app(chosen, open_store(chosen)), raise_server_exceptions=False)


_HOLDERS = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?code ?named WHERE {
  ?position iis:statedIn ?i .
  ?i iis:qualifiedHolding ?h .
  ?h iis:holdingState/iis:publicId ?code ; iis:namedInText ?named .
} ORDER BY ?code"""


def rus_uzb_talks(evidence: Span, date: str | None, place: str | None) -> Meeting:
    """Talks of Russia and Uzbekistan, both as members, on ``date`` at ``place``."""
    return Meeting(
        "talks",
        evidence,
        date=date,
        place=place,
        participants=(Participant("RUS", "member"), Participant("UZB", "member")),
    )


def rus_uzb_statement(
    source: str,
    *,
    date: str = "2021-11-19",
    place: str | None = None,
    times: int = 1,
    talks: bool = False,
) -> Document:
    """A joint statement of Russia and Uzbekistan supporting a greater role for the ITU, as
    the text ``source`` reports it on ``date`` at ``place`` (stated ``times`` times in it;
    ``talks``: with the talks where it was made)."""
    text = "Россия и Узбекистан выступают за повышение роли МСЭ."
    statement = Instrument(
        type="joint-statement",
        status="adopted",
        evidence=Span.of(text, 0, 19),
        date=date,
        place=place,
        issuers=("RUS", "UZB"),
        positions=(Position("itu-role", "supports", Span.of(text, 31, 51)),),
    )
    meeting = rus_uzb_talks(Span.of(text, 0, 19), date, place)
    return Document(
        source=source,
        text=text,
        language="ru",
        instruments=(statement,) * times,
        meetings=(meeting,) if talks else (),
    )


def holders(store: Store) -> dict[str, bool]:
    """The holders of the positions in a store, by code: whether the text names each."""
    return {str(r["code"]): bool(r["named"].toPython()) for r in store.select(_HOLDERS)}  # type: ignore[union-attr]


@pytest.fixture
def statement(ids: Ids, is_state: Callable[[str], bool]) -> StatementBuilder:
    """Builds the graph of a one-instrument source: issuers, a date, one itu-role position."""

    def build(
        source: str = "s1.txt",
        issuers: tuple[str, ...] = ("SCO",),
        date: str | None = "2020-11-10",
        topic: str = "itu-role",
        stance: str = "supports",
        members: tuple[str, ...] = (),
        type: str = "statement",
    ) -> Graph:
        text = "Они выступают за повышение роли Международного союза электросвязи."
        evidence = Span.of(text, 4, len(text) - 1)
        doc = Document(
            source=source,
            text=text,
            language="ru",
            instruments=(
                Instrument(
                    type=type,
                    status="adopted",
                    evidence=Span.of(text, 0, 3),
                    date=date,
                    issuers=issuers,
                    members=members,
                    positions=(Position(topic, stance, evidence),),
                ),
            ),
        )
        return to_rdf(doc, ids, is_state)

    return build


def instrument_act(instrument: str, *values: str, motivation: str = "editing") -> bytes:
    """A curator's act setting an instrument's fields: a date as text, anything else by its
    IRI."""
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": v, "purpose": "editing"}
        if not v.startswith("http")
        else {"type": "SpecificResource", "source": v, "purpose": "editing"}
        for v in values
    ]
    return json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "motivation": motivation,
            "target": {"source": instrument},
            "body": bodies,
        }
    ).encode()


def instruments_by_date(store: Store, ids: Ids, code: str) -> dict[str, str]:
    """Each instrument the state ``code`` holds, by its (extracted) date."""
    rows = store.select(
        f"SELECT ?i ?d WHERE {{ ?i <{T.holder}> <{ids.state(code)}> ; "
        "<http://purl.org/dc/terms/date> ?d }"
    )
    return {str(row["d"]): str(row["i"]) for row in rows}


def cookieless(client: httpx.Client) -> httpx.Client:
    """A client that keeps no cookies: a page asked for in Russian sets the language cookie,
    which would make a shared server's later pages Russian for every test after it."""
    client.cookies.jar.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return client


class Served:
    """The app under test: ``url`` is its base and ``client`` an httpx client bound to it, so a
    test reads the same whether the app runs in-process or behind a port:
    ``server.client.get("/states/RUS")``. Absolute URLs the app answers with (``view.next``,
    ``seeAlso``) work with the client too, as they start with ``url``."""

    url: str
    client: httpx.Client

    def stop(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class InProcessServer(Served):
    """The app called in the test process through FastAPI's TestClient: no port, no server.
    For everything but the wire itself (SPARQLWrapper, streamed bodies, browsers)."""

    url = "http://testserver"

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        app = create_app(settings or Settings(store=":memory:"), store)
        # follow_redirects=False as httpx does over a port: a 303 is seen as a 303
        self.client = cookieless(TestClient(app, base_url=self.url, follow_redirects=False))
        self.client.__enter__()  # one event loop for every request; the app's lifespan runs

    def stop(self) -> None:
        self.client.__exit__(None, None, None)


class LiveServer(Served):
    """``iisgraph serve`` in a child process on a free port."""

    def __init__(
        self, store_path: Path, workers: int = 1, environment: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = cookieless(httpx.Client(base_url=self.url, timeout=60))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graph.cli",
                "serve",
                "--store",
                str(store_path),
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env={**os.environ, **(environment or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.output()}")
            try:
                httpx.get(f"{self.url}/health", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer in 30 s: {self.output()}")

    def output(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        return self.process.stdout.read() if self.process.stdout else ""

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class ThreadedServer(Served):
    """The app served by uvicorn in a thread of the test process, on a free port: for the tests
    of the wire (SPARQLWrapper as the client, a streamed upload) and of pages in a browser."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        import threading

        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(settings or Settings(store=":memory:"), store)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the threaded server did not start")
            time.sleep(0.02)
        self.client = cookieless(httpx.Client(base_url=self.url, timeout=60))

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def served(store: Store, statement: StatementBuilder) -> Iterator[InProcessServer]:
    """A store with one SCO statement, its app called in-process."""
    store.replace_source("s1", statement())
    with InProcessServer(store) as server:
        yield server


@pytest.fixture
def served_over_http(store: Store, statement: StatementBuilder) -> Iterator[ThreadedServer]:
    """A store with one SCO statement, served over HTTP on a free port."""
    store.replace_source("s1", statement())
    with ThreadedServer(store) as server:
        yield server


@pytest.fixture(scope="session")
def corpus_store(
    tmp_path_factory: pytest.TempPathFactory, reference_store_dir: Path
) -> Iterator[Store]:
    """The five founding texts in an on-disk store, built once (read-only use)."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    shutil.copytree(reference_store_dir, path)
    store = open_store(Settings(store=str(path)))
    Pipeline(DEFAULT_BASE).ingest(store, SEED_TEXTS)
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_server(corpus_store: Store) -> Iterator[InProcessServer]:
    """The five founding texts, their app called in-process (read-only use)."""
    with InProcessServer(corpus_store) as server:
        yield server


@pytest.fixture(scope="session")
def corpus_over_http(corpus_store: Store) -> Iterator[ThreadedServer]:
    """The five founding texts served over HTTP on a free port, for the browser (read-only)."""
    with ThreadedServer(corpus_store) as server:
        yield server


# Meeting records with several speakers (issue 19): a First Committee press release (a group
# speaking through one state, the United States, Russia), a session report (a like-minded
# group of twelve), an Ad Hoc Committee report (a delegation with no position read).
RECORDS = [
    DATA / "extract" / "transcripts" / name
    for name in (
        "03_undis-first-committee-2016.txt",
        "07_digwatch-oewg8-like-minded.txt",
        "11_digwatch-ahc-17th-meeting.txt",
    )
]


@pytest.fixture(scope="session")
def records_store(
    tmp_path_factory: pytest.TempPathFactory, reference_store_dir: Path
) -> Iterator[Store]:
    """Three meeting records in an on-disk store, built once (read-only use)."""
    path = tmp_path_factory.mktemp("records") / "store"
    shutil.copytree(reference_store_dir, path)
    store = open_store(Settings(store=str(path)))
    Pipeline(DEFAULT_BASE).ingest(store, RECORDS)
    yield store
    store.close()


@pytest.fixture(scope="session")
def records_server(records_store: Store) -> Iterator[InProcessServer]:
    """The meeting records, their app called in-process (read-only use)."""
    with InProcessServer(records_store) as server:
        yield server


@pytest.fixture(scope="session")
def records_over_http(records_store: Store) -> Iterator[ThreadedServer]:
    """The meeting records served over HTTP on a free port, for the browser (read-only)."""
    with ThreadedServer(records_store) as server:
        yield server
