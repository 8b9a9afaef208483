"""Who took part in a meeting, and in what role (``member``, ``observer``, ``guest``,
``chair``, ``secretariat``).

Participants are the states named in the sentences that tell of the meeting or say who took
part; an organization named with a state as a side of it ("Russia and ASEAN held
consultations", "the EU-China summit"); a secretariat, or its head ("сотрудники Исполкома
СНГ", "the CSTO Secretary General"); delegations named anywhere on the page ("the
delegations of Iran and India", "China's representative"); people acting for their states;
"all member states" of the organizer (its members on the meeting's date, none when the date
cannot resolve them, as for holders); and at a UN session the states and organizations that
speak ("Costa Rica voiced concerns"), not those spoken for ("on behalf of the European
Union"). A cue written before or after a list of them gives the list its role ("co-chaired
by Russia and China", "observer states (Afghanistan, India, Pakistan)", "Serbia took part as
a guest"); in brackets after a name, that name's only ("Молдовы (в качестве наблюдателя)").
Words are in ``graph/lexicons/meetings.tsv``.

>>> from graph.extract import extract
>>> doc = extract("Саммит прошел 11 сентября 2014 года в Душанбе под председательством "
...               "Таджикистана; в качестве наблюдателей — Афганистан и Индия.", "m.txt")
>>> {p.actor: p.role for p in doc.meetings[0].participants}
{'AFG': 'observer', 'IND': 'observer', 'TJK': 'chair'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from graph.extract.actors import NameHit, Names
from graph.extract.meeting_words import alternation, ends_with, role_rules, rules, search
from graph.extract.text import Page, Sentence
from graph.model import Meeting, Participant, Person
from graph.reference import Reference

ROLES = ("member", "chair", "observer", "guest")
# What joins the names of one list: "Russia, China and India", "России и Китая", "EU-China".
_JOIN = re.compile(
    r"(?i)\s*(?:,|;|&|[-–]|\band\b|\bи\b|\bas well as\b|\bа также\b)?\s*,?\s*"
    r"(?:\band\s+|\bи\s+)?(?:the\s+)?"
)


@dataclass(frozen=True)
class Scene:
    """What participants are read from: a page and the names and people found on it."""

    page: Page
    names: Names
    persons: tuple[Person, ...]
    reference: Reference


@dataclass(frozen=True)
class Told:
    """How the text tells of one meeting."""

    sentences: frozenset[Sentence]  # the sentences that say it happened
    again: frozenset[Sentence]  # sentences that speak of it again, not saying it happened
    start: int  # where the text first names it
    organizer: str | None
    date: str | None


def find_participants(scene: Scene, told: Told) -> dict[str, str]:
    """Who took part in one meeting, by state code or organization id, with their roles; a
    role a cue gives (chair, observer, guest) wins over ``member``."""
    page, lang = scene.page, scene.page.language
    sentences = set(told.sentences)
    for s in page.body():
        if s.start > told.start and search("participation", lang, page.norm[s.start : s.end]):
            sentences.add(s)
    found = [_named_in(scene, s, told.organizer) for s in sorted(sentences, key=_start)]
    found += [
        _cued_roles(scene, s, ROLES, told.organizer)
        for s in sorted(told.again - sentences, key=_start)
    ]
    found.append(_delegations(scene, told.organizer))
    found.append(_chairs(scene))
    if told.organizer == "UN":
        found.append(_speakers(scene, told.organizer))
    out: dict[str, str] = {}
    for roles in found:
        for actor, role in roles.items():
            if out.get(actor, "member") == "member":
                out[actor] = role
    for member in _all_members(scene, sentences, told):
        out.setdefault(member, "member")
    return out


def _start(s: Sentence) -> int:
    return s.start


def lists(scene: Scene, start: int, end: int) -> list[list[NameHit]]:
    """Runs of states and organizations joined only by commas, "and" or a hyphen: "Russia,
    China and India", "России и Китая", "EU-China" (a name inside another counts once).

    >>> from graph.extract.actors import find_names
    >>> page = Page.of("Russia, China and India met; the EU-China summit.")
    >>> scene = Scene(page, find_names(page, Reference.load()), (), Reference.load())
    >>> [[h.id for h in found] for found in lists(scene, 0, len(page.norm))]
    [['RUS', 'CHN', 'IND'], ['EU', 'CHN']]
    """
    out: list[list[NameHit]] = []
    last_end = -1
    for hit in scene.names.within(start, end):
        if hit.kind not in ("state", "organization") or hit.start < last_end:
            continue
        last_end = hit.end
        if out and _JOIN.fullmatch(scene.page.norm[out[-1][-1].end : hit.start]):
            out[-1].append(hit)
        else:
            out.append([hit])
    return out


def _named_in(scene: Scene, s: Sentence, organizer: str | None) -> dict[str, str]:
    """Who a sentence telling of the meeting names as taking part, with their roles."""
    names, ref = scene.names, scene.reference
    cued = _cued_roles(scene, s, ROLES, organizer)
    spoken_of = _spoken_of(scene, s)
    out: dict[str, str] = {}
    for hit in names.within(s.start, s.end):
        if names.is_locative(hit) or covered(hit, spoken_of):
            continue
        if hit.kind == "state":
            out.setdefault(hit.id, cued.get(hit.id, "member"))
        elif hit.kind == "organization":
            unit = _secretariat_named(scene, hit)
            if unit:
                out.setdefault(unit, "secretariat")
    for found in lists(scene, s.start, s.end):
        if any(h.kind == "state" for h in found) and not covered(found[0], spoken_of):
            for hit in found:  # "Russia and ASEAN", "EU-China": the organization is a side
                if hit.kind == "organization" and ref.parent_of(hit.id) is None:
                    out.setdefault(hit.id, cued.get(hit.id, "member"))
    for actor, role in cued.items():
        out.setdefault(actor, role)  # an organization cued as a delegation, an observer...
    text = scene.page.norm[s.start : s.end]
    for person in scene.persons:
        if person.acts_for and re.search(rf"(?<!\w){_surname(person)}(?!\w)", text):
            out.setdefault(person.acts_for, "member")
    return out


def _spoken_of(scene: Scene, s: Sentence) -> list[NameHit]:
    """Names a meeting speaks about, not with ("the situation around Ukraine", "relations
    with the United States", "против США"): the whole list after such words."""
    page, lang = scene.page, scene.page.language
    out: list[NameHit] = []
    for found in lists(scene, s.start, s.end):
        if ends_with("about", lang, page.norm[max(s.start, found[0].start - 40) : found[0].start]):
            out += found
    return out


def covered(hit: NameHit, spans: list[NameHit]) -> bool:
    """Whether a name lies within one of the names given (the same span may be found twice,
    under two of its forms)."""
    return any(h.start <= hit.start < h.end for h in spans)


def _surname(person: Person) -> str:
    return re.escape(person.evidence.exact.split()[-1])


def _secretariat_named(scene: Scene, hit: NameHit) -> str | None:
    """The secretariat an organization's name stands for: its own name ("сотрудники
    Исполнительного комитета СНГ"), or its head's ("Генеральный секретарь ОДКБ", "the SCO
    Secretary-General")."""
    page, lang, ref = scene.page, scene.page.language, scene.reference
    if ref.parent_of(hit.id):
        return hit.id if search("secretariat-word", lang, page.norm[hit.start : hit.end]) else None
    before = page.norm[max(0, hit.start - 40) : hit.start]
    after = page.norm[hit.end : hit.end + 30]
    head = re.search(rf"(?i)(?:{alternation('secretary', lang)})\s+(?:of\s+)?(?:the\s+)?$", before)
    if head or re.match(rf"(?i)\s*(?:{alternation('secretary', lang)})(?![\w-])", after):
        return _secretariat_of(ref, hit.id)
    return None


def _secretariat_of(ref: Reference, org: str) -> str | None:
    lang_names = (n for n in ref.names if ref.parent_of(n.id) == org)
    return next((n.id for n in lang_names if search("secretariat-word", n.lang, n.text)), None)


def _delegations(scene: Scene, organizer: str | None) -> dict[str, str]:
    """States and organizations named as delegations anywhere on the page ("the
    representative of Nicaragua", "делегации России и Китая", "China's representative")."""
    out: dict[str, str] = {}
    for s in scene.page.body():
        for actor, role in _cued_roles(scene, s, ("member",), organizer).items():
            out.setdefault(actor, role)
    return out


# The person who chairs, then their state in brackets: "Mr. Pieris . . . (Sri Lanka)".
_CHAIR_PERSON = re.compile(
    r"(?i)\s*(?:(?:mr|mrs|ms|madam|madame|dr|h\.\s?e|ambassador|г-н|г-жа|посол)\.?\s+)?"
    r"[^\W\d][^\n(),;:]{0,120}?\s*\(([^()\n]{2,60})\)"
)


def _chairs(scene: Scene) -> dict[str, str]:
    """The state of the person who chairs, when the text names it in brackets after them
    ("Chair: Mr. Pieris (Sri Lanka)", "The Chair, Mr. X (Sri Lanka), said", "under the
    chairmanship of Mr. X (Sri Lanka)")."""
    page, out = scene.page, dict[str, str]()
    for _, rule in rules().get(("chair-title", page.language), []):
        for m in rule.finditer(page.norm):
            person = _CHAIR_PERSON.match(page.norm, m.end())
            if person is None:
                continue
            states = scene.names.within(person.start(1), person.end(1), "state")
            if len(states) == 1:
                out.setdefault(states[0].id, "chair")
    return out


def _cued_roles(
    scene: Scene, s: Sentence, roles: tuple[str, ...], organizer: str | None
) -> dict[str, str]:
    """The role of each list a cue introduces or follows: a cue before a list applies to all
    of it ("observer states (Afghanistan, India, Pakistan)", "co-chaired by Russia and
    China"); one after applies to all ("Afghanistan and India as observers"), or only to the
    last when in brackets ("Армении, Молдовы (в качестве наблюдателя)")."""
    out: dict[str, str] = {}
    for found in lists(scene, s.start, s.end):
        found = _not_spoken_for(scene, found, s.start)
        members = [h for h in found if _may_take_part(scene, h, organizer)]
        if not members:
            continue
        before = _cue_before(scene, found[0], s.start, roles)
        given: dict[str, str | None] = dict.fromkeys((h.id for h in members), before)
        after = _cue_after(scene, found[-1], roles)
        if after is not None:
            for h in members[-1:] if after.only_last else members:
                if given.get(h.id) in (None, "member"):
                    given[h.id] = after.role
        for actor, cued in given.items():
            if cued is not None:
                out.setdefault(actor, cued)
    return out


def _not_spoken_for(scene: Scene, found: list[NameHit], start: int) -> list[NameHit]:
    """A list that opens with a group spoken for and goes on with its speaker ("on behalf of
    the Non-Aligned Movement, Indonesia's representative"): the speaker takes part, the group
    does not (its members are not all in the room)."""
    page = scene.page
    head = page.norm[max(start, found[0].start - 30) : found[0].start]
    if not ends_with("behalf", page.language, head):
        return found
    groups = [i for i, h in enumerate(found) if h.kind == "organization"]
    return found[groups[0] + 1 :] if groups else found


def _may_take_part(scene: Scene, hit: NameHit, organizer: str | None) -> bool:
    """States, and organizations other than the organizer that have no parent (a unit takes
    part as its secretariat)."""
    if hit.kind == "state":
        return not scene.names.is_locative(hit)
    ref = scene.reference
    return ref.parent_of(hit.id) is None and ref.top(hit.id) != organizer


def _cue_before(scene: Scene, first: NameHit, start: int, roles: tuple[str, ...]) -> str | None:
    """The role a cue just before a list gives it, past the words that may stand between
    (organizations' names among them: "observer states of the SCO (…)")."""
    page, lang = scene.page, scene.page.language
    begin = max(start, first.start - 80)
    window = list(page.norm[begin : first.start])
    for hit in scene.names.within(begin, first.start, "organization"):
        window[hit.start - begin : hit.end - begin] = " " * (hit.end - hit.start)
    text = "".join(window)
    if ends_with("behalf", lang, text):
        return None
    best: tuple[int, str] | None = None
    for role, rule in role_rules("role-before", lang, roles):
        for m in rule.finditer(text):
            if _gap(lang).fullmatch(text, m.end()) and (best is None or m.end() > best[0]):
                best = (m.end(), role)
    return best[1] if best else None


@dataclass(frozen=True)
class _CueAfter:
    role: str
    only_last: bool  # in brackets: the role of the last name only


def _cue_after(scene: Scene, last: NameHit, roles: tuple[str, ...]) -> _CueAfter | None:
    page, lang = scene.page, scene.page.language
    start = last.end + 1 if "." in page.norm[last.start : last.end] else last.end  # "U.S."
    text = page.norm[start : start + 40]
    for role, rule in role_rules("role-after", lang, roles):
        m = rule.search(text)
        if m is None or not _took_part(lang).fullmatch(text, 0, m.start()):
            continue
        if search("states-word", lang, text[m.end() :].lstrip()):
            continue  # "SCO observer states": the states are the organization's observers
        return _CueAfter(role, "(" in text[: m.start()])
    return None


@lru_cache(maxsize=4)
def _gap(lang: str) -> re.Pattern[str]:
    """What may stand between a role cue and the list it introduces."""
    return re.compile(rf"(?i){alternation('role-gap', lang)}")


@lru_cache(maxsize=4)
def _took_part(lang: str) -> re.Pattern[str]:
    """What may stand between a list and its role: a bracket, or a verb of taking part
    ("Serbia took part as a guest", "Сербия участвовала в качестве гостя")."""
    return re.compile(rf"(?i)\s*(?:\(\s*)?(?:(?:{alternation('participation', lang)})\s+)?")


@lru_cache(maxsize=4)
def _spoke_after(lang: str) -> re.Pattern[str]:
    """How a text says that a state (or a list of them) spoke: the verb after it, directly
    or past a clause ("Ecuador, on the other hand, praised"; "Iran, while expressing"; "the
    European Union's Working Party … condemned")."""
    verb = rf"(?:{alternation('speech', lang)})(?![\w-])"
    return re.compile(
        rf"(?i)(?:\s*,?\s*(?:while\s+|also\s+|then\s+|further\s+|которы\w+\s+)?{verb}"
        rf"|\s*,[^,.;]{{1,60}},\s*(?:also\s+)?{verb}|['’]s\s+(?:[\w-]+\s+){{0,6}}?{verb})"
    )


def _speakers(scene: Scene, organizer: str) -> dict[str, str]:
    """At a UN session, the states and organizations that speak ("Costa Rica voiced
    concerns", "Several countries, including Russia and Iran, expressed", "Says Russian
    Federation"), people who speak for their state ("Chalet said"), not those spoken for
    ("on behalf of the European Union")."""
    page, lang = scene.page, scene.page.language
    after = _spoke_after(lang)
    out: dict[str, str] = {}
    for s in page.body():
        for found in lists(scene, s.start, s.end):
            head = page.norm[max(s.start, found[0].start - 30) : found[0].start]
            if ends_with("behalf", lang, head):
                continue
            said = ends_with("speech", lang, re.sub(r"(?i)\bthe\s*$", "", head))  # "Says Russia"
            if said or after.match(page.norm, found[-1].end, s.end):
                for hit in found:
                    if _may_take_part(scene, hit, organizer):
                        out.setdefault(hit.id, "member")
    for person in scene.persons:
        for m in re.finditer(rf"(?<!\w){_surname(person)}(?!\w)", page.norm):
            if person.acts_for and after.match(page.norm, m.end()):
                out.setdefault(person.acts_for, "member")
    return out


def _all_members(scene: Scene, sentences: Iterable[Sentence], told: Told) -> list[str]:
    """ "All member states" took part: the members of the organization on the meeting's date
    (none when the date is partial or unknown, as for holders). It counts in a sentence that
    says who took part, or after a word for delegations or leaders ("delegations of all
    member states", "главы всех государств-членов"), not in a call ("urged all member
    states")."""
    page, lang = scene.page, scene.page.language
    for s in sentences:
        text = page.norm[s.start : s.end]
        m = search("all-members", lang, text)
        if m is None:
            continue
        lead = text[max(0, m.start() - 60) : m.start()]
        if not (
            search("participation", lang, text)
            or any(rule.search(lead) for _, rule in role_rules("role-before", lang, ("member",)))
            or search("attendee", lang, lead)
        ):
            continue
        org = _organization_near(scene, s.start + m.start(), s.start + m.end() + 20)
        org = org or told.organizer
        if org and told.date:
            return scene.reference.members_of(org, told.date)
    return []


def _organization_near(scene: Scene, start: int, end: int) -> str | None:
    ref = scene.reference
    tops = [ref.top(h.id) for h in scene.names.within(start, end, "organization")]
    return next((t for t in tops if ref.has_members(t)), None)


def joined_by(meeting: Meeting, voices: Iterable[str]) -> Meeting:
    """The meeting with every delegation that took the floor at it as a participant (a
    verbatim record's "Ghana: Thank you, Chair." names no meeting word beside Ghana); a role
    already given stays."""
    known = {p.actor for p in meeting.participants}
    new = [Participant(v, "member") for v in dict.fromkeys(voices) if v not in known]
    if not new:
        return meeting
    participants = tuple(sorted([*meeting.participants, *new], key=lambda p: p.actor))
    return replace(meeting, participants=participants)
