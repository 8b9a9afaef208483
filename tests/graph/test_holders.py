"""Holders, derived inside each store backend: the issuing states, and the members of an
issuing organization on the instrument's date (graph/holders.py)."""

from __future__ import annotations

from collections.abc import Generator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import _TripleType
from rdflib.namespace import RDFS, XSD

from graph.holders import reference_digest
from graph.namespaces import TIME, Ids, T
from graph.store import Store
from tests.conftest import StatementBuilder, holders


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


def test_an_instrument_several_sources_report_has_the_holders_one_report_gives(
    store: Store, statement: StatementBuilder
) -> None:
    # every report names the issuer and the date again: the members hold it once each
    for n in range(3):
        store.replace_source(
            f"r{n}", statement(source=f"r{n}.txt", issuers=("SCO",), date="2020-11-10")
        )
    members = {"CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}
    assert holders(store) == {code: False for code in members}
    rows = store.select(
        f"SELECT ?h WHERE {{ ?i <{T.qualifiedHolding}> ?h . ?p <{T.statedIn}> ?i . "
        f"?h <{T.holdingState}>/<{T.publicId}> 'RUS' }}"
    )
    assert len({str(r["h"]) for r in rows}) == 1
    store.delete_source("r0")
    store.delete_source("r1")
    assert holders(store) == {code: False for code in members}


class _ReadBackwards(Graph):
    """A graph that gives its triples in the reverse of the order rdflib gives them (which
    follows the interpreter's hash seed, so two graphs cannot be relied on to differ)."""

    def __iter__(self) -> Generator[_TripleType, None, None]:
        yield from list(super().__iter__())[::-1]


def test_reference_digest_changes_with_any_triple_and_not_with_order() -> None:
    a, b, c = (URIRef(f"https://e.org/{n}") for n in "abc")
    ontology = Graph()
    ontology.add((a, b, c))
    rows = [(a, b, Literal("2009", datatype=XSD.gYear)), (b, c, a), (c, a, Literal("x", lang="ru"))]
    reference, backwards, changed = Graph(), _ReadBackwards(), Graph()
    for triple in rows:
        reference.add(triple)
        backwards.add(triple)
    assert list(backwards) == list(reference)[::-1] != list(reference)  # read in two orders
    for triple in [*rows[1:], (a, b, Literal("2010", datatype=XSD.gYear))]:
        changed.add(triple)
    digest = reference_digest(ontology, reference)
    assert reference_digest(ontology, backwards) == digest
    assert reference_digest(ontology, changed) != digest
    assert reference_digest(reference, ontology) != digest  # which graph holds what counts


def test_reference_digest_of_blank_nodes_ignores_their_names() -> None:
    first, second, third = Graph(), Graph(), Graph()
    first.add((BNode("x"), RDFS.label, Literal("list")))
    second.add((BNode("y"), RDFS.label, Literal("list")))
    third.add((BNode("y"), RDFS.label, Literal("other")))
    assert reference_digest(first, Graph()) == reference_digest(second, Graph())
    assert reference_digest(third, Graph()) != reference_digest(first, Graph())
