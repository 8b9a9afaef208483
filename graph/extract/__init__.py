"""Text → ``Document``: the extraction steps, in order.

>>> doc = extract("Россия и Узбекистан приняли совместное заявление.", "x.txt")
>>> doc.language, doc.instruments[0].type, doc.instruments[0].issuers
('ru', 'joint-statement', ('RUS', 'UZB'))
"""

from __future__ import annotations

from dataclasses import replace

from graph.extract.actors import find_names, mentions
from graph.extract.dates import read_dates
from graph.extract.instruments import dated_at, find_instruments
from graph.extract.lemmas import LemmaView
from graph.extract.meetings import find_meetings
from graph.extract.participants import joined_by
from graph.extract.persons import find_persons
from graph.extract.positions import find_positions
from graph.extract.scopes import sentences_in
from graph.extract.text import Page
from graph.extract.unlisted_organizations import find_unlisted_organizations
from graph.model import Document, Mention, Span
from graph.reference import Reference


def extract(text: str, source: str, reference: Reference | None = None) -> Document:
    """Everything the extractors find in one text, with offsets into ``text``."""
    ref = reference or Reference.load()
    page = Page.of(text)
    names = find_names(page, ref)
    dates = read_dates(page)
    persons = find_persons(names)
    found = find_instruments(page, names, dates, persons, ref)
    meetings = find_meetings(page, names, dates, persons, ref, found[0] if found else None)
    found = dated_at(found, meetings)
    spoken = [f for f in found if f.speech and not f.optional]
    if len(meetings) == 1 and spoken:  # the sitting the delegations took the floor at
        meetings = [joined_by(meetings[0], [v for f in spoken for v in f.voices])]
    instruments = []
    for each in found:
        # the lemmas of its own sentences only: a record of fifty speakers is read once
        view = LemmaView.of(page, sentences_in(page, each.scope) if each.scope else None)
        positions = find_positions(page, names, each, ref, view)
        if each.optional and not positions:
            continue  # a speech reported outside a UN body that states no position
        # a delegation's statement was delivered at the sitting, when the text reports one
        sitting = 0 if each.speech and len(meetings) == 1 else None
        instruments.append(replace(each.instrument, positions=tuple(positions), made_at=sitting))
    agreements = {
        a
        for instrument in instruments
        for a in [*instrument.agreements, *filter(None, [instrument.agreement_id])]
    }
    evidence = instruments[0].evidence if instruments else Span(0, 0, "")
    referred = [Mention("agreement", a, evidence) for a in sorted(agreements)]
    return Document(
        source=source,
        text=text,
        language=page.language,
        publisher=dates.publisher,
        published=dates.published,
        instruments=tuple(instruments),
        meetings=tuple(meetings),
        mentions=tuple(mentions(names)) + tuple(referred),
        persons=tuple(persons),
        unlisted=tuple(find_unlisted_organizations(names)),
    )
