"""The embedded store: atomic replace, idempotent re-ingest, holders derived from memberships."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import BadQuery
from graph.namespaces import TIME, Ids, T
from graph.settings import Settings
from graph.store import Store, open_store
from tests.conftest import StatementBuilder

HOLDERS = """
PREFIX iis: <https://w3id.org/iisgraph/ontology#>
SELECT ?code ?named WHERE {
  ?position iis:statedIn ?i .
  ?i iis:qualifiedHolding ?h .
  ?h iis:holdingState/iis:publicId ?code ; iis:namedInText ?named .
} ORDER BY ?code"""


def holders(store: Store) -> dict[str, bool]:
    return {str(r["code"]): bool(r["named"].toPython()) for r in store.select(HOLDERS)}  # type: ignore[union-attr]


def contents(store: Store) -> list[bytes]:
    return sorted(store.export("application/n-quads").splitlines())


def test_holder_includes_members_on_statement_date(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    assert holders(store) == {
        code: False for code in ("CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB")
    }


def test_holder_excludes_states_that_joined_later(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2006-06-15"))
    assert set(holders(store)) == {"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}


def test_holder_excludes_a_state_on_the_day_its_membership_ended(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("CSTO",), date="2012-12-19"))
    assert "UZB" not in holders(store)
    store.replace_source("s1", statement(issuers=("CSTO",), date="2012-12-18"))
    assert "UZB" in holders(store)


def test_un_resolution_holders_are_the_un_members_on_its_date(
    store: Store, statement: StatementBuilder
) -> None:
    # the day before South Sudan was admitted, then that day; observer states never hold
    store.replace_source("s1", statement(issuers=("UN",), date="2011-07-13"))
    before = holders(store)
    assert len(before) == 192 and "SSD" not in before and not any(before.values())
    store.replace_source("s1", statement(issuers=("UN",), date="2011-07-14"))
    after = holders(store)
    assert set(after) == set(before) | {"SSD"}
    assert not {"VAT", "PSE"} & set(after)


def test_a_convention_binds_its_parties_not_the_members_of_the_organization_opening_it(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("COE",), date="2001-11-23", type="convention"))
    assert holders(store) == {}
    store.replace_source("s1", statement(issuers=("COE",), date="2001-11-23"))
    assert "RUS" in holders(store)


def test_named_issuers_are_holders_marked_as_named(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("RUS", "UZB"), date=None))
    assert holders(store) == {"RUS": True, "UZB": True}


def test_partial_date_derives_no_members(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="--11-10"))
    assert holders(store) == {}


def test_members_the_text_names_hold_an_instrument_without_a_full_date(
    store: Store, statement: StatementBuilder
) -> None:
    named = ("BRA", "CHN", "IND", "RUS", "ZAF")
    store.replace_source("s1", statement(issuers=("BRICS",), date="--10-16", members=named))
    assert holders(store) == dict.fromkeys(named, True)


def test_a_full_date_resolves_membership_over_the_members_the_text_names(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source(
        "s1", statement(issuers=("BRICS",), date="2024-06-01", members=("BRA", "RUS"))
    )
    assert set(holders(store)) == {
        "ARE", "BRA", "CHN", "EGY", "ETH", "IND", "IRN", "RUS", "ZAF"
    }  # fmt: skip
    assert not any(holders(store).values())


def test_state_both_named_and_member_is_held_once_as_named(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("s1", statement(issuers=("SCO", "RUS"), date="2020-11-10"))
    assert holders(store)["RUS"] is True
    assert len(holders(store)) == 8


def test_derived_holding_names_the_membership(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    # the statement's holding only: the reference agreements have holdings of their own (the
    # UN convention of 2024 is held by India through its UN membership)
    rows = store.select(
        f"SELECT ?m WHERE {{ ?p <{T.statedIn}> ?i . ?i <{T.qualifiedHolding}> ?h . "
        f"?h <{T.holdingState}> ?s ; <{T.viaMembership}> ?m . ?s <{T.publicId}> 'IND' }}"
    )
    assert [str(r["m"]) for r in rows] == [str(store.ids.thing("membership", "SCO-IND-2017-06-09"))]


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


def test_deleting_a_source_removes_its_holders(store: Store, statement: StatementBuilder) -> None:
    store.replace_source("s1", statement())
    assert store.delete_source("s1")
    assert holders(store) == {}
    assert not store.delete_source("s1")


def test_membership_correction_changes_holders_without_reingest(
    store: Store, statement: StatementBuilder, ontology: Graph, reference: Graph, ids: Ids
) -> None:
    store.replace_source("s1", statement(issuers=("SCO",), date="2020-11-10"))
    assert "IND" in holders(store)
    corrected = Graph() + reference
    start = URIRef(f"{ids.thing('membership', 'SCO-IND-2017-06-09')}#start")
    corrected.set((start, TIME.inXSDDate, Literal("2021-01-01", datatype=XSD.date)))
    assert store.replace_reference(ontology, corrected)
    assert "IND" not in holders(store)
    assert len(holders(store)) == 7


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


def test_a_year_one_source_knows_completes_anothers_partial_date(
    store: Store, statement: StatementBuilder
) -> None:
    store.replace_source("ru", statement(source="ru.txt", issuers=("SCO",), date="--11-10"))
    assert holders(store) == {}
    store.replace_source("en", statement(source="en.txt", issuers=("SCO",), date="2020-11-10"))
    members = {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert set(holders(store)) == members
    store.delete_source("en")
    assert holders(store) == {}
