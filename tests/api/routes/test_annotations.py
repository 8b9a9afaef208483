"""The Web Annotation Protocol on /annotations/: curators record acts; every refusal keeps the
store as it was; changes are conditional on the act's ETag and leave a history."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Graph, URIRef

from api.pages import as_list
from api.routes import annotations as annotation_routes
from graph.curators import curator_line
from graph.namespaces import Ids
from graph.settings import Settings
from graph.store import Store
from tests.conftest import InProcessServer, Served

ADMIN_TOKEN = "admin-s3cret"
BASE = "https://w3id.org/iisgraph/"
QUOTE = "выступают за повышение роли Международного союза электросвязи"
MEDIA = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def act(verdict: str = "confirmed", **changes: Any) -> dict[str, Any]:
    """A confirm/reject act on the itu-role position of the test statement (source s1)."""
    body: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "assessing",
        "target": {
            "source": f"{BASE}id/source/s1",
            "selector": [
                {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": "Они ", "suffix": "."},
                {"type": "TextPositionSelector", "start": 4, "end": 4 + len(QUOTE)},
            ],
        },
        "body": [
            {
                "type": "SpecificResource",
                "source": f"{BASE}id/topic/itu-role",
                "purpose": "identifying",
            },
            {
                "type": "SpecificResource",
                "source": f"{BASE}id/stance/supports",
                "purpose": "identifying",
            },
            {"type": "TextualBody", "value": verdict, "purpose": "assessing"},
        ],
    }
    body.update(changes)
    return body


@pytest.fixture
def curators_file(tmp_path: Path) -> tuple[Path, str]:
    line, token = curator_line("alice")
    path = tmp_path / "curators.tsv"
    path.write_text(f"# curators of the test server\n{line}\n", "utf-8")
    return path, token


@pytest.fixture
def curating(
    store: Store, statement: Callable[..., Graph], curators_file: tuple[Path, str]
) -> Iterator[tuple[Served, str]]:
    store.replace_source("s1", statement())
    settings = Settings(store=":memory:", write_token=ADMIN_TOKEN, curators=str(curators_file[0]))
    with InProcessServer(store, settings) as server:
        yield server, curators_file[1]


def post(
    server: Served, document: object, token: str | None, raw: bytes | None = None
) -> httpx.Response:
    headers = {"Content-Type": "application/ld+json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = raw if raw is not None else json.dumps(document).encode()
    return server.client.post("/annotations/", content=data, headers=headers)


def curation_quads(store: Store) -> int:
    rows = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{BASE}graph/curation/")) }}'
    )
    return int(str(rows[0]["n"]))


def test_a_curator_records_an_act_and_reads_it_back_with_its_etag(
    curating: tuple[Served, str], store: Store, ids: Ids
) -> None:
    server, token = curating
    made = post(server, act(), token)
    assert made.status_code == 201, made.text
    assert made.headers["content-type"].startswith("application/ld+json")
    location = made.headers["location"]
    assert location.startswith(f"{server.url}/annotations/")
    stored = made.json()
    assert stored["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert stored["type"] == "Annotation"
    assert stored["motivation"] == "assessing"
    assert stored["creator"] == str(ids.curator("alice"))
    assert stored["created"] == stored["modified"]
    assert stored["target"]["source"] == f"{BASE}id/source/s1"
    read = server.client.get(location)
    assert read.status_code == 200
    assert read.json() == stored
    assert read.headers["etag"] == made.headers["etag"]
    assert 'rel="type"' in read.headers["link"]
    assert (
        server.client.get(location, headers={"If-None-Match": read.headers["etag"]}).status_code
        == 304
    )


def test_the_act_is_in_its_own_named_graph_and_sparql_sees_who_made_it(
    curating: tuple[Served, str], store: Store
) -> None:
    server, token = curating
    key = post(server, act("rejected"), token).headers["location"].rsplit("/", 1)[-1]
    rows = store.select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?g ?who ?exact WHERE { GRAPH ?g { ?a a oa:Annotation ; dcterms:creator ?who ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?exact } }"
    )
    assert [(str(r["g"]), str(r["who"]), str(r["exact"])) for r in rows] == [
        (f"{BASE}graph/curation/act/{key}", f"{BASE}id/curator/alice", QUOTE)
    ]


def test_the_write_token_acts_as_the_administrator(curating: tuple[Served, str], ids: Ids) -> None:
    server, _ = curating
    made = post(server, act(), ADMIN_TOKEN)
    assert made.status_code == 201, made.text
    assert made.json()["creator"] == str(ids.curator("administrator"))


@pytest.mark.parametrize(
    ("token", "status"), [(None, 401), ("not-a-token", 401)], ids=["no token", "wrong token"]
)
def test_an_act_without_a_curator_token_is_refused_and_nothing_is_stored(
    curating: tuple[Served, str], store: Store, token: str | None, status: int
) -> None:
    server, _ = curating
    answer = post(server, act(), token)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert curation_quads(store) == 0


def test_curation_is_disabled_without_curators_or_write_token(
    store: Store, statement: Callable[..., Graph]
) -> None:
    with InProcessServer(store, Settings(store=":memory:")) as server:
        answer = post(server, act(), "anything")
    assert answer.status_code == 403
    assert "curation is disabled" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("raw", "status", "says"),
    [
        (b'{"@context": "http://www.w3.org/ns/anno.jsonld",\n "type": }', 400, "line 2"),
        (
            json.dumps(act(**{"@context": "https://example.org/ctx.jsonld"})).encode(),
            400,
            "@context",
        ),
        (json.dumps(act(motivation="bookmarking")).encode(), 422, "motivation"),
        (
            json.dumps(
                act(
                    target={
                        "source": f"{BASE}id/source/s1",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": QUOTE},
                            {"type": "TextPositionSelector", "start": 40, "end": 4},
                        ],
                    }
                )
            ).encode(),
            422,
            "start",
        ),
        (
            json.dumps(
                act(
                    target={
                        "source": f"{BASE}id/source/nowhere",
                        "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
                    }
                )
            ).encode(),
            400,
            "target.source",
        ),
        (json.dumps(act(verdict="maybe")).encode(), 400, "confirmed"),
        (
            json.dumps(
                act(
                    body=[
                        {"type": "TextualBody", "value": "confirmed", "purpose": "assessing"},
                        {
                            "type": "SpecificResource",
                            "source": f"{BASE}id/topic/no-such-topic",
                            "purpose": "identifying",
                        },
                    ]
                )
            ).encode(),
            400,
            "no-such-topic",
        ),
    ],
    ids=[
        "not JSON",
        "other context",
        "bad motivation",
        "start after end",
        "unknown source",
        "no verdict",
        "unknown topic",
    ],
)
def test_a_bad_act_is_refused_with_what_is_wrong_and_nothing_is_stored(
    curating: tuple[Served, str], store: Store, raw: bytes, status: int, says: str
) -> None:
    server, token = curating
    answer = post(server, None, token, raw=raw)
    assert answer.status_code == status, answer.text
    assert says in answer.json()["detail"]
    assert curation_quads(store) == 0


def test_what_the_server_sets_cannot_be_sent(curating: tuple[Served, str], ids: Ids) -> None:
    server, token = curating
    made = post(
        server, act(creator="https://example.org/mallory", created="1999-01-01T00:00:00Z"), token
    )
    assert made.status_code == 201, made.text
    assert made.json()["creator"] == str(ids.curator("alice"))
    assert not made.json()["created"].startswith("1999")


def test_the_container_is_paged_oldest_first(
    curating: tuple[Served, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, token = curating
    monkeypatch.setattr(annotation_routes, "PER_PAGE", 2)
    made = [post(server, act(), token).headers["location"] for _ in range(3)]
    container = server.client.get("/annotations/")
    assert container.status_code == 200
    assert "BasicContainer" in container.headers["link"]
    assert "application/ld+json" in container.headers["accept-post"]
    body = container.json()
    assert body["total"] == 3
    assert "AnnotationCollection" in body["type"]
    first = body["first"]
    assert len(first["items"]) == 2
    second = server.client.get(first["next"]).json()
    assert second["type"] == "AnnotationPage"
    assert second["prev"] == first["id"]
    listed = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(listed) == sorted(
        str(u).replace(f"{server.url}/annotations/", f"{BASE}id/annotation/") for u in made
    )
    assert server.client.get("/annotations/?page=7").status_code == 400


def test_a_change_needs_the_current_etag_and_keeps_the_version_it_replaces(
    curating: tuple[Served, str], store: Store
) -> None:
    server, token = curating
    made = post(server, act("confirmed"), token)
    location, first_tag = made.headers["location"], made.headers["etag"]
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json"}
    data = json.dumps(act("rejected")).encode()
    assert server.client.put(location, content=data, headers=auth).status_code == 428
    changed = server.client.put(location, content=data, headers={**auth, "If-Match": first_tag})
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] != first_tag
    stale = server.client.put(location, content=data, headers={**auth, "If-Match": first_tag})
    assert stale.status_code == 412
    verdicts = store.select(
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX oa: <http://www.w3.org/ns/oa#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "SELECT ?v ?verdict WHERE { ?v dcterms:isVersionOf ?a ; oa:hasBody/rdf:value ?verdict }"
    )
    assert [str(r["verdict"]) for r in verdicts] == ["confirmed"]
    assert [b["value"] for b in changed.json()["body"] if "value" in b] == ["rejected"]


def test_a_deleted_act_is_gone_and_its_deletion_recorded(
    curating: tuple[Served, str], store: Store
) -> None:
    server, token = curating
    made = post(server, act(), token)
    location = made.headers["location"]
    auth = {"Authorization": f"Bearer {token}"}
    assert server.client.delete(location, headers=auth).status_code == 428
    assert (
        server.client.delete(
            location, headers={**auth, "If-Match": made.headers["etag"]}
        ).status_code
        == 204
    )
    assert server.client.get(location).status_code == 410
    assert server.client.get("/annotations/").json()["total"] == 0
    who = store.select(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?who WHERE { "
        "?a prov:wasInvalidatedBy/prov:wasAssociatedWith ?who }"
    )
    assert [str(r["who"]) for r in who] == [f"{BASE}id/curator/alice"]
    assert server.client.get("/annotations/20200101-000000000000").status_code == 404


def test_the_web_annotation_context_is_served_locally(curating: tuple[Served, str]) -> None:
    server, _ = curating
    answer = server.client.get("/ns/anno.jsonld")
    assert answer.status_code == 200
    assert answer.json()["@context"]["TextQuoteSelector"] == "oa:TextQuoteSelector"


def test_an_act_whose_source_is_gone_is_listed_as_orphaned(
    curating: tuple[Served, str], store: Store
) -> None:
    server, token = curating
    made = post(server, act("rejected"), token)
    key = made.headers["location"].rsplit("/", 1)[-1]
    assert server.client.get("/annotations/orphans").json() == {"orphans": []}
    gone = server.client.delete("/sources/s1", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert gone.status_code == 204
    orphans = server.client.get("/annotations/orphans").json()["orphans"]
    assert [(o["key"], o["status"], o["exact"]) for o in orphans] == [(key, "orphaned", QUOTE)]


def test_the_history_of_an_act_lists_its_versions_and_deletion(
    curating: tuple[Served, str],
) -> None:
    server, token = curating
    made = post(server, act("confirmed"), token)
    location = made.headers["location"]
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/ld+json"}
    changed = server.client.put(
        location,
        content=json.dumps(act("rejected")).encode(),
        headers={**auth, "If-Match": made.headers["etag"]},
    )
    server.client.delete(location, headers={**auth, "If-Match": changed.headers["etag"]})
    told = server.client.get(f"{location}/history").json()
    assert told["current"] is None
    assert [sorted(item) for item in told["history"]] == [
        ["invalidated", "version"],
        ["invalidated", "version"],
        ["by", "deleted"],
    ]


def test_the_review_queue_lists_unreviewed_positions_with_the_progress(
    curating: tuple[Served, str], store: Store, statement: Callable[..., Graph]
) -> None:
    server, token = curating
    store.replace_source(
        "s2", statement(source="s2.txt", issuers=("RUS",), topic="un-central-role")
    )
    before = server.client.get("/review-queue").json()
    assert (before["reviewed"], before["total"]) == (0, 2)
    assert before["progress"] == "0 of 2 reviewed"
    assert {item["topic"].rsplit("/", 1)[-1] for item in before["items"]} == {
        "itu-role",
        "un-central-role",
    }
    assert all(item["exact"] for item in before["items"])
    post(server, act("rejected"), token)
    after = server.client.get("/review-queue").json()
    assert (after["reviewed"], after["total"]) == (1, 2)
    assert [i["topic"].rsplit("/", 1)[-1] for i in after["items"]] == ["un-central-role"]
    only = server.client.get("/review-queue", params={"topic": "itu-role"}).json()
    assert (only["reviewed"], only["total"], only["items"]) == (1, 1, [])


def test_the_queue_puts_the_cues_curators_reject_most_first(ids: Ids) -> None:
    from graph.review_queue import Queued, queue_order

    weak = Queued(URIRef("p2"), "rule", "often-wrong", 0.8, 1.0)
    strong = Queued(URIRef("p1"), "rule", "always-right", 0.0, 1.0)
    model = Queued(URIRef("p3"), "model", "natasha-ner", 0.0, 0.6)
    ordered = sorted([strong, weak, model], key=queue_order)
    assert ordered == [model, weak, strong]


def test_a_curator_corrects_an_instrument_and_every_view_shows_the_corrected_fields(
    curating: tuple[Served, str], store: Store
) -> None:
    server, token = curating
    rows = store.select(
        "SELECT DISTINCT ?i WHERE { ?i <https://w3id.org/iisgraph/ontology#instrumentType> ?t "
        'FILTER(CONTAINS(STR(?i), "/instrument/")) }'
    )
    instrument = str(rows[0]["i"])
    key = instrument.rsplit("/", 1)[-1]
    supporters = "/topics/itu-role/supporters"

    def codes() -> set[str]:
        answer = server.client.get(supporters).json()
        return {item["publicId"] for item in as_list(answer.get("items", []))}

    assert "IND" in codes()  # an SCO member on the statement's date
    correction = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "editing",
        "target": {"source": instrument},
        "body": [
            {"type": "TextualBody", "value": "2016-06-24", "purpose": "editing"},
            {
                "type": "SpecificResource",
                "source": f"{BASE}id/place/tashkent",
                "purpose": "editing",
            },
            {
                "type": "TextualBody",
                "value": "the date is in the last line",
                "purpose": "commenting",
            },
        ],
    }
    made = post(server, correction, token)
    assert made.status_code == 201, made.text
    shown = server.client.get(f"/instruments/{key}", headers={"Accept": "application/ld+json"})
    body = shown.json()
    assert body["date"] == "2016-06-24" and body["curatedDate"] == "2016-06-24"
    assert body["place"]["id"].endswith("/place/tashkent") and body["place"]["label"]
    assert body["reviewStatus"] == "corrected"
    page = server.client.get(f"/instruments/{key}", headers={"Accept": "text/html"}).text
    assert "status-corrected" in page and "alice" in page
    assert "IND" not in codes()  # India joined the SCO in 2017
    in_2016 = server.client.get("/instruments?from=2016&to=2016").json()
    assert [i["id"] for i in as_list(in_2016.get("items", []))] == [instrument]


def test_the_queue_counts_an_act_at_once_and_a_new_source_too(
    curating: tuple[Served, str], store: Store, statement: Callable[..., Graph]
) -> None:
    server, token = curating
    before = server.client.get("/review-queue").json()
    post(server, act("rejected"), token)
    after = server.client.get("/review-queue").json()
    assert (after["reviewed"], after["total"]) == (before["reviewed"] + 1, before["total"])
    store.replace_source("s2", statement(source="s2.txt", issuers=("RUS",)))
    grown = server.client.get("/review-queue").json()
    assert grown["total"] == before["total"] + 1
