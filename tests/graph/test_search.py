"""Search finds what people type: each word on its own, either language, any case, ranked
(issue 17, item 5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph

from graph.errors import BadInput
from graph.search import Finder
from graph.store import Store

ID = "https://w3id.org/iisgraph/id/"


def found(store: Store, query: str) -> list[str]:
    return [hit.iri.removeprefix(ID) for hit in Finder(store).find(query)]


def test_issue_17_the_multi_word_queries_of_the_issue_find_their_things(
    corpus_store: Store,
) -> None:
    assert found(corpus_store, "SCO 2009")[0] == "agreement/sco-2009-iis"
    csto = found(corpus_store, "CSTO 2022")
    assert csto and all(k.startswith("instrument/csto-") for k in csto), csto
    moldova_cis = found(corpus_store, "Moldova CIS")
    assert moldova_cis[0] == "state/MDA"  # named Moldova, a member of the CIS
    assert any(k.startswith("meeting/") and "cis" in k for k in moldova_cis), moldova_cis
    assert "agreement/cis-2013-is" in moldova_cis  # issued by the CIS, held by Moldova


def test_words_match_in_either_language_and_any_grammatical_case(corpus_store: Store) -> None:
    # the same things (a key is English: it ranks its own words higher)
    assert set(found(corpus_store, "Молдовы СНГ")) == set(found(corpus_store, "Moldova CIS"))
    assert set(found(corpus_store, "ОДКБ 2022")) == set(found(corpus_store, "CSTO 2022"))
    assert found(corpus_store, "Шанхайской организации 2009")[0] == "agreement/sco-2009-iis"
    assert "state/RUS" in found(corpus_store, "России")
    assert found(corpus_store, "Росс")[0] == "state/RUS"  # a word begun finds its things


def test_meetings_agreements_places_and_aliases_are_searched(corpus_store: Store) -> None:
    assert any(k.startswith("meeting/") for k in found(corpus_store, "Minsk"))
    assert any(k.startswith("meeting/") for k in found(corpus_store, "Минске"))
    assert found(corpus_store, "Yekaterinburg agreement") == ["agreement/sco-2009-iis"]
    assert found(corpus_store, "csto-2017-is")[0] == "agreement/csto-2017-is"  # a code


def test_every_word_must_match(corpus_store: Store) -> None:
    assert found(corpus_store, "Moldova") and not found(corpus_store, "Moldova Zimbabwe")
    assert found(corpus_store, "Moldova and CIS") == found(corpus_store, "Moldova CIS")


def test_the_thing_named_ranks_above_things_linked_to_it(corpus_store: Store) -> None:
    hits = Finder(corpus_store).find("Russia")
    assert hits[0].iri == f"{ID}state/RUS"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("query", ["", "x", " a ", "w" * 201])
def test_a_query_of_less_than_two_letters_or_too_long_is_refused(
    corpus_store: Store, query: str
) -> None:
    with pytest.raises(BadInput):
        Finder(corpus_store).find(query)


def test_the_index_follows_a_write(store: Store, statement: Callable[..., Graph]) -> None:
    finder = Finder(store)
    assert not finder.find("CSTO 2019")
    store.replace_source("s1", statement(issuers=("CSTO",), date="2019-05-01"))
    assert [h.kind for h in finder.find("CSTO 2019")] == ["Instrument"]
    store.delete_source("s1")
    assert not finder.find("CSTO 2019")
