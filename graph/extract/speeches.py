"""National statements in a text: who speaks for which state, and which sentences are theirs.

A delegation's, ambassador's, minister's or ministry's words — quoted or in indirect speech
("said China's representative", "the Russian Foreign Ministry said", "МИД России считает",
"Costa Rica voiced concerns", a transcript's line naming the next speaker) — are a statement of
the state they speak for, or of the group or organization they speak on behalf of. A head of
state or government speaks so only at a UN body. Where the text records a sitting of a UN body
(a meeting record, a session report, a transcript) or names one where the speaker speaks,
every delegation that speaks makes a statement; elsewhere a speech is a statement only when it
states a position of its own (``optional``: the caller decides). Words are the ``speaker``,
``leader``, ``speech``, ``back``, ``behalf``, ``group``, ``others``, ``forum`` and ``sitting``
rules of ``graph/lexicons/instruments.tsv``.

>>> from graph.extract.actors import find_names
>>> from graph.extract.persons import find_persons
>>> page = Page.of("The First Committee held its thematic debate today. China's representative "
...                "said norms were urgent. He added that threats grew. Russia warned of an "
...                "arms race.")
>>> ref = Reference.load()
>>> names = find_names(page, ref)
>>> speeches = find_speeches(page, names, find_persons(names), ref)
>>> [(s.speakers, [page.text[a:b] for a, b in s.scope], s.optional) for s in speeches]
... # doctest: +NORMALIZE_WHITESPACE
[(('CHN',), ["China's representative said norms were urgent.", 'He added that threats grew.'],
  False), (('RUS',), ['Russia warned of an arms race.'], False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.actors import NameHit, Names
from graph.extract.candidates import Context, names_forum, rule, rules
from graph.extract.roll_calls import actors, roll_call, speakers_of
from graph.extract.text import Page, Sentence, words
from graph.model import Person
from graph.reference import Reference

OPENING_CHARS = 1500  # a record names its body and its sitting in its opening
_ROLE_GAP = 4  # words between a state and who speaks for it ("U.S. Deputy Ambassador")
_BEFORE_ROLE = re.compile(rf"(?:'s?)?[\s.\-]*(?:[^\W\d][\w.\-]*[\s.\-]+){{0,{_ROLE_GAP}}}")
_AFTER_ROLE_EN = re.compile(
    r"(?i)\s+(?:(?:of|from|for|the|foreign|affairs|external|international|relations|and|"
    r"cooperation)\s+)*"
)
# Where a clause opens: the sentence start, or after a comma ("In that vein, …").
_CLAUSE_START = re.compile(r"""(?i)(?:^[\s\-"'(]*|[,;:]\s*|\s-\s+|^[^,;:]{0,60},\s*)(?:the\s+)?$""")
# A role named as the agent or partner of something else: "made by the representative of
# Nicaragua", "talks with the Russian delegation" (but "according to the minister" speaks).
_AGENT_BEFORE = re.compile(
    r"(?i)(?:\b(?:by|with|(?<!according )to|from|for|between|among)|"
    r"(?<![\w-])(?:с|со|к|для|между|при|у))\s+(?:the\s+)?(?:\w+\s+){0,2}$"
)
_LIST_GAP = re.compile(r"(?i)\s*(?:,\s*(?:and\s+|и\s+)?|and\s+|и\s+)(?:the\s+)?")
_BRACKET = re.compile(r"\s*\([^()\n]*\)")
_GAPS = (re.compile(r""), re.compile(r"\s*,\s*(?:while\s+)?"), re.compile(r"\s*,[^,\n]{1,100},\s*"))
_ALSO = re.compile(r"\s*(?:(?:also|также)\s+)?")
_PARAGRAPH_END = '.!?"»”)…:'
# A turn of a verbatim record opens its line with who speaks and a colon: "Ghana:", "Mr. Hwang
# (Republic of Korea):", "The Chair (spoke in Spanish):", "Председатель:".
_LABEL = re.compile(
    r"[ \t]*(?P<who>[^\n:;!?\"“”«»]{2,80}?)[ \t]*"
    r"(?:\((?:spoke|speaking|говорит|выступ\w+) (?:in|на) [^()\n]{1,30}\)[ \t]*)?:(?=\s)"
)
# Who chairs or moderates a sitting (its procedural words are no delegation's statement), or a
# person named by a title alone ("Ambassador Gafoor"): a turn that is no state's.
_PRESIDING = re.compile(
    r"(?i)^(?:the\s+)?(?:acting\s+|interim\s+|vice[- ]?|co[- ]?)?(?:chair(?:man|woman|person)?|"
    r"president|moderator|facilitator|presiding officer|secretary(?:-general)?|"
    r"председател\w*|председательствующ\w*|модератор\w*|секретар\w*)\b|"
    r"^(?:mr|mrs|ms|miss|dr|sir|madam|h\.\s?e|ambassador|г-н|г-жа|посол)\.?\s+[^()]+$"
)


@dataclass(frozen=True)
class _Mention:
    """Where the text names one speaker."""

    speakers: tuple[str, ...]
    start: int
    end: int
    leader: bool = False  # a head of state or government
    line: bool = False  # a transcript's line with the speaker's name
    voices: tuple[str, ...] = ()  # who is in the room, when it speaks for others
    roll: bool = False  # listed among those who also took the floor: nothing follows it


@dataclass
class Speech:
    """One state's (or group's) statement: its speakers and the sentences that are theirs."""

    speakers: tuple[str, ...]
    start: int  # where the text first names the speaker
    end: int
    sentences: list[Sentence] = field(default_factory=list)
    surnames: set[str] = field(default_factory=set)  # of the persons who deliver it
    optional: bool = True  # an instrument only if it states a position
    # who delivers it in the room: the speakers, or the state speaking on a group's behalf
    voices: tuple[str, ...] = ()

    @property
    def scope(self) -> tuple[tuple[int, int], ...]:
        return tuple((s.start, s.end) for s in self.sentences)


@dataclass
class _Reader:
    """The state of one pass over the sentences of a page."""

    page: Page
    names: Names
    reference: Reference
    persons: list[Person]
    record: bool
    speeches: dict[tuple[str, ...], Speech] = field(default_factory=dict)
    current: list[Speech] = field(default_factory=list)
    previous: Sentence | None = None  # the last sentence given to the current speech
    by_line: bool = False  # the current speech follows a transcript's speaker line

    @property
    def context(self) -> Context:
        return Context(self.page, self.names, self.reference)


def find_speeches(
    page: Page, names: Names, persons: list[Person], reference: Reference
) -> list[Speech]:
    """Every speaker's statement, in the order the text first names them."""
    reader = _Reader(page, names, reference, persons, is_record(page, names, reference))
    body = [s for s in page.body() if s.start < page.tail]
    for index in range(len(body)):
        _read(reader, body, index)
    return sorted(reader.speeches.values(), key=lambda s: s.start)


def _read(reader: _Reader, body: list[Sentence], index: int) -> None:
    page, sentence = reader.page, body[index]
    forum = reader.record or names_forum(reader.context, sentence, venue=True)
    following = body[index + 1] if index + 1 < len(body) else None
    if reader.record and _presiding(reader, sentence, following):
        reader.current, reader.by_line, reader.previous = [], False, None
        return  # the chair's turn: procedural words, no delegation's
    found = [m for m in _mentions(reader, sentence, following, forum) if forum or not m.leader]
    if found:
        reader.current = []
        for m in found:
            speech = reader.speeches.setdefault(m.speakers, Speech(m.speakers, m.start, m.end))
            speech.optional = speech.optional and not forum
            speech.voices = tuple(dict.fromkeys([*speech.voices, *(m.voices or m.speakers)]))
            speech.surnames |= _surnames(reader.persons, sentence, m.speakers)
            if not m.line:
                _add(speech, _with_lead(page, body, index))
            elif _label_at(page, sentence):
                _add(speech, [sentence])  # "Ghana: Thank you, Chair." speaks on its line
            reader.current.append(speech)
        reader.by_line = any(m.line for m in found)
        reader.previous = sentence
        if all(m.roll for m in found):
            reader.current, reader.previous = [], None  # the roll says no more of them
    elif reader.current and _goes_on(reader, sentence):
        for speech in reader.current:
            _add(speech, [sentence])
        reader.previous = sentence
    else:
        reader.previous = None


def _add(speech: Speech, sentences: list[Sentence]) -> None:
    for sentence in sentences:
        if sentence not in speech.sentences:
            speech.sentences.append(sentence)
    speech.sentences.sort(key=lambda s: s.start)


def is_record(page: Page, names: Names, reference: Reference) -> bool:
    """Whether the text records a sitting of a UN body or an ITU conference: its opening names
    one with a word of a sitting ("First Committee … 17th Meeting", "OEWG … session")."""
    opening = Sentence(0, min(page.tail, OPENING_CHARS))
    sitting = rule("sitting", page.language)
    return bool(sitting and sitting.search(page.norm, opening.start, opening.end)) and (
        names_forum(Context(page, names, reference), opening)
    )


# -- who speaks ----------------------------------------------------------------------------------


def _mentions(
    reader: _Reader, sentence: Sentence, following: Sentence | None, forum: bool
) -> list[_Mention]:
    """The speakers a sentence names: a role beside a state, or a state (several, at a UN
    body) as the subject of a verb of saying; a transcript's line naming the next speaker."""
    page = reader.page
    if reader.record:
        label = _turn_label(reader, sentence)
        if label:
            return [label]
    if reader.record and following is not None:
        line = _speaker_line(reader, sentence, following)
        if line:
            return [line]
    if forum:
        called = roll_call(page, reader.names, reader.reference, sentence)
        if called:
            return [
                _Mention(c.speakers, c.start, c.end, voices=c.voices, roll=True) for c in called
            ]
    speech = rule("speech", page.language)
    if not speech or not speech.search(page.norm, sentence.start, sentence.end):
        return []
    found = _roles(reader, sentence) or _subjects(reader, sentence, forum)
    behalf = _spoken_for(reader, sentence)
    if behalf and found:
        first = found[0]
        return [_Mention(behalf, first.start, first.end, first.leader, voices=first.speakers)]
    return found


def _roles(reader: _Reader, sentence: Sentence) -> list[_Mention]:
    """ "China's representative", "the representative of the United States", "U.S. Deputy
    Ambassador …", "МИД России", "российская делегация", "China, said its delegate"."""
    page, norm = reader.page, reader.page.norm
    out: list[_Mention] = []
    for kind in ("speaker", "leader"):
        pattern = rule(kind, page.language)
        if pattern is None:
            continue
        for m in pattern.finditer(norm, sentence.start, sentence.end):
            if _AGENT_BEFORE.search(norm[max(sentence.start, m.start() - 30) : m.start()]):
                continue
            hit = _beside(reader, sentence, m.start(), m.end())
            if hit is None or (kind == "leader" and hit.kind != "state"):
                continue
            speakers = speakers_of(reader.reference, hit)
            if speakers:
                start, end = min(hit.start, m.start()), max(hit.end, m.end())
                out.append(_Mention(speakers, start, end, leader=kind == "leader"))
    return _distinct(sorted(out, key=lambda m: m.start))


def _beside(reader: _Reader, sentence: Sentence, start: int, end: int) -> NameHit | None:
    """The actor a role noun belongs to: just before it ("Russian Foreign Ministry", "China's
    representative"), just after it ("representative of the United States", "МИД России"), or
    the one a possessive points back to ("China, said its delegate")."""
    page, norm = reader.page, reader.page.norm
    hits = actors(reader.names, sentence.start, sentence.end)
    before = [h for h in hits if h.end <= start]
    if before:
        gap = norm[before[-1].end : start]
        if _BEFORE_ROLE.fullmatch(gap) and not re.search(r"(?i)\b(?:and|or|и|или)\b", gap):
            return before[-1]
    after = [h for h in hits if h.start >= end][:1]
    for hit in after:
        gap = norm[end : hit.start]
        near = len(gap.split()) <= _ROLE_GAP and not re.search(r"[,;:()]", gap)
        if near and (page.language == "ru" or _AFTER_ROLE_EN.fullmatch(gap)):
            return hit
    if before and re.search(r"(?i)\b(?:its|his|her|their)\s+$", norm[max(0, start - 8) : start]):
        return before[-1]
    return None


def _subjects(reader: _Reader, sentence: Sentence, forum: bool) -> list[_Mention]:
    """States as the subject of a verb of saying: "Costa Rica voiced concerns", "Ecuador, on
    the other hand, praised", "…, Says Russian Federation"; at a UN body also several ("Canada
    and Chile proposed") or a group as one ("A group of like-minded states, including Belarus,
    …, voiced"). Elsewhere states named together speak for a meeting, not each for itself."""
    norm = reader.page.norm
    states = sorted(
        [
            h
            for h in actors(reader.names, sentence.start, sentence.end)
            if h.kind == "state" or (forum and _delegation(reader, h))
        ]
        + _capitals(reader, sentence),
        key=lambda h: h.start,
    )
    out: list[_Mention] = []
    i = 0
    while i < len(states):
        run = [states[i]]
        while i + len(run) < len(states) and _LIST_GAP.fullmatch(
            norm[run[-1].end : states[i + len(run)].start]
        ):
            run.append(states[i + len(run)])
        i += len(run)
        codes = tuple(dict.fromkeys(c for h in run for c in speakers_of(reader.reference, h)))
        if not _speaks(reader, sentence, run[0], run[-1]):
            continue
        group = rule("group", reader.page.language)
        if group and group.search(norm, max(sentence.start, run[0].start - 80), run[0].start):
            out.append(_Mention(tuple(sorted(codes)), run[0].start, run[-1].end))
        elif len(codes) == 1 or forum:
            out += [_Mention((code,), run[0].start, run[-1].end) for code in codes]
    return _distinct(out)


def _delegation(reader: _Reader, hit: NameHit) -> bool:
    """An organization that takes the floor at a UN body as a delegation of its own ("The
    European Union noted …", "the African Union stressed …"): one with members, not a UN
    body (the chair of a UN body is no delegation)."""
    ref = reader.reference
    top = ref.top(hit.id)
    return hit.kind == "organization" and top not in ("UN", "ITU") and ref.has_members(top)


def _capitals(reader: _Reader, sentence: Sentence) -> list[NameHit]:
    """Cities named for their governments ("Moscow believes", "Пекин выступает против"), as
    their states; a city named as where something happens is none."""
    countries = reader.reference.countries
    return [
        NameHit(h.start, h.end, countries[h.id], "state", h.form)
        for h in reader.names.within(sentence.start, sentence.end, "place")
        if h.id in countries and not reader.names.is_locative(h)
    ]


def _speaks(reader: _Reader, sentence: Sentence, first: NameHit, last: NameHit) -> bool:
    """Whether states named together are the subject of a verb of saying: the verb right after
    them, or right before them ("…, Says Russian Federation")."""
    norm, speech = reader.page.norm, rule("speech", reader.page.language)
    if speech is None:
        return False
    before = norm[sentence.start : first.start]
    if any(
        re.fullmatch(r"\s+(?:the\s+)?", before[m.end() :]) for m in speech.finditer(before)
    ) and re.match(r"\s*(?:[,.;:]|$)", norm[last.end : sentence.end]):
        return True
    lead = re.sub(r"(?i)[^,;:]*\bincluding\s+$", "", before)
    if not _CLAUSE_START.search(lead):
        return False
    return any(speech.match(norm, at, sentence.end) for at in _verb_starts(norm, last.end))


def _verb_starts(norm: str, at: int) -> list[int]:
    """Where the verb of a subject may start: right after it, after a bracket ("(on behalf of
    …)"), after a comma ("…, while expressing"), or after a parenthesis between commas
    ("Ecuador, on the other hand, praised")."""
    bracket = _BRACKET.match(norm, at)
    at = bracket.end() if bracket else at
    out = []
    for gap in _GAPS:
        m = gap.match(norm, at)
        if m:
            also = _ALSO.match(norm, m.end())
            out.append(also.end() if also else m.end())
    return out


def _distinct(mentions: list[_Mention]) -> list[_Mention]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for m in mentions:
        if m.speakers not in seen:
            seen.add(m.speakers)
            out.append(m)
    return out


def _spoken_for(reader: _Reader, sentence: Sentence) -> tuple[str, ...]:
    """The organization a speaker speaks for ("on behalf of the European Union", "от имени
    ОДКБ")."""
    behalf = rule("behalf", reader.page.language)
    if behalf is None:
        return ()
    for m in behalf.finditer(reader.page.norm, sentence.start, sentence.end):
        near = [h for h in actors(reader.names, m.end(), sentence.end) if h.start - m.end() <= 12]
        if near and near[0].kind == "organization":
            return speakers_of(reader.reference, near[0])
    return ()


def _speaker_line(reader: _Reader, sentence: Sentence, following: Sentence) -> _Mention | None:
    """A transcript's line that names the next speaker and nothing else ("Australia")."""
    page = reader.page
    line = page.line_at(sentence.start)
    content = page.norm[line.start : line.end].strip()
    if not content or len(content.split()) > 4 or page.line_at(following.start) == line:
        return None
    hits = [h for h in actors(reader.names, line.start, line.end) if h.kind == "state"]
    if len(hits) != 1:
        return None
    rest = page.norm[line.start : hits[0].start] + page.norm[hits[0].end : line.end]
    if re.sub(r"(?i)\b(?:the|delegation|of|delegate)\b|[\s:()]", "", rest):
        return None
    return _Mention((hits[0].id,), hits[0].start, hits[0].end, line=True)


def _label_at(page: Page, sentence: Sentence) -> re.Match[str] | None:
    """The "who:" a sentence opens its line with, if it does."""
    line = page.line_at(sentence.start)
    if page.norm[line.start : sentence.start].strip():
        return None
    m = _LABEL.match(page.norm, sentence.start, line.end)
    return m if m and len(m["who"].split()) <= 8 else None


def _turn_label(reader: _Reader, sentence: Sentence) -> _Mention | None:
    """A verbatim record's turn of a delegation: "Ghana: Thank you, Chair.", "Mr. Hwang
    (Republic of Korea): …", "European Union: …" (one state or organization, nothing else
    but a person's name and title)."""
    m = _label_at(reader.page, sentence)
    if m is None or _PRESIDING.search(m["who"].strip()):
        return None
    hits = actors(reader.names, m.start("who"), m.end("who"))
    speakers = {code for h in hits for code in speakers_of(reader.reference, h)}
    if len(speakers) != 1:
        return None
    hit = hits[0]
    return _Mention((speakers.pop(),), hit.start, hit.end, line=True)


def _presiding(reader: _Reader, sentence: Sentence, following: Sentence | None) -> bool:
    """A turn of the chair (or of a person named by title alone): "The Chair: I now give the
    floor to …", "Chair (spoke in French): …", or a line "Ambassador Gafoor" before the words."""
    page = reader.page
    m = _label_at(page, sentence)
    if m is not None:
        who = m["who"].strip()
        return bool(_PRESIDING.search(who)) and not actors(
            reader.names, m.start("who"), m.end("who")
        )
    line = page.line_at(sentence.start)
    content = page.norm[line.start : line.end].strip()
    alone = following is not None and page.line_at(following.start) != line
    return (
        alone
        and 0 < len(content.split()) <= 4
        and content[-1:] not in _PARAGRAPH_END
        and bool(_PRESIDING.search(content))
        and not actors(reader.names, line.start, line.end)
    )


def _surnames(persons: list[Person], sentence: Sentence, speakers: tuple[str, ...]) -> set[str]:
    return {
        p.evidence.exact.split()[-1]
        for p in persons
        if sentence.start <= p.evidence.start < sentence.end
        and (p.acts_for is None or p.acts_for in speakers)
    }


# -- which sentences are theirs ------------------------------------------------------------------


def _with_lead(page: Page, body: list[Sentence], index: int) -> list[Sentence]:
    """The sentence that names the speaker, with the quotation it closes when it opens with
    the verb ("Potential Threats Can ‘Provoke …’,⏎Says Russian Federation")."""
    sentence = body[index]
    speech = rule("speech", page.language)
    opens = speech is not None and speech.match(page.norm, sentence.start, sentence.end)
    if index and opens and page.norm[body[index - 1].start : body[index - 1].end].endswith(","):
        return [body[index - 1], sentence]
    return [sentence]


def _goes_on(reader: _Reader, sentence: Sentence) -> bool:
    """Whether a sentence that names no speaker goes on with the last one: it refers back
    ("she added", the speaker's surname with a verb of saying), or it follows in the same
    paragraph (anywhere after a transcript's speaker line) and is about no one else."""
    page = reader.page
    text = page.norm[sentence.start : sentence.end]
    back = rule("back", page.language)
    if back and back.search(text):
        return True
    speech = rule("speech", page.language)
    surnames = {name for s in reader.current for name in s.surnames}
    if (
        speech
        and speech.search(text)
        and any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in surnames)
    ):
        return True
    if reader.previous is None or _someone_else(reader, sentence):
        return False
    return reader.by_line or _same_paragraph(page, reader.previous, sentence)


def _same_paragraph(page: Page, previous: Sentence, sentence: Sentence) -> bool:
    gap = page.norm[previous.end : sentence.start]
    if "\n" not in gap:
        return True
    ended = page.norm[previous.start : previous.end].rstrip()[-1:] in _PARAGRAPH_END
    return not (ended or re.search(r"\n\s*\n", gap))


def _someone_else(reader: _Reader, sentence: Sentence) -> bool:
    """A sentence that opens with another actor, other speakers or an instrument ("The
    resolution creates …")."""
    page = reader.page
    opening = words(page.norm, sentence.start, sentence.end)[:5]
    if not opening:
        return False
    head = Sentence(sentence.start, opening[-1].end)
    ours = {code for s in reader.current for code in s.speakers}
    if any(h.id not in ours for h in actors(reader.names, head.start, head.end)):
        return True
    text = page.norm[head.start : head.end]
    others = rule("others", page.language)
    if others and others.search(text):
        return True
    return any(
        kind.startswith("type:") and pattern.search(text)
        for (kind, lang), pattern in rules().items()
        if lang == page.language
    )
