"""What curators' acts do: a rejected position leaves every count, an added or corrected one
joins them, a confirmed one is marked; re-reading the source re-anchors the acts by their
quote or orphans them; the tallies after curation equal a full recount."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from rdflib import Graph

from graph.curation import create_act, delete_act, read_act, replace_act
from graph.curators import Curator
from graph.namespaces import Ids
from graph.store import Store
from tests.conftest import instrument_act

BASE = "https://w3id.org/iisgraph/"
IIS = "PREFIX iis: <https://w3id.org/iisgraph/ontology#> "
QUOTE = "выступают за повышение роли Международного союза электросвязи"
ALICE, BOB = Curator("alice"), Curator("bob")


def act(motivation: str = "assessing", verdict: str | None = "confirmed", **bodies: Any) -> bytes:
    purpose = {"assessing": "identifying", "editing": "identifying", "tagging": "tagging"}[
        motivation
    ]
    body: list[dict[str, Any]] = [
        {
            "type": "SpecificResource",
            "source": f"{BASE}id/topic/{bodies.get('topic', 'itu-role')}",
            "purpose": purpose,
        },
        {
            "type": "SpecificResource",
            "source": f"{BASE}id/stance/{bodies.get('stance', 'supports')}",
            "purpose": purpose,
        },
    ]
    if verdict is not None and motivation == "assessing":
        body.append({"type": "TextualBody", "value": verdict, "purpose": "assessing"})
    if "new_stance" in bodies:
        body.append(
            {
                "type": "SpecificResource",
                "source": f"{BASE}id/stance/{bodies['new_stance']}",
                "purpose": "editing",
            }
        )
    return json.dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "motivation": motivation,
            "target": {
                "source": f"{BASE}id/source/s1",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": bodies.get("exact", QUOTE),
                        "prefix": "Они ",
                        "suffix": ".",
                    },
                ],
            },
            "body": body,
        }
    ).encode()


def count(store: Store, topic: str = "itu-role", stance: str = "supports") -> int:
    rows = store.select(
        IIS + f"SELECT ?n WHERE {{ <{BASE}id/topic/{topic}#{stance}> iis:positionCount ?n }}"
    )
    return int(str(rows[0]["n"])) if rows else 0


def status(store: Store) -> dict[str, str]:
    rows = store.select(IIS + "SELECT ?p ?s WHERE { ?p iis:reviewStatus ?s }")
    return {str(r["p"]).rsplit("/", 1)[-1]: str(r["s"]) for r in rows}


def tallies(store: Store, ids: Ids) -> set[tuple[str, str, str]]:
    graph = store.graph_of(ids.tallies_graph)
    return {(str(s), str(p), str(o)) for s, p, o in graph}


@pytest.fixture
def curated(store: Store, statement: Callable[..., Graph]) -> Store:
    store.replace_source("s1", statement())
    assert count(store) == 1
    return store


def test_a_rejected_position_leaves_every_count_and_stays_in_its_source(
    curated: Store, ids: Ids
) -> None:
    create_act(curated, act(verdict="rejected"), ALICE)
    assert count(curated) == 0
    assert status(curated) == {"0-itu-role": "rejected"}
    assert curated.ask(IIS + f"ASK {{ GRAPH <{ids.source_graph('s1')}> {{ ?p a iis:Position }} }}")


def test_a_confirmed_position_is_marked_reviewed_and_counted_as_before(curated: Store) -> None:
    made = create_act(curated, act(verdict="confirmed"), ALICE)
    assert count(curated) == 1
    assert status(curated) == {"0-itu-role": "reviewed"}
    reviewed_in = curated.select(IIS + "SELECT ?a WHERE { ?p iis:reviewedIn ?a }")
    assert [str(r["a"]) for r in reviewed_in] == [str(made.iri)]


def test_an_added_position_is_counted_with_its_evidence(curated: Store) -> None:
    create_act(curated, act("tagging", None, topic="un-central-role"), ALICE)
    assert count(curated, "un-central-role") == 1
    added = {k: v for k, v in status(curated).items() if v == "added"}
    assert len(added) == 1
    exact = curated.select(
        IIS + "PREFIX oa: <http://www.w3.org/ns/oa#> "
        "SELECT ?exact WHERE { ?p iis:reviewStatus 'added' ; "
        "iis:evidence/oa:hasSelector/oa:exact ?exact }"
    )
    assert [str(r["exact"]) for r in exact] == [QUOTE]


def test_a_corrected_stance_replaces_the_extracted_position_in_the_counts(curated: Store) -> None:
    create_act(curated, act("editing", new_stance="opposes"), ALICE)
    assert count(curated, stance="supports") == 0
    assert count(curated, stance="opposes") == 1
    assert sorted(status(curated).values()) == ["corrected", "replaced"]


def test_curators_who_disagree_are_both_kept_and_the_latest_act_decides(curated: Store) -> None:
    create_act(curated, act(verdict="confirmed"), ALICE)
    create_act(curated, act(verdict="rejected"), BOB)
    assert status(curated) == {"0-itu-role": "disputed"}
    assert len(curated.select(IIS + "SELECT ?a WHERE { ?p iis:reviewedIn ?a }")) == 2
    assert count(curated) == 0


def test_taking_an_act_back_undoes_what_it_did(curated: Store) -> None:
    made = create_act(curated, act(verdict="rejected"), ALICE)
    assert count(curated) == 0
    delete_act(curated, made.key, ALICE, made.etag)
    assert count(curated) == 1
    assert status(curated) == {}


def test_a_replaced_act_applies_its_new_verdict(curated: Store) -> None:
    made = create_act(curated, act(verdict="rejected"), ALICE)
    replace_act(curated, made.key, act(verdict="confirmed"), BOB, made.etag)
    assert count(curated) == 1
    assert status(curated) == {"0-itu-role": "reviewed"}


def test_tallies_after_curation_equal_a_full_recount(
    curated: Store, ids: Ids, statement: Callable[..., Graph]
) -> None:
    curated.replace_source("s2", statement(source="s2.txt", issuers=("CSTO",), date="2022-11-23"))
    create_act(curated, act(verdict="rejected"), ALICE)
    create_act(curated, act("tagging", None, topic="un-central-role"), BOB)
    kept = tallies(curated, ids)
    curated.rederive()
    assert tallies(curated, ids) == kept


def test_a_source_read_again_with_its_quote_moved_keeps_the_act(
    curated: Store, ids: Ids, statement: Callable[..., Graph]
) -> None:
    from graph.review import refresh_review

    create_act(curated, act(verdict="rejected"), ALICE)
    curated.replace_source("s1", statement(date="2020-11-11"))  # read again: new IRIs maybe
    refresh_review(curated, "s1")
    assert count(curated) == 0
    anchored = curated.select(IIS + "SELECT ?s WHERE { ?a iis:anchorStatus ?s }")
    assert [str(r["s"]) for r in anchored] == ["anchored"]


def test_an_act_whose_quote_is_gone_is_orphaned_and_no_longer_applies(
    curated: Store, ids: Ids
) -> None:
    from graph.review import refresh_review

    made = create_act(curated, act(verdict="rejected"), ALICE)
    curated.delete_source("s1")
    refresh_review(curated, "s1")
    anchored = curated.select(IIS + "SELECT ?a ?s WHERE { ?a iis:anchorStatus ?s }")
    assert [(str(r["a"]), str(r["s"])) for r in anchored] == [(str(made.iri), "orphaned")]
    assert read_act(curated, made.key).key == made.key  # kept, never silently dropped
    assert count(curated) == 0  # nothing left to count: the source is gone


def test_the_named_query_leaves_rejected_positions_out_and_says_how_others_stand(
    curated: Store, ids: Ids, statement: Callable[..., Graph]
) -> None:
    from graph.queries import named_query

    query = named_query("states-supporting-topic")
    curated.replace_source("s2", statement(source="s2.txt", issuers=("RUS",)))
    create_act(curated, act(verdict="rejected"), ALICE)  # the SCO statement of s1
    rows = curated.select(query.text, query.bindings({}, ids))
    assert {str(r["code"]) for r in rows} == {"RUS"}
    assert all(not str(r.get("review", "")) for r in rows)  # none looked at: no status


# -- corrections of an instrument's fields ------------------------------------------------------


def the_instrument(store: Store) -> str:
    rows = store.select(
        IIS + "SELECT DISTINCT ?i WHERE { ?i iis:instrumentType ?t "
        'FILTER(CONTAINS(STR(?i), "/instrument/")) }'
    )
    assert len(rows) == 1
    return str(rows[0]["i"])


def holders(store: Store) -> set[str]:
    """The holders of the one instrument of the curated source."""
    rows = store.select(
        IIS + f"SELECT ?code WHERE {{ <{the_instrument(store)}> iis:holder/iis:publicId ?code }}"
    )
    return {str(r["code"]) for r in rows}


def test_a_corrected_date_binds_the_members_of_the_issuing_organization_on_that_date(
    curated: Store,
) -> None:
    assert {"IND", "PAK"} <= holders(curated)  # SCO members since 2017
    create_act(curated, instrument_act(the_instrument(curated), "2016-06-24"), ALICE)
    assert "IND" not in holders(curated) and "RUS" in holders(curated)
    dates = curated.select(IIS + "SELECT ?d WHERE { ?i iis:curatedDate ?d }")
    assert [str(r["d"]) for r in dates] == ["2016-06-24"]


def test_the_named_query_gives_the_date_a_curator_corrected(curated: Store, ids: Ids) -> None:
    from graph.queries import named_query

    query = named_query("states-supporting-topic")
    create_act(curated, instrument_act(the_instrument(curated), "2021-09-17"), ALICE)
    rows = curated.select(query.text, query.bindings({}, ids))
    assert rows and {str(r["date"]) for r in rows} == {"2021-09-17"}


def test_corrected_issuers_replace_every_issuer_the_extractor_read(curated: Store) -> None:
    create_act(
        curated,
        instrument_act(the_instrument(curated), f"{BASE}id/state/RUS", f"{BASE}id/state/CHN"),
        ALICE,
    )
    assert holders(curated) == {"RUS", "CHN"}
    assert count(curated) == 1  # one instrument, one position, its tallies moved with it


def test_a_corrected_status_and_place_are_stated_with_the_curator_who_set_them(
    curated: Store,
) -> None:
    instrument = the_instrument(curated)
    made = create_act(
        curated,
        instrument_act(instrument, f"{BASE}id/instrument-status/signed", f"{BASE}id/place/moscow"),
        ALICE,
    )
    rows = curated.select(
        IIS + f"SELECT ?status ?place ?how ?act WHERE {{ <{instrument}> iis:curatedStatus "
        "?status ; iis:curatedPlace ?place ; iis:reviewStatus ?how ; iis:reviewedIn ?act }"
    )
    assert [(str(r["status"]), str(r["place"]), str(r["how"]), str(r["act"])) for r in rows] == [
        (
            f"{BASE}id/instrument-status/signed",
            f"{BASE}id/place/moscow",
            "corrected",
            str(made.iri),
        )
    ]


def test_taking_an_instrument_correction_back_restores_what_was_extracted(
    curated: Store,
) -> None:
    extracted = holders(curated)
    made = create_act(
        curated, instrument_act(the_instrument(curated), f"{BASE}id/state/RUS"), ALICE
    )
    assert holders(curated) == {"RUS"}
    delete_act(curated, made.key, ALICE, made.etag)
    assert holders(curated) == extracted
    assert not curated.select(IIS + "SELECT ?v WHERE { ?i iis:curatedIssuer ?v }")


def test_curators_who_set_a_field_differently_are_disputed_and_the_later_decides(
    curated: Store,
) -> None:
    instrument = the_instrument(curated)
    create_act(curated, instrument_act(instrument, "2016-06-24"), ALICE)
    create_act(curated, instrument_act(instrument, "2021-09-17"), BOB)
    rows = curated.select(
        IIS
        + f"SELECT ?d ?how WHERE {{ <{instrument}> iis:curatedDate ?d ; iis:reviewStatus ?how }}"
    )
    assert [(str(r["d"]), str(r["how"])) for r in rows] == [("2021-09-17", "disputed")]
    assert "IND" in holders(curated)


def test_tallies_after_an_instrument_correction_equal_a_full_recount(
    curated: Store, ids: Ids
) -> None:
    create_act(
        curated,
        instrument_act(the_instrument(curated), "2016-06-24", f"{BASE}id/organization/CSTO"),
        ALICE,
    )
    kept = tallies(curated, ids)
    curated.rederive()
    assert tallies(curated, ids) == kept


def test_a_correction_of_an_instrument_no_source_states_any_more_is_orphaned(
    curated: Store,
) -> None:
    from graph.review import refresh_reviews

    made = create_act(curated, instrument_act(the_instrument(curated), "2016-06-24"), ALICE)
    curated.delete_source("s1")
    refresh_reviews(curated, ["s1"])
    anchored = curated.select(IIS + "SELECT ?a ?s WHERE { ?a iis:anchorStatus ?s }")
    assert [(str(r["a"]), str(r["s"])) for r in anchored] == [(str(made.iri), "orphaned")]
    assert not curated.select(IIS + "SELECT ?d WHERE { ?i iis:curatedDate ?d }")


@pytest.mark.parametrize(
    ("values", "motivation", "expected"),
    [
        (("2022-02-30",), "editing", "a new date is a day written YYYY-MM-DD"),
        ((f"{BASE}id/topic/itu-role",), "editing", "a new value is a date or a"),
        (("2022-11-23", "2021-01-01"), "editing", "one new date, not 2"),
        (("2022-11-23",), "assessing", "expected editing"),
        ((f"{BASE}id/state/XXX",), "editing", "no state"),
    ],
)
def test_a_bad_instrument_correction_is_refused_saying_what_was_expected(
    curated: Store, values: tuple[str, ...], motivation: str, expected: str
) -> None:
    from graph.errors import BadInput

    with pytest.raises(BadInput, match=expected):
        create_act(
            curated, instrument_act(the_instrument(curated), *values, motivation=motivation), ALICE
        )
    assert not curated.select(IIS + "SELECT ?a WHERE { ?a iis:anchorStatus ?s }")
