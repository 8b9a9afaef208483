"""The state view (api/views/states.py)."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, URIRef

from api.views.states import HOLDINGS_SHOWN, state
from graph.curation import create_act
from graph.curators import Curator
from graph.model import Document, Span
from graph.namespaces import Ids, T
from graph.store import Store
from graph.to_rdf import to_rdf
from tests.conftest import StatementBuilder, instrument_act, instruments_by_date, rus_uzb_talks


def shown_instruments(store: Store, ids: Ids) -> set[str]:
    graph = state(store, ids, "RUS").graph
    return {str(s) for s, p, o in graph if p == URIRef(T.qualifiedHolding)}


def test_issue_15_state_shows_its_latest_holdings_once_each_and_breaks_ties_by_iri(
    store: Store, ids: Ids, statement: StatementBuilder
) -> None:
    """Issue 15 (``issues show 15``): an instrument reported by two sources was one row per
    source, so the latest 20 showed fewer instruments; ties in date were left to the engine."""
    for day in range(1, HOLDINGS_SHOWN + 3):
        store.replace_source(f"s{day}", statement(f"s{day}.txt", ("RUS",), f"2030-01-{day:02d}"))
    # the latest instrument again, from a second source; and a tie on the oldest date shown
    store.replace_source("again", statement("again.txt", ("RUS",), f"2030-01-{HOLDINGS_SHOWN + 2}"))
    store.replace_source("tie", statement("tie.txt", ("RUS",), "2030-01-03", type="declaration"))
    rows = store.select(
        f"SELECT DISTINCT ?i ?d WHERE {{ ?i <{T.holder}> <{ids.state('RUS')}> ; "
        "<http://purl.org/dc/terms/date> ?d }"
    )
    dated = {str(row["i"]): str(row["d"]) for row in rows}
    by_iri = sorted(dated)  # a stable sort by date descending keeps IRIs ascending within a date
    expected = sorted(by_iri, key=lambda i: dated[i], reverse=True)[:HOLDINGS_SHOWN]
    shown = shown_instruments(store, ids)
    assert len(shown) == HOLDINGS_SHOWN
    assert len([i for i in shown if dated[i] == "2030-01-03"]) == 1  # the tie is at the cut
    assert shown == set(expected)


def latest_of_every_holding(store: Store, ids: Ids) -> set[str]:
    """The state's latest ``HOLDINGS_SHOWN`` instruments from its every holding (the query the
    view ran before it read the holding years kept at ingest)."""
    rows = store.select(
        "SELECT ?i WHERE { { SELECT ?i (MAX(STR(?d)) AS ?latest) WHERE { "
        f"?i <{T.holder}> <{ids.state('RUS')}> "
        "OPTIONAL { ?i <http://purl.org/dc/terms/date> ?d } } GROUP BY ?i } } "
        f"ORDER BY DESC(?latest) ?i LIMIT {HOLDINGS_SHOWN}"
    )
    return {str(row["i"]) for row in rows}


def test_state_reads_its_latest_holdings_from_its_newest_years_partial_dates_included(
    store: Store, ids: Ids, statement: StatementBuilder
) -> None:
    # a year alone sorts after every day of that year; a day without its year and no date
    # come after every year, undated last; only when the years hold too few are they read
    dates: list[str | None] = ["2031", "--11-19", None, None, "2029"]
    dates += [f"2030-02-{day:02d}" for day in range(1, 17)]
    for n, date in enumerate(dates):
        store.replace_source(f"s{n}", statement(f"s{n}.txt", ("RUS",), date, type="declaration"))
    expected = latest_of_every_holding(store, ids)
    assert len(dates) == HOLDINGS_SHOWN + 1  # the cut falls between the two undated
    assert shown_instruments(store, ids) == expected
    for n in range(len(dates), len(dates) + 5):  # now the years hold more than are shown
        store.replace_source(f"s{n}", statement(f"s{n}.txt", ("RUS",), f"2030-03-{n:02d}"))
    expected = latest_of_every_holding(store, ids)
    assert len(expected) == HOLDINGS_SHOWN
    assert shown_instruments(store, ids) == expected


def meeting_source(
    name: str, date: str | None, ids: Ids, is_state: Callable[[str], bool], place: str
) -> Graph:
    text = "Переговоры России и Узбекистана."
    meeting = rus_uzb_talks(Span.of(text, 0, 10), date, place)
    doc = Document(source=name, text=text, language="ru", meetings=(meeting,))
    return to_rdf(doc, ids, is_state)


def attended(store: Store, ids: Ids) -> set[str]:
    graph = state(store, ids, "RUS").graph
    return {str(s) for s, p, o in graph if p == URIRef(T.participation)}


def latest_of_every_participation(store: Store, ids: Ids) -> set[str]:
    rows = store.select(
        "SELECT ?m WHERE { { SELECT ?m ?part (MAX(STR(?d)) AS ?latest) WHERE { "
        f"?m <{T.participation}> ?part . ?part <{T.participant}> <{ids.state('RUS')}> "
        "OPTIONAL { ?m <http://purl.org/dc/terms/date> ?d } } GROUP BY ?m ?part } } "
        f"ORDER BY DESC(?latest) ?m ?part LIMIT {HOLDINGS_SHOWN}"
    )
    return {str(row["m"]) for row in rows}


def test_state_reads_its_latest_meetings_from_its_newest_years_and_follows_a_delete(
    store: Store, ids: Ids, is_state: Callable[[str], bool]
) -> None:
    places = ["moscow", "tashkent", "astana", "minsk", "bishkek", "dushanbe", "beijing"]
    dates: list[str | None] = ["2041", "--11-19", None, None, "2039"]
    dates += [f"2040-0{month}-{day:02d}" for month in (2, 3) for day in range(1, 9)]
    for n, date in enumerate(dates):
        graph = meeting_source(f"m{n}.txt", date, ids, is_state, places[n % len(places)])
        store.replace_source(f"m{n}", graph)
    expected = latest_of_every_participation(store, ids)
    assert len(dates) == HOLDINGS_SHOWN + 1  # the cut falls between the two undated
    assert attended(store, ids) == expected
    store.delete_source("m0")  # the newest: the next one comes in
    expected = latest_of_every_participation(store, ids)
    assert len(expected) == HOLDINGS_SHOWN
    assert attended(store, ids) == expected


def test_state_orders_an_instrument_by_the_date_a_curator_set(
    store: Store, ids: Ids, statement: StatementBuilder
) -> None:
    for day in range(1, HOLDINGS_SHOWN + 2):
        store.replace_source(f"s{day}", statement(f"s{day}.txt", ("RUS",), f"2030-01-{day:02d}"))
    dated = instruments_by_date(store, ids, "RUS")
    oldest, second = dated["2030-01-01"], dated["2030-01-02"]
    assert oldest not in shown_instruments(store, ids) and second in shown_instruments(store, ids)
    # the oldest was in fact the newest: a curator dates it 25 January
    create_act(store, instrument_act(oldest, "2030-01-25"), Curator("alice"))
    shown = shown_instruments(store, ids)
    assert oldest in shown and second not in shown
