"""Document → RDF: the only code that writes extracted triples (see docs/rdf-model.md).

Every node gets a deterministic IRI, so re-extracting an unchanged text yields the same triples
and re-ingesting it changes nothing. Every extracted node points to its source
(``prov:wasDerivedFrom``) and to the span of text it was found in (``iis:evidence``, a Web
Annotation ``oa:SpecificResource`` with a quote and a position selector).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from graph.model import Document, Finding, Instrument, Meeting, Span
from graph.namespaces import OA, Ids, T, slug, source_id
from graph.readers import PAGE_BREAK, page_at
from graph.reference import Reference
from graph.titles import instrument_title, meeting_title

CONTEXT_CHARS = 240  # most characters of a quote's sentence kept before and after it
LANGUAGES = ("en", "ru")  # the languages every instrument and meeting is named in
_SENTENCE_END = re.compile(r"[.!?…](?=[\s»”\"')]*\s)|\n")
_MONTH_DAY = re.compile(r"(?:\d{4}|-)-(\d\d-\d\d)")

TYPE_CLASSES = {
    "agreement": T.Agreement,
    "statement": T.Statement,
    "joint-statement": T.JointStatement,
    "declaration": T.Declaration,
    "resolution": T.Resolution,
    "communique": T.Communique,
    "convention": T.Convention,
}


def date_literal(value: str) -> Literal:
    """An ISO date, full or partial, as a typed literal.

    >>> date_literal("--11-19").datatype.endswith("gMonthDay")
    True
    """
    if value.startswith("--"):
        return Literal(value, datatype=XSD.gMonthDay)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return Literal(value, datatype=XSD.date)


def decimal_text(value: float) -> str:
    """The canonical lexical form of a decimal, as stores keep it.

    >>> decimal_text(1.0), decimal_text(0.90)
    ('1', '0.9')
    """
    return format(Decimal(str(value)).normalize(), "f")


def year_of(date: str | None) -> str:
    """The year a date gives ("" for a day without its year)."""
    return date[:4] if date and not date.startswith("--") else ""


def month_day(date: str | None) -> str | None:
    """The month and day a full or year-less date gives (None for a year or a month).

    >>> month_day("2021-11-19"), month_day("--11-19"), month_day("2021-11")
    ('11-19', '11-19', None)
    """
    found = _MONTH_DAY.fullmatch(date or "")
    return found.group(1) if found else None


def shared_key(actors: Iterable[str], date: str | None, kind: str) -> str | None:
    """The key of an instrument or meeting that every source about it shares, if it has one:
    its actors, the year when the date gives it, the month and day, the kind.

    A report that knows no year (a Russian report of "Friday's" joint statement) keys it by
    month and day alone; ingest joins it to the one dated instrument of that day, if there is
    exactly one (``graph/same_day.py``): then both sources describe one node, each in its own
    named graph. Without a day or actors there is no key.

    >>> shared_key(["UZB", "RUS"], "2021-11-19", "joint-statement")
    'rus-uzb-2021-11-19-joint-statement'
    >>> shared_key(["RUS", "UZB"], "--11-19", "joint-statement")
    'rus-uzb-11-19-joint-statement'
    """
    named, day = sorted(set(actors)), month_day(date)
    if day is None or not named:
        return None
    return slug("-".join([*named, year_of(date), day, kind]))


def yearless_key(actors: Iterable[str], date: str | None, kind: str) -> str | None:
    """The shared key without its year: what a report lacking the year keys the same thing
    by (and what earlier versions keyed every source's by).

    >>> yearless_key(["RUS", "UZB"], "2021-11-19", "joint-statement")
    'rus-uzb-11-19-joint-statement'
    """
    day = month_day(date)
    return shared_key(actors, f"--{day}", kind) if day else None


@dataclass(frozen=True)
class Key:
    """The shared key of a thing and that key without its year (the same when no year)."""

    key: str | None
    yearless: str | None

    @classmethod
    def of(cls, actors: Iterable[str], date: str | None, kind: str) -> Key:
        named = list(actors)
        return cls(shared_key(named, date, kind), yearless_key(named, date, kind))


def sentence_around(text: str, start: int, end: int, most: int = CONTEXT_CHARS) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` begins and ends (a line break ends one
    too), at most ``most`` characters either side, cut between words.

    >>> text = "First one. They support the ITU role here. Next."
    >>> s, e = sentence_around(text, 28, 31)
    >>> text[s:e]
    'They support the ITU role here.'
    """
    begin = max(0, start - most)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, begin, start)]
    if ends:
        begin = ends[-1]
    elif begin > 0:
        space = text.find(" ", begin, start)
        begin = space + 1 if space >= 0 else start
    while begin < start and text[begin].isspace():
        begin += 1
    stop = min(len(text), end + most)
    found = _SENTENCE_END.search(text, end, stop)
    if found:
        stop = found.start() + (0 if found.group() == "\n" else 1)
    elif stop < len(text):
        space = text.rfind(" ", end, stop)
        stop = space if space >= 0 else end
    while stop > end and text[stop - 1].isspace():
        stop -= 1
    return begin, stop


def few(actors: Iterable[str], most: int = 3) -> list[str]:
    """The actors a source's own key names: up to ``most`` of them, else none.

    >>> few(["UZB", "RUS"]), few(["A", "B", "C", "D"])
    (['RUS', 'UZB'], [])
    """
    named = sorted(set(actors))
    return named if len(named) <= most else []


@dataclass
class _Writer:
    doc: Document
    ids: Ids
    is_state: Callable[[str], bool]
    reference: Reference
    graph: Graph = field(default_factory=Graph)
    evidence_count: int = 0
    keys: set[str] = field(default_factory=set)

    @property
    def sid(self) -> str:
        return source_id(self.doc.source)

    @property
    def source(self) -> URIRef:
        return self.ids.source(self.sid)

    def actor(self, actor_id: str) -> URIRef:
        if self.is_state(actor_id):
            return self.ids.state(actor_id)
        return self.ids.organization(actor_id)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def evidence(self, node: URIRef, span: Span) -> None:
        ev = URIRef(f"{self.source}#ev-{self.evidence_count}")
        self.evidence_count += 1
        text = self.doc.text
        quote, offsets = URIRef(f"{ev}-quote"), URIRef(f"{ev}-offsets")
        self.add(node, T.evidence, ev)
        self.add(ev, RDF.type, OA.SpecificResource)
        self.add(ev, OA.hasSource, self.source)
        self.add(ev, OA.hasSelector, quote)
        self.add(ev, OA.hasSelector, offsets)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.exact))
        # the context is the rest of the sentence: a quote can be read (and cited) on its own
        begin, stop = sentence_around(text, span.start, span.end)
        self.add(quote, OA.prefix, Literal(text[begin : span.start]))
        self.add(quote, OA.suffix, Literal(text[span.end : stop]))
        self.add(offsets, RDF.type, OA.TextPositionSelector)
        self.add(offsets, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(offsets, OA.end, Literal(span.end, datatype=XSD.integer))
        if self.paged:  # a PDF's text: the page the span starts on
            self.add(offsets, T.page, Literal(page_at(text, span.start), datatype=XSD.integer))

    @cached_property
    def paged(self) -> bool:
        return PAGE_BREAK in self.doc.text

    def found(self, node: URIRef, found: Finding, span: Span) -> None:
        self.add(node, PROV.wasDerivedFrom, self.source)
        self.evidence(node, span)
        self.add(node, T.extractionMethod, Literal(found.method))
        if found.cue:
            self.add(node, T.cue, Literal(found.cue))
        self.add(node, T.confidence, Literal(decimal_text(found.confidence), datatype=XSD.decimal))

    # -- the parts of a document -------------------------------------------------------------

    def write_source(self) -> None:
        doc, src = self.doc, self.source
        self.add(src, RDF.type, T.SourceText)
        self.add(src, RDF.type, PROV.Entity)
        self.add(src, T.fileName, Literal(doc.source.replace("\\", "/").rsplit("/", 1)[-1]))
        self.add(src, DCTERMS.language, Literal(doc.language))
        self.add(src, T.text, Literal(doc.text))
        self.add(src, T.sha256, Literal(hashlib.sha256(doc.text.encode()).hexdigest()))
        if doc.publisher:
            self.add(src, DCTERMS.publisher, Literal(doc.publisher))
        if doc.published:
            self.add(src, DCTERMS.issued, date_literal(doc.published))
        for mention in doc.mentions:
            target = (
                self.ids.agreement(mention.id)
                if mention.kind == "agreement"
                else self.actor(mention.id)
            )
            self.add(src, T.mentions, target)

    def unique(self, key: str | None, own: str, index: int) -> str:
        """``key``, unless it is None or this text already used it (two talks of the same two
        states on the same day are two things): then ``own``, a key of this source's own
        (its readable words, then the source id, then the index if the text used it too)."""
        if key is not None and key not in self.keys:
            self.keys.add(key)
            return key
        own = f"{slug(own) or 'unnamed'}-{self.sid}"
        if own in self.keys:
            own = f"{own}-{index}"
        self.keys.add(own)
        return own

    def keyed(self, kind: str, key: str, index: int, shared: Key) -> URIRef:
        """The node of ``key``; the key earlier versions minted for it (the shared key without
        its year, else ``{source}-{n}``) is kept as ``iis:formerIri``, so its old IRI can be
        redirected to the new one (and a report lacking the year finds the dated node)."""
        node = self.ids.thing(kind, key)
        old = shared.yearless if key == shared.key else f"{self.sid}-{index}"
        if old is not None and old != key:
            self.add(node, T.formerIri, self.ids.thing(kind, old))
        return node

    def instrument_iri(self, index: int, ins: Instrument) -> URIRef:
        if ins.agreement_id:
            return self.ids.agreement(ins.agreement_id)
        shared = Key.of(ins.issuers, ins.date, ins.type)
        own = "-".join([*few(ins.issuers), year_of(ins.date), ins.type])
        return self.keyed("instrument", self.unique(shared.key, own, index), index, shared)

    def names(self, node: URIRef, compose: Callable[[str], str], title: str | None) -> None:
        """``rdfs:label`` in each language: the text's own title in its language, else one
        composed from what was read."""
        for lang in LANGUAGES:
            own = title if title and lang == self.doc.language else None
            self.add(node, RDFS.label, Literal(own or compose(lang), lang=lang))

    def write_instrument(self, index: int, ins: Instrument) -> URIRef:
        node = self.instrument_iri(index, ins)
        self.add(node, RDF.type, T.Instrument)
        self.add(node, RDF.type, TYPE_CLASSES[ins.type])
        self.add(node, T.instrumentType, self.ids.instrument_type(ins.type))
        self.add(node, T.status, self.ids.instrument_status(ins.status))
        if ins.title:
            self.add(node, DCTERMS.title, Literal(ins.title, lang=self.doc.language))
        if not ins.agreement_id:  # an agreement has its names in the reference data
            self.names(
                node,
                lambda lang: instrument_title(
                    ins.type, ins.issuers, ins.place, ins.date, lang, self.reference
                ),
                ins.title,
            )
        if ins.date:
            self.add(node, DCTERMS.date, date_literal(ins.date))
        if ins.place:
            self.add(node, T.place, self.ids.place(ins.place))
        for issuer in ins.issuers:
            self.add(node, T.issuer, self.actor(issuer))
            if ins.type == "agreement" and self.is_state(issuer):
                self.add(node, T.party, self.ids.state(issuer))
        for member in ins.members:
            self.add(node, T.issuerMember, self.ids.state(member))
        for agreement in ins.agreements:
            self.add(node, T.refersTo, self.ids.agreement(agreement))
        self.found(node, ins.found, ins.evidence)
        for position in ins.positions:
            pos = self.ids.thing("position", f"{self.sid}/{index}-{position.topic}")
            self.add(pos, RDF.type, T.Position)
            self.add(pos, T.topic, self.ids.topic(position.topic))
            self.add(pos, T.stance, self.ids.stance(position.stance))
            self.add(pos, T.statedIn, node)
            self.found(pos, position.found, position.evidence)
        return node

    def write_meeting(self, index: int, meeting: Meeting) -> URIRef:
        who = [p.actor for p in meeting.participants] or list(filter(None, [meeting.organizer]))
        shared = Key.of(who, meeting.date, meeting.place or "")
        own = "-".join([*few(who), year_of(meeting.date), meeting.kind])
        key = self.unique(shared.key, own, index)
        node = self.keyed("meeting", key, index, shared)
        self.add(node, RDF.type, T.Meeting)
        self.names(
            node,
            lambda lang: meeting_title(
                meeting.kind,
                meeting.organizer,
                [p.actor for p in meeting.participants],
                meeting.place,
                meeting.date,
                lang,
                self.reference,
            ),
            None,
        )
        self.add(node, T.meetingKind, self.ids.thing("meeting-kind", meeting.kind))
        if meeting.date:
            self.add(node, DCTERMS.date, date_literal(meeting.date))
        if meeting.place:
            self.add(node, T.place, self.ids.place(meeting.place))
        if meeting.organizer:
            self.add(node, T.organizer, self.actor(meeting.organizer))
        self.add(node, T.virtual, Literal(meeting.virtual))
        for participant in meeting.participants:
            part = self.ids.thing("participation", f"{key}-{participant.actor}")
            self.add(node, T.participation, part)
            self.add(part, RDF.type, T.Participation)
            self.add(part, T.participant, self.actor(participant.actor))
            self.add(part, T.role, self.ids.participant_role(participant.role))
        self.found(node, meeting.found, meeting.evidence)
        return node

    def write_persons(self) -> None:
        for person in self.doc.persons:
            node = self.ids.thing("person", slug(person.name) or "unnamed")
            self.add(node, RDF.type, T.Person)
            self.add(node, RDF.type, FOAF.Person)
            self.add(node, FOAF.name, Literal(person.name))
            self.add(node, RDFS.label, Literal(person.name, lang="en"))
            if person.acts_for:
                self.add(node, T.actsFor, self.actor(person.acts_for))
            self.add(self.source, T.mentions, node)
            self.found(node, person.found, person.evidence)

    def write_unlisted(self) -> None:
        for org in self.doc.unlisted:
            node = self.ids.thing("unlisted-organization", org.key or "unnamed")
            self.add(node, RDF.type, T.UnlistedOrganization)
            self.add(node, RDF.type, FOAF.Organization)
            self.add(node, RDFS.label, Literal(org.name, lang=self.doc.language))
            self.add(self.source, T.mentions, node)
            self.found(node, org.found, org.evidence)


def to_rdf(
    doc: Document,
    ids: Ids,
    is_state: Callable[[str], bool],
    reference: Reference | None = None,
) -> Graph:
    """The triples one document yields: its source, instruments, positions, meetings, persons.

    ``is_state`` tells a state code from an organization id (``Reference.is_state``); the
    ``reference`` data (by default that of ``ids.base``) names what the titles compose.
    """
    writer = _Writer(doc, ids, is_state, reference or Reference.load(ids.base))
    writer.write_source()
    instruments = [writer.write_instrument(i, ins) for i, ins in enumerate(doc.instruments)]
    meetings = [writer.write_meeting(i, meeting) for i, meeting in enumerate(doc.meetings)]
    for node, ins in zip(instruments, doc.instruments, strict=True):
        if ins.made_at is not None and ins.made_at < len(meetings):
            writer.add(node, T.madeAt, meetings[ins.made_at])
    writer.write_persons()
    writer.write_unlisted()
    return writer.graph
