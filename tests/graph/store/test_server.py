"""Which server a store setting names: its endpoints and its dialect."""

from __future__ import annotations

import pytest

from graph.errors import StoreUnavailable
from graph.store.server import DIALECTS, Endpoints, dialect_for

VIRTUOSO = (
    "sparql+http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth"
    "&gsp=http://127.0.0.1:8890/sparql-graph-crud-auth"
)
OXIGRAPH = (
    "sparql+http://127.0.0.1:7878/query?update=http://127.0.0.1:7878/update"
    "&gsp=http://127.0.0.1:7878/store"
)
FUSEKI = (
    "sparql+http://127.0.0.1:3030/iisgraph/query?update=http://127.0.0.1:3030/iisgraph/update"
    "&gsp=http://127.0.0.1:3030/iisgraph/data"
)


def test_store_url_names_the_query_update_and_graph_store_endpoints() -> None:
    found = Endpoints.parse(
        "sparql+http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth"
        "&gsp=http://127.0.0.1:8890/sparql-graph-crud-auth&default-graph-uri="
    )
    assert found.query == "http://127.0.0.1:8890/sparql?default-graph-uri="
    assert found.update == "http://127.0.0.1:8890/sparql-auth"
    assert found.graph_store == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    plain = Endpoints.parse("sparql+https://example.org/ds/sparql")
    assert plain.update == plain.query == "https://example.org/ds/sparql"
    assert plain.graph_store is None


def test_credentials_in_the_store_url_are_refused_without_repeating_them() -> None:
    with pytest.raises(StoreUnavailable) as refused:
        Endpoints.parse("sparql+http://dba:s3cret@127.0.0.1:8890/sparql")
    assert "IISGRAPH_STORE_PASSWORD" in refused.value.message
    assert "s3cret" not in refused.value.message


@pytest.mark.parametrize(
    ("location", "dialect"),
    [
        (VIRTUOSO, "virtuoso"),
        ("sparql+http://db.example.org:8890/sparql", "virtuoso"),  # its port, no auth path
        (OXIGRAPH, "oxigraph"),
        ("sparql+http://127.0.0.1:7878/query", "oxigraph"),
        (FUSEKI, "generic"),  # a dataset's /query is Fuseki's, not Oxigraph server's
        ("sparql+https://graphdb.example.org/repositories/iis", "generic"),
    ],
)
def test_the_dialect_is_told_from_the_store_url(location: str, dialect: str) -> None:
    assert dialect_for(Endpoints.parse(location), "auto").name == dialect


def test_the_dialect_setting_overrides_the_url() -> None:
    assert dialect_for(Endpoints.parse(VIRTUOSO), "generic") is DIALECTS["generic"]
    assert dialect_for(Endpoints.parse(FUSEKI), "virtuoso") is DIALECTS["virtuoso"]


def test_only_virtuoso_queries_are_rewritten_for_its_values_bug() -> None:
    query = 'ASK { VALUES (?a ?b) { (<http://x/a> "b") } ?a ?p ?b }'
    assert DIALECTS["virtuoso"].text(query) == (
        'ASK { VALUES ?a { <http://x/a> } VALUES ?b { "b" } ?a ?p ?b }'
    )
    assert DIALECTS["oxigraph"].text(query) == query
    assert DIALECTS["generic"].text(query) == query


def test_only_virtuoso_gets_inserts_as_templates_and_a_timeout_parameter() -> None:
    virtuoso, generic = DIALECTS["virtuoso"], DIALECTS["generic"]
    assert virtuoso.insert("http://x/g", "_:b <http://x/p> 1 .").startswith("INSERT {")
    assert generic.insert("http://x/g", "_:b <http://x/p> 1 .").startswith("INSERT DATA {")
    assert virtuoso.timeout_parameters(2.5) == {"timeout": "2500"}
    assert generic.timeout_parameters(2.5) == {}  # Fuseki would read "2500" as seconds
