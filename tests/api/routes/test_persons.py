"""/persons: the people the founding texts name as acting, as JSON-LD, Turtle and a page."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF

from tests.conftest import Served

BASE = "https://w3id.org/iisgraph/"


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_persons_are_listed_by_name_with_whom_they_act_for(corpus_server: Served) -> None:
    response = corpus_server.client.get("/persons")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    body = response.json()
    persons = as_list(body["items"])
    assert persons and body["totalItems"] >= len(persons)
    assert all(p["id"].startswith(f"{BASE}id/person/") for p in persons)
    names = [p["name"] for p in persons]
    assert names == sorted(names)
    assert any("actsFor" in p for p in persons), "no person acts for a state or organization"


def test_persons_acting_for_a_state_act_for_it(corpus_server: Served) -> None:
    everyone = as_list(corpus_server.client.get("/persons").json()["items"])
    acting = [p for p in everyone if "actsFor" in p]
    actor = as_list(acting[0]["actsFor"])[0]
    key = (actor["id"] if isinstance(actor, dict) else actor).rsplit("/", 1)[-1]
    some = as_list(corpus_server.client.get("/persons", params={"acts_for": key}).json()["items"])
    assert 0 < len(some) <= len(everyone)
    for person in some:
        acts_for = [a["id"] if isinstance(a, dict) else a for a in as_list(person["actsFor"])]
        assert any(a.endswith(f"/{key}") for a in acts_for), person


def test_persons_in_turtle_say_the_same_as_json_ld(corpus_server: Served) -> None:
    body = corpus_server.client.get("/persons").json()
    turtle = Graph().parse(data=corpus_server.client.get("/persons.ttl").text, format="turtle")
    for person in as_list(body["items"]):
        assert (URIRef(person["id"]), FOAF.name, None) in turtle


def test_persons_page_links_each_person_and_offers_its_filter(
    corpus_server: Served,
) -> None:
    page = corpus_server.client.get("/persons", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Persons</h1>" in page.text
    assert f'href="{corpus_server.url}/id/person/' in page.text
    assert 'name="acts_for"' in page.text


def test_persons_of_a_bad_actor_key_is_a_problem(corpus_server: Served) -> None:
    response = corpus_server.client.get("/persons", params={"acts_for": "R U S"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
