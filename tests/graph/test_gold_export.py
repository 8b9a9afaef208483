"""Curation feeds evaluation: gold summaries of the texts as curators settled them, which
``iisgraph eval`` reads like any gold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from graph.curation import create_act
from graph.curators import Curator
from graph.gold_export import export_gold, reviewed_sources
from graph.store import Store
from graph.summary import summarize
from tests.graph.test_review import act


def test_gold_has_the_positions_curators_settled_and_the_rest_as_extracted(
    store: Store, statement: Callable[..., Graph], tmp_path: Path
) -> None:
    store.replace_source("s1", statement())
    store.replace_source("s2", statement(source="s2.txt", issuers=("RUS",)))
    create_act(store, act(verdict="rejected"), Curator("alice"))
    create_act(store, act("tagging", None, topic="un-central-role"), Curator("alice"))
    assert reviewed_sources(store) == ["s1"]
    written = export_gold(store, tmp_path, reviewed_only=True)
    assert [p.name for p in written] == ["s1.json"]
    gold = json.loads(written[0].read_text("utf-8"))
    extracted = summarize(store, "s1")
    assert [p["topic"] for p in gold["instruments"][0]["positions"]] == ["un-central-role"]
    assert [p["topic"] for p in extracted["instruments"][0]["positions"]] == ["itu-role"]
    assert {k: v for k, v in gold["instruments"][0].items() if k != "positions"} == {
        k: v for k, v in extracted["instruments"][0].items() if k != "positions"
    }
    every = export_gold(store, tmp_path / "all")
    assert sorted(p.name for p in every) == ["s1.json", "s2.json"]


def test_gold_has_the_instrument_fields_curators_corrected(
    store: Store, statement: Callable[..., Graph], tmp_path: Path
) -> None:
    from tests.conftest import instrument_act
    from tests.graph.test_review import BASE, the_instrument

    store.replace_source("s1", statement())
    create_act(
        store,
        instrument_act(the_instrument(store), "2016-06-24", f"{BASE}id/state/RUS"),
        Curator("alice"),
    )
    assert reviewed_sources(store) == ["s1"]
    gold = json.loads(export_gold(store, tmp_path, reviewed_only=True)[0].read_text("utf-8"))
    extracted = summarize(store, "s1")["instruments"][0]
    corrected = gold["instruments"][0]
    assert (corrected["date"], corrected["issuers"], corrected["holders"]) == (
        "2016-06-24",
        ["RUS"],
        ["RUS"],
    )
    assert (extracted["date"], extracted["issuers"]) == ("2020-11-10", ["SCO"])
    assert {k: v for k, v in corrected.items() if k not in ("date", "issuers", "holders")} == {
        k: v for k, v in extracted.items() if k not in ("date", "issuers", "holders")
    }
