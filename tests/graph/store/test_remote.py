"""The remote store: how it is named, how it fails, and what a server does with a change it
applies only in part. (Everything else a store does is tested on every backend by the tests
that take the ``store`` fixture.)"""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Literal, URIRef

from graph.errors import StoreRefused, StoreUnavailable
from graph.namespaces import T
from graph.settings import Settings
from graph.store import Store, open_store
from graph.store.remote import RemoteStore
from graph.store.sparql_text import one_variable_values, query_form, with_bindings
from tests.conftest import StatementBuilder, holders, remote_settings
from tests.graph.test_tallies import from_scratch, tallies
from tests.sparql_servers import SparqlServer


def test_a_plain_http_store_is_told_to_name_itself_sparql_plus() -> None:
    with pytest.raises(StoreUnavailable, match="sparql\\+"):
        open_store(Settings(store="http://127.0.0.1:8890/sparql"))


def test_an_unreachable_server_is_unavailable_and_named() -> None:
    store = open_store(Settings(store="sparql+http://127.0.0.1:9/sparql", store_timeout=5))
    with pytest.raises(StoreUnavailable, match=r"127\.0\.0\.1:9"):
        store.ask("ASK {}")


def test_query_text_is_read_around_strings_iris_and_comments() -> None:
    assert query_form('PREFIX x: <http://x/ask> # SELECT\nCONSTRUCT { ?s ?p "ASK" } WHERE {}') == (
        "CONSTRUCT"
    )
    bound = with_bindings("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": URIRef("http://x/o")})
    assert bound == ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { (<http://x/o>) } ?s ?p ?o }")
    assert one_variable_values('ASK { VALUES (?a ?b) { ("x y)" <http://x/b>) } }') == (
        'ASK { VALUES ?a { "x y)" } VALUES ?b { <http://x/b> } }'
    )


def test_a_wrong_password_is_the_operators_problem_and_never_shown(
    virtuoso_server: SparqlServer,
) -> None:
    settings = remote_settings(virtuoso_server).model_copy(
        update={"store_password": Settings(store_password="not-the-password").store_password}
    )
    store = open_store(settings)
    assert isinstance(store, RemoteStore)
    with pytest.raises(StoreRefused) as refused:
        store.update("INSERT DATA { GRAPH <https://w3id.org/iisgraph/graph/x> { <x:a> <x:b> 1 } }")
    assert "not-the-password" not in refused.value.message
    assert "refused the credentials" in refused.value.message


def test_a_change_the_server_applies_in_part_is_completed_by_a_rerun(
    store: Store, statement: StatementBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not isinstance(store, RemoteStore):
        pytest.skip("the embedded store applies each change as one transaction")
    store.replace_source("s1", statement(issuers=("RUS", "UZB"), date=None))
    before = holders(store)
    real = RemoteStore.source_update

    def failing_half_way(self: RemoteStore, source_id: str, graph: Any) -> str:
        # the new content is in, then an operation fails (CREATE GRAPH on a graph that has
        # triples) before the holders and tallies are brought up to date
        operations = real(self, source_id, graph).split(" ;\n")
        inserting = f"GRAPH <{self.ids.source_graph(source_id)}>"
        at = next(
            i for i, op in enumerate(operations) if op.startswith("INSERT") and inserting in op
        )
        at += 1
        operations.insert(at, f"CREATE GRAPH <{self.ids.reference_graph}>")
        return " ;\n".join(operations)

    monkeypatch.setattr(RemoteStore, "source_update", failing_half_way)
    with pytest.raises(StoreUnavailable):
        store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    after_failure = holders(store)
    monkeypatch.setattr(RemoteStore, "source_update", real)
    if store.dialect.name == "oxigraph":
        # it runs a request as one transaction: nothing of it was applied
        assert after_failure == before
    else:  # Virtuoso runs each operation on its own: the first ones were applied
        assert after_failure != before
    result = store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    assert result.changed  # the half-applied change is not taken for an unchanged source
    assert "KAZ" in holders(store) and holders(store)["KAZ"] is False
    assert tallies(store) == from_scratch(store)


def test_a_batch_refused_half_way_on_virtuoso_names_the_sources_it_stored(
    store: Store, statement: StatementBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not isinstance(store, RemoteStore) or not store.dialect.source_per_request:
        pytest.skip("other stores send a batch as one request (or one transaction)")
    real = RemoteStore.source_update

    def second_refused(self: RemoteStore, source_id: str, graph: Any) -> str:
        update = real(self, source_id, graph)
        if source_id == "second":  # an operation the server refuses, after the first mark
            return update.replace(" ;\n", f" ;\nCREATE GRAPH <{self.ids.reference_graph}> ;\n", 1)
        return update

    monkeypatch.setattr(RemoteStore, "source_update", second_refused)
    batch = [
        ("first", statement(source="first.txt", issuers=("RUS",))),
        ("second", statement(source="second.txt", issuers=("UZB",))),
    ]
    with pytest.raises(StoreUnavailable, match=r"\(stored before it: first\)"):
        store.replace_sources(batch)
    monkeypatch.setattr(RemoteStore, "source_update", real)
    assert "first" in store.source_ids()
    assert [r.changed for r in store.replace_sources(batch)] == [False, True]
    assert sorted(store.source_ids()) == ["first", "second"]
    assert tallies(store) == from_scratch(store)


def test_a_generic_server_is_sent_standard_sparql_only(
    oxigraph_server: SparqlServer, statement: StatementBuilder
) -> None:
    # Oxigraph server named as any server: inserts as INSERT DATA (with blank nodes), a
    # VALUES row of two variables as written, no timeout parameter; and the store works
    settings = remote_settings(oxigraph_server).model_copy(update={"store_dialect": "generic"})
    store = open_store(settings)
    assert isinstance(store, RemoteStore) and store.dialect.name == "generic"
    try:
        store.replace_source("generic", statement(source="generic.txt", issuers=("RUS",)))
        rows = store.select(
            f"SELECT ?s WHERE {{ ?s <{T.publicId}> ?code ; a ?type }}",
            {"code": Literal("RUS"), "type": T.State},
        )
        assert [str(r["s"]) for r in rows] == [str(store.ids.state("RUS"))]
        assert store.delete_source("generic")
    finally:
        store.close()


def test_close_closes_the_one_connection_pool(oxigraph_server: SparqlServer) -> None:
    store = open_store(remote_settings(oxigraph_server))
    assert isinstance(store, RemoteStore)
    store.ask("ASK {}")
    store.close()
    assert store.protocol.http.closed
    assert store.graph_store is not None and store.graph_store.http is store.protocol.http
