"""The reference data: every state, the places and the organizations of the field, named in
English and Russian, and who was a member of what on which day.

These names decide what the extractors recognise, so the files are checked as data: the right
set of states, one display name per language, no name shared by two states, a Wikidata link.
The memberships decide who holds what an organization adopts, so they are checked as facts
(``docs/vocabulary.md`` gives the source of each table): a state is a member on day D when its
membership started on or before D and had not ended by D (it ends ON its end date).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.reference import Membership

REFERENCE = Path(__file__).parents[2] / "ontology" / "reference"
STATES_FILE = REFERENCE / "states.ttl"
PLACES_FILE = REFERENCE / "places.ttl"

BASE = "https://w3id.org/iisgraph/"
STATE = BASE + "id/state/"
PLACE = BASE + "id/place/"
IIS = Namespace("https://w3id.org/iisgraph/ontology#")
XSD_BOOLEAN = URIRef("http://www.w3.org/2001/XMLSchema#boolean")
WIKIDATA_ITEM = re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The 193 member states of the United Nations, by ISO 3166-1 alpha-3 code.
UN_MEMBERS = codes(
    """
    AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ
    BOL BRA BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE
    DEU DJI DMA DNK DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB
    GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ
    KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG
    MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU
    NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE
    SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK TKM TLS TON TTO TUN
    TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE
    """
)
# The two non-member observer states: the Holy See and the State of Palestine.
OBSERVER_STATES = frozenset({"VAT", "PSE"})

# Demonyms that really are shared: the Republic of the Congo and the DR Congo.
SHARED_ADJECTIVES = frozenset({"Congolese", "конголезский", "конголезско"})


def parse(path: Path, base: str = BASE) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle", publicID=base)
    return graph


@pytest.fixture(scope="module")
def states() -> Graph:
    return parse(STATES_FILE)


@pytest.fixture(scope="module")
def places() -> Graph:
    return parse(PLACES_FILE)


def instances(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def key(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]


def in_language(values: list[Literal], language: str) -> list[str]:
    return [str(v) for v in values if v.language == language]


def names(graph: Graph, subject: URIRef) -> Iterator[Literal]:
    """The names an extractor matches: display name and variants."""
    yield from literals(graph, subject, RDFS.label)
    yield from literals(graph, subject, SKOS.altLabel)


def state_with_flag(graph: Graph, observer: bool) -> set[str]:
    return {
        key(state)
        for state in instances(graph, IIS.State)
        if ((state, IIS.observerState, Literal(True)) in graph) == observer
    }


# --- states ------------------------------------------------------------------------------


def test_reference_lists_every_un_member_and_observer_state(states: Graph) -> None:
    assert len(instances(states, IIS.State)) == 195
    assert len(UN_MEMBERS) == 193
    assert state_with_flag(states, observer=False) == UN_MEMBERS
    assert state_with_flag(states, observer=True) == OBSERVER_STATES


def test_the_observer_flag_is_the_boolean_true_and_only_on_observer_states(
    states: Graph,
) -> None:
    flagged = {
        (key(s), o) for s, o in states.subject_objects(IIS.observerState) if isinstance(s, URIRef)
    }
    assert flagged == {(code, Literal(True)) for code in OBSERVER_STATES}
    assert all(o.datatype == XSD_BOOLEAN for _, o in flagged)


def test_every_state_is_keyed_by_its_upper_case_alpha3_code(states: Graph) -> None:
    for state in instances(states, IIS.State):
        code = key(state)
        assert str(state) == STATE + code
        assert re.fullmatch(r"[A-Z]{3}", code), state
        assert literals(states, state, IIS.publicId) == [Literal(code)], state


def test_every_state_has_one_display_name_in_english_and_one_in_russian(states: Graph) -> None:
    for state in instances(states, IIS.State):
        labels = literals(states, state, RDFS.label)
        assert sorted(str(v.language) for v in labels) == ["en", "ru"], state


def test_every_state_has_its_official_name_in_english_and_russian(states: Graph) -> None:
    for state in instances(states, IIS.State):
        official = literals(states, state, IIS.officialName)
        assert sorted(str(v.language) for v in official) == ["en", "ru"], state


def test_every_state_has_an_english_and_a_russian_adjective(states: Graph) -> None:
    for state in instances(states, IIS.State):
        adjectives = literals(states, state, SKOS.hiddenLabel)
        assert in_language(adjectives, "en"), state
        assert in_language(adjectives, "ru"), state


def test_every_name_is_tagged_english_or_russian_and_written_in_its_script(
    states: Graph, places: Graph
) -> None:
    for graph in (states, places):
        for predicate in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel, IIS.officialName):
            for subject, value in graph.subject_objects(predicate):
                assert isinstance(value, Literal), (subject, predicate)
                assert value.language in ("en", "ru"), (subject, value)
                text = str(value)
                assert text and text == text.strip() and "  " not in text, (subject, value)
                assert bool(CYRILLIC.search(text)) == (value.language == "ru"), (subject, value)


def test_every_state_links_to_its_own_wikidata_item(states: Graph) -> None:
    items: dict[URIRef, str] = {}
    for state in instances(states, IIS.State):
        same = list(states.objects(state, OWL.sameAs))
        assert len(same) == 1, state
        item = same[0]
        assert isinstance(item, URIRef) and WIKIDATA_ITEM.fullmatch(str(item)), (state, item)
        assert item not in items, (key(state), items.get(item))
        items[item] = key(state)


@pytest.mark.parametrize(
    ("code", "item"),
    [
        ("RUS", "Q159"),
        ("USA", "Q30"),
        ("CHN", "Q148"),
        ("IND", "Q668"),
        ("UZB", "Q265"),
        ("KAZ", "Q232"),
        ("KGZ", "Q813"),
        ("TJK", "Q863"),
        ("ARM", "Q399"),
        ("BLR", "Q184"),
        ("PAK", "Q843"),
        ("IRN", "Q794"),
        ("BRA", "Q155"),
        ("ZAF", "Q258"),
        ("GBR", "Q145"),
        ("FRA", "Q142"),
        ("DEU", "Q183"),
        ("AUS", "Q408"),
        ("NIC", "Q811"),
        ("VAT", "Q237"),
        ("PSE", "Q219060"),
    ],
)
def test_the_states_of_the_field_link_to_the_right_wikidata_item(
    states: Graph, code: str, item: str
) -> None:
    wikidata = URIRef("http://www.wikidata.org/entity/" + item)
    assert (URIRef(STATE + code), OWL.sameAs, wikidata) in states


def test_no_two_states_share_a_name_in_the_same_language(states: Graph) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for state in instances(states, IIS.State):
        for name in names(states, state):
            owners[(str(name.language), str(name))].add(key(state))
    shared = {name: codes for name, codes in owners.items() if len(codes) > 1}
    assert not shared


def test_an_adjective_points_to_one_state_unless_the_demonym_is_really_shared(
    states: Graph,
) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for state in instances(states, IIS.State):
        for adjective in literals(states, state, SKOS.hiddenLabel):
            owners[(str(adjective.language), str(adjective))].add(key(state))
    shared = {name for (_, name), codes in owners.items() if len(codes) > 1}
    assert shared == SHARED_ADJECTIVES


def test_no_name_of_a_state_is_also_an_adjective_of_another(states: Graph) -> None:
    named: dict[tuple[str, str], str] = {}
    for state in instances(states, IIS.State):
        for name in names(states, state):
            named[(str(name.language), str(name))] = key(state)
    for state in instances(states, IIS.State):
        for adjective in literals(states, state, SKOS.hiddenLabel):
            owner = named.get((str(adjective.language), str(adjective)), key(state))
            assert owner == key(state), (key(state), adjective, owner)


def test_state_names_start_with_a_capital_so_they_do_not_match_ordinary_words(
    states: Graph,
) -> None:
    lower_case_openings = ("the ", "former ", "бывшая ")
    for state in instances(states, IIS.State):
        for name in names(states, state):
            text = str(name)
            assert text[0].isupper() or text.startswith(lower_case_openings), (state, text)


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("RUS", "en", "Russian Federation"),
        ("RUS", "ru", "РФ"),
        ("RUS", "ru", "Российская Федерация"),
        ("USA", "en", "US"),
        ("USA", "en", "U.S."),
        ("USA", "en", "the United States"),
        ("USA", "ru", "США"),
        ("USA", "ru", "Соединённые Штаты Америки"),
        ("USA", "ru", "Соединенные Штаты Америки"),
        ("GBR", "en", "UK"),
        ("GBR", "en", "Britain"),
        ("GBR", "ru", "Соединенное Королевство"),
        ("CHN", "ru", "КНР"),
        ("CHN", "ru", "Китайская Народная Республика"),
        ("KOR", "en", "Republic of Korea"),
        ("KOR", "ru", "Южная Корея"),
        ("PRK", "ru", "КНДР"),
        ("KGZ", "en", "Kyrgyz Republic"),
        ("KGZ", "ru", "Киргизия"),
        ("KGZ", "ru", "Кыргызская Республика"),
        ("BLR", "ru", "Белоруссия"),
        ("MDA", "ru", "Молдавия"),
        ("UZB", "ru", "Республика Узбекистан"),
        ("KAZ", "ru", "Республика Казахстан"),
        ("ZAF", "ru", "ЮАР"),
        ("ZAF", "ru", "Южная Африка"),
        ("IRN", "ru", "Исламская Республика Иран"),
        ("ARE", "ru", "Объединённые Арабские Эмираты"),
        ("ARE", "ru", "Объединенные Арабские Эмираты"),
        ("TUR", "en", "Turkey"),
        ("TUR", "en", "Türkiye"),
        ("VNM", "en", "Viet Nam"),
        ("CZE", "en", "Czech Republic"),
        ("VAT", "ru", "Ватикан"),
        ("VAT", "en", "Holy See"),
        ("PSE", "ru", "Палестина"),
    ],
)
def test_the_usual_names_of_a_state_are_recognised(
    states: Graph, code: str, language: str, name: str
) -> None:
    state = URIRef(STATE + code)
    assert name in in_language(list(names(states, state)), language)


@pytest.mark.parametrize(
    ("code", "adjectives"),
    [
        ("RUS", {"Russian", "российский", "российско"}),
        ("UZB", {"Uzbek", "узбекский", "узбекско", "узбекистанский"}),
        ("CHN", {"Chinese", "китайский", "китайско"}),
        ("IND", {"Indian", "индийский", "индийско"}),
        ("USA", {"American", "американский", "американско"}),
        ("ZAF", {"South African", "южноафриканский", "южноафриканско"}),
        ("KGZ", {"киргизский", "кыргызский"}),
        ("TJK", {"таджикский", "таджикистанский"}),
    ],
)
def test_adjectives_and_compound_stems_are_recognised(
    states: Graph, code: str, adjectives: set[str]
) -> None:
    hidden = {str(v) for v in literals(states, URIRef(STATE + code), SKOS.hiddenLabel)}
    assert adjectives <= hidden


# --- places ------------------------------------------------------------------------------


def test_every_place_is_keyed_by_the_slug_of_its_english_name(places: Graph) -> None:
    assert instances(places, IIS.Place)
    for place in instances(places, IIS.Place):
        slug = key(place)
        assert str(place) == PLACE + slug
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), place
        assert literals(places, place, IIS.publicId) == [Literal(slug)], place


def test_every_place_has_one_name_in_english_and_one_in_russian(places: Graph) -> None:
    for place in instances(places, IIS.Place):
        labels = literals(places, place, RDFS.label)
        assert sorted(str(v.language) for v in labels) == ["en", "ru"], place


def test_every_place_lies_in_a_state_of_the_reference(states: Graph, places: Graph) -> None:
    known = set(instances(states, IIS.State))
    for place in instances(places, IIS.Place):
        countries = list(places.objects(place, IIS.country))
        assert len(countries) == 1, place
        assert countries[0] in known, (place, countries[0])


def test_every_state_has_its_capital_among_the_places(states: Graph, places: Graph) -> None:
    located = set(places.objects(None, IIS.country))
    assert set(instances(states, IIS.State)) <= located


def test_the_summit_and_signing_cities_of_the_field_are_places(places: Graph) -> None:
    expected = {
        "moscow": "RUS",
        "yekaterinburg": "RUS",
        "saint-petersburg": "RUS",
        "kazan": "RUS",
        "sochi": "RUS",
        "ufa": "RUS",
        "novo-ogaryovo": "RUS",
        "samarkand": "UZB",
        "tashkent": "UZB",
        "bishkek": "KGZ",
        "cholpon-ata": "KGZ",
        "astana": "KAZ",
        "almaty": "KAZ",
        "dushanbe": "TJK",
        "qingdao": "CHN",
        "xiamen": "CHN",
        "beijing": "CHN",
        "goa": "IND",
        "new-delhi": "IND",
        "johannesburg": "ZAF",
        "durban": "ZAF",
        "fortaleza": "BRA",
        "brasilia": "BRA",
        "geneva": "CHE",
        "new-york": "USA",
        "washington": "USA",
        "the-hague": "NLD",
        "chisinau": "MDA",
        "kyiv": "UKR",
    }
    for slug, code in expected.items():
        assert (URIRef(PLACE + slug), IIS.country, URIRef(STATE + code)) in places, slug


@pytest.mark.parametrize(
    ("slug", "language", "name"),
    [
        ("astana", "en", "Nur-Sultan"),
        ("astana", "ru", "Нур-Султан"),
        ("almaty", "ru", "Алма-Ата"),
        ("saint-petersburg", "ru", "Петербург"),
        ("new-delhi", "ru", "Дели"),
        ("chisinau", "ru", "Кишинев"),
        ("chisinau", "ru", "Кишинёв"),
        ("novo-ogaryovo", "ru", "Ново-Огарёво"),
        ("washington", "en", "Washington, D.C."),
        ("kyiv", "en", "Kiev"),
    ],
)
def test_the_usual_names_of_a_place_are_recognised(
    places: Graph, slug: str, language: str, name: str
) -> None:
    assert name in in_language(list(names(places, URIRef(PLACE + slug))), language)


def test_no_two_places_share_a_name_in_the_same_language(places: Graph) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place in instances(places, IIS.Place):
        for name in names(places, place):
            owners[(str(name.language), str(name))].add(key(place))
    assert not {name: slugs for name, slugs in owners.items() if len(slugs) > 1}


def test_a_place_named_like_a_state_lies_in_that_state(states: Graph, places: Graph) -> None:
    state_names = {
        (str(name.language), str(name)): state
        for state in instances(states, IIS.State)
        for name in names(states, state)
    }
    for place in instances(places, IIS.Place):
        for name in names(places, place):
            state = state_names.get((str(name.language), str(name)))
            if state is not None:
                assert (place, IIS.country, state) in places, (place, name)


def test_places_link_to_wikidata_items_that_are_not_states(states: Graph, places: Graph) -> None:
    state_items = set(states.objects(None, OWL.sameAs))
    seen: set[URIRef] = set()
    for place in instances(places, IIS.Place):
        same = list(places.objects(place, OWL.sameAs))
        assert len(same) <= 1, place
        for item in same:
            assert isinstance(item, URIRef) and WIKIDATA_ITEM.fullmatch(str(item)), place
            assert item not in state_items, (place, item)
            assert item not in seen, (place, item)
            seen.add(item)


# --- both files --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [STATES_FILE, PLACES_FILE], ids=lambda p: p.name)
def test_reference_iris_are_relative_and_resolve_under_the_base(path: Path) -> None:
    elsewhere = "https://example.org/kg/"
    graph = parse(path, base=elsewhere)
    assert len(graph) > 0
    for subject in graph.subjects():
        assert str(subject).startswith(elsewhere + "id/"), subject
    for node in graph.objects():
        if isinstance(node, URIRef) and not str(node).startswith(str(IIS)):
            assert str(node).startswith(elsewhere + "id/") or WIKIDATA_ITEM.fullmatch(str(node))
    resolved_under_default = {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(BASE + "id/")
    }
    assert not resolved_under_default


@pytest.mark.parametrize("path", [STATES_FILE, PLACES_FILE], ids=lambda p: p.name)
def test_reference_files_parse_the_same_in_oxigraph(path: Path) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=BASE)
    assert len(store) == len(parse(path))


# --- regions -------------------------------------------------------------------------------

REGIONS_FILE = REFERENCE / "regions.ttl"
CONTINENTS = {"africa", "americas", "asia", "europe", "oceania"}


@pytest.fixture(scope="module")
def regions() -> Graph:
    return parse(REGIONS_FILE)


def test_every_state_lies_in_exactly_one_subregion_of_a_continent(
    states: Graph, regions: Graph
) -> None:
    for state in instances(states, IIS.State):
        found = list(regions.objects(state, IIS.region))
        assert len(found) == 1, f"{key(state)} has regions {found}"
        continents = [key(c) for c in regions.objects(found[0], SKOS.broader)]
        assert len(continents) == 1 and continents[0] in CONTINENTS, key(state)


def test_regions_are_the_un_m49_five_and_their_subregions_named_in_both_languages(
    regions: Graph,
) -> None:
    every = instances(regions, IIS.Region)
    top = {key(r) for r in every if (r, SKOS.broader, None) not in regions}
    assert top == CONTINENTS
    assert len(every) == 5 + 22
    for region in every:
        notation = [str(n) for n in regions.objects(region, SKOS.notation)]
        assert len(notation) == 1 and re.fullmatch(r"\d{3}", notation[0]), key(region)
        labels = literals(regions, region, RDFS.label)
        assert len(in_language(labels, "en")) == 1 and len(in_language(labels, "ru")) == 1


def test_central_asia_is_the_five_former_soviet_republics(regions: Graph) -> None:
    central_asia = URIRef(BASE + "id/region/central-asia")
    assert {key(s) for s in regions.subjects(IIS.region, central_asia)} == {
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    }


# --- organizations and their dated memberships -------------------------------------------

ORGANIZATIONS_FILE = REFERENCE / "organizations.ttl"
ORGANIZATION = BASE + "id/organization/"
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")

# Organizations whose members are not dated (docs/vocabulary.md says why for each): what they
# issue is held by the states a text names only.
UNDATED = frozenset(
    {"ITU", "CICA", "LAS", "OIC", "MERCOSUR", "FVEY", "FOC", "NONALIGNED", "G77", "ARABGROUP"}
    | {"AFRICANGROUP"}
)


@pytest.fixture(scope="module")
def organizations() -> Graph:
    return parse(ORGANIZATIONS_FILE)


@pytest.fixture(scope="module")
def memberships(organizations: Graph) -> list[Membership]:
    rows = organizations.query(
        """SELECT ?organization ?state ?role ?start ?end WHERE {
          ?m a org:Membership ; org:organization ?organization ; org:member ?state ;
             org:role ?role ; org:memberDuring ?period .
          ?period time:hasBeginning/time:inXSDDate ?start .
          OPTIONAL { ?period time:hasEnd/time:inXSDDate ?end }
        }""",
        initNs={"org": ORG, "time": TIME},
    )
    return [
        Membership(
            *(str(node).rsplit("/", 1)[-1] for node in row[:3]),
            str(row[3]),
            str(row[4]) if row[4] is not None else None,
        )
        for row in rows
    ]


def members(memberships: list[Membership], org: str, day: str, role: str = "member") -> set[str]:
    """The states with ``role`` in ``org`` on ``day``: start <= day < end."""
    return {
        m.state
        for m in memberships
        if m.organization == org
        and m.role == role
        and m.start <= day
        and (m.end is None or day < m.end)
    }


def organization_nodes(graph: Graph) -> list[URIRef]:
    return instances(graph, IIS.Organization) + instances(graph, IIS.OrganizationalUnit)


def test_every_organization_has_english_and_russian_labels(organizations: Graph) -> None:
    for node in organization_nodes(organizations):
        labels = literals(organizations, node, RDFS.label)
        assert sorted(str(v.language) for v in labels) == ["en", "ru"], node
        alternatives = literals(organizations, node, SKOS.altLabel)
        assert in_language(alternatives, "en") and in_language(alternatives, "ru"), node
        for value in labels + alternatives:
            assert bool(CYRILLIC.search(str(value))) == (value.language == "ru"), (node, value)


def test_no_two_organizations_share_a_name_in_the_same_language(organizations: Graph) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node in organization_nodes(organizations):
        for name in names(organizations, node):
            owners[(str(name.language), str(name))].add(key(node))
    assert not {name: ids for name, ids in owners.items() if len(ids) > 1}


def test_every_member_is_a_state_of_the_reference(
    states: Graph, memberships: list[Membership]
) -> None:
    known = {key(s) for s in instances(states, IIS.State)}
    assert {m.state for m in memberships} <= known


def test_every_organization_but_the_undated_ones_has_dated_members(
    organizations: Graph, memberships: list[Membership]
) -> None:
    top = {key(node) for node in instances(organizations, IIS.Organization)}
    dated = {m.organization for m in memberships}
    assert dated <= top
    assert top - dated == UNDATED


def test_un_resolution_holders_are_members_on_its_date(memberships: list[Membership]) -> None:
    # A resolution adopted the day before South Sudan's admission binds 192 states, one
    # adopted that day 193; the observer states never hold one.
    assert len(members(memberships, "UN", "2011-07-13")) == 192
    assert members(memberships, "UN", "2011-07-14") == UN_MEMBERS
    assert "SSD" not in members(memberships, "UN", "2011-07-13")
    assert members(memberships, "UN", "2024-12-24", role="observer") == OBSERVER_STATES


def test_every_un_member_is_a_member_from_its_admission_day(
    memberships: list[Membership],
) -> None:
    un = {m.state: m for m in memberships if m.organization == "UN" and m.role == "member"}
    assert set(un) == UN_MEMBERS
    assert all(m.end is None for m in un.values())
    # the USSR's seat, an original member's, is Russia's; Belarus and Ukraine were original
    # members; Germany, Czechia, Slovakia and Serbia were admitted as new members
    assert {s for s, m in un.items() if m.start == "1945-10-24"} >= {"RUS", "BLR", "UKR", "CHN"}
    assert len([m for m in un.values() if m.start == "1945-10-24"]) == 49
    expected = {
        "DEU": "1973-09-18",
        "CZE": "1993-01-19",
        "SVK": "1993-01-19",
        "SRB": "2000-11-01",
        "MNE": "2006-06-28",
        "CHE": "2002-09-10",
        "KAZ": "1992-03-02",
        "UZB": "1992-03-02",
        "PRK": "1991-09-17",
        "KOR": "1991-09-17",
        "JPN": "1956-12-18",
    }
    assert {s: un[s].start for s in expected} == expected


def test_coe_membership_of_russia_ends_2022_03_16(memberships: list[Membership]) -> None:
    assert "RUS" in members(memberships, "COE", "2022-03-15")
    assert "RUS" not in members(memberships, "COE", "2022-03-16")
    assert "RUS" not in members(memberships, "COE", "1996-02-27")
    assert len(members(memberships, "COE", "2022-03-15")) == 47
    assert len(members(memberships, "COE", "2022-03-16")) == 46
    # the Budapest Convention (2001-11-23) was opened to the 43 members of the day
    assert len(members(memberships, "COE", "2001-11-23")) == 43


def test_greece_left_the_council_of_europe_from_1969_to_1974(
    memberships: list[Membership],
) -> None:
    assert "GRC" in members(memberships, "COE", "1960-01-01")
    assert "GRC" not in members(memberships, "COE", "1972-01-01")
    assert "GRC" in members(memberships, "COE", "1974-11-28")


def test_osce_has_57_participating_states_since_mongolia(memberships: list[Membership]) -> None:
    assert len(members(memberships, "OSCE", "2012-11-20")) == 56
    osce = members(memberships, "OSCE", "2016-03-10")  # the second set of ICT CBMs
    assert len(osce) == 57
    assert {"RUS", "USA", "CAN", "VAT", "MNG", "KAZ", "UZB"} <= osce


def test_east_asia_summit_is_asean_and_eight_more(memberships: list[Membership]) -> None:
    asean = members(memberships, "ASEAN", "2010-01-01")
    six = {"AUS", "CHN", "IND", "JPN", "KOR", "NZL"}
    assert members(memberships, "EAS", "2005-12-14") == asean | six
    assert members(memberships, "EAS", "2011-11-19") == asean | six | {"RUS", "USA"}
    assert "TLS" in members(memberships, "EAS", "2025-10-26")


def test_the_asean_regional_forum_has_26_participating_states(
    memberships: list[Membership],
) -> None:
    arf = members(memberships, "ARF", "2012-07-12")  # the ARF statement on cyber security
    assert len(arf) == 26
    assert {"PRK", "PAK", "LKA", "RUS", "USA", "CHN"} <= arf
    assert len(members(memberships, "ARF", "1994-07-25")) == 17  # and the EU


def test_apec_states_are_its_economies_but_chinese_taipei_and_hong_kong(
    memberships: list[Membership],
) -> None:
    assert len(members(memberships, "APEC", "2017-11-10")) == 19
    assert "RUS" not in members(memberships, "APEC", "1998-11-13")


def test_african_union_has_every_african_state(memberships: list[Membership]) -> None:
    assert len(members(memberships, "AU", "2020-01-01")) == 54
    assert "MAR" not in members(memberships, "AU", "2017-01-29")
    assert "SSD" not in members(memberships, "AU", "2010-01-01")


def test_oas_members_without_cuba_and_since_2023_nicaragua(
    memberships: list[Membership],
) -> None:
    assert len(members(memberships, "OAS", "2023-11-18")) == 34
    assert len(members(memberships, "OAS", "2023-11-19")) == 33
    assert "CUB" not in members(memberships, "OAS", "2009-06-03")
    assert "CAN" in members(memberships, "OAS", "2004-06-08")


def test_small_groups_of_the_field(memberships: list[Membership]) -> None:
    assert members(memberships, "GCC", "2020-01-01") == {"ARE", "BHR", "KWT", "OMN", "QAT", "SAU"}
    assert members(memberships, "UNIONSTATE", "2000-01-26") == {"BLR", "RUS"}
    assert members(memberships, "QUAD", "2021-03-12") == {"AUS", "IND", "JPN", "USA"}


def test_celac_is_the_33_states_of_latin_america_and_the_caribbean(
    memberships: list[Membership],
) -> None:
    assert len(members(memberships, "CELAC", "2011-12-03")) == 33
    assert members(memberships, "CELAC", "2011-12-02") == set()
    assert {"BRA", "MEX", "CUB", "TTO"} <= members(memberships, "CELAC", "2024-01-01")
