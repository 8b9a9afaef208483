"""The state view (api/views/states.py)."""

from __future__ import annotations

from rdflib import URIRef

from api.views.states import HOLDINGS_SHOWN, state
from graph.namespaces import Ids, T
from graph.store import Store
from tests.conftest import StatementBuilder


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
