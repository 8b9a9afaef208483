"""The store: where validated graphs are kept, one named graph per source text.

``Store`` is the small interface every backend implements (the embedded on-disk pyoxigraph
store, or a SPARQL 1.1 server over HTTP), so callers never know which one they talk to.
Queries see the union of all named graphs as their default graph.

>>> store = open_store(Settings(store=":memory:"))
>>> store.ask("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

from graph.errors import StoreUnavailable
from graph.namespaces import Ids
from graph.settings import Settings

log = logging.getLogger(__name__)

Bindings = Mapping[str, Identifier]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class ReplaceResult:
    """What replacing a source did."""

    source_id: str
    changed: bool
    triples: int


class Store(Protocol):
    """What iisgraph needs from a store of named graphs."""

    ids: Ids

    def replace_source(self, source_id: str, graph: Graph) -> ReplaceResult:
        """Replace a source's named graph by ``graph`` and re-derive holders, atomically.

        An unchanged graph changes nothing (``changed`` is False).
        """
        ...

    def replace_sources(self, items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        """Replace several sources together (a bulk load's batch), one result per item in
        their order: one transaction embedded, one update request on a SPARQL server."""
        ...

    def delete_source(self, source_id: str) -> bool:
        """Drop a source's graph and the holders derived from it; False if it was not there."""
        ...

    def replace_reference(self, ontology: Graph, reference: Graph) -> bool:
        """Replace the ontology and reference graphs and re-derive every holder, atomically."""
        ...

    def write_curation(
        self, graphs: Mapping[URIRef, Graph | None], touched: Sequence[URIRef] = ()
    ) -> None:
        """Replace each named graph of curation (an act, its history, a source's reviewed
        graph) by its graph, or drop it (None), and keep the holders and tallies of the
        ``touched`` instruments right, all in one transaction: together or not at all."""
        ...

    def rederive(self) -> None:
        """Derive every holder and count every tally again, atomically where the backend
        can (after graphs were bulk-loaded around iisgraph)."""
        ...

    def optimize(self) -> None:
        """Compact the store's files after many writes (an ingest of many sources): queries
        then read less (at 1 M triples, raw SPARQL 30–45 % faster). Takes seconds, so not
        after every write; nothing on a SPARQL server, which compacts its own."""
        ...

    def source_ids(self) -> list[str]: ...

    def graph_of(self, graph: URIRef) -> Graph:
        """The triples of one named graph."""
        ...

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Node]]:
        """Rows of a SELECT query, variables bound from ``bindings`` (never spliced)."""
        ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph: ...

    def triples(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """The triples of a CONSTRUCT query as a list: no rdflib graph is built (building one
        costs more than the query for the small documents of the API)."""
        ...

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
        """Run a read-only query and serialise its result; returns (body, media type).

        ``max_results`` refuses (``TooLarge``) a result of more rows or triples, or with
        ``truncate`` cuts it to its first ``max_results`` (the query page's first page);
        ``default_graphs``/``named_graphs`` are the protocol's dataset (none: every graph is
        in the default graph); ``timeout`` stops the query (``QueryTimeout``) where the
        backend can stop one; ``bindings`` gives variables their values (never spliced).
        """
        ...

    def export(self, media_type: str) -> bytes:
        """Every quad of the store, serialised (N-Quads or TriG)."""
        ...

    def triple_count(self) -> int: ...

    def reads_from(self) -> str:
        """What answers reads now: ``memory`` (a store in memory, or the copy of one on disk),
        ``disk``, ``disk-until-copied`` (its copy in memory is being made) or ``server``
        (a SPARQL server)."""
        ...

    def version(self) -> str | None:
        """A token that changes whenever the content changes through this object (a new one
        for every opening), so answers can be cached and revalidated; None when others may
        write the store too and nothing may be cached."""
        ...

    def sources_version(self) -> str | None:
        """Like ``version``, but unchanged by curation acts: a token that changes whenever the
        sources, the reference data or what is derived from them may have changed (what is
        computed from the extraction alone can be kept across acts); None: nothing may be
        cached."""
        ...

    def close(self) -> None: ...


def open_store(settings: Settings) -> Store:
    """The store named by ``settings.store``: a path (or ``:memory:``) for the embedded one,
    ``sparql+http://...`` for a SPARQL server (``graph/store/remote.py``)."""
    location = settings.store
    if location.startswith("sparql+"):
        from graph.store.remote import RemoteStore

        return RemoteStore(location, Ids(settings.base), settings)
    if location.startswith(("http://", "https://")):
        raise StoreUnavailable(
            "name a SPARQL server store with sparql+ before its query endpoint, e.g. "
            "sparql+http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth"
        )
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore(
        None if location == ":memory:" else location,
        Ids(settings.base),
        memory_copy=settings.store_memory == "on",  # one-shot commands copy only when asked
    )


def open_serving_store(settings: Settings) -> Store:
    """The store for a server: the embedded store in an engine process of its own, where a
    query over its time limit can be stopped (``graph/store/process.py``)."""
    location = settings.store
    if location.startswith(("http://", "https://", "sparql+")):
        return open_store(settings)  # the server stops its own queries
    from graph.store.process import AttachedStore, ProcessStore

    # a worker of ``iisgraph serve --workers``: the engine its parent started
    shared = AttachedStore.from_environment(Ids(settings.base))
    if shared is not None:
        return shared
    path = None if location == ":memory:" else location
    return ProcessStore(
        path,
        Ids(settings.base),
        memory_copy=path is not None and _copy_wanted(settings.store_memory, path),
        copy_behind=settings.store_memory == "auto",
    )


def _copy_wanted(setting: str, path: str) -> bool:
    """Whether a server's engine keeps a copy of the store at ``path`` in memory."""
    if setting != "auto":
        return setting == "on"
    from graph.store.replica import SHARE_OF_AVAILABLE, copy_fits, disk_bytes, memory_available

    available = memory_available()
    if copy_fits(path, available):
        return True
    log.warning(
        "the store's reads are answered from the disk: a copy in memory of its %d MB would "
        "not fit in %d%% of the %s MB of memory available (IISGRAPH_STORE_MEMORY=on asks for one)",
        disk_bytes(path) // 1_000_000,
        round(SHARE_OF_AVAILABLE * 100),
        "?" if available is None else available // 1_000_000,
    )
    return False


__all__ = ["Bindings", "ReplaceResult", "Store", "open_serving_store", "open_store"]
