"""The ``iisgraph`` command: extract, store, derive, check, query, export and serve the graph.

Every command that touches a store takes ``--store PATH_OR_URL`` (default: the
``IISGRAPH_STORE`` setting). Failures exit non-zero with one line per failed file on stderr.

The on-disk store admits one process at a time: while ``iisgraph serve`` holds it, the commands
that read (``stats``, ``query``, ``export``) read through that server, and the ones that write
(``ingest``, ``load``, ``derive``) say which process holds it (``graph/store/lock.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from rdflib import Dataset, Graph

from graph.curation import unanchored
from graph.curation_io import FORMATS, export_acts, import_acts
from graph.curators import curator_line
from graph.errors import BadInput, IisgraphError, StoreUnavailable
from graph.evaluate import load_gold, parse_floors, score
from graph.gold_export import export_gold
from graph.ingest import Extracted, Failure, Pipeline, store_all, text_files
from graph.namespaces import IIS
from graph.ontology import reference_graph, stored_ontology_graph
from graph.public_query import query_form
from graph.queries import named_query
from graph.readers import read_text
from graph.same_day import settle_store
from graph.settings import Settings
from graph.shards import loaded_sources, nquads, shard_files, write_shards
from graph.store import ReplaceResult, Store, open_serving_store, open_store
from graph.store.http import ServerConnection
from graph.store.lock import Server, in_use, lock_holder, reachable, serving
from graph.store.process import ProcessStore
from graph.summary import Summary
from graph.validate import validate

EXPORT_FORMATS = {
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
}
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
}


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"store": args.store} if getattr(args, "store", None) else {}
    return Settings(**overrides)


def _remote(settings: Settings) -> bool:
    return settings.store.startswith(("sparql+", "http://", "https://"))


def _on_disk(settings: Settings) -> bool:
    return settings.store != ":memory:" and not _remote(settings)


def _for_writing(settings: Settings, doing: str) -> Store:
    """The store to write (``doing`` names the write in the message when another process
    holds it)."""
    try:
        return open_store(settings)
    except StoreUnavailable:
        holder = lock_holder(settings.store) if _on_disk(settings) else None
        if holder is None:
            raise
        raise in_use(settings.store, holder, doing) from None


def _for_reading(settings: Settings, command: str) -> tuple[Store, Server | None]:
    """The store to read, and the server read through when ``iisgraph serve`` holds it."""
    try:
        return open_store(settings), None
    except StoreUnavailable:
        holder = lock_holder(settings.store) if _on_disk(settings) else None
        if holder is None:
            raise
        server = holder.server
        if server is None or not reachable(server, settings):
            raise in_use(settings.store, holder, "read") from None
        print(
            f"iisgraph {command}: the store is held by {holder}: reading through it",
            file=sys.stderr,
        )
        through = settings.model_copy(update={"store": f"sparql+{server.url}/sparql"})
        return open_store(through), server


def _fail(path: str, reason: str) -> None:
    first = reason.splitlines()[0] if reason else "failed"
    # a reader's message already names its file: say the path once
    print(f"{path}: {first.removeprefix(f'{path}: ')}", file=sys.stderr)


def _write(data: bytes, output: str | None) -> None:
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def cmd_extract(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise BadInput("--workers takes a whole number of 1 or more")
    pipeline = Pipeline(_settings(args).base)
    files = text_files(args.files)
    if args.format == "nquads" and args.output:
        return _extract_shards(args, pipeline, files)
    failed = 0
    chunks: list[bytes] = []
    items = pipeline.summaries(files) if args.format == "summary" else pipeline.graphs(files)
    for item in items:
        if isinstance(item, Failure):
            failed += 1
            _fail(item.path, item.reason)
            continue
        if isinstance(item, Extracted):
            if args.format == "nquads":
                chunks.append(nquads(pipeline.ids, [item]))
            else:
                fmt = {"turtle": "turtle", "jsonld": "json-ld"}[args.format]
                chunks.append(item.graph.serialize(format=fmt).encode())
        else:
            chunks.append(json.dumps(item[1], ensure_ascii=False).encode() + b"\n")
        if not args.output:
            _write(chunks.pop(), None)
    if args.output:
        _write(b"".join(chunks), args.output)
    return 1 if failed else 0


def _extract_shards(args: argparse.Namespace, pipeline: Pipeline, files: list[Path]) -> int:
    """``extract --format nquads -o DIR``: validated shards for a bulk load."""
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder}: with --format nquads, -o names a folder for the shards")
    started = time.perf_counter()
    progress = _Progress(len(files), "text")
    failed = 0

    def failure(item: Failure) -> None:
        nonlocal failed
        failed += 1
        progress.fail(item)

    written = kept = sources = 0
    for shard in write_shards(
        pipeline,
        files,
        folder,
        per_shard=args.per_shard,
        prefix=args.prefix,
        workers=args.workers,
        on_failure=failure,
    ):
        kept += shard.kept
        written += not shard.kept
        sources += shard.sources
        progress.advance(shard.texts)
    progress.close()
    print(
        f"wrote {written} shards of {sources} sources to {folder} ({failed} failed"
        + (f"; {kept} shards written before were kept" if kept else "")
        + f") in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 1 if failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    golds = load_gold(Path(args.gold))
    docs = Path(args.docs)
    floors = parse_floors(args.min)
    files = [docs / name for name in golds]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise BadInput(f"gold annotates texts not in {docs}: {', '.join(missing)}")
    preds: dict[str, Summary] = {}
    for item in Pipeline(_settings(args).base).summaries(files):
        if isinstance(item, Failure):
            _fail(item.path, item.reason)
        else:
            preds[item[0].name] = item[1]
    texts = {f.name: read_text(f) for f in files}
    scores = score(golds, preds, texts, verbose=args.verbose)
    print(scores.table(verbose=args.verbose))
    below = scores.below(floors)
    if below:
        print("below bar: " + "; ".join(below))
        return 1
    return 0


class _Progress:
    """A progress bar on stderr (for ten items or more, or an unknown number); a failure is
    printed above it."""

    def __init__(self, total: int | None, unit: str) -> None:
        from tqdm import tqdm

        quiet = total is not None and total < 10
        self._bar = tqdm(total=total, unit=unit, disable=quiet, file=sys.stderr)

    def advance(self, done: int = 1) -> None:
        self._bar.update(done)

    def fail(self, failure: Failure) -> None:
        self._bar.clear()
        _fail(failure.path, failure.reason)

    def outcome(self, outcome: ReplaceResult | Failure) -> None:
        """One source stored, or not."""
        self.advance()
        if isinstance(outcome, Failure):
            self.fail(outcome)

    def close(self) -> None:
        self._bar.close()


# Sources an ingest or load changes before it compacts the store (seconds: 3 at 1 M triples);
# fewer leave too little to gain.
OPTIMIZE_AFTER = 100


def _optimized(store: Store, outcomes: list[ReplaceResult | Failure]) -> None:
    """Compact the store when the run changed many sources (see ``Store.optimize``)."""
    changed = sum(1 for o in outcomes if isinstance(o, ReplaceResult) and o.changed)
    if changed >= OPTIMIZE_AFTER:
        store.optimize()


def _said_stored(
    outcomes: list[ReplaceResult | Failure], head: Callable[[int], str], started: float
) -> int:
    """One line on stderr of what a store run did (``head`` of the number stored); the exit
    code (1 when something failed)."""
    stored = [o for o in outcomes if isinstance(o, ReplaceResult)]
    changed = sum(1 for o in stored if o.changed)
    failed = len(outcomes) - len(stored)
    print(
        head(len(stored))
        + f" ({changed} changed, {len(stored) - changed} unchanged, {failed} failed) "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.workers < 1 or (args.batch is not None and args.batch < 1):
        raise BadInput("--workers and --batch take a whole number of 1 or more")
    files = text_files(args.paths)
    store = _for_writing(settings, "ingest into")
    try:
        progress = _Progress(len(files), "text")
        started = time.perf_counter()
        outcomes = Pipeline(settings.base).ingest(
            store,
            files,
            progress.outcome,
            workers=args.workers,
            batch=args.batch or settings.store_batch,
        )
        progress.close()
        _optimized(store, outcomes)
    finally:
        store.close()
    return _said_stored(
        outcomes, lambda n: f"ingested {n} of {len(files)} texts into {settings.store}", started
    )


def cmd_load(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.batch is not None and args.batch < 1:
        raise BadInput("--batch takes a whole number of 1 or more")
    shards = shard_files(args.paths)
    pipeline = Pipeline(settings.base)
    store = _for_writing(settings, "load into")
    try:
        pipeline.ensure_reference(store)
        progress = _Progress(None, "source")
        started = time.perf_counter()
        outcomes = store_all(
            store,
            loaded_sources(pipeline, shards),
            progress.outcome,
            batch=args.batch or settings.store_batch,
        )
        progress.close()
        _optimized(store, outcomes)
    finally:
        store.close()
    return _said_stored(
        outcomes,
        lambda n: f"loaded {n} sources of {len(shards)} shards into {settings.store}",
        started,
    )


def cmd_derive(args: argparse.Namespace) -> int:
    settings = _settings(args)
    store = _for_writing(settings, "derive holders and tallies in")
    try:
        started = time.perf_counter()
        reloaded = Pipeline(settings.base).ensure_reference(store)  # derives all when reloaded
        settle_store(store)  # a bulk loader keys a report lacking the year as it found it
        if not reloaded:
            store.rederive()
        holdings = store.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{store.ids.derived_graph}> "
            f"{{ ?h a <{IIS.Holding}> }} }}"
        )
    finally:
        store.close()
    print(
        f"derived {holdings[0]['n']} holdings and every tally of {settings.store} again"
        + (" (reference data reloaded)" if reloaded else "")
        + f" in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    pipeline = Pipeline(settings.base)
    failed = 0
    for raw in args.files:
        path = Path(raw)
        try:
            rdf_format = RDF_SUFFIXES.get(path.suffix.lower())
            if rdf_format:
                graph = Dataset() if rdf_format in ("trig", "nquads") else Graph()
                try:
                    graph.parse(path, format=rdf_format, publicID=settings.base)
                except Exception as exc:  # rdflib raises many parser-specific types
                    raise IisgraphError(f"does not parse as {rdf_format}: {exc}") from exc
                flat = Graph()
                for triple in graph.triples((None, None, None)):
                    flat.add(triple)
                validate(flat, pipeline.types.context_for(flat), name=path.name)
            else:
                for file in text_files([path]):
                    pipeline.graph_of_file(file)
            print(f"{path}: conforms")
        except IisgraphError as exc:
            failed += 1
            print(f"{path}: {exc.message}", file=sys.stderr)
    return 1 if failed else 0


def cmd_query(args: argparse.Namespace) -> int:
    store, _ = _for_reading(_settings(args), "query")
    try:
        if args.name:
            query = named_query(args.name)
            raw = dict(p.split("=", 1) for p in args.param)
            text = query.text
            bindings = query.bindings(raw, store.ids)
        else:
            text = (
                Path(args.query[1:]).read_text("utf-8")
                if args.query.startswith("@")
                else args.query
            )
            bindings = {}
        graph_result = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        name = args.format or ("turtle" if graph_result else "json")
        # the engine serialises in the format asked for, bound values and all
        body, _ = store.query_serialized(text, RESULT_FORMATS[name], bindings=bindings or None)
        _write(body, None)
    finally:
        store.close()
    return 0


def export_bytes(store: Store, fmt: str) -> bytes:
    """The whole store: quads for TriG and N-Quads (and JSON-LD), their union for Turtle."""
    media = EXPORT_FORMATS[fmt]
    if fmt == "turtle":
        body, _ = store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", media)
        return body
    return store.export(media)  # JSON-LD, expanded, one @graph per named graph


DUMP_SUFFIXES = {"trig": "trig", "nquads": "nq", "jsonld": "jsonld"}


def served_export(server: Server, fmt: str, settings: Settings) -> bytes:
    """The whole store from the server that holds it: its dump (Turtle: the union of its
    N-Quads dump's graphs)."""
    connection = ServerConnection(server.url, settings)
    try:
        ext = DUMP_SUFFIXES.get(fmt, "nq")
        body = connection.send("GET", f"{server.url}/dumps/latest.{ext}", "dump").content
    finally:
        connection.close()
    if fmt != "turtle":
        return body
    union = Graph()
    for s, p, o, _ in Dataset().parse(data=body, format="nquads").quads():
        union.add((s, p, o))
    return union.serialize(format="turtle", encoding="utf-8")


def cmd_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    store, server = _for_reading(settings, "export")
    try:
        if args.gold is not None:
            written = export_gold(store, Path(args.gold), reviewed_only=args.reviewed_only)
            print(f"wrote {len(written)} gold summaries to {args.gold}", file=sys.stderr)
        elif args.reviewed_only:
            raise BadInput("--reviewed-only goes with --gold DIR")
        elif server is not None:  # the whole store, not a query under the public limits
            _write(served_export(server, args.format, settings), args.output)
        else:
            _write(export_bytes(store, args.format), args.output)
    finally:
        store.close()
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    """``curate add-curator``, ``import``, ``export`` and ``orphans``."""
    if args.action == "add-curator":
        line, token = curator_line(args.name)
        print(f"# add this line to the curators file (IISGRAPH_CURATORS):\n{line}")
        print(f"# the token to hand to {args.name} (shown once, kept nowhere):\n{token}")
        return 0
    settings = _settings(args)
    if args.action == "import":
        data = Path(args.file).read_bytes()
        store = _for_writing(settings, "import acts into")
        try:
            stored, kept = import_acts(store, data, args.file)
        finally:
            store.close()
        print(f"imported {len(stored)} acts ({len(kept)} were there already)", file=sys.stderr)
        return 0
    store, _ = _for_reading(settings, f"curate {args.action}")
    try:
        if args.action == "export":
            _write(export_acts(store, args.format), args.output)
        else:
            orphans = unanchored(store)
            for orphan in orphans:
                print(json.dumps(orphan, ensure_ascii=False))
            print(f"{len(orphans)} acts do nothing now (orphaned or unmatched)", file=sys.stderr)
    finally:
        store.close()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store, _ = _for_reading(_settings(args), "stats")
    try:
        counts = {}
        for name, cls in (
            ("instruments", "Instrument"),
            ("positions", "Position"),
            ("meetings", "Meeting"),
            ("states", "State"),
            ("organizations", "Organization"),
        ):
            rows = store.select(
                "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <https://w3id.org/iisgraph/"
                f"ontology#{cls}> }}"
            )
            counts[name] = int(str(rows[0]["n"])) if rows else 0
        stats = {"sources": len(store.source_ids()), "triples": store.triple_count(), **counts}
        print(json.dumps(stats, indent=2))
    finally:
        store.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    workers = settings.workers if args.workers is None else args.workers
    if workers < 1:
        raise BadInput("--workers takes a whole number of 1 or more")
    settings = settings.model_copy(update={"workers": workers})
    print(
        f"iisgraph serves {settings.store} on http://{args.host}:{args.port}"
        + (f" ({workers} web processes)" if workers > 1 else ""),
        file=sys.stderr,
    )
    # the store opened before the note is written: a second server of a held store stops
    # here, and the first one's note stays
    app, shared = _web_app(settings)
    try:
        if not _on_disk(settings):
            _run_web(app, args, workers)
            return 0
        # the command line finds the server by this note while the store is locked
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
        host = f"[{host}]" if ":" in host else host
        # uvicorn raises the stopping signal again once it has shut down: exit through
        # Python, so the note is taken away
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        with serving(settings.store, f"http://{host}:{args.port}"):
            _run_web(app, args, workers)
        return 0
    finally:
        if shared is not None:
            shared.close()


def _web_app(settings: Settings) -> tuple[object, ProcessStore | None]:
    """What uvicorn serves: the application, or with several web processes the factory each
    calls (``api.app:serving_app``) and the store engine they share, started here
    (``graph/store/process.py``; a SPARQL server store has none: each reaches it)."""
    app = import_module("api.app")  # graph never imports api statically
    if settings.workers == 1:
        return app.create_app(settings), None
    shared = None if _remote(settings) else open_serving_store(settings)
    assert shared is None or isinstance(shared, ProcessStore)
    if shared is not None:
        try:
            # made current once, here, before any web process answers
            shared.replace_reference(
                stored_ontology_graph(settings.base), reference_graph(settings.base)
            )
        except BaseException:
            shared.close()
            raise
        os.environ.update(shared.share())
    # the web processes read their settings from the environment: this command's with them
    os.environ["IISGRAPH_STORE"] = settings.store
    os.environ["IISGRAPH_WORKERS"] = str(settings.workers)
    return "api.app:serving_app", shared


def _run_web(app: object, args: argparse.Namespace, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        app,  # type: ignore[arg-type]
        factory=workers > 1,
        workers=workers,
        host=args.host,
        port=args.port,
        log_level="warning",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="iisgraph", description=__doc__.splitlines()[0])
    sub = root.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--store", help="store path or URL (default: $IISGRAPH_STORE)")
        return p

    p = sub.add_parser("extract", help="extract texts and print (or write shards of) the graphs")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["summary", "turtle", "nquads", "jsonld"], default="summary")
    p.add_argument(
        "-o",
        "--output",
        help="a file; with --format nquads a folder of validated shards for a bulk load",
    )
    p.add_argument(
        "--workers", type=int, default=1, help="processes that extract shards (default 1)"
    )
    p.add_argument("--per-shard", type=int, default=1000, help="texts per shard (default 1000)")
    p.add_argument(
        "--prefix",
        default="shard",
        help="shard file names: PREFIX-00000.nq (one per machine sharing a corpus)",
    )
    p.set_defaults(run=cmd_extract)

    p = with_store(sub.add_parser("ingest", help="extract, validate and store texts or folders"))
    p.add_argument("paths", nargs="+")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes that extract and validate while one stores (default 1)",
    )
    p.add_argument(
        "--batch",
        type=int,
        default=None,
        help="sources per update request to a SPARQL server (default: $IISGRAPH_STORE_BATCH)",
    )
    p.set_defaults(run=cmd_ingest)

    p = with_store(sub.add_parser("load", help="validate and store the sources of N-Quads shards"))
    p.add_argument("paths", nargs="+", metavar="SHARD", help="shard files or folders of them")
    p.add_argument(
        "--batch",
        type=int,
        default=None,
        help="sources per update request to a SPARQL server (default: $IISGRAPH_STORE_BATCH)",
    )
    p.set_defaults(run=cmd_load)

    p = with_store(
        sub.add_parser("derive", help="derive every holder and tally again (after a bulk load)")
    )
    p.set_defaults(run=cmd_derive)

    p = sub.add_parser("eval", help="score extraction against gold annotations")
    p.add_argument("gold", metavar="GOLD_DIR", help="folder of gold summaries (*.json)")
    p.add_argument("docs", metavar="DOCS_DIR", help="folder of the texts they annotate")
    p.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    p.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="exit 1 when a figure is below VALUE (e.g. positions_f1=0.93)",
    )
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("validate", help="check texts (extracted) or RDF files against the shapes")
    p.add_argument("files", nargs="+")
    p.set_defaults(run=cmd_validate)

    p = with_store(sub.add_parser("query", help="run a SPARQL query or a named query"))
    p.add_argument("query", nargs="?", default="", help="query text, or @FILE")
    p.add_argument("--name", help="a named query of queries/")
    p.add_argument("--param", action="append", default=[], help="NAME=VALUE for a named query")
    p.add_argument(
        "--format",
        choices=sorted(RESULT_FORMATS),
        help="json (default for SELECT and ASK), xml, csv, tsv; turtle (default for CONSTRUCT), "
        "ntriples",
    )
    p.set_defaults(run=cmd_query)

    p = with_store(sub.add_parser("export", help="dump the whole store, or gold summaries"))
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="trig")
    p.add_argument("-o", "--output")
    p.add_argument(
        "--gold", metavar="DIR", help="write each text as curators settled it, as gold summaries"
    )
    p.add_argument("--reviewed-only", action="store_true", help="with --gold: reviewed texts only")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("curate", help="curation acts: curators, import, export, orphans")
    acts = p.add_subparsers(dest="action", required=True)
    q = acts.add_parser("add-curator", help="a curators-file line and a new token")
    q.add_argument("name")
    q = with_store(acts.add_parser("import", help="store the acts of a JSON-LD file"))
    q.add_argument("file")
    q = with_store(acts.add_parser("export", help="every act, as Web Annotation JSON-LD or TriG"))
    q.add_argument("--format", choices=FORMATS, default="jsonld")
    q.add_argument("-o", "--output")
    with_store(acts.add_parser("orphans", help="acts whose quote or position is gone"))
    p.set_defaults(run=cmd_curate)

    p = with_store(sub.add_parser("serve", help="serve the SPARQL endpoint and the API"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--workers",
        type=int,
        help="web processes sharing the store's engine (default: $IISGRAPH_WORKERS, or 1; "
        "the number of cores serves most under load)",
    )
    p.set_defaults(run=cmd_serve)

    p = with_store(sub.add_parser("stats", help="counts of what the store holds"))
    p.set_defaults(run=cmd_stats)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except IisgraphError as exc:
        print(f"iisgraph {args.command}: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
