"""IRI namespaces, ontology terms and the IRIs of everything iisgraph names.

Two kinds of IRI live here:

* **Ontology terms** (classes and properties) sit in one fixed namespace, ``IIS``
  (``https://w3id.org/iisgraph/ontology#``): the vocabulary is a public contract and stays the
  same whichever deployment serves the data.
* **Things** (states, organizations, instruments, ...) get IRIs under a configurable base
  (default ``https://w3id.org/iisgraph/``), built from the public ids of
  ``vocabulary.md``: ``{base}id/{kind}/{key}``. Named graphs live under ``{base}graph/``.
  The reference Turtle files write them as relative IRIs (``@prefix state: <id/state/>``) and are
  parsed against the base, so changing the base needs no edit of the data.

>>> ids = Ids("https://example.org/")
>>> str(ids.state("RUS"))
'https://example.org/id/state/RUS'
>>> ids.key_of(ids.organization("SCO-CHS"))
('organization', 'SCO-CHS')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from graph.errors import NotAKey

DEFAULT_BASE = "https://w3id.org/iisgraph/"

IIS = Namespace("https://w3id.org/iisgraph/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "iis": str(IIS),
    "org": str(ORG),
    "oa": str(OA),
    "foaf": str(FOAF),
    "wd": str(WD),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "time": str(TIME),
    "xsd": str(XSD),
    "sh": str(SH),
}

# The kinds of thing that get an IRI ``{base}id/{kind}/{key}``; the key is the public id.
KINDS = (
    "state",
    "organization",
    "membership",
    "person",
    "unlisted-organization",
    "place",
    "agreement",
    "instrument",
    "meeting",
    "participation",
    "position",
    "source",
    "topic",
    "stance",
    "instrument-type",
    "instrument-status",
    "participant-role",
    "membership-role",
    "meeting-kind",
    "region",
    "scheme",
    "annotation",
    "curator",
)

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*")


class T(DefinedNamespace):
    """Terms of the iisgraph ontology (``ontology/iisgraph.ttl`` defines each one)."""

    _NS = IIS
    _fail = True

    # classes
    Actor: URIRef
    State: URIRef
    Organization: URIRef
    OrganizationalUnit: URIRef
    Person: URIRef
    UnlistedOrganization: URIRef
    Place: URIRef
    Instrument: URIRef
    Agreement: URIRef
    Statement: URIRef
    JointStatement: URIRef
    Declaration: URIRef
    Resolution: URIRef
    Communique: URIRef
    Convention: URIRef
    Meeting: URIRef
    Participation: URIRef
    Position: URIRef
    Holding: URIRef
    SourceText: URIRef
    Topic: URIRef
    Stance: URIRef
    InstrumentType: URIRef
    InstrumentStatus: URIRef
    ParticipantRole: URIRef
    MeetingKind: URIRef
    MembershipRole: URIRef

    # actors
    publicId: URIRef  # the id of vocabulary.md (ISO alpha-3 code, organization id, topic id...)
    officialName: URIRef
    observerState: URIRef  # true for the two UN observer states
    region: URIRef  # state -> its UN M49 subregion (reference data)
    Region: URIRef  # a UN M49 region or subregion (skos:Concept)
    stateCount: URIRef  # region -> how many states lie in it (views)
    actsFor: URIRef  # person -> state or organization
    city: URIRef  # place -> english city name literal
    country: URIRef  # place -> state

    # instruments
    instrumentType: URIRef
    status: URIRef
    place: URIRef
    issuer: URIRef
    party: URIRef
    issuerMember: URIRef  # instrument -> state the text names as a member of an issuing org
    refersTo: URIRef  # instrument -> agreement it refers to
    holder: URIRef  # instrument -> state (derived: issuing states + members of issuing orgs)
    qualifiedHolding: URIRef  # instrument -> Holding (how a holder is bound)
    holdingState: URIRef
    viaMembership: URIRef  # Holding -> org:Membership it was derived through
    namedInText: URIRef  # Holding -> boolean: the state issues the instrument itself
    positionHolder: URIRef  # property chain statedIn o holder

    # tallies (graph/tallies.py): counts kept at ingest
    StanceTally: URIRef
    tallyOf: URIRef  # StanceTally -> topic
    positionCount: URIRef  # topic or StanceTally -> integer
    heldPositionCount: URIRef  # state -> integer
    heldInstrumentCount: URIRef  # state -> integer
    HolderTally: URIRef
    tallyTopic: URIRef  # HolderTally -> topic
    tallyHolder: URIRef  # HolderTally -> state
    instrumentCount: URIRef  # HolderTally -> integer
    countedPosition: URIRef  # HolderTally -> a position it counts (views)
    holderCount: URIRef  # StanceTally -> integer: states holding the stance on the topic
    YearTally: URIRef
    yearOf: URIRef  # YearTally -> HolderTally or StanceTally
    year: URIRef  # YearTally -> "2020" (or "none")
    tallyInstrument: URIRef  # YearTally or HoldingYear -> instrument (once)
    HoldingYear: URIRef  # a state's holdings of one year (graph/tallies.py)
    yearHolder: URIRef  # HoldingYear or ParticipationYear -> state
    ParticipationYear: URIRef  # the meetings a state attends of one year (graph/tallies.py)
    tallyMeeting: URIRef  # ParticipationYear -> meeting
    meetingCount: URIRef  # ParticipationYear -> integer
    StaleTally: URIRef  # a mark inside one update: this tally is counted again
    latestInstrument: URIRef  # HolderTally -> one of its 5 latest instruments
    latestFrom: URIRef  # HolderTally -> the oldest of its 5 latest
    latestCandidate: URIRef  # a mark inside one update: HolderTally -> a candidate latest
    LatestYear: URIRef  # a mark inside one update: a year tally with candidate latest
    LatestLost: URIRef  # a mark inside one update: this tally lost one of its latest
    orderDate: URIRef  # a mark inside one update: instrument -> the date it is ordered by

    # meetings
    meetingKind: URIRef
    madeAt: URIRef  # statement -> the meeting it was delivered at (a meeting record)
    organizer: URIRef
    participation: URIRef
    participant: URIRef
    role: URIRef
    virtual: URIRef

    # positions
    topic: URIRef
    stance: URIRef
    statedIn: URIRef
    evidence: URIRef  # any extracted node -> oa:SpecificResource pointing into the source

    # sources and provenance
    text: URIRef  # the full text of a source, as read
    page: URIRef  # a position selector in a PDF's text -> the page its span starts on, from 1
    sha256: URIRef
    fileName: URIRef
    mentions: URIRef  # source -> organization / agreement / person / state it refers to
    extractionMethod: URIRef  # "rule" or "model"
    cue: URIRef  # the id of the lexicon cue or rule that found a fact
    confidence: URIRef

    formerIri: URIRef  # a thing -> an IRI an earlier version gave it (301 to it); no identity

    # curation (graph/review.py): how curators left a position, where an act stands
    reviewStatus: URIRef
    reviewedIn: URIRef
    withdrawn: URIRef
    anchorStatus: URIRef
    # an instrument's fields as curators corrected them (graph/review.py)
    curatedDate: URIRef
    curatedIssuer: URIRef
    curatedInstrumentType: URIRef
    curatedStatus: URIRef
    curatedPlace: URIRef


@dataclass(frozen=True)
class Ids:
    """IRIs of things and graphs under one base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def thing(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of thing: {kind!r}")
        if not _KEY.fullmatch(key):
            raise NotAKey(
                f"{key!r} is no {kind} key: keys are letters, digits and . _ ~ - "
                "(segments joined by /)"
            )
        return URIRef(f"{self.base}id/{kind}/{key}")

    def key_of(self, iri: str) -> tuple[str, str] | None:
        """The (kind, key) an IRI was built from, or None when it is not one of ours."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            return None
        kind, _, key = iri[len(prefix) :].partition("/")
        return (kind, key) if kind in KINDS and key else None

    def state(self, code: str) -> URIRef:
        return self.thing("state", code)

    def organization(self, org_id: str) -> URIRef:
        return self.thing("organization", org_id)

    def agreement(self, agreement_id: str) -> URIRef:
        return self.thing("agreement", agreement_id)

    def topic(self, topic_id: str) -> URIRef:
        return self.thing("topic", topic_id)

    def stance(self, stance_id: str) -> URIRef:
        return self.thing("stance", stance_id)

    def instrument_type(self, type_id: str) -> URIRef:
        return self.thing("instrument-type", type_id)

    def instrument_status(self, status_id: str) -> URIRef:
        return self.thing("instrument-status", status_id)

    def participant_role(self, role_id: str) -> URIRef:
        return self.thing("participant-role", role_id)

    def membership_role(self, role_id: str) -> URIRef:
        return self.thing("membership-role", role_id)

    def place(self, place_id: str) -> URIRef:
        return self.thing("place", place_id)

    def source(self, source_id: str) -> URIRef:
        return self.thing("source", source_id)

    # named graphs
    def source_graph(self, source_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/source/{source_id}")

    @property
    def reference_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/reference")

    @property
    def ontology_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/ontology")

    @property
    def derived_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/derived")

    @property
    def tallies_graph(self) -> URIRef:
        """Counts kept at ingest (``graph/tallies.py``)."""
        return URIRef(f"{self.base}graph/tallies")

    def annotation(self, key: str) -> URIRef:
        return self.thing("annotation", key)

    def curator(self, name: str) -> URIRef:
        return self.thing("curator", name)

    def act_graph(self, key: str) -> URIRef:
        """The named graph of one curation act as it stands (``graph/annotations.py``)."""
        return URIRef(f"{self.base}graph/curation/act/{key}")

    def act_history_graph(self, key: str) -> URIRef:
        """The earlier versions of one act, and its deletion (``graph/curation.py``)."""
        return URIRef(f"{self.base}graph/curation/history/{key}")

    def review_graph(self, source_id: str) -> URIRef:
        """What the acts on one source do to its positions (``graph/review.py``)."""
        return URIRef(f"{self.base}graph/review/{source_id}")

    def instrument_review_graph(self, key: str) -> URIRef:
        """What the acts on one instrument's fields do (``graph/review.py``)."""
        return URIRef(f"{self.base}graph/review-instrument/{key}")

    @property
    def act_graph_prefix(self) -> str:
        return f"{self.base}graph/curation/act/"

    def source_id_of_graph(self, graph: str) -> str | None:
        prefix = f"{self.base}graph/source/"
        return graph[len(prefix) :] if graph.startswith(prefix) else None


_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_ref(iri: str) -> str:
    """An IRI written for a SPARQL query, refused if it could break out of ``<…>``.

    >>> iri_ref("https://w3id.org/iisgraph/id/state/RUS")
    '<https://w3id.org/iisgraph/id/state/RUS>'
    """
    if _UNSAFE_IRI.search(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def slug(text: str) -> str:
    """A key for an IRI from free text: lower case ASCII letters, digits and hyphens.

    >>> slug("The Hague")
    'the-hague'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_id(file_name: str) -> str:
    """The public id of a source text: its file name without the extension, IRI-safe.

    >>> source_id("corpus/texts/000_65bda562d0d878a3.txt")
    '000_65bda562d0d878a3'
    """
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name.replace("\\", "/").rsplit("/", 1)[-1])
    return re.sub(r"[^A-Za-z0-9._~-]+", "-", stem).strip("-.") or "source"
