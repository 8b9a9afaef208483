"""The SHACL shapes: valid cases conform, invalid ones fail with the message they expect.

Cases are files under ``tests/data/shapes/``. Each is validated as the pipeline validates a
source (see ``graph/validate.py``): the file's triples, which include the ``rdf:type`` of the
reference things it points to, plus the concepts it names (and their schemes) as
``ontology/reference/concepts.ttl`` describes them.
Every ``invalid/*.ttl`` opens with ``# expect: <part of an sh:message>`` lines; it must fail,
and every violation must carry one of those messages, so a case fails for its reason only.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from graph.model import Document, Instrument, Meeting, Participant, Person, Position, Span
from graph.namespaces import DEFAULT_BASE, SH, Ids, T
from graph.paths import ONTOLOGY_FILE, REFERENCE_DIR, reference_files
from graph.to_rdf import to_rdf
from graph.validate import TypeIndex, conformance, shapes_graph

DATA = Path(__file__).resolve().parents[1] / "data" / "shapes"
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.suffix in {".ttl", ".trig"})
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
LOGICAL = (SH["or"], SH["and"], SH.xone)
NESTED = (SH["not"], SH.qualifiedValueShape, SH.node)
NOT_CORE = (SH.sparql, SH.SPARQLConstraint, SH.target, SH.rule, SH.js, SH.JSConstraint)


@lru_cache(maxsize=1)
def concepts() -> Graph:
    return Graph().parse(REFERENCE_DIR / "concepts.ttl", format="turtle", publicID=DEFAULT_BASE)


def concepts_named_by(graph: Graph) -> Graph:
    """The concepts and schemes ``graph`` points to, and those they point to (a concept's
    scheme), as ``concepts.ttl`` describes them; the next ones by their type only, as a source
    points to them. Not every concept: the reference test checks those, and pyshacl takes
    ~20× longer over a case with all their 700 triples."""
    described = concepts()
    out = Graph()
    named = set(graph.objects())
    for _ in range(2):  # the concepts named, then their schemes
        reached = set()
        for node in named:
            for _, p, o in described.triples((node, None, None)):
                out.add((node, p, o))
                reached.add(o)
        named = reached
    for node in named:
        for cls in described.objects(node, RDF.type):
            out.add((node, RDF.type, cls))
    return out


def load(path: Path) -> Graph:
    """A case file as one graph (a TriG file's named graphs are merged)."""
    if path.suffix == ".trig":
        dataset = Dataset()
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(path, format="trig", publicID=DEFAULT_BASE)
        graph = Graph()
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
        return graph
    return Graph().parse(path, format="turtle", publicID=DEFAULT_BASE)


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """The ontology's ``rdfs:subClassOf`` triples: what makes a state an ``iis:Actor`` for
    ``sh:class`` (the pipeline gives each reference thing its superclasses instead)."""
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    hierarchy = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        hierarchy.add(triple)
    return hierarchy


def violations(data: Graph) -> list[str]:
    """One line per violation, ``focus: message``; empty when ``data`` conforms."""
    data = data + class_hierarchy()
    conforms, report = conformance(data, shapes_graph())
    lines = sorted(
        f"{report.value(result, SH.focusNode)}: {report.value(result, SH.resultMessage)}"
        for result in report.subjects(RDF.type, SH.ValidationResult)
    )
    assert conforms == (not lines)
    return lines


def with_concepts(case: Graph) -> Graph:
    return case + concepts_named_by(case)


def case_id(path: Path) -> str:
    return path.stem


# --- the cases ---------------------------------------------------------------------------


def test_there_are_valid_and_invalid_cases() -> None:
    assert VALID
    assert len(INVALID) >= 7


@pytest.mark.parametrize("path", VALID, ids=case_id)
def test_valid_case_conforms(path: Path) -> None:
    assert violations(with_concepts(load(path))) == []


@pytest.mark.parametrize("path", INVALID, ids=case_id)
def test_invalid_case_fails_with_its_expected_message(path: Path) -> None:
    expected = EXPECT.findall(path.read_text("utf-8"))
    assert expected, f"{path.name} names no '# expect: …' message"
    found = violations(with_concepts(load(path)))
    assert found, f"{path.name} conforms but should not"
    unexpected = [line for line in found if not any(e in line for e in expected)]
    assert not unexpected, unexpected
    for fragment in expected:
        assert any(fragment in line for line in found), (fragment, found)


# --- the shapes themselves ---------------------------------------------------------------


def nested_shapes(graph: Graph) -> set[object]:
    """Shapes inside sh:or / sh:not / qualified values: their parent reports their failure."""
    roots: list[object] = []
    for predicate in LOGICAL:
        for head in graph.objects(None, predicate):
            roots.extend(Collection(graph, head))
    for predicate in NESTED:
        roots.extend(graph.objects(None, predicate))
    seen: set[object] = set()
    while roots:
        node = roots.pop()
        if node in seen or not isinstance(node, BNode):
            continue
        seen.add(node)
        roots.extend(graph.objects(node, SH.property))
        roots.extend(graph.objects(node, SH.qualifiedValueShape))
    return seen


def test_every_reported_shape_has_an_english_message() -> None:
    graph = shapes_graph()
    targeted = {s for predicate in TARGETS for s in graph.subjects(predicate)}
    properties = set(graph.objects(None, SH.property)) - nested_shapes(graph)
    assert targeted and properties
    for shape in targeted | properties:
        messages = list(graph.objects(shape, SH.message))
        assert messages, f"no sh:message on {shape} (path {graph.value(shape, SH.path)})"
        for message in messages:
            assert isinstance(message, Literal) and message.language in (None, "en"), shape


def test_shapes_use_shacl_core_only() -> None:
    graph = shapes_graph()
    for term in NOT_CORE:
        assert (None, term, None) not in graph, term
        assert (None, None, term) not in graph, term


def test_shapes_name_no_thing_so_they_work_under_any_base() -> None:
    for node in shapes_graph().all_nodes():
        assert not str(node).startswith(DEFAULT_BASE + "id/"), node


def test_shapes_only_name_classes_and_properties_the_ontology_defines() -> None:
    known = {T[name] for name in T.__annotations__}
    for node in shapes_graph().all_nodes():
        if isinstance(node, URIRef) and str(node).startswith(str(T._NS)):
            assert node in known, node


# --- the reference data ------------------------------------------------------------------


def pointers_for_undefined(graph: Graph) -> Graph:
    """The rdf:type a source graph would carry for the states and places the data names."""
    kinds = {"state": T.State, "place": T.Place}
    out = Graph()
    for node in set(graph.objects()):
        for kind, cls in kinds.items():
            if (
                str(node).startswith(f"{DEFAULT_BASE}id/{kind}/")
                and (node, RDF.type, cls) not in graph
            ):
                out.add((node, RDF.type, cls))
    return out


def test_reference_concepts_organizations_and_agreements_conform() -> None:
    data = Graph()
    for name in ("concepts", "organizations", "agreements"):
        data.parse(REFERENCE_DIR / f"{name}.ttl", format="turtle", publicID=DEFAULT_BASE)
    places = REFERENCE_DIR / "places.ttl"
    if places.exists():
        data.parse(places, format="turtle", publicID=DEFAULT_BASE)
    assert violations(data + pointers_for_undefined(data)) == []


def test_what_to_rdf_writes_conforms_with_the_types_of_the_reference_it_points_to() -> None:
    reference = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for path in reference_files():
        reference.parse(path, format="turtle", publicID=DEFAULT_BASE)
    text = "Россия и Узбекистан выступают за повышение роли Международного союза электросвязи."
    itu = text.index("повышение")
    doc = Document(
        source="s1.txt",
        text=text,
        language="ru",
        publisher="TASS",
        published="--11-19",
        instruments=(
            Instrument(
                type="joint-statement",
                status="adopted",
                evidence=Span.of(text, 0, 19),
                date="2021-11-19",
                place="moscow",
                issuers=("RUS", "UZB"),
                agreements=("rus-uzb-2021-iis",),
                positions=(Position("itu-role", "supports", Span.of(text, itu, len(text) - 1)),),
            ),
        ),
        meetings=(
            Meeting(
                kind="talks",
                evidence=Span.of(text, 0, 19),
                participants=(Participant("RUS", "member"), Participant("CIS-EC", "secretariat")),
            ),
        ),
        persons=(Person("Vladimir Putin", Span.of(text, 0, 6), acts_for="RUS"),),
    )
    ids = Ids(DEFAULT_BASE)
    graph = to_rdf(doc, ids, lambda code: (ids.state(code), RDF.type, T.State) in reference)
    context = TypeIndex(reference, Graph().parse(ONTOLOGY_FILE, format="turtle")).context_for(graph)
    assert violations(graph + context) == []
