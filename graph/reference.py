"""The reference data of ``ontology/reference/`` as the extractors need it.

Names (every ``rdfs:label``, ``skos:altLabel``, ``skos:hiddenLabel``, ``iis:officialName`` and
agreement ``dcterms:title``, per language) with the public id and kind of what they name;
which ids are states; the organization a unit belongs to; places with their English labels and
countries; known agreements with their dates and parties; dated memberships. Names live in the
Turtle files, never in Python: a new way of writing a state's name is a line in ``states.ttl``.

>>> ref = Reference.load()
>>> ref.is_state("RUS"), ref.kind_of("SCO-CHS"), ref.parent_of("SCO-CHS")
(True, 'organization', 'SCO')
>>> ref.place_label("the-hague")
'The Hague'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from graph.namespaces import DEFAULT_BASE, ORG, Ids, T
from graph.ontology import reference_graph

_KINDS = {
    T.State: "state",
    T.Organization: "organization",
    T.OrganizationalUnit: "organization",
    T.Place: "place",
    T.Agreement: "agreement",
    T.Topic: "topic",
}
_FORMS = {
    RDFS.label: "label",
    SKOS.altLabel: "alt",
    SKOS.hiddenLabel: "hidden",
    T.officialName: "official",
    DCTERMS.title: "title",
}


@dataclass(frozen=True)
class Name:
    """One way of writing the name of a known thing."""

    text: str
    lang: str
    id: str
    kind: str  # state | organization | agreement | place
    form: str  # label | alt | hidden | official | title


@dataclass(frozen=True)
class Agreement:
    id: str
    type: str | None = None
    status: str | None = None
    date: str | None = None
    place: str | None = None
    issuers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Membership:
    organization: str
    state: str
    role: str
    start: str
    end: str | None = None


@dataclass(eq=False)
class Reference:
    """Look-ups over the reference graph; build it with ``Reference.load``."""

    names: list[Name] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    place_labels: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    # (kind, key) of a concept (instrument-type, meeting-kind...) → its label by language
    concept_labels: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    label_index: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, base: str = DEFAULT_BASE) -> Reference:
        """The reference data under one IRI base, parsed once per process."""
        return _load(base)

    @classmethod
    def from_graph(cls, graph: Graph, base: str = DEFAULT_BASE) -> Reference:
        """Build the look-ups from an already parsed reference graph."""
        return _Builder(graph, Ids(base)).build()

    def is_state(self, actor_id: str) -> bool:
        """Whether an id is a state's (``RUS``), not an organization's (``SCO``)."""
        return self.kinds.get(actor_id) == "state"

    def kind_of(self, public_id: str) -> str | None:
        """``state``, ``organization``, ``place``, ``agreement``, ``topic`` or None."""
        return self.kinds.get(public_id)

    def parent_of(self, unit_id: str) -> str | None:
        """The organization a unit belongs to (None for a top-level organization)."""
        return self.parents.get(unit_id)

    def top(self, org_id: str) -> str:
        """The top-level organization of a unit, or the organization itself.

        >>> Reference.load().top("CSTO-CFM")
        'CSTO'
        """
        while org_id in self.parents:
            org_id = self.parents[org_id]
        return org_id

    def place_label(self, key: str) -> str | None:
        """The English name of a place key (``moscow`` → ``Moscow``)."""
        return self.place_labels.get(key)

    def label(self, public_id: str, lang: str) -> str | None:
        """The display name of a state, organization, place or agreement in ``lang``.

        >>> Reference.load().label("CSTO-CFM", "ru")
        'Совет министров иностранных дел ОДКБ'
        """
        return self._labels().get((public_id, lang))

    def short_name(self, public_id: str, lang: str) -> str | None:
        """The acronym an organization is known by in ``lang`` (``CIS``, ``СНГ``), else the
        label (states go by their label).

        >>> Reference.load().short_name("CIS", "ru"), Reference.load().short_name("RUS", "en")
        ('СНГ', 'Russia')
        """
        if self.is_state(public_id):
            return self.label(public_id, lang)
        acronyms = [
            n.text
            for n in self.names
            if n.id == public_id
            and n.lang == lang
            and n.form in ("label", "alt")
            and n.text.isupper()
            and " " not in n.text
        ]
        return min(acronyms, key=len) if acronyms else self.label(public_id, lang)

    def concept_label(self, kind: str, key: str, lang: str) -> str | None:
        """A concept's label (``instrument-type``, ``meeting-kind``...) in ``lang``.

        >>> Reference.load().concept_label("meeting-kind", "expert-meeting", "en")
        'expert meeting'
        """
        return self.concept_labels.get((kind, key), {}).get(lang)

    def _labels(self) -> dict[tuple[str, str], str]:
        if not self.label_index:
            for n in self.names:
                if n.form == "label":
                    self.label_index.setdefault((n.id, n.lang), n.text)
        return self.label_index

    def country_of(self, place_key: str) -> str | None:
        """The state a place lies in.

        >>> Reference.load().country_of("xiamen")
        'CHN'
        """
        return self.countries.get(place_key)

    def has_members(self, org_id: str) -> bool:
        """Whether the reference data dates the membership of an organization.

        >>> Reference.load().has_members("CSTO"), Reference.load().has_members("ITU")
        (True, False)
        """
        return any(m.organization == org_id for m in self.memberships)

    def members_of(self, org_id: str, on: str) -> list[str]:
        """The member states of an organization on a full ISO date (``[]`` for partial ones).

        >>> Reference.load().members_of("SCO", "2020-11-10")
        ['CHN', 'IND', 'KAZ', 'KGZ', 'PAK', 'RUS', 'TJK', 'UZB']
        """
        if len(on) != 10 or on.startswith("--"):
            return []
        return sorted(
            {
                m.state
                for m in self.memberships
                if m.organization == org_id
                and m.role == "member"
                and m.start <= on
                and (m.end is None or on < m.end)
            }
        )

    def topics(self) -> set[str]:
        """The ids of the position topics.

        >>> "itu-role" in Reference.load().topics()
        True
        """
        return {k for k, v in self.kinds.items() if v == "topic"}


@lru_cache(maxsize=8)
def _load(base: str) -> Reference:
    return Reference.from_graph(reference_graph(base), base)


class _Builder:
    def __init__(self, graph: Graph, ids: Ids) -> None:
        self.graph = graph
        self.ids = ids

    def key(self, node: Node | None) -> str | None:
        if node is None:
            return None
        found = self.ids.key_of(str(node))
        return found[1] if found else None

    def build(self) -> Reference:
        ref = Reference()
        g = self.graph
        for cls, kind in _KINDS.items():
            for subject in g.subjects(RDF.type, cls):
                key = self.key(subject)
                if key and not (kind == "organization" and ref.kinds.get(key) == "agreement"):
                    ref.kinds.setdefault(key, kind)
        for public_id, kind in ref.kinds.items():
            if kind == "topic":
                continue
            node = self.node(kind, public_id)
            for prop, form in _FORMS.items():
                for value in g.objects(node, prop):
                    if isinstance(value, Literal) and value.language:
                        ref.names.append(Name(str(value), value.language, public_id, kind, form))
        for unit, parent in g.subject_objects(ORG.unitOf):
            unit_key, parent_key = self.key(unit), self.key(parent)
            if unit_key and parent_key:
                ref.parents[unit_key] = parent_key
        for concept, label in g.subject_objects(SKOS.prefLabel):
            found = self.ids.key_of(str(concept))
            if found and isinstance(label, Literal) and label.language:
                ref.concept_labels.setdefault(found, {})[label.language] = str(label)
        self.places(ref)
        self.agreements(ref)
        self.memberships(ref)
        return ref

    def node(self, kind: str, key: str) -> URIRef:
        return self.ids.thing("organization" if kind == "organization" else kind, key)

    def places(self, ref: Reference) -> None:
        for key, kind in ref.kinds.items():
            if kind != "place":
                continue
            node = self.ids.place(key)
            for label in self.graph.objects(node, RDFS.label):
                if isinstance(label, Literal) and label.language == "en":
                    ref.place_labels[key] = str(label)
            country = self.key(self.graph.value(node, T.country))
            if country:
                ref.countries[key] = country

    def agreements(self, ref: Reference) -> None:
        g = self.graph
        for key, kind in ref.kinds.items():
            if kind != "agreement":
                continue
            node = self.ids.agreement(key)
            date = g.value(node, DCTERMS.date)
            ref.agreements[key] = Agreement(
                id=key,
                type=self.key(g.value(node, T.instrumentType)),
                status=self.key(g.value(node, T.status)),
                date=str(date) if date is not None else None,
                place=self.key(g.value(node, T.place)),
                issuers=tuple(sorted(k for k in map(self.key, g.objects(node, T.issuer)) if k)),
                parties=tuple(sorted(k for k in map(self.key, g.objects(node, T.party)) if k)),
            )

    def memberships(self, ref: Reference) -> None:
        g = self.graph
        found: dict[str, list[Membership]] = defaultdict(list)
        for node in g.subjects(RDF.type, ORG.Membership):
            org = self.key(g.value(node, ORG.organization))
            state = self.key(g.value(node, ORG.member))
            role = self.key(g.value(node, ORG.role))
            period = g.value(node, ORG.memberDuring)
            start = g.value(g.value(period, TIME.hasBeginning), TIME.inXSDDate)
            end = g.value(g.value(period, TIME.hasEnd), TIME.inXSDDate)
            if org and state and role and start is not None:
                found[org].append(
                    Membership(org, state, role, str(start), str(end) if end is not None else None)
                )
        ref.memberships = [m for org in sorted(found) for m in found[org]]
