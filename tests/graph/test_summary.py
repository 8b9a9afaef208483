"""The summary is a view of the graph: a gold annotation written as RDF reads back unchanged.

Each of the twenty annotated texts is turned, from its hand annotation, into the findings the
extractors would produce, written as RDF, validated, stored, and summarised again. The holders
are not taken from the annotation: the store derives them from the reference memberships, so
this also checks the membership data against every annotated instrument.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.extract import extract
from graph.model import Document, Instrument, Meeting, Mention, Participant, Person, Position, Span
from graph.namespaces import Ids, slug, source_id
from graph.store import Store
from graph.summary import summarize
from graph.to_rdf import to_rdf
from graph.validate import TypeIndex, validate
from tests.conftest import DATA
from tests.graph.extract.test_instruments import RESOLUTION_AND_STATEMENT

GOLD = sorted((DATA / "dev" / "gold").glob("*.json"))


def span_of(text: str, phrase: str | None) -> Span:
    start = text.find(phrase) if phrase else -1
    return (
        Span.of(text, start, start + len(phrase)) if phrase and start >= 0 else Span.of(text, 0, 1)
    )


def document_from_gold(gold: dict[str, Any], text: str) -> Document:
    instruments = tuple(
        Instrument(
            type=ins["type"],
            status=ins["status"],
            evidence=span_of(text, ins["title"]),
            title=ins["title"],
            date=ins["date"],
            place=slug(ins["place"]) if ins["place"] else None,
            issuers=tuple(ins["issuers"]),
            agreement_id=None,
            agreements=tuple(ins["agreements"]),
            positions=tuple(
                Position(p["topic"], p["stance"], span_of(text, p["evidence"]))
                for p in ins["positions"]
            ),
        )
        for ins in gold["instruments"]
    )
    meetings = tuple(
        Meeting(
            kind="meeting",
            evidence=Span.of(text, 0, 1),
            date=m["date"],
            place=slug(m["place"]) if m["place"] else None,
            organizer=m["organizer"],
            participants=tuple(Participant(a, r) for a, r in m["participants"].items()),
            virtual=m["virtual"],
        )
        for m in gold["meetings"]
    )
    mentions = tuple(
        Mention(kind, key, Span.of(text, 0, 1))
        for kind, field in (
            ("organization", "organizations_mentioned"),
            ("agreement", "agreements_mentioned"),
        )
        for key in gold[field]
    )
    persons = tuple(Person(name, Span.of(text, 0, 1)) for name in gold["persons"])
    return Document(
        source=gold["source"],
        text=text,
        language=gold["language"],
        publisher=gold["publisher"],
        published=gold["published"],
        instruments=instruments,
        meetings=meetings,
        mentions=mentions,
        persons=persons,
    )


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.stem)
def test_gold_annotation_reads_back_from_the_graph(
    gold_file: Path,
    store: Store,
    ids: Ids,
    is_state: Callable[[str], bool],
    reference: Any,
    ontology: Any,
) -> None:
    gold = json.loads(gold_file.read_text("utf-8"))
    text = (DATA / "dev" / "texts" / gold["source"]).read_text("utf-8")
    graph = to_rdf(document_from_gold(gold, text), ids, is_state)
    validate(graph, TypeIndex(reference, ontology).context_for(graph), name=gold["source"])
    store.replace_source(source_id(gold["source"]), graph)
    summary = summarize(store, source_id(gold["source"]))
    for ins in summary["instruments"]:
        for position in ins["positions"]:
            assert position["evidence"] in text
    assert summary == gold


def test_a_resolution_and_a_statement_against_it_read_back_as_two_instruments(
    store: Store,
    ids: Ids,
    is_state: Callable[[str], bool],
    reference: Any,
    ontology: Any,
) -> None:
    text = RESOLUTION_AND_STATEMENT
    graph = to_rdf(extract(text, "two.txt"), ids, is_state)
    validate(graph, TypeIndex(reference, ontology).context_for(graph), name="two.txt")
    store.replace_source(source_id("two.txt"), graph)
    summary = summarize(store, source_id("two.txt"))
    assert [
        (i["type"], i["issuers"], i["holders"], [(p["topic"], p["stance"]) for p in i["positions"]])
        for i in summary["instruments"]
    ] == [
        ("resolution", ["UN"], [], [("cybercrime-convention", "supports")]),
        ("statement", ["USA"], ["USA"], [("cybercrime-convention", "opposes")]),
    ]
