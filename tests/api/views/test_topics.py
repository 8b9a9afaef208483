"""The topic views (api/views/topics.py)."""

from __future__ import annotations

from rdflib import URIRef

from api.views import ALL_TIME, Paging, Period
from api.views.topics import supporters
from graph.curation import create_act
from graph.curators import Curator
from graph.namespaces import Ids, T
from graph.store import Store
from tests.conftest import StatementBuilder, instrument_act, instruments_by_date

PER_STATE = 5


def shown_instruments(
    store: Store, ids: Ids, period: Period = ALL_TIME, per_state: int = PER_STATE
) -> set[str]:
    collection = URIRef("http://localhost/topics/itu-role/supporters")
    document = supporters(
        store,
        ids,
        "itu-role",
        Paging(),
        collection,
        lambda n: f"{collection}?page={n}",
        per_state=per_state,
        period=period,
    )
    return {str(s) for s, p, _ in document.graph if p == T.qualifiedHolding}


def test_supporters_show_an_instrument_by_the_date_a_curator_set(
    store: Store, ids: Ids, statement: StatementBuilder
) -> None:
    for day in range(1, PER_STATE + 2):
        store.replace_source(f"s{day}", statement(f"s{day}.txt", ("RUS",), f"2030-01-{day:02d}"))
    dated = instruments_by_date(store, ids, "RUS")
    oldest, second = dated["2030-01-01"], dated["2030-01-02"]
    for period in (ALL_TIME, Period.parse("2030", "2030")):  # from the tallies, and by a period
        shown = shown_instruments(store, ids, period)
        assert oldest not in shown and second in shown
    # the oldest was in fact the newest: a curator dates it 25 January
    create_act(store, instrument_act(oldest, "2030-01-25"), Curator("alice"))
    for period in (ALL_TIME, Period.parse("2030", "2030")):
        shown = shown_instruments(store, ids, period)
        assert oldest in shown and second not in shown


def test_supporters_show_a_states_latest_instruments_as_many_as_asked_for(
    store: Store, ids: Ids, statement: StatementBuilder
) -> None:
    days = [f"2031-0{month}-15" for month in range(1, 8)]
    for n, date in enumerate([*days, "--03-01"]):
        store.replace_source(f"s{n}", statement(f"s{n}.txt", ("RUS",), date))
    dated = instruments_by_date(store, ids, "RUS")
    newest_first = [dated[day] for day in reversed(days)]
    # up to the five each tally keeps, then from its years
    for per_state in (1, 3, 5, 6, 7, 9):
        shown = shown_instruments(store, ids, per_state=per_state)
        expected = [*newest_first, dated["--03-01"]][:per_state]
        assert shown == set(expected), per_state
