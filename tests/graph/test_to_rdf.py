"""Document → RDF: deterministic IRIs, provenance on every node, one node for one instrument."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from graph.extract import extract
from graph.ingest import Pipeline
from graph.model import Document, Instrument, Position, Span
from graph.namespaces import OA, Ids, T
from graph.namespaces import PREFIXES as ALL_PREFIXES
from graph.store import Store
from graph.summary import summarize
from graph.to_rdf import to_rdf
from graph.validate import TypeIndex, validate
from tests.conftest import ROOT, rus_uzb_statement

TEXTS = ROOT / "corpus" / "texts"
PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in ALL_PREFIXES.items())
RU_REPORT = TEXTS / "000_65bda562d0d878a3.txt"  # TASS in Russian: "в пятницу", no year
EN_REPORT = TEXTS / "003_5ee55c2dbda9f476.txt"  # the same joint statement in English, dated


def statement(place: str, source: str) -> Document:
    return rus_uzb_statement(source, place=place, talks=True)


def test_same_document_gives_the_same_triples(ids: Ids, is_state: Callable[[str], bool]) -> None:
    first = to_rdf(statement("moscow", "a.txt"), ids, is_state)
    again = to_rdf(statement("moscow", "a.txt"), ids, is_state)
    assert set(first) == set(again)


def test_every_extracted_node_points_to_its_source_and_a_verbatim_span(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    doc = statement("moscow", "a.txt")
    graph = to_rdf(doc, ids, is_state)
    source = ids.source("a")
    for cls in (T.Instrument, T.Position, T.Meeting):
        for node in graph.subjects(RDF.type, cls):
            assert (node, PROV.wasDerivedFrom, source) in graph
            evidence = graph.value(node, T.evidence)
            starts = [graph.value(s, OA.start) for s in graph.objects(evidence, OA.hasSelector)]
            exact = [graph.value(s, OA.exact) for s in graph.objects(evidence, OA.hasSelector)]
            start = int(next(s for s in starts if s is not None))  # type: ignore[arg-type]
            quote = str(next(e for e in exact if e is not None))
            assert doc.text[start : start + len(quote)] == quote


def test_two_reports_of_one_statement_describe_one_instrument(store: Store) -> None:
    Pipeline(store.ids.base).ingest(store, [RU_REPORT, EN_REPORT])
    rows = store.select(
        PREFIXES + "SELECT ?i ?g ?date ?source WHERE { GRAPH ?g { "
        "?i a iis:JointStatement ; dcterms:date ?date ; prov:wasDerivedFrom ?source } }"
    )
    assert len({r["i"] for r in rows}) == 1
    claims = {str(r["date"]): str(r["source"]).rsplit("/", 1)[-1] for r in rows}
    assert claims == {"--11-19": RU_REPORT.stem, "2021-11-19": EN_REPORT.stem}
    # Each source's summary still says what that source says.
    assert summarize(store, RU_REPORT.stem)["instruments"][0]["date"] == "--11-19"
    assert summarize(store, EN_REPORT.stem)["instruments"][0]["date"] == "2021-11-19"
    # The talks are one meeting too.
    meetings = store.select(PREFIXES + "SELECT DISTINCT ?m WHERE { ?m a iis:Meeting }")
    assert len(meetings) == 1


def test_disagreeing_sources_keep_their_own_claims(
    store: Store, ids: Ids, is_state: Callable[[str], bool]
) -> None:
    store.replace_source("a", to_rdf(statement("moscow", "a.txt"), ids, is_state))
    store.replace_source("b", to_rdf(statement("sochi", "b.txt"), ids, is_state))
    places_by_graph = PREFIXES + (
        "SELECT ?g ?place WHERE { GRAPH ?g { ?i iis:place ?place ; a iis:JointStatement } }"
    )
    rows = store.select(places_by_graph)
    claims = {(str(r["g"]).rsplit("/", 1)[-1], str(r["place"]).rsplit("/", 1)[-1]) for r in rows}
    assert claims == {("a", "moscow"), ("b", "sochi")}
    store.delete_source("b")
    rows = store.select(places_by_graph)
    assert [str(r["place"]).rsplit("/", 1)[-1] for r in rows] == ["moscow"]


def test_two_like_instruments_in_one_text_stay_two(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    doc = statement("moscow", "a.txt")
    twice = Document(
        source=doc.source,
        text=doc.text,
        language=doc.language,
        instruments=doc.instruments * 2,
    )
    graph: Graph = to_rdf(twice, ids, is_state)
    instruments = set(graph.subjects(RDF.type, T.Instrument))
    assert len(instruments) == 2
    assert all(isinstance(i, URIRef) for i in instruments)


def test_every_speaker_of_a_meeting_record_is_an_instrument_of_its_own(
    ids: Ids, is_state: Callable[[str], bool], reference: Graph, ontology: Graph
) -> None:
    text = (
        "First Committee\n20th meeting\n24 October 2016\n\nThe representative of the Russian "
        "Federation said that the information space must never become an arena of military "
        "confrontation. Brazil's delegate said that international law applies in cyberspace. "
        "Cuba and Nicaragua voiced concerns over the militarization of cyberspace."
    )
    doc = extract(text, "record.txt")
    graph = to_rdf(doc, ids, is_state)
    validate(graph, TypeIndex(reference, ontology).context_for(graph), name="record.txt")
    issuers = {
        node: sorted(str(o).rsplit("/", 1)[-1] for o in graph.objects(node, T.issuer))
        for node in graph.subjects(RDF.type, T.Instrument)
    }
    assert sorted(issuers.values()) == [["BRA"], ["CUB"], ["NIC"], ["RUS"]]
    assert all(d.date == "2016-10-24" for d in doc.instruments)


def test_issue_17_instrument_and_meeting_named_in_english_and_russian(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    graph = to_rdf(statement("moscow", "a.txt"), ids, is_state)
    instrument = ids.thing("instrument", "rus-uzb-2021-11-19-joint-statement")
    meeting = ids.thing("meeting", "rus-uzb-2021-11-19-moscow")
    labels = {(str(o), o.language) for o in graph.objects(instrument, RDFS.label)}
    assert labels == {
        ("Joint statement of Russia and Uzbekistan, Moscow, 19 November 2021", "en"),
        ("Совместное заявление России и Узбекистана, Москва, 19 ноября 2021 г.", "ru"),
    }
    assert {o.language for o in graph.objects(meeting, RDFS.label)} == {"en", "ru"}


def test_a_source_title_is_the_label_in_its_language(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    doc = statement("moscow", "a.txt")
    titled = replace(doc, instruments=(replace(doc.instruments[0], title="Совместное заявление"),))
    graph = to_rdf(titled, ids, is_state)
    instrument = ids.thing("instrument", "rus-uzb-2021-11-19-joint-statement")
    labels = {o.language: str(o) for o in graph.objects(instrument, RDFS.label)}
    assert labels["ru"] == "Совместное заявление"
    assert labels["en"].startswith("Joint statement of Russia and Uzbekistan")


def test_issue_17_quote_keeps_its_sentence_as_prefix_and_suffix(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    text = "Вступление. Россия и Узбекистан выступают за повышение роли МСЭ в мире. Конец."
    start = text.index("повышение")
    doc = replace(
        statement("moscow", "a.txt"),
        text=text,
        instruments=(
            Instrument(
                "joint-statement",
                "adopted",
                Span.of(text, 12, 31),
                issuers=("RUS", "UZB"),
                positions=(
                    Position(
                        "itu-role",
                        "supports",
                        Span.of(text, start, start + len("повышение роли МСЭ")),
                    ),
                ),
            ),
        ),
        meetings=(),
    )
    graph = to_rdf(doc, ids, is_state)
    exact = next(s for s, o in graph.subject_objects(OA.exact) if str(o).startswith("повышение"))
    assert str(graph.value(exact, OA.prefix)) == "Россия и Узбекистан выступают за "
    assert str(graph.value(exact, OA.suffix)) == " в мире."


def test_issue_17_key_of_a_source_s_own_instrument_is_readable_and_keeps_the_old_one(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    doc = statement("moscow", "001_876ecc46e4de017f.txt")
    undated = replace(doc, instruments=(replace(doc.instruments[0], date="2021"),), meetings=())
    graph = to_rdf(undated, ids, is_state)
    node = ids.thing("instrument", "rus-uzb-2021-joint-statement-001_876ecc46e4de017f")
    assert (node, RDF.type, T.Instrument) in graph
    assert set(graph.objects(node, T.formerIri)) == {
        ids.thing("instrument", "001_876ecc46e4de017f-0")
    }


def test_issue_17_a_shared_key_holds_the_year_and_keeps_the_year_less_one_as_former(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    graph = to_rdf(statement("moscow", "a.txt"), ids, is_state)
    assert set(graph.subject_objects(T.formerIri)) == {
        (
            ids.thing("instrument", "rus-uzb-2021-11-19-joint-statement"),
            ids.thing("instrument", "rus-uzb-11-19-joint-statement"),
        ),
        (
            ids.thing("meeting", "rus-uzb-2021-11-19-moscow"),
            ids.thing("meeting", "rus-uzb-11-19-moscow"),
        ),
    }


def test_a_year_less_shared_key_keeps_no_former_key(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    doc = statement("moscow", "a.txt")
    yearless = replace(
        doc,
        instruments=(replace(doc.instruments[0], date="--11-19"),),
        meetings=(replace(doc.meetings[0], date="--11-19"),),
    )
    graph = to_rdf(yearless, ids, is_state)
    assert ids.thing("instrument", "rus-uzb-11-19-joint-statement") in set(graph.subjects())
    assert not list(graph.triples((None, T.formerIri, None)))


def test_each_intervention_of_a_meeting_record_is_made_at_its_meeting(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    record = (
        ROOT / "tests" / "data" / "extract" / "transcripts" / "03_undis-first-committee-2016.txt"
    )
    graph = to_rdf(extract(record.read_text("utf-8"), record.name), ids, is_state)
    meetings = set(graph.subjects(RDF.type, T.Meeting))
    statements = set(graph.subjects(T.instrumentType, ids.instrument_type("statement")))
    assert len(meetings) == 1 and len(statements) == 3  # NAM (through Indonesia), Russia, US
    assert {o for s in statements for o in graph.objects(s, T.madeAt)} == meetings
    assert all(graph.value(s, T.madeAt) is not None for s in statements)


def test_a_joint_statement_reported_with_its_talks_is_made_at_nothing(
    ids: Ids, is_state: Callable[[str], bool]
) -> None:
    text = ROOT / "corpus" / "texts" / "000_65bda562d0d878a3.txt"
    graph = to_rdf(extract(text.read_text("utf-8"), text.name), ids, is_state)
    assert not list(graph.subject_objects(T.madeAt))
