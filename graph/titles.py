"""Display titles of instruments and meetings in English and Russian, composed from what was
read (type or kind, issuers or organizer, place, date) and the reference data's names.

``to_rdf`` writes them as ``rdfs:label`` (one per language), so pages, JSON-LD and SPARQL
clients all have a name to show and cite, whatever the language of the source. A source's own
title in a language is that language's label; the others are composed (no translation).

>>> ref = Reference.load()
>>> instrument_title("joint-statement", ("CSTO-CFM",), "yerevan", "2022-11-23", "en", ref)
'Joint statement of the CSTO Council of Foreign Ministers, Yerevan, 23 November 2022'
>>> instrument_title("joint-statement", ("CSTO-CFM",), "yerevan", "2022-11-23", "ru", ref)
'Совместное заявление Совета министров иностранных дел ОДКБ, Ереван, 23 ноября 2022 г.'
>>> meeting_title("expert-meeting", "CIS", (), "minsk", "2020-08-21", "en", ref)
'CIS expert meeting, Minsk, 21 August 2020'
>>> meeting_title("expert-meeting", "CIS", (), "minsk", "2020-08-21", "ru", ref)
'Встреча экспертов СНГ, Минск, 21 августа 2020 г.'
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.extract.russian import in_case
from graph.reference import Reference

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}
# a month named alone ("June 2021", "июнь 2021 г."): Russian names it in the nominative
MONTHS_ALONE = {
    "en": MONTHS["en"],
    "ru": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
}
MOST_NAMED = 3  # more issuers or participants than this: the title names none of them


def human_date(date: str | None, lang: str) -> str:
    """An ISO date (full, ``--MM-DD``, a year and month, or a year) as a reader writes it;
    anything else as it is written (a page never fails on a date a store holds).

    >>> human_date("2021-11-19", "en"), human_date("--11-19", "ru"), human_date("2016", "ru")
    ('19 November 2021', '19 ноября', '2016 г.')
    >>> human_date("2029-06", "ru"), human_date("2029-13-01", "en")
    ('июнь 2029 г.', '2029-13-01')
    """
    if not date:
        return ""
    year = "" if date.startswith("--") else date[:4]
    suffix = " г." if lang == "ru" and year else ""
    if len(date) < 7:
        return f"{year}{suffix}"
    if len(date) == 7 and year:  # a year and month (xsd:gYearMonth)
        month = _month(date[5:7])
        return f"{MONTHS_ALONE[lang][month - 1]} {year}{suffix}" if month else date
    month, day = _month(date[-5:-3]), date[-2:]
    if not month or not day.isdigit():
        return date
    return " ".join(filter(None, [str(int(day)), MONTHS[lang][month - 1], year])) + suffix


def _month(digits: str) -> int:
    """The month ``digits`` name (1–12), or 0."""
    return int(digits) if digits.isdigit() and 1 <= int(digits) <= 12 else 0


def _joined(names: Sequence[str], lang: str) -> str:
    conjunction = " and " if lang == "en" else " и "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + conjunction + names[-1]


def _of(actors: Sequence[str], lang: str, ref: Reference) -> str:
    """``of the CSTO Council of Foreign Ministers`` / ``Совета министров иностранных дел ОДКБ``:
    the actors a title names after its head noun (none when there are too many)."""
    if not actors or len(actors) > MOST_NAMED:
        return ""
    names = []
    for actor in actors:
        name = ref.label(actor, lang) or actor
        if lang == "ru":
            names.append(in_case(name, "gent"))
        elif ref.is_state(actor) or " " not in name:
            names.append(name)
        else:
            names.append(f"the {name}")
    return ("of " if lang == "en" else "") + _joined(names, lang)


def _tail(place: str | None, date: str | None, lang: str, ref: Reference) -> list[str]:
    return [
        part
        for part in ((ref.label(place, lang) or "") if place else "", human_date(date, lang))
        if part
    ]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def instrument_title(
    type_: str,
    issuers: Sequence[str],
    place: str | None,
    date: str | None,
    lang: str,
    ref: Reference,
) -> str:
    """An instrument's title composed from its type, issuers, place and date."""
    kind = ref.concept_label("instrument-type", type_, lang) or type_.replace("-", " ")
    head = " ".join(filter(None, [_capitalized(kind), _of(issuers, lang, ref)]))
    return ", ".join([head, *_tail(place, date, lang, ref)])


def meeting_title(
    kind: str,
    organizer: str | None,
    participants: Sequence[str],
    place: str | None,
    date: str | None,
    lang: str,
    ref: Reference,
) -> str:
    """A meeting's title: who held it (the organizer's short name, else up to three
    participants), what kind it was, where and when."""
    what = ref.concept_label("meeting-kind", kind, lang) or kind.replace("-", " ")
    if organizer:
        who = ref.short_name(organizer, lang) or organizer
        head = f"{who} {what}" if lang == "en" else f"{_capitalized(what)} {who}"
    elif participants and len(participants) <= MOST_NAMED:
        if lang == "en":
            names = [ref.short_name(p, lang) or p for p in participants]
            head = f"{'–'.join(names)} {what}"
        else:
            head = f"{_capitalized(what)} {_of(participants, lang, ref)}"
    else:
        head = _capitalized(what)
    return ", ".join([_capitalized(head), *_tail(place, date, lang, ref)])
