"""The ontology and the reference data it types: concepts, organizations, agreements.

The ontology is the public contract: every term the code uses (``graph.namespaces.T``) is
defined, in English and Russian, on top of the W3C vocabularies. The reference files are
checked as facts: the topics of ``spec/vocabulary.md``, the organizations with their units, the
dated memberships (who was a member on a given day), the known agreements.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph.namespaces import DEFAULT_BASE, FOAF, IIS, OA, ORG, PROV, T
from graph.paths import ONTOLOGY_FILE, REFERENCE_DIR

ONTOLOGY = URIRef("https://w3id.org/iisgraph/ontology")
CONCEPTS_FILE = REFERENCE_DIR / "concepts.ttl"
ORGANIZATIONS_FILE = REFERENCE_DIR / "organizations.ttl"
AGREEMENTS_FILE = REFERENCE_DIR / "agreements.ttl"
STATES_FILE = REFERENCE_DIR / "states.ttl"
PLACES_FILE = REFERENCE_DIR / "places.ttl"
MY_REFERENCE_FILES = (CONCEPTS_FILE, ORGANIZATIONS_FILE, AGREEMENTS_FILE)

ID = Namespace(DEFAULT_BASE + "id/")
# Plain namespaces: rdflib's closed XSD and TIME warn when pytest probes module attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TIME = Namespace("http://www.w3.org/2006/time#")
WIKIDATA_ITEM = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# spec/vocabulary.md, "Position topics".
TOPICS = (
    "itu-role",
    "internet-governance-equal-rights",
    "un-central-role",
    "un-norms",
    "legally-binding-instrument",
    "cybercrime-convention",
    "un-negotiation-process",
    "state-sovereignty",
    "non-interference",
    "conflict-prevention",
    "peaceful-use",
    "counter-terrorism-crime",
    "critical-infrastructure",
    "hate-propaganda",
    "international-law",
    "human-rights",
    "technical-standards",
    "fair-business-environment",
    "cooperation",
    "agreement-implementation",
    "ict-threats",
)
SCHEMES = {
    "topics": (T.Topic, TOPICS),
    "stances": (T.Stance, ("supports", "opposes", "concerned")),
    "instrument-types": (
        T.InstrumentType,
        (
            "joint-statement",
            "statement",
            "declaration",
            "agreement",
            "resolution",
            "communique",
            "convention",
        ),
    ),
    "instrument-statuses": (T.InstrumentStatus, ("draft", "adopted", "signed", "in-force")),
    "participant-roles": (
        T.ParticipantRole,
        ("member", "observer", "guest", "chair", "secretariat"),
    ),
    "membership-roles": (T.MembershipRole, ("member", "associate-member", "observer")),
    "meeting-kinds": (
        T.MeetingKind,
        (
            "talks",
            "summit",
            "session",
            "consultations",
            "expert-meeting",
            "conference",
            "meeting",
        ),
    ),
}
CONCEPT_KIND = {
    "topics": "topic",
    "stances": "stance",
    "instrument-types": "instrument-type",
    "instrument-statuses": "instrument-status",
    "participant-roles": "participant-role",
    "membership-roles": "membership-role",
    "meeting-kinds": "meeting-kind",
}

# spec/vocabulary.md, "Organizations", corpus/SOURCES-dev.md, "New identifiers", and the project's
# own extensions (docs/vocabulary.md): unit -> parent.
ORGANIZATIONS = (
    "UN",
    "ITU",
    "SCO",
    "CSTO",
    "CIS",
    "BRICS",
    "EAEU",
    "ASEAN",
    "EU",
    "NATO",
    "OSCE",
    "COE",
    "G7",
    "G20",
    "EAS",
    "ARF",
    "APEC",
    "AU",
    "OAS",
    "CICA",
    "LAS",
    "OIC",
    "GCC",
    "UNIONSTATE",
    "MERCOSUR",
    "QUAD",
    "FVEY",
    "FOC",
    "NONALIGNED",
    "CELAC",
    "G77",
    "ARABGROUP",
    "AFRICANGROUP",
)
UNITS = {
    "UN-OEWG-2019": "UN",
    "UN-OEWG-2021": "UN",
    "UN-GGE": "UN",
    "UN-AHC": "UN",
    "UN-IEG": "UN",
    "SCO-CHS": "SCO",
    "SCO-CHG": "SCO",
    "SCO-CFM": "SCO",
    "SCO-SEC": "SCO",
    "SCO-RATS": "SCO",
    "CSTO-CFM": "CSTO",
    "CSTO-CSC": "CSTO",
    "CSTO-SEC": "CSTO",
    "CSTO-CSSC": "CSTO",
    "CSTO-PA": "CSTO",
    "CIS-CHS": "CIS",
    "CIS-CHG": "CIS",
    "CIS-CFM": "CIS",
    "CIS-EC": "CIS",
    "CIS-IPA": "CIS",
    "EAEU-SEEC": "EAEU",
    "NATO-NAC": "NATO",
}
AGREEMENTS = (
    "sco-2009-iis",
    "csto-2017-is",
    "cis-2013-is",
    "rus-uzb-2021-iis",
    "rus-chn-2015-iis",
    "csto-2016-instructions",
    "un-2024-cybercrime",
    "coe-2001-budapest",
    "rus-nic-2021-iis",
    "rus-zaf-2017-iis",
)

MEMBERS_ON = """
SELECT DISTINCT ?state WHERE {
  ?membership a org:Membership ;
      org:organization ?organization ;
      org:member ?state ;
      org:role ?role ;
      org:memberDuring ?period .
  ?period time:hasBeginning/time:inXSDDate ?start .
  OPTIONAL { ?period time:hasEnd/time:inXSDDate ?end }
  FILTER(?start <= ?day && (!BOUND(?end) || ?day < ?end))
}"""


def parse(path: Path, base: str = DEFAULT_BASE) -> Graph:
    return Graph().parse(path, format="turtle", publicID=base)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def concepts() -> Graph:
    return parse(CONCEPTS_FILE)


@pytest.fixture(scope="module")
def organizations() -> Graph:
    return parse(ORGANIZATIONS_FILE)


@pytest.fixture(scope="module")
def agreements() -> Graph:
    return parse(AGREEMENTS_FILE)


def code(iri: object) -> str:
    return str(iri).rsplit("/", 1)[-1]


def members_on(graph: Graph, organization: str, day: str, role: str = "member") -> set[str]:
    """The codes of the states with ``role`` in ``organization`` on ``day`` (start <= day < end)."""
    rows = graph.query(
        MEMBERS_ON,
        initNs={"org": ORG, "time": TIME},
        initBindings={
            "organization": ID[f"organization/{organization}"],
            "role": ID[f"membership-role/{role}"],
            "day": Literal(day, datatype=XSD.date),
        },
    )
    return {code(row[0]) for row in rows}


def terms_of_t() -> list[URIRef]:
    return [T[name] for name in T.__annotations__]


def declared_iis_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        term
        for kind in kinds
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and str(term).startswith(str(IIS))
    }


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(
        str(o.language) for o in graph.objects(subject, predicate) if isinstance(o, Literal)
    )


def union_members(graph: Graph, node: object) -> set[object]:
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return set(Collection(graph, union))
    return {node}


# --- the ontology ------------------------------------------------------------------------


def test_ontology_names_itself_with_version_title_description_and_license(
    ontology: Graph,
) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, OWL.versionInfo) is not None
    assert languages(ontology, ONTOLOGY, DCTERMS.title) == ["en", "ru"]
    assert languages(ontology, ONTOLOGY, DCTERMS.description) == ["en", "ru"]
    assert isinstance(ontology.value(ONTOLOGY, DCTERMS.license), URIRef)


def test_every_term_the_code_uses_is_declared_with_its_kind(ontology: Graph) -> None:
    for term in terms_of_t():
        name = str(term).rsplit("#", 1)[-1]
        if name[0].isupper():
            assert (term, RDF.type, OWL.Class) in ontology, term
        else:
            kinds = set(ontology.objects(term, RDF.type))
            assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, term


def test_ontology_defines_exactly_the_terms_the_code_uses(ontology: Graph) -> None:
    assert declared_iis_terms(ontology) == set(terms_of_t())


def test_every_class_and_property_has_an_english_and_a_russian_label_and_a_definition(
    ontology: Graph,
) -> None:
    for term in declared_iis_terms(ontology):
        assert languages(ontology, term, RDFS.label) == ["en", "ru"], term
        assert "en" in languages(ontology, term, RDFS.comment), term
        assert (term, RDFS.isDefinedBy, ONTOLOGY) in ontology, term


def test_every_property_has_a_domain_and_a_range(ontology: Graph) -> None:
    for term in declared_iis_terms(ontology):
        if (term, RDF.type, OWL.Class) in ontology:
            continue
        assert ontology.value(term, RDFS.domain) is not None, term
        assert ontology.value(term, RDFS.range) is not None, term


def test_object_properties_range_over_classes_and_datatype_properties_over_datatypes(
    ontology: Graph,
) -> None:
    for term in declared_iis_terms(ontology):
        range_ = ontology.value(term, RDFS.range)
        if (term, RDF.type, OWL.DatatypeProperty) in ontology:
            assert str(range_).startswith((str(XSD), str(RDF))), term
        elif (term, RDF.type, OWL.ObjectProperty) in ontology:
            for member in union_members(ontology, range_):
                assert not str(member).startswith(str(XSD)), term


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (T.State, T.Actor),
        (T.Organization, T.Actor),
        (T.OrganizationalUnit, T.Actor),
        (T.Actor, FOAF.Agent),
        (T.Organization, ORG.FormalOrganization),
        (T.OrganizationalUnit, ORG.OrganizationalUnit),
        (T.Person, FOAF.Person),
        (T.SourceText, PROV.Entity),
        (T.Agreement, T.Instrument),
        (T.Convention, T.Agreement),
        (T.Statement, T.Instrument),
        (T.JointStatement, T.Statement),
        (T.Declaration, T.Instrument),
        (T.Resolution, T.Instrument),
        (T.Communique, T.Instrument),
        (T.Topic, SKOS.Concept),
        (T.Stance, SKOS.Concept),
        (T.InstrumentType, SKOS.Concept),
        (T.InstrumentStatus, SKOS.Concept),
        (T.ParticipantRole, SKOS.Concept),
        (T.MembershipRole, SKOS.Concept),
        (T.MeetingKind, SKOS.Concept),
    ],
    ids=lambda term: str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
)
def test_classes_build_on_the_w3c_vocabularies(
    ontology: Graph, cls: URIRef, parent: URIRef
) -> None:
    assert (cls, RDFS.subClassOf, parent) in ontology


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        (T.topic, T.Position, T.Topic),
        (T.stance, T.Position, T.Stance),
        (T.statedIn, T.Position, T.Instrument),
        (T.instrumentType, T.Instrument, T.InstrumentType),
        (T.status, T.Instrument, T.InstrumentStatus),
        (T.evidence, None, OA.SpecificResource),
        (T.viaMembership, T.Holding, ORG.Membership),
        (T.participant, T.Participation, T.Actor),
        (T.role, T.Participation, T.ParticipantRole),
        (T.virtual, T.Meeting, XSD.boolean),
        (T.text, T.SourceText, XSD.string),
    ],
    ids=lambda term: str(term).rsplit("#", 1)[-1] if term is not None else "-",
)
def test_properties_connect_the_right_classes(
    ontology: Graph, prop: URIRef, domain: URIRef | None, range_: URIRef
) -> None:
    if domain is not None:
        assert domain in domain_classes(ontology, prop)
    assert (prop, RDFS.range, range_) in ontology


def domain_classes(ontology: Graph, prop: URIRef) -> set[URIRef]:
    """The classes of a property's domain: the class, or each member of a union."""
    out: set[URIRef] = set()
    for domain in ontology.objects(prop, RDFS.domain):
        union = ontology.value(domain, OWL.unionOf)
        members = Collection(ontology, union) if union is not None else [domain]
        out.update(m for m in members if isinstance(m, URIRef))
    return out


def test_position_holder_is_the_chain_stated_in_then_holder(ontology: Graph) -> None:
    chain = ontology.value(T.positionHolder, OWL.propertyChainAxiom)
    assert chain is not None
    assert list(Collection(ontology, chain)) == [T.statedIn, T.holder]


def test_terms_of_other_vocabularies_are_declared_but_not_redefined(ontology: Graph) -> None:
    for subject, predicate, _ in ontology:
        external = isinstance(subject, URIRef) and not str(subject).startswith(str(IIS))
        if external and subject != ONTOLOGY:
            assert predicate == RDF.type, (subject, predicate)


# --- concepts ----------------------------------------------------------------------------


def test_the_topic_scheme_has_every_topic_of_the_vocabulary(concepts: Graph) -> None:
    scheme = ID["scheme/topics"]
    in_scheme = {code(c) for c in concepts.subjects(SKOS.inScheme, scheme)}
    assert in_scheme == set(TOPICS)
    assert len(TOPICS) == 21


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_english_and_russian_labels_and_definitions(
    concepts: Graph, topic: str
) -> None:
    node = ID[f"topic/{topic}"]
    assert (node, RDF.type, T.Topic) in concepts
    assert (node, RDF.type, SKOS.Concept) in concepts
    assert languages(concepts, node, SKOS.prefLabel) == ["en", "ru"]
    assert languages(concepts, node, RDFS.label) == ["en", "ru"]
    assert languages(concepts, node, SKOS.definition) == ["en", "ru"]
    assert (node, SKOS.topConceptOf, ID["scheme/topics"]) in concepts


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_holds_exactly_its_concepts_typed_with_their_class(
    concepts: Graph, scheme: str
) -> None:
    cls, ids = SCHEMES[scheme]
    node = ID[f"scheme/{scheme}"]
    assert (node, RDF.type, SKOS.ConceptScheme) in concepts
    assert languages(concepts, node, SKOS.prefLabel) == ["en", "ru"]
    members = set(concepts.subjects(SKOS.inScheme, node))
    assert members == {ID[f"{CONCEPT_KIND[scheme]}/{i}"] for i in ids}
    for member in members:
        assert (member, RDF.type, cls) in concepts, member
        assert (member, RDF.type, SKOS.Concept) in concepts, member
        assert (node, SKOS.hasTopConcept, member) in concepts, member
        assert concepts.value(member, T.publicId) == Literal(code(member)), member
        assert concepts.value(member, SKOS.notation) == Literal(code(member)), member


# --- organizations -----------------------------------------------------------------------


def test_every_organization_of_the_vocabulary_is_present(organizations: Graph) -> None:
    found = {code(o) for o in organizations.subjects(RDF.type, T.Organization)}
    assert found == set(ORGANIZATIONS)
    for org_id in ORGANIZATIONS:
        node = ID[f"organization/{org_id}"]
        assert (node, RDF.type, ORG.FormalOrganization) in organizations
        assert organizations.value(node, T.publicId) == Literal(org_id)


def test_every_unit_links_to_its_parent_both_ways(organizations: Graph) -> None:
    found = {code(u) for u in organizations.subjects(RDF.type, T.OrganizationalUnit)}
    assert found == set(UNITS)
    for unit_id, parent_id in UNITS.items():
        unit, parent = ID[f"organization/{unit_id}"], ID[f"organization/{parent_id}"]
        assert (unit, RDF.type, ORG.OrganizationalUnit) in organizations
        assert list(organizations.objects(unit, ORG.unitOf)) == [parent]
        assert (parent, ORG.hasUnit, unit) in organizations
        assert organizations.value(unit, T.publicId) == Literal(unit_id)


def test_every_organization_and_unit_has_one_english_and_one_russian_name(
    organizations: Graph,
) -> None:
    for cls in (T.Organization, T.OrganizationalUnit):
        for node in organizations.subjects(RDF.type, cls):
            assert languages(organizations, node, RDFS.label) == ["en", "ru"], node


@pytest.mark.parametrize(
    ("org_id", "language", "name"),
    [
        ("SCO", "ru", "ШОС"),
        ("SCO", "en", "SCO"),
        ("SCO", "ru", "Шанхайская организация сотрудничества"),
        ("SCO", "en", "Shanghai Cooperation Organization"),
        ("CSTO", "ru", "ОДКБ"),
        ("CSTO", "ru", "Организация Договора о коллективной безопасности"),
        ("CIS", "ru", "СНГ"),
        ("CIS", "ru", "Содружество Независимых Государств"),
        ("BRICS", "ru", "БРИКС"),
        ("UN", "ru", "ООН"),
        ("UN", "ru", "Организация Объединенных Наций"),
        ("UN", "ru", "Организация Объединённых Наций"),
        ("UN", "en", "United Nations"),
        ("UN", "en", "UN"),
        ("ITU", "ru", "МСЭ"),
        ("ITU", "ru", "Международный союз электросвязи"),
        ("UN-OEWG-2021", "ru", "РГОС"),
        ("UN-OEWG-2021", "ru", "Рабочая группа открытого состава"),
        ("UN-AHC", "ru", "Специальный комитет"),
        ("UN-GGE", "ru", "ГПЭ"),
        ("SCO-CHS", "ru", "Совет глав государств – членов ШОС"),
        ("CSTO-CFM", "ru", "Совет министров иностранных дел ОДКБ"),
        ("CSTO-CFM", "ru", "СМИД ОДКБ"),
        ("CSTO-SEC", "ru", "Секретариат ОДКБ"),
        ("CIS-EC", "ru", "Исполнительный комитет СНГ"),
        ("CIS-EC", "ru", "Исполком СНГ"),
        ("NATO-NAC", "en", "North Atlantic Council"),
    ],
)
def test_the_usual_names_of_an_organization_are_alternative_labels(
    organizations: Graph, org_id: str, language: str, name: str
) -> None:
    node = ID[f"organization/{org_id}"]
    assert Literal(name, lang=language) in set(organizations.objects(node, SKOS.altLabel))


def test_organization_wikidata_links_are_wikidata_items(organizations: Graph) -> None:
    assert (ID["organization/UN"], OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1065")) in (
        organizations
    )
    for node, item in organizations.subject_objects(OWL.sameAs):
        assert WIKIDATA_ITEM.fullmatch(str(item)), node


def test_sco_members_on_2020_11_10(organizations: Graph) -> None:
    assert members_on(organizations, "SCO", "2020-11-10") == {
        "CHN",
        "IND",
        "KAZ",
        "KGZ",
        "PAK",
        "RUS",
        "TJK",
        "UZB",
    }


def test_sco_members_on_2006_06_15_are_the_six_founders(organizations: Graph) -> None:
    assert members_on(organizations, "SCO", "2006-06-15") == {
        "CHN",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
    }


def test_sco_grows_with_iran_in_2023_and_belarus_on_2024_07_04(organizations: Graph) -> None:
    assert "IRN" not in members_on(organizations, "SCO", "2023-07-03")
    assert "IRN" in members_on(organizations, "SCO", "2023-07-04")
    assert "BLR" not in members_on(organizations, "SCO", "2024-07-03")
    assert len(members_on(organizations, "SCO", "2024-07-04")) == 10


def test_csto_members_on_2022_11_23(organizations: Graph) -> None:
    assert members_on(organizations, "CSTO", "2022-11-23") == {
        "ARM",
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
    }


def test_uzbekistan_was_in_the_csto_until_the_day_its_membership_ended(
    organizations: Graph,
) -> None:
    assert "UZB" in members_on(organizations, "CSTO", "2010-01-01")
    assert "UZB" in members_on(organizations, "CSTO", "2012-12-18")
    assert "UZB" not in members_on(organizations, "CSTO", "2012-12-19")
    assert "UZB" not in members_on(organizations, "CSTO", "2006-08-15")


def test_nato_had_28_members_at_the_wales_summit(organizations: Graph) -> None:
    assert len(members_on(organizations, "NATO", "2014-09-05")) == 28


def test_nato_has_32_members_since_sweden_joined(organizations: Graph) -> None:
    assert len(members_on(organizations, "NATO", "2024-03-06")) == 31
    assert len(members_on(organizations, "NATO", "2024-03-07")) == 32


def test_brics_members_on_2024_06_01_are_nine(organizations: Graph) -> None:
    assert members_on(organizations, "BRICS", "2024-06-01") == {
        "ARE",
        "BRA",
        "CHN",
        "EGY",
        "ETH",
        "IND",
        "IRN",
        "RUS",
        "ZAF",
    }
    assert "IDN" in members_on(organizations, "BRICS", "2025-01-06")


def test_turkmenistan_is_an_associate_not_a_full_member_of_the_cis_since_2005(
    organizations: Graph,
) -> None:
    assert "TKM" not in members_on(organizations, "CIS", "2020-08-21")
    assert "TKM" in members_on(organizations, "CIS", "2020-08-21", role="associate-member")
    assert "TKM" in members_on(organizations, "CIS", "2005-08-25")
    assert "TKM" not in members_on(organizations, "CIS", "2005-08-26")


def test_cis_members_on_2020_08_21(organizations: Graph) -> None:
    assert members_on(organizations, "CIS", "2020-08-21") == {
        "ARM",
        "AZE",
        "BLR",
        "KAZ",
        "KGZ",
        "MDA",
        "RUS",
        "TJK",
        "UZB",
    }


def test_georgia_and_ukraine_left_the_cis(organizations: Graph) -> None:
    assert {"GEO", "UKR"} <= members_on(organizations, "CIS", "2008-01-01")
    assert "GEO" not in members_on(organizations, "CIS", "2009-08-18")
    assert "UKR" in members_on(organizations, "CIS", "2018-05-18")
    assert "UKR" not in members_on(organizations, "CIS", "2018-05-19")
    assert "GEO" not in members_on(organizations, "CIS", "1993-12-02")


def test_eaeu_members_on_2016_01_01(organizations: Graph) -> None:
    assert members_on(organizations, "EAEU", "2016-01-01") == {"ARM", "BLR", "KAZ", "KGZ", "RUS"}
    assert "ARM" not in members_on(organizations, "EAEU", "2015-01-01")


def test_g7_is_the_seven_and_was_the_g8_with_russia_from_1997_to_2014(
    organizations: Graph,
) -> None:
    seven = {"CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"}
    assert members_on(organizations, "G7", "2023-05-20") == seven
    assert members_on(organizations, "G7", "2013-06-18") == seven | {"RUS"}
    assert "RUS" in members_on(organizations, "G7", "1997-06-20")  # Denver, "Summit of the Eight"
    assert "RUS" not in members_on(organizations, "G7", "1997-06-19")
    assert "RUS" not in members_on(organizations, "G7", "2014-03-24")
    assert "CAN" not in members_on(organizations, "G7", "1976-06-26")


def test_eu_has_27_members_since_the_united_kingdom_left(organizations: Graph) -> None:
    assert len(members_on(organizations, "EU", "2020-01-31")) == 28
    assert len(members_on(organizations, "EU", "2020-02-01")) == 27
    assert "HRV" not in members_on(organizations, "EU", "2013-06-30")


def test_eu_membership_is_dated_from_the_european_communities_it_continues(
    organizations: Graph,
) -> None:
    founders = {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}
    assert members_on(organizations, "EU", "1958-01-01") == founders
    assert len(members_on(organizations, "EU", "1973-01-01")) == 9
    assert len(members_on(organizations, "EU", "1986-01-01")) == 12


def test_asean_and_g20_members(organizations: Graph) -> None:
    assert len(members_on(organizations, "ASEAN", "2024-01-01")) == 10
    assert "TLS" in members_on(organizations, "ASEAN", "2025-10-26")
    assert len(members_on(organizations, "G20", "2024-11-18")) == 19
    assert members_on(organizations, "G20", "1999-12-15") == set()


def test_every_membership_follows_the_iri_scheme_and_its_period_is_well_formed(
    organizations: Graph,
) -> None:
    memberships = list(organizations.subjects(RDF.type, ORG.Membership))
    assert memberships
    for membership in memberships:
        org_id = code(organizations.value(membership, ORG.organization))
        state = code(organizations.value(membership, ORG.member))
        period = organizations.value(membership, ORG.memberDuring)
        assert (period, RDF.type, TIME.Interval) in organizations
        start_instant = organizations.value(period, TIME.hasBeginning)
        start = organizations.value(start_instant, TIME.inXSDDate)
        assert isinstance(start, Literal) and start.datatype == XSD.date, membership
        assert membership == ID[f"membership/{org_id}-{state}-{start}"]
        assert str(period) == f"{membership}#period"
        assert str(start_instant) == f"{membership}#start"
        end_instant = organizations.value(period, TIME.hasEnd)
        if end_instant is not None:
            end = organizations.value(end_instant, TIME.inXSDDate)
            assert str(end_instant) == f"{membership}#end"
            assert isinstance(end, Literal) and end.datatype == XSD.date, membership
            assert date.fromisoformat(str(start)) < date.fromisoformat(str(end)), membership


def test_no_state_holds_two_overlapping_memberships_of_one_organization(
    organizations: Graph,
) -> None:
    periods: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for membership in organizations.subjects(RDF.type, ORG.Membership):
        key = (
            code(organizations.value(membership, ORG.organization)),
            code(organizations.value(membership, ORG.member)),
        )
        period = organizations.value(membership, ORG.memberDuring)
        start = organizations.value(organizations.value(period, TIME.hasBeginning), TIME.inXSDDate)
        end_instant = organizations.value(period, TIME.hasEnd)
        end = organizations.value(end_instant, TIME.inXSDDate) if end_instant else None
        periods.setdefault(key, []).append((str(start), str(end) if end else "9999-12-31"))
    for key, spans in periods.items():
        spans.sort()
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, key


# --- agreements --------------------------------------------------------------------------


def test_every_agreement_id_is_present(agreements: Graph) -> None:
    found = {code(a) for a in agreements.subjects(RDF.type, T.Agreement)}
    assert found == set(AGREEMENTS)


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_every_agreement_has_id_names_titles_type_status_and_date(
    agreements: Graph, agreement_id: str
) -> None:
    node = ID[f"agreement/{agreement_id}"]
    assert (node, RDF.type, T.Instrument) in agreements
    assert agreements.value(node, T.publicId) == Literal(agreement_id)
    assert languages(agreements, node, RDFS.label) == ["en", "ru"]
    assert languages(agreements, node, DCTERMS.title) == ["en", "ru"]
    alt = languages(agreements, node, SKOS.altLabel)
    assert "en" in alt and "ru" in alt
    assert len(list(agreements.objects(node, T.instrumentType))) == 1
    assert len(list(agreements.objects(node, T.status))) == 1
    dates = list(agreements.objects(node, DCTERMS.date))
    assert len(dates) == 1 and isinstance(dates[0], Literal)
    assert dates[0].datatype in (XSD.date, XSD.gYear)
    assert str(dates[0]).startswith(re.findall(r"\d{4}", agreement_id)[0])
    assert list(agreements.objects(node, T.issuer)) or list(agreements.objects(node, T.party))


@pytest.mark.parametrize(
    ("agreement_id", "language", "name"),
    [
        (
            "sco-2009-iis",
            "ru",
            "Соглашение между правительствами государств-членов ШОС о сотрудничестве в области "
            "обеспечения международной информационной безопасности",
        ),
        (
            "csto-2017-is",
            "ru",
            "Соглашение о сотрудничестве в области обеспечения информационной безопасности",
        ),
        (
            "csto-2016-instructions",
            "ru",
            "коллективные указания постоянным представителям государств – членов ОДКБ при "
            "международных организациях",
        ),
        ("coe-2001-budapest", "en", "Budapest Convention"),
        ("coe-2001-budapest", "ru", "Будапештская конвенция"),
        ("coe-2001-budapest", "en", "Convention on Cybercrime"),
        ("un-2024-cybercrime", "en", "United Nations Convention against Cybercrime"),
    ],
)
def test_the_title_variants_texts_use_are_alternative_labels(
    agreements: Graph, agreement_id: str, language: str, name: str
) -> None:
    node = ID[f"agreement/{agreement_id}"]
    assert Literal(name, lang=language) in set(agreements.objects(node, SKOS.altLabel))


@pytest.mark.parametrize(
    ("agreement_id", "parties"),
    [
        ("rus-uzb-2021-iis", {"RUS", "UZB"}),
        ("rus-chn-2015-iis", {"RUS", "CHN"}),
        ("rus-nic-2021-iis", {"RUS", "NIC"}),
        ("rus-zaf-2017-iis", {"RUS", "ZAF"}),
    ],
)
def test_bilateral_agreements_name_both_states_as_parties(
    agreements: Graph, agreement_id: str, parties: set[str]
) -> None:
    node = ID[f"agreement/{agreement_id}"]
    assert {code(s) for s in agreements.objects(node, T.party)} == parties


def test_the_sco_agreement_was_signed_in_yekaterinburg_on_2009_06_16_by_the_sco(
    agreements: Graph,
) -> None:
    node = ID["agreement/sco-2009-iis"]
    assert agreements.value(node, DCTERMS.date) == Literal("2009-06-16", datatype=XSD.date)
    assert agreements.value(node, T.place) == ID["place/yekaterinburg"]
    assert agreements.value(node, T.issuer) == ID["organization/SCO"]


def test_conventions_are_typed_as_conventions(agreements: Graph) -> None:
    for agreement_id in ("un-2024-cybercrime", "coe-2001-budapest"):
        node = ID[f"agreement/{agreement_id}"]
        assert (node, RDF.type, T.Convention) in agreements
        assert agreements.value(node, T.instrumentType) == ID["instrument-type/convention"]


def test_no_two_organizations_or_agreements_share_a_name_in_the_same_language(
    organizations: Graph, agreements: Graph
) -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for graph in (organizations, agreements):
        for predicate in (RDFS.label, SKOS.altLabel, DCTERMS.title):
            for subject, name in graph.subject_objects(predicate):
                if isinstance(name, Literal):
                    key = (str(name.language), str(name).casefold())
                    owners.setdefault(key, set()).add(code(subject))
    assert not {name: ids for name, ids in owners.items() if len(ids) > 1}


# --- what the reference files point to ---------------------------------------------------


def test_every_concept_the_reference_data_uses_is_defined(
    concepts: Graph, organizations: Graph, agreements: Graph
) -> None:
    defined = set(concepts.subjects(RDF.type, SKOS.Concept))
    for graph in (organizations, agreements):
        for node in graph.objects():
            if isinstance(node, URIRef) and any(
                str(node).startswith(str(ID[f"{kind}/"])) for kind in CONCEPT_KIND.values()
            ):
                assert node in defined, node


def test_every_organization_the_reference_data_uses_is_defined(
    organizations: Graph, agreements: Graph
) -> None:
    defined = set(organizations.subjects(T.publicId))
    for graph in (organizations, agreements):
        for node in graph.objects():
            if str(node).startswith(str(ID["organization/"])):
                assert node in defined, node


@pytest.mark.parametrize(
    ("path", "kind"), [(STATES_FILE, "state"), (PLACES_FILE, "place")], ids=["states", "places"]
)
def test_every_state_and_place_the_reference_data_uses_is_defined(
    organizations: Graph, agreements: Graph, path: Path, kind: str
) -> None:
    defined = set(parse(path).subjects(T.publicId))
    for graph in (organizations, agreements):
        for node in graph.objects():
            if str(node).startswith(str(ID[f"{kind}/"])):
                assert node in defined, node


@pytest.mark.parametrize("path", MY_REFERENCE_FILES, ids=lambda p: p.name)
def test_every_name_is_tagged_english_or_russian_and_written_in_its_script(path: Path) -> None:
    graph = parse(path)
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.definition, DCTERMS.title):
        for subject, value in graph.subject_objects(predicate):
            assert isinstance(value, Literal), (subject, predicate)
            assert value.language in ("en", "ru"), (subject, value)
            text = str(value)
            assert text and text == text.strip() and "  " not in text, (subject, value)
            assert bool(CYRILLIC.search(text)) == (value.language == "ru"), (subject, value)


@pytest.mark.parametrize("path", MY_REFERENCE_FILES, ids=lambda p: p.name)
def test_reference_iris_are_relative_and_resolve_under_any_base(path: Path) -> None:
    elsewhere = "https://example.org/kg/"
    graph = parse(path, base=elsewhere)
    assert len(graph) > 0
    for subject in graph.subjects():
        assert str(subject).startswith(elsewhere + "id/"), subject
    for node in graph.objects():
        if isinstance(node, URIRef) and str(node).startswith("https://w3id.org/iisgraph/"):
            assert str(node).startswith(str(IIS)), node


@pytest.mark.parametrize("path", (ONTOLOGY_FILE, *MY_REFERENCE_FILES), ids=lambda p: p.name)
def test_files_parse_the_same_in_oxigraph(path: Path) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=DEFAULT_BASE)
    assert len(store) == len(parse(path))
