"""What the extractors find in one text, before it becomes RDF.

Frozen dataclasses, one per thing the ontology models. Every finding carries a ``Span``: the
character offsets ``[start, end)`` into the *original* text of its source, so that provenance
survives every later step. Ids are the public ids of ``vocabulary.md``: ISO alpha-3 codes for
states, organization ids (``SCO``, ``CSTO-CFM``), agreement ids (``sco-2009-iis``), topic ids.

Dates are ISO 8601 strings: ``YYYY-MM-DD`` when the text fixes the year, ``--MM-DD`` when it
does not (never a guessed year), ``None`` when the text gives no date.

>>> text = "They support the ITU."
>>> span = Span.of(text, 17, 20)
>>> span.exact
'ITU'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A verbatim stretch of the source text: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Finding:
    """How a fact was found, so an analyst can filter or audit it."""

    method: str = "rule"  # "rule" (lexicon or pattern) or "model" (NER)
    cue: str = ""  # the id of the cue or rule that fired
    confidence: float = 1.0


@dataclass(frozen=True)
class Position:
    topic: str
    stance: str  # supports | opposes | concerned
    evidence: Span
    found: Finding = field(default_factory=Finding)


@dataclass(frozen=True)
class Instrument:
    type: str  # joint-statement | statement | declaration | agreement | resolution | ...
    status: str  # draft | adopted | signed | in-force
    evidence: Span  # where the text names or describes the instrument
    title: str | None = None
    date: str | None = None
    place: str | None = None  # place key (see ontology/reference/places.ttl), e.g. "moscow"
    issuers: tuple[str, ...] = ()  # state codes and organization ids
    # states the text names as the members of an issuing organization ("BRICS (Brazil, Russia,
    # India, China and South Africa)"): they hold it even when its date resolves no membership
    members: tuple[str, ...] = ()
    agreement_id: str | None = None  # set when the instrument *is* a known agreement
    agreements: tuple[str, ...] = ()  # agreements it refers to
    positions: tuple[Position, ...] = ()
    found: Finding = field(default_factory=Finding)
    # a delegation's statement in a meeting record: the meeting (its index in
    # Document.meetings) it was delivered at
    made_at: int | None = None


@dataclass(frozen=True)
class Participant:
    actor: str  # state code or organization id
    role: str  # member | observer | guest | chair | secretariat


@dataclass(frozen=True)
class Meeting:
    kind: str  # talks | summit | session | consultations | expert-meeting | conference | meeting
    evidence: Span
    date: str | None = None
    place: str | None = None
    organizer: str | None = None
    participants: tuple[Participant, ...] = ()
    virtual: bool = False
    found: Finding = field(default_factory=Finding)


@dataclass(frozen=True)
class Person:
    name: str  # English transliteration, "Given Family"
    evidence: Span  # the name as the text writes it
    acts_for: str | None = None  # state code or organization id, when the text says
    found: Finding = field(default_factory=lambda: Finding(method="model", cue="natasha-ner"))


@dataclass(frozen=True)
class UnlistedOrganization:
    """An organization the text names that the reference data does not list (found by NER,
    kept for an analyst to review and, if it matters, add to the reference data)."""

    name: str  # in the nominative, as the text writes it otherwise
    key: str  # its IRI key: the name transliterated, "sovet-bezopasnosti"
    evidence: Span
    found: Finding = field(
        default_factory=lambda: Finding(method="model", cue="natasha-ner/org", confidence=0.6)
    )


@dataclass(frozen=True)
class Mention:
    """A reference in the text to a known state, organization or agreement."""

    kind: str  # state | organization | agreement
    id: str
    evidence: Span


@dataclass(frozen=True)
class Document:
    source: str  # the file name as given
    text: str  # the original text, as decoded
    language: str  # ISO 639-1
    publisher: str | None = None
    published: str | None = None
    instruments: tuple[Instrument, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    mentions: tuple[Mention, ...] = ()
    persons: tuple[Person, ...] = ()
    unlisted: tuple[UnlistedOrganization, ...] = ()

    def mentioned(self, kind: str) -> list[str]:
        """The sorted ids of one kind of mention."""
        return sorted({m.id for m in self.mentions if m.kind == kind})
