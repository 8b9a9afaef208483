"""Curated lists as CSV (issue 17, item 11): ``/states.csv``, ``?format=csv`` or
``Accept: text/csv``; one row per item of the page, in the list's order."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import Served

LISTS = [
    "/states.csv?organization=SCO",
    "/organizations.csv",
    "/instruments.csv?per_page=20",
    "/agreements.csv",
    "/meetings.csv",
    "/topics.csv",
    "/topics/itu-role/supporters.csv",
    "/positions.csv?state=RUS",
    "/persons.csv",
    "/sources.csv",
]


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("path", LISTS)
def test_issue_17_a_list_as_csv_has_one_row_per_item_in_its_order(
    corpus_server: Served, path: str
) -> None:
    response = corpus_server.client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = table(response.text)
    as_json = corpus_server.client.get(path.replace(".csv", "", 1)).json()
    assert [row["id"] for row in rows] == [item["id"] for item in as_json["items"]]
    assert rows and all(row["id"].startswith("https://w3id.org/iisgraph/id/") for row in rows)


def test_csv_columns_say_names_in_both_languages_keys_and_counts(
    corpus_server: Served,
) -> None:
    rows = table(corpus_server.client.get("/topics/itu-role/supporters.csv").text)
    russia = next(row for row in rows if row["publicId"] == "RUS")
    assert (russia["label_en"], russia["label_ru"]) == ("Russia", "Россия")
    assert int(russia["holderTallies.positionCount"]) >= 1
    assert russia["holdings.holdingOf"]  # the keys of the instruments it holds
    instruments = table(corpus_server.client.get("/instruments.csv?issuer=SCO").text)
    assert instruments and {row["issuer"] for row in instruments} == {"SCO"}


def test_csv_is_asked_for_by_format_or_accept_as_every_other_format(
    corpus_server: Served,
) -> None:
    client = corpus_server.client
    suffixed = client.get("/states.csv?organization=CSTO").text
    assert client.get("/states?organization=CSTO&format=csv").text == suffixed
    accepted = client.get("/states?organization=CSTO", headers={"Accept": "text/csv"})
    assert accepted.text == suffixed and "Accept" in accepted.headers["vary"]
    assert client.get("/states", headers={"Accept": "*/*"}).headers["content-type"] == (
        "application/ld+json"
    )
    assert client.get("/states.xlsx").status_code == 404


def test_a_document_that_is_no_list_is_one_row(corpus_server: Served) -> None:
    rows = table(corpus_server.client.get("/states/KAZ?format=csv").text)
    assert len(rows) == 1 and rows[0]["publicId"] == "KAZ"


def test_the_pages_offer_their_csv(corpus_server: Served) -> None:
    page = corpus_server.client.get("/states", headers={"Accept": "text/html"}).text
    assert 'type="text/csv"' in page and "format=csv" in page
    assert "/static/sortable.js" in page
