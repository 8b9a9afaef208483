"""Acts move between stores: exported as Web Annotation JSON-LD or TriG, imported with their
keys, curators and times; an import run twice stores nothing twice; a bad act is named."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from rdflib import Dataset, Graph

from graph.curation import act_keys, create_act, read_act
from graph.curation_io import export_acts, import_acts
from graph.curators import Curator
from graph.errors import BadInput
from graph.ontology import ontology_graph, reference_graph
from graph.settings import Settings
from graph.store import Store, open_store
from tests.graph.test_review import act, count


@pytest.fixture
def two_stores(store: Store, statement: Callable[..., Graph]) -> tuple[Store, Store]:
    other = open_store(Settings(store=":memory:"))
    other.replace_reference(ontology_graph(), reference_graph(store.ids.base))
    for s in (store, other):
        s.replace_source("s1", statement())
    return store, other


def test_acts_exported_and_imported_keep_key_curator_time_and_effect(
    two_stores: tuple[Store, Store],
) -> None:
    source, target = two_stores
    made = create_act(source, act(verdict="rejected"), Curator("alice"))
    exported = export_acts(source)
    stored, kept = import_acts(target, exported, "acts.jsonld")
    assert (stored, kept) == ([made.key], [])
    copied = read_act(target, made.key)
    assert copied.graph.serialize(format="nt") and copied.etag == made.etag
    assert count(target) == 0
    assert import_acts(target, exported, "acts.jsonld") == ([], [made.key])
    assert act_keys(target, 0, 10)[1] == 1


def test_acts_export_as_trig_with_each_act_in_its_graph(two_stores: tuple[Store, Store]) -> None:
    source, _ = two_stores
    made = create_act(source, act(), Curator("bob"))
    dataset = Dataset().parse(data=export_acts(source, "trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert str(source.ids.act_graph(made.key)) in names


def test_a_bad_act_in_an_import_is_named(two_stores: tuple[Store, Store]) -> None:
    _, target = two_stores
    good = json.loads(act())
    bad = {**json.loads(act()), "motivation": "bookmarking"}
    with pytest.raises(BadInput, match=r"acts\.json: item 2"):
        import_acts(target, json.dumps([good, bad]).encode(), "acts.json")
    assert act_keys(target, 0, 10)[1] == 1
