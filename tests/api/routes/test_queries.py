"""/queries: every named query listed with typed parameters, and run with bound values."""

from __future__ import annotations

import csv
import io

import pytest

from graph.queries import named_queries
from tests.conftest import Served

SUPPORTERS = "/queries/states-supporting-topic"


def test_every_file_in_queries_is_listed_with_its_parameters(
    corpus_server: Served,
) -> None:
    body = corpus_server.client.get("/queries").json()
    listed = {item["identifier"]: item for item in body["items"]}
    assert set(listed) == {q.name for q in named_queries()}
    supporters = listed["states-supporting-topic"]
    assert supporters["title"]["en"] == "States that hold a stance on a topic"
    mappings = {m["variable"]: m for m in supporters["mapping"]}
    assert mappings["topic"]["range"].endswith("ontology#Topic")
    assert mappings["topic"]["defaultValue"] == "itu-role"
    assert "SELECT" in supporters["select"]


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv"),
        (None, "tsv", "text/tab-separated-values"),
    ],
)
def test_a_named_query_runs_in_every_result_format(
    corpus_server: Served, accept: str | None, fmt: str | None, media: str
) -> None:
    params = {"topic": "itu-role", **({"format": fmt} if fmt else {})}
    headers = {"Accept": accept} if accept else {}
    response = corpus_server.client.get(SUPPORTERS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert "ARM" in response.text


def test_parameters_are_bound_not_spliced(corpus_server: Served) -> None:
    codes = {
        row["code"]
        for row in csv.DictReader(
            io.StringIO(corpus_server.client.get(SUPPORTERS, params={"format": "csv"}).text)
        )
    }
    assert codes == {"ARM", "BLR", "CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    injected = corpus_server.client.get(
        SUPPORTERS,
        params={"topic": "itu-role> } UNION { ?s ?p ?o } #", "format": "csv"},
    )
    assert injected.status_code == 400
    assert "not a valid topic id" in injected.json()["detail"]
    opposes = corpus_server.client.get(SUPPORTERS, params={"stance": "opposes", "format": "csv"})
    assert "ARM" not in opposes.text


def test_unknown_parameter_and_query_are_problems(corpus_server: Served) -> None:
    assert corpus_server.client.get(SUPPORTERS, params={"colour": "red"}).status_code == 400
    assert corpus_server.client.get("/queries/no-such-query").status_code == 404
    wrong = corpus_server.client.get(SUPPORTERS, params={"format": "ttl"})
    assert wrong.status_code == 406


def test_query_text_and_browser_page(corpus_server: Served) -> None:
    text = corpus_server.client.get(f"{SUPPORTERS}.rq")
    assert text.headers["content-type"].startswith("application/sparql-query")
    assert text.text.startswith("# title:")
    page = corpus_server.client.get(SUPPORTERS, headers={"Accept": "text/html"})
    assert '<input name="topic"' in page.text
