"""Mentions of states, organizations, places, agreements and persons → reference ids.

Every name of the reference data is turned into a sequence of word keys (lemmas in Russian,
lower case in English) and matched against the keys of the text, longest match first, so
``Узбекистана``, ``Российской Федерации``, ``государств-членов ШОС`` and the stems of compounds
(``российско-узбекский``: ``российско`` + ``узбекский``) all resolve. Capitalised and
all-capital labels only match words written the same way (``US`` is not ``us``).

>>> from graph.extract.text import Page
>>> from graph.reference import Reference
>>> page = Page.of("Президенты РФ и Узбекистана подписали заявление.")
>>> sorted({h.id for h in find_names(page, Reference.load()).hits})
['RUS', 'UZB']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.extract import russian
from graph.extract.dates import publisher_names
from graph.extract.field_words import institution, locative_tail
from graph.extract.text import Page, Word, normalized, words
from graph.lexicon import read_lexicon
from graph.model import Mention, Person, Span, UnlistedOrganization
from graph.namespaces import slug
from graph.paths import LEXICONS_DIR
from graph.reference import Name, Reference

Keys = frozenset[str]
_GAP = re.compile(r"[\s\-'.]*")


@dataclass(frozen=True)
class NameHit:
    """A known name found in the text."""

    start: int
    end: int
    id: str
    kind: str  # state | organization | place | agreement
    form: str  # label | alt | hidden | official | title | anaphoric


def english_key(word: str) -> Keys:
    """The match key of an English word: lower case, British -isation spelled -ization.

    >>> sorted(english_key("Organisation"))
    ['organization']
    """
    return frozenset({word.lower().replace("isation", "ization")})


def key_function(language: str) -> Callable[[str], Keys]:
    return russian.lemma_keys if language == "ru" else english_key


def _case(token: str) -> str:
    if token.isupper() and (len(token) > 1 or token.isalpha()):
        return "upper"
    return "title" if token[:1].isupper() else "lower"


def _case_fits(label_case: str, token: str) -> bool:
    if label_case == "upper":
        return token.isupper() or token.isdigit()
    if label_case == "title":
        return token[:1].isupper() or token[:1].isdigit()
    return True


Entry = tuple[tuple[tuple[Keys, str], ...], Name]
# Only a text word that begins like some word of a name (its first letters) is lemmatised: the
# others keep their own form, which saves most look-ups. Three letters, because inflection may
# change the fourth ("Лига" → "Лиги", "семь" → "семи"); shorter words are always lemmatised.
_PREFIX = 3


class Gazetteer:
    """Every name of one language, indexed by the keys of its first word."""

    def __init__(self, names: list[Name], language: str, parents: dict[str, str]) -> None:
        self.language = language
        self.key = key_function(language)
        self.index: dict[str, list[Entry]] = {}
        self.prefixes: set[str] = set()
        acronyms: dict[str, set[str]] = {}  # an organization's acronyms in this language
        for n in names:
            if n.text.isupper() and n.kind == "organization" and n.lang == language:
                acronyms.setdefault(n.id, set()).update(self.key(n.text))
        for name in names:
            if name.lang != language:
                continue
            tokens = self.tokens(name.text)
            if tokens:
                self.add(tokens, name)
                # the name's own spelling too: a word's lemma may begin otherwise ("Высший" →
                # "высокий", "лучший" → "хороший")
                self.prefixes.update(
                    w.text.lower().replace("ё", "е")[:_PREFIX] for w in words(normalized(name.text))
                )
            parent = parents.get(name.id)
            if parent not in acronyms or len(tokens) < 2:
                continue
            acronym = acronyms[parent]
            anaphoric = Name(name.text, language, name.id, name.kind, "anaphoric")
            # the unit named without its organization ("сессия Совета коллективной
            # безопасности" in a text about the CSTO): from three words up
            if tokens[-1][0] & acronym:
                org = "организация" if language == "ru" else "organization"
                self.add((*tokens[:-1], (self.key(org), "lower")), anaphoric)
                if len(tokens) > 3:
                    self.add(tokens[:-1], anaphoric)
            elif tokens[0][0] & acronym and len(tokens) > 3:
                self.add(tokens[1:], anaphoric)

    def tokens(self, label: str) -> tuple[tuple[Keys, str], ...]:
        found = [w.text for w in words(normalized(label))]
        if self.language == "en" and found and found[0].lower() == "the":
            found = found[1:]
        return tuple((self.key(t), _case(t)) for t in found)

    def add(self, tokens: tuple[tuple[Keys, str], ...], name: Name) -> None:
        for key in tokens[0][0]:
            self.index.setdefault(key, []).append((tokens, name))
        for keys, _ in tokens:
            self.prefixes.update(k[:_PREFIX] for k in keys)

    def keys_of(self, word: str) -> Keys:
        """The keys of a text word; a word no name could start like keeps its own form."""
        lower = word.lower().replace("ё", "е")
        if len(lower) >= _PREFIX and lower[:_PREFIX] not in self.prefixes:
            return frozenset({lower})
        return self.key(word)

    def find(self, norm: str, ws: list[Word]) -> list[NameHit]:
        hits: list[NameHit] = []
        keys = [self.keys_of(w.text) for w in ws]
        i = 0
        while i < len(ws):
            best, found = 0, list[Name]()
            for key in keys[i]:
                for tokens, name in self.index.get(key, ()):
                    n = len(tokens)
                    if n >= best and self._fits(norm, ws, keys, i, tokens):
                        if n > best:
                            best, found = n, []
                        found.append(name)
            if best:
                start, end = ws[i].start, ws[i + best - 1].end
                seen = set()
                for name in found:
                    if (name.id, name.form) not in seen:
                        seen.add((name.id, name.form))
                        hits.append(NameHit(start, end, name.id, name.kind, name.form))
                i += best
            else:
                i += 1
        return hits

    @staticmethod
    def _fits(
        norm: str, ws: list[Word], keys: list[Keys], i: int, tokens: tuple[tuple[Keys, str], ...]
    ) -> bool:
        if i + len(tokens) > len(ws):
            return False
        for j, (label_keys, case) in enumerate(tokens):
            word = ws[i + j]
            if not (label_keys & keys[i + j]) or not _case_fits(case, word.text):
                return False
            if j and not _GAP.fullmatch(norm[ws[i + j - 1].end : word.start]):
                return False
        return True


@lru_cache(maxsize=16)
def gazetteer(reference: Reference, language: str, part: str = "names") -> Gazetteer:
    """The names of one language: ``agreements``, the ``organizations`` at the top of their
    hierarchy, or all other ``names``. They are matched apart, so that the parties an
    agreement's title names and the organization a unit's name names are found too."""
    if part == "agreements":
        names = [n for n in reference.names if n.kind == "agreement"]
    elif part == "organizations":
        names = [
            n for n in reference.names if n.kind == "organization" and n.id not in reference.parents
        ]
    else:
        names = [n for n in reference.names if n.kind != "agreement"]
    return Gazetteer(names, language, reference.parents)


@dataclass(frozen=True)
class Names:
    """The known names of one page, outside page furniture."""

    page: Page
    hits: tuple[NameHit, ...]

    def within(self, start: int, end: int, kind: str | None = None) -> list[NameHit]:
        return [
            h for h in self.hits if start <= h.start and h.end <= end and kind in (None, h.kind)
        ]

    def ids(self, kind: str) -> list[str]:
        return sorted({h.id for h in self.hits if h.kind == kind})

    def is_locative(self, hit: NameHit) -> bool:
        """A state or organization named as where something happens (``в Китае``,
        ``in The Hague, the Netherlands``, ``в Сямэне (КНР)``), not as an actor."""
        before = self.page.norm[max(0, hit.start - 24) : hit.start]
        if locative_tail().search(before):
            return True
        return any(
            p.kind == "place"
            and 0 <= hit.start - p.end <= 8
            and re.fullmatch(r"[\s,(]*(?:the\s+)?", self.page.norm[p.end : hit.start], re.I)
            is not None
            for p in self.hits
        )

    @cached_property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for h in self.hits:
            out[h.id] = out.get(h.id, 0) + 1
        return out


def find_names(page: Page, reference: Reference) -> Names:
    """Every known name on the page outside page furniture; anaphoric unit names
    (``Секретариат организации``) only where their organization is named too."""
    found = [
        hit
        for part in ("names", "agreements")
        for hit in gazetteer(reference, page.language, part).find(page.norm, page.words)
    ]
    units = [h for h in found if h.id in reference.parents and h.form != "anaphoric"]
    found += [
        hit
        for hit in gazetteer(reference, page.language, "organizations").find(page.norm, page.words)
        if any(u.start <= hit.start and hit.end <= u.end and u.id != hit.id for u in units)
    ]
    found.sort(key=lambda h: (h.start, -h.end))
    kept = [h for h in found if not page.is_ignored(h.start)]
    named = {h.id for h in kept if h.form != "anaphoric"}
    kept = [h for h in kept if h.form != "anaphoric" or (reference.parent_of(h.id) or "") in named]
    return Names(page, tuple(kept))


def mentions(names: Names) -> list[Mention]:
    """The states and organizations a page names, one mention per id (the first).

    >>> found = find_names(Page.of("ШОС и Россия; Россия."), Reference.load())
    >>> [(m.kind, m.id, m.evidence.exact) for m in mentions(found)]
    [('organization', 'SCO', 'ШОС'), ('state', 'RUS', 'Россия')]
    """
    out: dict[tuple[str, str], Mention] = {}
    for hit in names.hits:
        if hit.kind in ("state", "organization"):
            span = Span.of(names.page.text, hit.start, hit.end)
            out.setdefault((hit.kind, hit.id), Mention(hit.kind, hit.id, span))
    return list(out.values())


# -- persons -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _person_words() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {"role": set(), "office": set(), "notname": set()}
    lexicon = read_lexicon(
        LEXICONS_DIR / "person-words.tsv", ("kind", "word"), choices={"kind": tuple(table)}
    )
    for row in lexicon.rows:
        table[row["kind"]].add(row["word"].lower())
    return table


def _is(kind: str, word: str) -> bool:
    lower = word.lower()
    table = _person_words()[kind]
    return lower in table or (lower.endswith("s") and lower[:-1] in table)


def find_persons(names: Names) -> list[Person]:
    """Persons named as acting: natasha's NER in Russian, titles before names in English.
    A surname alone (``Bishop said``) is no second person.

    >>> text = "Russian Foreign Minister Sergey Lavrov met them. Lavrov said so."
    >>> [(p.name, p.acts_for) for p in find_persons(find_names(Page.of(text), Reference.load()))]
    [('Sergey Lavrov', 'RUS')]
    """
    page = names.page
    found = _russian_persons(names) if page.language == "ru" else _english_persons(names)
    persons: dict[str, Person] = {}
    for start, end, name in found:
        if len(name.split()) < 2 or name in persons:
            continue
        span = Span.of(page.text, start, end)
        persons[name] = Person(name, span, acts_for=_acts_for(names, start, end))
    return list(persons.values())


def _acts_for(names: Names, start: int, end: int) -> str | None:
    sentence = names.page.sentence_at(start)
    before = [
        h
        for h in names.within(sentence.start, start, "state")
        if start - h.end <= 60 and not names.is_locative(h)
    ]
    return before[-1].id if before else None


def _covered(names: Names, word: Word) -> bool:
    return any(h.start <= word.start and word.end <= h.end for h in names.hits)


def _english_persons(names: Names) -> list[tuple[int, int, str]]:
    page = names.page
    out: list[tuple[int, int, str]] = []
    for sentence in page.body():
        ws = words(page.norm, sentence.start, sentence.end)
        for run in _capitalised_runs(page.norm, ws):
            out.extend(_english_names_in_run(names, ws, run))
    return out


def _capitalised_runs(norm: str, ws: list[Word]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i, w in enumerate(ws):
        if not w.text[:1].isupper():
            continue
        gap = norm[ws[i - 1].end : w.start] if i else ""
        if runs and runs[-1][-1] == i - 1 and re.fullmatch(r" ?\.? ?", gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _english_names_in_run(
    names: Names, ws: list[Word], run: list[int]
) -> list[tuple[int, int, str]]:
    titled = False
    core = list(run)
    while core and (
        any(_is(k, ws[core[0]].text) for k in ("role", "office", "notname"))
        or _covered(names, ws[core[0]])
    ):
        titled = titled or _is("role", ws[core[0]].text)
        core.pop(0)
    if not 2 <= len(core) <= 4:
        return []
    if any(
        _is("role", ws[i].text)
        or _is("notname", ws[i].text)
        or _covered(names, ws[i])
        or len(ws[i].text) < 2
        for i in core
    ):
        return []
    before = [w for w in ws[max(0, run[0] - 12) : run[0]] if not _covered(names, w)]
    titled = (
        titled
        or any(_is("role", w.text) for w in before[-4:])
        or any(_is("role", w.text) and w.text[:1].isupper() for w in before)
    )
    if not titled or any(_written_in_lower_case(names.page.norm, ws[i].text) for i in core):
        return []
    start, end = ws[core[0]].start, ws[core[-1]].end
    text = " ".join(ws[i].text for i in core)
    return [(start, end, text)]


def _written_in_lower_case(norm: str, word: str) -> bool:
    """Whether the text also writes the word in lower case: a common word set in a Title Case
    headline ("Countering Use of ICTs"), not a name."""
    lower = word.lower()
    return lower != word and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", norm) is not None


def _russian_persons(names: Names) -> list[tuple[int, int, str]]:
    page = names.page
    out: list[tuple[int, int, str]] = []
    for sentence in page.body():
        ws = words(page.norm, sentence.start, sentence.end)
        if not any(
            w.text[:1].isupper()
            and not w.text.isupper()
            and not _covered(names, w)
            and russian.is_person_word(w.text)
            for w in ws
        ):
            continue
        for start, end in russian.person_spans(page.norm, sentence.start, sentence.end):
            parts = [w.text for w in words(page.norm, start, end)]
            if any(_covered(names, w) for w in words(page.norm, start, end)):
                continue
            joined = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?", page.norm[start:end])
            joined = [w if len(w) == 2 and w.endswith(".") else w.rstrip(".") for w in joined]
            if len(joined) < 2 or not parts:
                continue
            out.append((start, end, russian.to_latin(" ".join(russian.name_forms(joined)))))
    return out


# -- organizations the reference data does not list ---------------------------------------------


def find_unlisted_organizations(names: Names) -> list[UnlistedOrganization]:
    """Organizations a Russian text names that the reference data does not list, by natasha's
    NER, run only on sentences that name an institution no known name covers ("Совет
    Безопасности Российской Федерации", a national body). English texts have no NER here."""
    page = names.page
    if page.language != "ru":
        return []
    found: dict[str, UnlistedOrganization] = {}
    for sentence in page.body():
        cues = [
            m for m in institution().finditer(page.norm, sentence.start, sentence.end)
            if not any(h.start <= m.start() < h.end for h in names.hits)
        ]  # fmt: skip
        if not cues:
            continue
        for start, end in russian.organization_spans(page.norm, sentence.start, sentence.end):
            ws = words(page.norm, start, end)
            if not ws or page.is_ignored(start) or all(_covered(names, w) for w in ws):
                continue
            if not institution().search(page.norm, start, end) or _is_publisher(
                page.norm[start:end]
            ):
                continue
            paren = page.norm.find("(", start, end)  # "Совета безопасности (СБ)"
            ws = words(page.norm, start, paren if paren > start else end)
            if len(ws) < 2:
                continue  # a lone "Организации" is an anaphor, not a name
            name = _head_nominative([w.text for w in ws])
            key = slug(russian.to_latin(name))
            found.setdefault(name, UnlistedOrganization(name, key, Span.of(page.text, start, end)))
    return list(found.values())


def _head_nominative(parts: list[str]) -> str:
    """An organization's name with its head (the adjectives before and the first noun) in the
    nominative and its complements as written: "Совета министров иностранных дел" → "Совет
    министров иностранных дел"."""
    head = next((i for i, w in enumerate(parts) if not russian.is_adjective(w)), len(parts) - 1)
    return " ".join(russian.nominative(parts[: head + 1]) + parts[head + 1 :])


def _is_publisher(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in publisher_names())


# -- agreements ----------------------------------------------------------------------------------

_BILATERAL = re.compile(
    r"(?i)(?<![\w-])(?:межправительственн\w+|двусторонн\w+|intergovernmental|bilateral)\s+"
    r"(?:соглашени\w+|agreements?|deals?)"
)
_SECURITY = re.compile(
    r"(?i)информационн\w+ безопасност\w*|кибербезопасност\w*|МИБ|information security|"
    r"cyber ?security"
)


def _generic(text: str) -> bool:
    """A title that fits many agreements: no capital letter after its first one."""
    return not any(c.isupper() for c in text[1:])


def _plausible(names: Names, reference: Reference, hit: NameHit) -> bool:
    """A generic agreement title counts only when the text names one of its issuers."""
    if not _generic(names.page.text[hit.start : hit.end]):
        return True
    agreement = reference.agreements.get(hit.id)
    if agreement is None:
        return False
    named = {reference.top(h.id) for h in names.hits if h.kind == "organization"}
    named |= {h.id for h in names.hits if h.kind == "state"}
    return bool(named & (set(agreement.issuers) | set(agreement.parties)))


def _date_fits(known: str | None, date: str | None) -> bool:
    if not date or not known:
        return True
    if date.startswith("--"):
        return known[4:] == date[1:]
    return known[:4] == date[:4]


def _bilateral_id(
    reference: Reference, states: list[str], date: str | None, year: str | None
) -> str | None:
    """A known agreement between two states, or the id a new one gets (``rus-nic-2021-iis``:
    Russia first, then the other party, the year of signature)."""
    if len(states) != 2:
        return None
    for agreement in reference.agreements.values():
        if set(agreement.parties) == set(states) and _date_fits(agreement.date, date):
            return agreement.id
    if not year:
        return None
    first, second = sorted(states, key=lambda s: (s != "RUS", s))
    return f"{first.lower()}-{second.lower()}-{year}-iis"


def identify_agreement(
    names: Names, reference: Reference, spans: list[tuple[int, int]], parties: list[str],
    date: str | None,
) -> str | None:  # fmt: skip
    """The id of the agreement a text reports signed (``spans``: where the text names it): a
    known title there, or the agreement between its two parties on information security.

    >>> page = Page.of("Россия и Таджикистан подписали соглашение об информационной безопасности.")
    >>> names, ref = find_names(page, Reference.load()), Reference.load()
    >>> identify_agreement(names, ref, [(0, 20)], ["RUS", "TJK"], "2023-10-16")
    'rus-tjk-2023-iis'
    """
    for start, end in spans:
        for hit in names.hits:
            if hit.kind == "agreement" and hit.start < end and start < hit.end:
                return hit.id
    sentences = {names.page.sentence_at(start) for start, _ in spans}
    if not any(_SECURITY.search(names.page.norm[s.start : s.end]) for s in sentences):
        return None
    year = date[:4] if date and not date.startswith("--") else None
    return _bilateral_id(reference, [p for p in parties if reference.is_state(p)], date, year)


def referred_agreements(names: Names, reference: Reference, parties: list[str]) -> list[str]:
    """Agreements a text refers to: known titles, and bilateral agreements on information
    security between the two states of the sentence (or the instrument's two parties).

    >>> page = Page.of("Россия и Узбекистан подписали двустороннее соглашение в области МИБ.")
    >>> referred_agreements(find_names(page, Reference.load()), Reference.load(), [])
    ['rus-uzb-2021-iis']
    """
    found = {h.id for h in names.hits if h.kind == "agreement" and _plausible(names, reference, h)}
    page = names.page
    for m in _BILATERAL.finditer(page.norm, 0, page.tail):
        sentence = page.sentence_at(m.start())
        if page.is_ignored(m.start()) or not _SECURITY.search(page.norm[m.end() : sentence.end]):
            continue
        states = sorted(
            {h.id for h in names.within(sentence.start, sentence.end, "state")
             if not names.is_locative(h)}
        )  # fmt: skip
        if len(states) != 2:
            states = [p for p in parties if reference.is_state(p)]
        years = re.findall(
            r"(?<!\d)((?:19|20)\d\d)(?!\d)", page.norm[sentence.start : sentence.end]
        )
        known = _bilateral_id(reference, states, None, years[0] if years else None)
        if known:
            found.add(known)
    return sorted(found)
