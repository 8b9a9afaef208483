"""The curation acts of a store: created, read, replaced and deleted with their history.

Each act lives in a named graph of its own (``{base}graph/curation/act/{key}``); the
extractor's graphs are never edited. Replacing or deleting an act keeps what it said: each
earlier version is copied into the act's history graph (``…/curation/history/{key}``) under
``{iri}/v{n}`` (``dcterms:isVersionOf`` the act, ``prov:invalidatedAtTime`` when it was
replaced), and a deletion is recorded there as a ``prov:Activity`` with its curator and time.
The act and its history change in one transaction (``Store.write_curation``).

Changes are conditional: replacing or deleting needs the act's current ETag (``If-Match``),
so two curators cannot overwrite each other unseen.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from graph.annotations import Known, etag, parse_act
from graph.curators import Curator
from graph.errors import Gone, NotFound, PreconditionFailed, PreconditionRequired
from graph.namespaces import OA, iri_ref
from graph.review import (
    current_instrument,
    instrument_of,
    instrument_reviewed,
    reviewed,
    source_of,
)
from graph.store import Store


@dataclass(frozen=True)
class Act:
    key: str
    iri: URIRef
    graph: Graph

    @property
    def etag(self) -> str:
        return etag(self.graph)


def new_key() -> str:
    """A fresh act key: the date (acts list in the order they were made) and 48 random bits."""
    return f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(6)}"


def _now() -> datetime:
    return datetime.now(UTC)  # to the microsecond: the later of two acts decides


def _known(store: Store) -> Known:
    def known(iri: URIRef) -> bool:
        return store.ask(f"ASK {{ {iri_ref(str(iri))} ?p ?o }}")

    return known


def create_act(
    store: Store,
    data: bytes,
    curator: Curator,
    *,
    key: str | None = None,
    created: datetime | None = None,
) -> Act:
    """Check and store a new act (``BadInput``/``InvalidGraph`` leave the store as it was).
    ``key`` and ``created`` are kept from an imported act (``graph/curation_io.py``)."""
    ids = store.ids
    key = key or new_key()
    iri = ids.annotation(key)
    graph = parse_act(
        data,
        iri,
        ids,
        _known(store),
        curator=ids.curator(curator.name),
        created=created or _now(),
    )
    _write(store, key, graph, {ids.act_graph(key): graph})
    return read_act(store, key)  # as the store keeps it (it canonicalises some literals)


def read_act(store: Store, key: str) -> Act:
    """The act as it stands; ``Gone`` when it was deleted, ``NotFound`` when it never was."""
    ids = store.ids
    iri = ids.annotation(key)  # NotAKey for a key no act can have
    graph = store.graph_of(ids.act_graph(key))
    if len(graph):
        return Act(key, iri, graph)
    if store.ask(
        f"ASK {{ GRAPH {iri_ref(str(ids.act_history_graph(key)))} "
        f"{{ {iri_ref(str(iri))} <{PROV.invalidatedAtTime}> ?t }} }}"
    ):
        raise Gone(f"annotation {key!r} was deleted (its history is kept)")
    raise NotFound(f"no annotation {key!r}")


def _checked(current: Act, if_match: str | None) -> None:
    if if_match is None:
        raise PreconditionRequired(
            "changing an annotation needs an 'If-Match' header with its current ETag "
            "(GET it first), so no one's change is overwritten unseen"
        )
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" not in wanted and current.etag not in wanted:
        raise PreconditionFailed(
            f"annotation {current.key!r} changed since you read it (ETag {current.etag}); "
            "GET it again and redo your change"
        )


def _history(store: Store, act: Act, invalidated: datetime) -> Graph:
    """The act's history graph with the current version added to it."""
    ids = store.ids
    history = store.graph_of(ids.act_history_graph(act.key))
    version = URIRef(f"{act.iri}/v{sum(1 for _ in history.subjects(DCTERMS.isVersionOf)) + 1}")

    def renamed(node: Node) -> Node:
        text = str(node)
        if isinstance(node, URIRef) and (text == str(act.iri) or text.startswith(f"{act.iri}#")):
            return URIRef(str(version) + text[len(str(act.iri)) :])
        return node

    for s, p, o in act.graph:
        if s == act.iri and p == RDF.type:
            continue  # a version is no current annotation: not typed oa:Annotation
        history.add((renamed(s), p, renamed(o)))
    history.add((version, DCTERMS.isVersionOf, act.iri))
    history.add((version, PROV.invalidatedAtTime, _stamp(invalidated)))
    return history


def _stamp(when: datetime) -> Literal:
    return Literal(when.isoformat(), datatype=XSD.dateTime)


def replace_act(store: Store, key: str, data: bytes, curator: Curator, if_match: str | None) -> Act:
    """Replace an act (``If-Match`` its ETag); the version it replaces goes to its history.
    The creator stays who made it; the curator of this change is its ``dcterms:contributor``."""
    ids = store.ids
    current = read_act(store, key)
    _checked(current, if_match)
    now = _now()
    created = current.graph.value(current.iri, DCTERMS.created)
    creator = current.graph.value(current.iri, DCTERMS.creator)
    graph = parse_act(
        data,
        current.iri,
        ids,
        _known(store),
        curator=URIRef(str(creator)),
        created=datetime.fromisoformat(str(created)),
        modified=now,
    )
    graph.add((current.iri, DCTERMS.contributor, ids.curator(curator.name)))
    history = _history(store, current, now)
    _write(
        store,
        key,
        graph,
        {ids.act_graph(key): graph, ids.act_history_graph(key): history},
        before=current.graph,
    )
    return read_act(store, key)


def delete_act(store: Store, key: str, curator: Curator, if_match: str | None) -> None:
    """Delete an act (``If-Match`` its ETag): its last version and the deletion (who, when)
    are kept in its history."""
    ids = store.ids
    current = read_act(store, key)
    _checked(current, if_match)
    now = _now()
    history = _history(store, current, now)
    deletion = URIRef(f"{current.iri}/deletion")
    history.add((current.iri, PROV.invalidatedAtTime, _stamp(now)))
    history.add((current.iri, PROV.wasInvalidatedBy, deletion))
    history.add((deletion, RDF.type, PROV.Activity))
    history.add((deletion, PROV.wasAssociatedWith, ids.curator(curator.name)))
    history.add((deletion, PROV.endedAtTime, _stamp(now)))
    _write(
        store,
        key,
        None,
        {ids.act_graph(key): None, ids.act_history_graph(key): history},
        before=current.graph,
    )


def _write(
    store: Store,
    key: str,
    act: Graph | None,
    graphs: dict[URIRef, Graph | None],
    before: Graph | None = None,
) -> None:
    """Store an act's graphs with the reviewed graph of each source or instrument it targets
    (now or before a change), holders and tallies moved with them, in one transaction."""
    ids = store.ids
    iri = ids.annotation(key)
    acts = [graph for graph in (act, before) if graph is not None]
    touched: set[URIRef] = set()
    for source in sorted({s for s in (source_of(g, iri, ids) for g in acts) if s is not None}):
        result = reviewed(store, source, {key: act})
        graphs[ids.review_graph(source)] = result.graph
        touched |= result.touched
    targets = {instrument_of(g, iri, ids) for g in acts}
    for target in sorted(t for t in targets if t is not None):
        instrument = current_instrument(store, ids, ids.thing("instrument", target))
        found = ids.key_of(str(instrument))
        assert found is not None  # an IRI of our own instruments
        graphs[ids.instrument_review_graph(found[1])] = instrument_reviewed(
            store, found[1], {key: act}
        )
        touched.add(instrument)
    store.write_curation(graphs, sorted(touched))


def act_keys(store: Store, offset: int, limit: int) -> tuple[list[str], int]:
    """One page of the acts as they stand, oldest first, and how many there are."""
    ids = store.ids
    where = (
        f"GRAPH ?g {{ ?a a <{OA.Annotation}> ; <{DCTERMS.created}> ?created }} "
        f"FILTER(STRSTARTS(STR(?g), {_string(ids.act_graph_prefix)}))"
    )
    rows = store.select(
        f"SELECT ?a WHERE {{ {where} }} ORDER BY ?created ?a LIMIT {limit} OFFSET {offset}"
    )
    total = store.select(f"SELECT (COUNT(?a) AS ?n) WHERE {{ {where} }}")
    prefix = str(ids.annotation("x"))[:-1]
    keys = [str(row["a"])[len(prefix) :] for row in rows]
    return keys, int(str(total[0]["n"])) if total else 0


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unanchored(store: Store) -> list[dict[str, str]]:
    """The acts that do nothing now: ``orphaned`` (their quote is gone from the source) or
    ``unmatched`` (the position they were about is gone), with the source and quote, so a
    curator can look again. Never silently dropped."""
    ids = store.ids
    rows = store.select(
        "PREFIX iis: <https://w3id.org/iisgraph/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT ?act ?status ?source ?exact WHERE { "
        '?act iis:anchorStatus ?status FILTER(?status IN ("orphaned", "unmatched")) '
        "?act oa:hasTarget ?target . ?target oa:hasSource ?source . "
        "OPTIONAL { ?target oa:hasSelector/oa:exact ?exact } } ORDER BY ?source ?act"
    )
    prefix = str(ids.annotation("x"))[:-1]
    return [
        {
            "key": str(r["act"])[len(prefix) :],
            "annotation": str(r["act"]),
            "status": str(r["status"]),
            "source": str(r["source"]),
            "exact": str(r.get("exact", "")),
        }
        for r in rows
    ]


def history(store: Store, key: str) -> list[dict[str, str]]:
    """What became of an act: each earlier version (when it was replaced) and its deletion."""
    ids = store.ids
    iri = ids.annotation(key)
    graph = store.graph_of(ids.act_history_graph(key))
    out = [
        {"version": str(v), "invalidated": str(graph.value(v, PROV.invalidatedAtTime))}
        for v in graph.subjects(DCTERMS.isVersionOf, iri)
    ]
    deletion = graph.value(iri, PROV.wasInvalidatedBy)
    if deletion is not None:
        out.append(
            {
                "deleted": str(graph.value(iri, PROV.invalidatedAtTime)),
                "by": str(graph.value(deletion, PROV.wasAssociatedWith)),
            }
        )
    return sorted(out, key=lambda item: item.get("invalidated", item.get("deleted", "")))
