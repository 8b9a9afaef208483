"""Ingest: a text that fails SHACL is rejected whole and the store stays as it was; a report
that lacks the year joins the one dated instrument (or meeting) of its day."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from graph.errors import InvalidGraph, StoreUnavailable
from graph.ingest import Extracted, Failure, Pipeline, text_files
from graph.ingest import stored as store_items
from graph.namespaces import DEFAULT_BASE, Ids, T
from graph.reference import Reference
from graph.same_day import settle_store
from graph.settings import Settings
from graph.store import ReplaceResult, Store, open_store
from graph.summary import summarize
from graph.to_rdf import to_rdf
from graph.validate import shapes_graph
from tests.conftest import ROOT, SEED_TEXTS, rus_uzb_statement

TEXTS = ROOT / "corpus" / "texts"

# A deployment's extra rule: an instrument with positions must be dated. Seed 001's draft is not.
DATED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iis: <https://w3id.org/iisgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<urn:test:DatedInstrument> a sh:NodeShape ;
    sh:targetObjectsOf iis:statedIn ;
    sh:property [ sh:path dcterms:date ; sh:minCount 1 ;
                  sh:message "An instrument must be dated" ] .
"""


def strict_pipeline(store: Store) -> Pipeline:
    shapes = Graph() + shapes_graph()
    shapes.parse(data=DATED, format="turtle")
    return Pipeline(store.ids.base, shapes=shapes)


def dump(store: Store) -> list[bytes]:
    return sorted(store.export("application/n-quads").splitlines())


def test_text_failing_shacl_leaves_store_unchanged(store: Store) -> None:
    Pipeline(store.ids.base).ingest(store, [TEXTS / "002_ed7b2ff3aa98ea85.txt"])
    before = dump(store)
    outcomes = strict_pipeline(store).ingest(store, [TEXTS / "001_876ecc46e4de017f.txt"])
    assert isinstance(outcomes[0], Failure)
    assert "An instrument must be dated" in outcomes[0].reason
    assert "001_876ecc46e4de017f.txt" in outcomes[0].reason
    assert dump(store) == before


def test_failing_text_does_not_replace_its_earlier_version(store: Store) -> None:
    draft = TEXTS / "001_876ecc46e4de017f.txt"
    Pipeline(store.ids.base).ingest(store, [draft])
    before = dump(store)
    with pytest.raises(InvalidGraph):
        strict_pipeline(store).graph_of_file(draft)
    strict_pipeline(store).ingest(store, [draft])
    assert dump(store) == before


def test_other_texts_are_stored_when_one_fails(store: Store) -> None:
    outcomes = strict_pipeline(store).ingest(store, list(SEED_TEXTS))
    failed = [o for o in outcomes if isinstance(o, Failure)]
    stored = [o for o in outcomes if isinstance(o, ReplaceResult)]
    assert [Path(f.path).name for f in failed] == ["001_876ecc46e4de017f.txt"]
    assert len(stored) == 4
    assert store.source_ids() == sorted(o.source_id for o in stored)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        text_files([tmp_path / "nope"])


def test_an_unlisted_organization_is_stored_with_its_evidence_but_not_listed_as_known() -> None:
    pipeline = Pipeline(DEFAULT_BASE)
    text = (
        "МОСКВА, 13 апреля. /ТАСС/. Совместное заявление России и Белоруссии о сотрудничестве "
        "в области международной информационной безопасности принято в Минске. Об этом сообщили "
        "в пресс-службе Совета Безопасности Российской Федерации."
    )
    item = pipeline.graph_of_text(text, "u.txt")
    unlisted = list(item.graph.subjects(RDF.type, T.UnlistedOrganization))
    assert len(unlisted) == 1
    assert str(item.graph.value(unlisted[0], RDFS.label)) == "Совет Безопасности"
    assert str(unlisted[0]).endswith("/id/unlisted-organization/sovet-bezopasnosti")
    assert item.graph.value(unlisted[0], T.evidence) is not None
    store = open_store(Settings(store=":memory:"))
    pipeline.ensure_reference(store)
    store.replace_source(item.source_id, item.graph)
    assert summarize(store, item.source_id)["organizations_mentioned"] == []


def test_a_batch_the_store_refuses_is_reported_with_its_sources_and_a_rerun_stores_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = list(SEED_TEXTS)
    refused = files[2].stem  # the batch holding the third text fails (and the text, alone)
    one, many = store.replace_source, store.replace_sources

    def refuse_one(source_id: str, graph: Graph) -> ReplaceResult:
        if source_id == refused:
            raise StoreUnavailable("the server is busy")
        return one(source_id, graph)

    def refuse_many(items: Sequence[tuple[str, Graph]]) -> list[ReplaceResult]:
        if any(source_id == refused for source_id, _ in items):
            raise StoreUnavailable("the server is busy")
        return many(items)

    monkeypatch.setattr(store, "replace_source", refuse_one)
    monkeypatch.setattr(store, "replace_sources", refuse_many)
    outcomes = Pipeline(store.ids.base).ingest(store, files, batch=2)
    failed = [o for o in outcomes if isinstance(o, Failure)]
    stored = [o.source_id for o in outcomes if isinstance(o, ReplaceResult)]
    batch = [f.stem for f in files[2:4]]
    assert [f.path for f in failed] == batch
    assert all("the server is busy" in f.reason for f in failed)
    assert all(", ".join(batch) in f.reason for f in failed)  # the batch names its sources
    assert sorted(stored + batch) == sorted(f.stem for f in files)
    assert sorted(store.source_ids()) == sorted(stored)

    monkeypatch.undo()
    again = Pipeline(store.ids.base).ingest(store, files, batch=2)
    assert all(isinstance(o, ReplaceResult) for o in again)
    assert {o.source_id for o in again if isinstance(o, ReplaceResult) and o.changed} == set(batch)
    assert sorted(store.source_ids()) == sorted(f.stem for f in files)


@pytest.mark.slow  # worker processes
def test_two_workers_store_what_one_worker_stores(tmp_path: Path) -> None:
    def quads(workers: int) -> set[bytes]:
        store = open_store(Settings(store=str(tmp_path / f"store-{workers}")))
        outcomes = Pipeline(DEFAULT_BASE).ingest(store, list(SEED_TEXTS), workers=workers)
        assert all(isinstance(o, ReplaceResult) for o in outcomes)
        dumped = store.export("application/n-quads").splitlines()
        store.close()
        return {line for line in dumped if b"_:" not in line}  # blank node labels differ

    assert quads(2) == quads(1)


# -- issue 17: shared keys hold the year; a report lacking it joins the dated node of its day --

RU_REPORT = TEXTS / "000_65bda562d0d878a3.txt"  # TASS in Russian: "в пятницу", no year
EN_REPORT = TEXTS / "003_5ee55c2dbda9f476.txt"  # the same joint statement in English, dated
DELHI = TEXTS / "12_ria-sco-new-delhi.txt"  # the SCO's New Delhi Declaration, 4 July 2023
ASTANA = TEXTS / "10_tass-sco-astana-2024.txt"  # its Astana Declaration, "July 4", no year
YEARLESS = "rus-uzb-11-19-joint-statement"


def claims(store: Store, cls: str) -> dict[str, set[str]]:
    """Each node of ``cls`` (by key) and the sources whose graphs describe it."""
    rows = store.select(
        f"PREFIX iis: <{T}> SELECT ?node ?g WHERE {{ GRAPH ?g {{ ?node a iis:{cls} }} }}"
    )
    out: dict[str, set[str]] = {}
    for row in rows:
        key = str(row["node"]).rsplit("/", 1)[-1]
        out.setdefault(key, set()).add(str(row["g"]).rsplit("/", 1)[-1])
    return out


def joint_statement(ids: Ids, name: str, date: str, place: str | None, times: int = 1) -> Extracted:
    """The joint statement of Russia and Uzbekistan on ``date`` at ``place``, as source
    ``name`` (named ``times`` times in it)."""
    doc = rus_uzb_statement(f"{name}.txt", date=date, place=place, times=times)
    reference = Reference.load(ids.base)
    return Extracted(name, to_rdf(doc, ids, reference.is_state, reference))


@pytest.mark.parametrize("order", [[RU_REPORT, EN_REPORT], [EN_REPORT, RU_REPORT]])
def test_yearless_report_joins_the_dated_instrument_of_the_same_day(
    store: Store, order: list[Path]
) -> None:
    for path in order:  # one at a time: the year-less one may be stored first and re-keyed
        Pipeline(store.ids.base).ingest(store, [path])
    both = {RU_REPORT.stem, EN_REPORT.stem}
    assert claims(store, "JointStatement") == {"rus-uzb-2021-11-19-joint-statement": both}
    assert claims(store, "Meeting") == {"rus-uzb-2021-11-19-moscow": both}
    # each source still says what it says: the Russian report knows no year
    assert summarize(store, RU_REPORT.stem)["instruments"][0]["date"] == "--11-19"


def test_yearless_report_and_the_dated_one_in_one_batch_are_one_instrument(store: Store) -> None:
    outcomes = Pipeline(store.ids.base).ingest(store, [RU_REPORT, EN_REPORT], batch=2)
    assert [o.source_id for o in outcomes if isinstance(o, ReplaceResult)] == [
        RU_REPORT.stem,
        EN_REPORT.stem,
    ]
    assert list(claims(store, "JointStatement")) == ["rus-uzb-2021-11-19-joint-statement"]


def test_same_day_of_two_years_stays_two_instruments(store: Store) -> None:
    # The Astana report gives no year and its place is not New Delhi: nothing joins them.
    Pipeline(store.ids.base).ingest(store, [DELHI, ASTANA])
    assert claims(store, "Declaration") == {
        "sco-2023-07-04-declaration": {DELHI.stem},
        "sco-07-04-declaration": {ASTANA.stem},
    }
    assert summarize(store, ASTANA.stem)["instruments"][0]["holders"] == []


@pytest.mark.parametrize(
    "order",
    [["2020", "yearless", "2021"], ["yearless", "2020", "2021"], ["2021", "2020", "yearless"]],
)
def test_a_yearless_report_between_two_years_keeps_its_yearless_key(
    store: Store, order: list[str]
) -> None:
    dates = {"2020": "2020-11-19", "2021": "2021-11-19", "yearless": "--11-19"}
    for name in order:
        store_items(store, [joint_statement(store.ids, name, dates[name], None)])
    assert claims(store, "JointStatement") == {
        "rus-uzb-2020-11-19-joint-statement": {"2020"},
        "rus-uzb-2021-11-19-joint-statement": {"2021"},
        YEARLESS: {"yearless"},
    }


def test_a_yearless_report_joins_the_one_dated_instrument_whose_place_agrees(
    store: Store,
) -> None:
    store_items(store, [joint_statement(store.ids, "moscow", "2020-11-19", "moscow")])
    store_items(store, [joint_statement(store.ids, "tashkent", "2021-11-19", "tashkent")])
    store_items(store, [joint_statement(store.ids, "yearless", "--11-19", "tashkent")])
    assert claims(store, "JointStatement")["rus-uzb-2021-11-19-joint-statement"] == {
        "tashkent",
        "yearless",
    }


def test_a_joined_report_keeps_its_yearless_key_as_former_one(store: Store) -> None:
    store_items(store, [joint_statement(store.ids, "yearless", "--11-19", None)])
    store_items(store, [joint_statement(store.ids, "dated", "2021-11-19", None)])
    graph = store.graph_of(store.ids.source_graph("yearless"))
    dated = store.ids.thing("instrument", "rus-uzb-2021-11-19-joint-statement")
    assert set(graph.objects(dated, T.formerIri)) == {store.ids.thing("instrument", YEARLESS)}


def test_a_key_of_a_source_s_own_is_no_family_and_stays(store: Store) -> None:
    # The text names two year-less statements of that day: the second has a key of its own.
    store_items(store, [joint_statement(store.ids, "twice", "--11-19", None, times=2)])
    store_items(store, [joint_statement(store.ids, "dated", "2021-11-19", None)])
    assert claims(store, "JointStatement") == {
        "rus-uzb-2021-11-19-joint-statement": {"dated", "twice"},
        "rus-uzb-joint-statement-twice": {"twice"},
    }
    assert settle_store(store) == []


def test_a_bulk_load_left_apart_is_joined_by_settling_the_store(store: Store) -> None:
    # A server's own loader stores each graph as extracted; iisgraph derive settles them.
    for name, date in (("yearless", "--11-19"), ("dated", "2021-11-19")):
        item = joint_statement(store.ids, name, date, None)
        store.replace_source(item.source_id, item.graph)
    assert YEARLESS in claims(store, "JointStatement")
    assert settle_store(store) == ["yearless"]
    assert claims(store, "JointStatement") == {
        "rus-uzb-2021-11-19-joint-statement": {"dated", "yearless"}
    }


def test_a_dated_report_read_again_otherwise_gives_the_joined_one_its_key_back(
    store: Store,
) -> None:
    store_items(store, [joint_statement(store.ids, "yearless", "--11-19", None)])
    store_items(store, [joint_statement(store.ids, "dated", "2021-11-19", None)])
    store_items(store, [joint_statement(store.ids, "dated", "2021-11-20", None)])
    assert claims(store, "JointStatement") == {
        "rus-uzb-2021-11-20-joint-statement": {"dated"},
        YEARLESS: {"yearless"},
    }


def test_a_correction_of_a_yearless_instrument_follows_it_to_its_key_with_the_year(
    store: Store,
) -> None:
    from graph.curation import create_act
    from graph.curators import Curator
    from tests.conftest import instrument_act
    from tests.graph.test_review import BASE

    pipeline = Pipeline(store.ids.base)
    pipeline.ingest(store, [RU_REPORT])
    yearless = store.ids.thing("instrument", YEARLESS)
    made = create_act(
        store, instrument_act(str(yearless), f"{BASE}id/place/tashkent"), Curator("a")
    )
    pipeline.ingest(store, [EN_REPORT])  # the year-less node joins the dated one
    dated = store.ids.thing("instrument", "rus-uzb-2021-11-19-joint-statement")
    rows = store.select(
        f"PREFIX iis: <{T}> SELECT ?i ?place ?act ?status WHERE {{ ?i iis:curatedPlace ?place ; "
        "iis:reviewedIn ?act . ?act iis:anchorStatus ?status }"
    )
    assert [(str(r["i"]), str(r["place"]), str(r["act"]), str(r["status"])) for r in rows] == [
        (str(dated), f"{BASE}id/place/tashkent", str(made.iri), "anchored")
    ]
