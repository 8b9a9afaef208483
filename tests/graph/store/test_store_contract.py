"""The store contract, on every backend (embedded, Oxigraph server, Virtuoso): a source is
replaced atomically, re-ingesting it changes nothing, deleting it removes what it derived,
reference data is reloaded only when it changed, the store survives a reopen, parameters are
bound, and a bad query is a BadQuery."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graph.errors import BadQuery, TooLarge
from graph.namespaces import T
from graph.settings import Settings
from graph.store import Store, open_store
from graph.store.embedded import EmbeddedStore
from tests.conftest import StatementBuilder, holders


def contents(store: Store) -> list[bytes]:
    return sorted(store.export("application/n-quads").splitlines())


def test_reingesting_unchanged_graph_changes_nothing(
    store: Store, statement: StatementBuilder
) -> None:
    assert store.replace_source("s1", statement()).changed
    before = contents(store)
    again = store.replace_source("s1", statement())
    assert not again.changed
    assert contents(store) == before


def test_changed_source_replaces_its_graph(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    store.replace_source("s1", statement(issuers=("RUS",), date="2020-11-10"))
    assert holders(store) == {"RUS": True}
    assert store.source_ids() == ["s1"]


def test_source_and_triple_counts_follow_every_write(
    store: Store, statement: StatementBuilder
) -> None:
    empty = (store.source_ids(), store.triple_count())
    assert (store.source_ids(), store.triple_count()) == empty  # asked again: the same
    store.replace_source("s1", statement())
    assert store.source_ids() == ["s1"]
    assert store.triple_count() > empty[1]
    store.delete_source("s1")
    assert (store.source_ids(), store.triple_count()) == empty


def test_deleting_a_source_removes_its_holders(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("s1", statement())
    assert store.delete_source("s1")
    assert holders(store) == {}
    assert not store.delete_source("s1")


def test_optimizing_keeps_the_content_and_its_version(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement())
    before, version = contents(store), store.version()
    store.optimize()
    assert contents(store) == before
    assert store.version() == version


def test_unchanged_reference_is_not_reloaded(
    store: Store, ontology: Graph, reference: Graph
) -> None:
    assert not store.replace_reference(ontology, reference)


def test_store_keeps_graphs_on_disk_across_reopen(
    tmp_path: Path, statement: StatementBuilder, ontology: Graph, reference: Graph
) -> None:
    settings = Settings(store=str(tmp_path / "disk"))
    first = open_store(settings)
    first.replace_reference(ontology, reference)
    first.replace_source("s1", statement())
    first.close()
    del first
    second = open_store(settings)
    assert second.source_ids() == ["s1"]
    assert len(holders(second)) == 8


def test_select_binds_parameters_instead_of_splicing(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement())
    rows = store.select(
        f"SELECT ?s ?code WHERE {{ ?s <{T.publicId}> ?code }}", {"code": Literal("RUS")}
    )
    assert [str(r["s"]) for r in rows] == [str(store.ids.state("RUS"))]


def test_syntax_error_is_a_bad_query(store: Store) -> None:
    with pytest.raises(BadQuery, match="does not parse"):
        store.select("SELECT ?s WHERE { ?s ")


def test_the_sources_version_moves_with_the_sources_and_not_with_curation_acts(
    store: Store, statement: StatementBuilder
) -> None:
    from graph.curation import create_act
    from graph.curators import Curator
    from tests.graph.test_review import act

    store.replace_source("s1", statement())
    kept = store.sources_version()
    if kept is None:  # a SPARQL server: others may write it, nothing is kept
        assert store.ids.base and type(store).__name__ == "RemoteStore"
        return
    changed = store.version()
    create_act(store, act(verdict="rejected"), Curator("alice"))
    assert store.version() != changed and store.sources_version() == kept
    store.replace_source("s2", statement(source="s2.txt"))
    assert store.sources_version() != kept


STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/iisgraph/ontology#State> } ORDER BY ?s LIMIT %d"


@pytest.mark.parametrize("media", ["application/sparql-results+json", "text/tab-separated-values"])
def test_a_result_at_the_row_limit_is_answered_and_one_past_it_refused_or_cut(
    store: Store, media: str
) -> None:
    at_limit, _ = store.query_serialized(STATES % 3, media, max_results=3)
    unlimited, _ = store.query_serialized(STATES % 3, media)
    assert at_limit == unlimited
    with pytest.raises(TooLarge, match="more than 3 rows"):
        store.query_serialized(STATES % 4, media, max_results=3)
    cut, _ = store.query_serialized(STATES % 4, media, max_results=3, truncate=True)
    assert cut == at_limit


def test_a_graph_at_the_triple_limit_is_answered_and_one_past_it_refused(store: Store) -> None:
    query = (
        "CONSTRUCT { ?s a <https://w3id.org/iisgraph/ontology#State> } WHERE { "
        "?s a <https://w3id.org/iisgraph/ontology#State> } ORDER BY ?s LIMIT %d"
    )
    turtle, _ = store.query_serialized(query % 2, "text/turtle", max_results=2)
    assert len(Graph().parse(data=turtle, format="turtle")) == 2
    with pytest.raises(TooLarge, match="more than 2 triples"):
        store.query_serialized(query % 3, "application/n-triples", max_results=2)


def test_a_store_says_what_answers_its_reads(store: Store) -> None:
    # the one-shot commands' embedded store reads the disk (a server's keeps a copy)
    assert store.reads_from() == ("disk" if isinstance(store, EmbeddedStore) else "server")
