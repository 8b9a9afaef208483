"""The instruments a text is, or reports on: type, status, title, date, place, issuers, scope.

Every naming of an instrument type (``graph/lexicons/instruments.tsv``) is a candidate; press
statements, instruments only wished for or rejected ("an agreement would be premature") and
agreements merely referred to are not. The best candidate — a heading of the document itself,
a quoted document, one reported adopted or signed, on information security — is the main
instrument; another document the text reports made by issuers of its own ("the General
Assembly adopted a resolution", "…, and the CIS adopted a statement") is one more. So is every
national statement of a speaker (``speeches.py``) that is not the voice of a document's own
issuer. Each instrument gets the stretches of the text that are its own (``scopes.py``); a
report on consultations or a speech that states no position yields none.

>>> from graph.extract import extract
>>> doc = extract("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\\nглав государств – членов ОДКБ\\n\\n23 ноября 2022 года\\n"
...               "город Ереван\\n\\nГосударства – члены ОДКБ выступают за мир.", "s.txt")
>>> ins = doc.instruments[0]
>>> ins.type, ins.date, ins.place, ins.issuers
('joint-statement', '2022-11-23', 'yerevan', ('CSTO',))
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph.extract import agreements
from graph.extract.actors import Names
from graph.extract.candidates import (
    Candidate,
    Context,
    approving_body,
    candidates,
    has,
    is_instrument,
    last_body,
    names_forum,
    passing_votes,
    rule,
)
from graph.extract.dates import Dates
from graph.extract.issuers import actors_in, issuers_of, named_members
from graph.extract.scopes import clause, clause_scopes, ranges, span, without
from graph.extract.speeches import OPENING_CHARS, Speech, find_speeches, is_record
from graph.extract.text import Page, Sentence
from graph.extract.when_where import instrument_date, instrument_place
from graph.model import Finding, Instrument, Meeting, Person, Span
from graph.reference import Reference


@dataclass(frozen=True)
class Found:
    """One instrument of a text and where the text speaks of it."""

    instrument: Instrument
    sentences: tuple[Sentence, ...]  # sentences that name the instrument (or are the speech)
    titles: tuple[tuple[int, int], ...]  # where the text names the instrument itself
    # the [start, end) ranges of the text whose positions are this instrument's; empty: all
    scope: tuple[tuple[int, int], ...] = ()
    # a speech reported outside a UN body: an instrument only when it states a position
    optional: bool = False
    speech: bool = False  # a speaker's statement (not a document the text names)
    voices: tuple[str, ...] = ()  # a statement's speakers in the room (a group's speaker)


@dataclass
class _Document:
    """A document the text names, with the candidates that name it."""

    found: Found
    namings: list[Candidate]


def find_instruments(
    page: Page, names: Names, dates: Dates, persons: list[Person], reference: Reference
) -> list[Found]:
    """Every instrument the text is or reports on, without positions, the main one first: the
    documents it names (a declaration, a resolution …) and the statements its speakers make
    (a delegation at a UN body, a ministry in indirect speech), each with its scope."""
    ctx = Context(page, names, reference)
    documents = _documents(ctx, dates)
    speeches = [
        s
        for s in find_speeches(page, names, persons, reference)
        if not _reports_on(ctx, s, documents)
    ]
    spoken = [_statement(ctx, dates, s) for s in speeches]
    kept = [d.found for d in documents]
    if len(spoken) > 1 and is_record(page, names, reference):
        kept = [d for d in kept if not _outcome(d)]
    return _scoped(page, kept, spoken)


def _outcome(document: Found) -> bool:
    """A resolution or convention the UN body itself adopts or approves at the sitting a record
    gives the floor to delegations at: the meeting's outcome, of which every delegation's
    intervention is the statement (the record is read as its speakers' statements)."""
    ins = document.instrument
    return ins.issuers == ("UN",) and ins.type in ("resolution", "convention")


def _documents(ctx: Context, dates: Dates) -> list[_Document]:
    """The documents the text names as made: the best-scored type first, then one of each other
    type the running text reports made by issuers of its own, named in its own clause ("the
    General Assembly adopted a resolution"; "…, and the CIS adopted a joint statement")."""
    found = [c for c in candidates(ctx) if is_instrument(ctx, c)]
    if not found:
        return []
    best = max(found, key=lambda c: (c.score, -c.start))
    groups = _apart(ctx, [c for c in found if c.type == best.type], found)
    for kind in sorted({c.type for c in found} - {best.type}):
        made = [
            c
            for c in found
            if c.type == kind and not c.heading and not _quoted(ctx, c) and _made(ctx, c)
        ]
        groups += _apart(ctx, made, found) if made else []
    out: list[_Document] = []
    for group in groups:
        # a sentence that names two documents: each takes its own clause's issuers and date
        shared = any(
            ctx.page.sentence_at(c.start) == ctx.page.sentence_at(o.start)
            for c in group
            for other in groups
            if other is not group
            for o in other
        )
        document = _document(ctx, dates, group, found if shared else None)
        issuers = set(document.instrument.issuers)
        if out and (not issuers or issuers <= set(out[0].found.instrument.issuers)):
            continue  # the main document named again, or no one's
        out.append(_Document(document, group))
    if len(out) > 1:
        claimed = clause_scopes(ctx, [d.namings for d in out], found)
        for i, d in enumerate(out[1:], 1):
            d.found = replace(d.found, scope=claimed[i])
    return out


def _apart(ctx: Context, same: list[Candidate], found: list[Candidate]) -> list[list[Candidate]]:
    """Namings of one type split into several documents where one sentence reports each made
    by issuers of its own ("the SCO adopted a statement …, the CSTO a statement …"); the
    other namings stay with the first."""
    groups = [list(same)]
    for sentence in {ctx.page.sentence_at(c.start) for c in same}:
        own = [
            (c, tuple(actors_in(ctx, *span(clause(ctx, c, found)), c.type)))
            for c in same
            if ctx.page.sentence_at(c.start) == sentence and _made(ctx, c)
        ]
        if len({issuers for _, issuers in own if issuers}) < 2:
            continue
        for c, _ in own[1:]:
            groups[0].remove(c)
            groups.append([c])
    return groups


def _made(ctx: Context, c: Candidate) -> bool:
    """Reported adopted, signed or approved in its own clause."""
    if c.type in ("resolution", "convention"):
        return bool(passing_votes(ctx, c))
    sentence = ctx.page.sentence_at(c.start)
    start, end = max(sentence.start, c.start - 60), min(sentence.end, c.phrase_end + 40)
    return has("adopted", ctx.lang, ctx.page.norm[start:end])


def _quoted(ctx: Context, c: Candidate) -> bool:
    """Inside a quotation (of the main document, or of a speaker)."""
    sentence = ctx.page.sentence_at(c.start)
    return ctx.page.norm[sentence.start : c.start].count('"') % 2 == 1


def _document(
    ctx: Context,
    dates: Dates,
    same: list[Candidate],
    found: list[Candidate] | None = None,
) -> Found:
    """One document from the candidates that name it; with ``found`` (the text names other
    documents in its sentences) its issuers, date and place come from its own clauses."""
    page, names, reference = ctx.page, ctx.names, ctx.reference
    best = max(same, key=lambda c: (c.score, -c.start))
    sentences = _mention_sentences(page, same)
    whole = Sentence(0, page.tail)
    clauses = [clause(ctx, c, found) for c in same] if found else []
    issuers = sorted({i for k in clauses for i in actors_in(ctx, k.start, k.end, best.type)})
    made = [c for c in same if _made(ctx, c)]
    issuers = issuers or issuers_of(ctx, same, best.type, made, sentences)
    if not issuers and best.type in ("resolution", "convention") and names_forum(ctx, whole):
        issuers = ["UN"]  # voted at a sitting of a UN body the text names ("the Ad Hoc Committee")
    status = _status(ctx, best, same)
    date = None if status == "draft" else instrument_date(page, dates, same, clauses or sentences)
    place = None if status == "draft" else instrument_place(ctx, dates, same, clauses or sentences)
    agreement_id = None
    if best.type == "agreement":
        named_at = [(c.start, c.phrase_end) for c in same]
        agreement_id = agreements.identify_agreement(names, reference, named_at, issuers, date)
    refs = [
        a for a in agreements.referred_agreements(names, reference, issuers) if a != agreement_id
    ]
    members = named_members(ctx, issuers)
    instrument = Instrument(
        type=best.type,
        status=status,
        evidence=Span.of(page.text, best.start, best.end),
        title=_title(same),
        date=date,
        place=place,
        issuers=tuple(issuers),
        members=members,
        agreement_id=agreement_id,
        agreements=tuple(refs),
        found=Finding("rule", f"instrument/{page.language}/{best.type}", min(1.0, best.score / 10)),
    )
    titles = tuple((c.start, c.phrase_end) for c in same)
    return Found(instrument, tuple(sentences), titles)


# -- statements of speakers ----------------------------------------------------------------------


def _reports_on(ctx: Context, speech: Speech, documents: list[_Document]) -> bool:
    """Whether a speech is a document's own voice rather than a statement of its own: a text
    that is one delegation's statement (its heading) carries no other; a speaker that issued
    the document speaks for it; a member of its issuing organization speaking of it reports it."""
    if not documents:
        return False
    main, group = documents[0].found, documents[0].namings
    if main.instrument.type == "statement" and any(c.heading for c in group):
        return True
    speakers = set(speech.speakers)
    if any(speakers <= set(d.found.instrument.issuers) for d in documents):
        return True
    own = set(main.instrument.issuers) | set(main.instrument.members)
    for issuer in main.instrument.issuers:
        if issuer not in ("UN", "ITU"):  # at the UN, members vote for or against: their own
            own |= {m.state for m in ctx.reference.memberships if m.organization == issuer}
    return speakers <= own and bool(set(speech.sentences) & set(main.sentences))


def _statement(ctx: Context, dates: Dates, speech: Speech) -> Found:
    """The statement a speaker makes: dated like a document by the speech's own sentences."""
    page = ctx.page
    sentences = speech.sentences
    instrument = Instrument(
        type="statement",
        status="adopted",
        evidence=Span.of(page.text, speech.start, speech.end),
        date=instrument_date(page, dates, [], sentences),
        # where the text says the sitting was, not a city named in the speech
        place=instrument_place(ctx, dates, [], []),
        issuers=speech.speakers,
        agreements=tuple(
            agreements.referred_agreements(ctx.names, ctx.reference, list(speech.speakers))
        ),
        found=Finding("rule", f"instrument/{page.language}/speech", 0.7),
    )
    return Found(
        instrument,
        tuple(sentences),
        (),
        ranges(sentences),
        speech.optional,
        True,
        speech.voices or speech.speakers,
    )


def _scoped(page: Page, documents: list[Found], spoken: list[Found]) -> list[Found]:
    """Each instrument with the ranges whose positions are its own: a speech its speaker's
    sentences, a further document its own, the main document the rest (all of the text when
    it is the only instrument)."""
    if not spoken and len(documents) <= 1:
        return documents
    others = [*documents[1:], *[replace(f, scope=ranges(f.sentences)) for f in spoken]]
    if not documents:
        return others
    rest = without(ranges(page.body()), [r for f in others for r in f.scope])
    return [replace(documents[0], scope=rest or ((0, 0),)), *others]


def dated_at(found: list[Found], meetings: list[Meeting]) -> list[Found]:
    """Speeches without a date of their own take the date of the sitting they were delivered
    at: the one dated meeting of the UN (or ITU) the text describes, or the one its speakers
    took part in."""
    out = []
    for f in found:
        if f.speech and f.instrument.date is None:
            days = {
                m.date
                for m in meetings
                if m.date
                and (
                    m.organizer in ("UN", "ITU")
                    or set(f.instrument.issuers) <= {p.actor for p in m.participants}
                )
            }
            if len(days) == 1:
                f = replace(f, instrument=replace(f.instrument, date=days.pop()))
        out.append(f)
    return out


# -- what the instrument is ----------------------------------------------------------------------


def _mention_sentences(page: Page, same: list[Candidate]) -> list[Sentence]:
    found = {page.sentence_at(c.start) for c in same}
    anaphor = rule("anaphor", page.language)
    if anaphor:
        for m in anaphor.finditer(page.norm, 0, page.tail):
            if not page.is_ignored(m.start()):
                found.add(page.sentence_at(m.start()))
    return sorted(found, key=lambda s: s.start)


def _status(ctx: Context, best: Candidate, same: list[Candidate]) -> str:
    """A draft when the text says so or only a committee approved it (the plenary adopts);
    an agreement signed or in force; anything else adopted."""
    page = ctx.page
    if best.type in ("resolution", "convention"):
        bodies = {approving_body(ctx, c) for c in same}
        if "plenary" in bodies:
            return "adopted"
        if "committee" in bodies or (bodies == {None} and _committee_sitting(ctx)):
            return "draft"
    if any(c.draft for c in same):
        return "draft"
    if best.type == "agreement":
        sentence = page.sentence_at(best.start)
        around = page.norm[max(sentence.start, best.start - 60) : best.phrase_end + 40]
        return "in-force" if has("in-force", page.language, around) else "signed"
    return "adopted"


def _committee_sitting(ctx: Context) -> bool:
    """Whether the text records a sitting of a committee ("(17th meeting) Reconvened session of
    the Ad Hoc Committee …"): what it adopts without naming who is the committee's."""
    page = ctx.page
    opening = page.norm[: min(page.tail, OPENING_CHARS)]
    return is_record(page, ctx.names, ctx.reference) and last_body(page.language, opening) == (
        "committee"
    )


def _title(same: list[Candidate]) -> str | None:
    for c in same:
        if c.heading:
            return c.title
    named = [c.title for c in same if c.named and c.title]
    plain = [c.title for c in same if c.title]
    pool = named or plain
    return max(pool, key=len) if pool else None
