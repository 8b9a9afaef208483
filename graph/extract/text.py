"""The page: language, a normalised view, lines, sentences and page furniture, by offsets.

The original text is never changed. ``Page.norm`` is a view of the same length (one character
for one character: dashes, quotes, spaces, ``ё`` and Latin/Cyrillic look-alikes unified), so an
offset found in the view is an offset in the original. The one exception: a word broken by a
hyphen at a line end ("secu-\\nrity") is whole in the view from its first letter, the hyphen and
the break moved after it as spaces (``graph/extract/hyphenation.py``); ``Page.verbatim`` maps a
match that starts or ends inside such a word back to the text, so a quote keeps the hyphen and
``text[start:end]`` is always what the finding quotes. A pattern's space should match a run of
white space (as the lexicons' do), since a joined word is followed by more than one.

Sentences come from razdel (Russian) or a rule splitter (English) inside blocks cut at line
breaks that end a heading or a paragraph. A text without line breaks (OCR) still splits: its
dateline is cut out with the headline before it kept apart, and it is never furniture as a
whole because it holds a menu.

Page furniture — related-news lists, photo credits, menus, share buttons, bylines, CMS
placeholders, template residue, lists of unrelated headlines, a headline repeated — is marked
*ignored*: extractors skip it, while offsets still point into the original text.

>>> page = Page.of("МОСКВА, 19 ноября. /ТАСС/. Россия и Узбекистан приняли заявление.\\n"
...                "Другие новости\\nСовсем другое событие")
>>> page.language
'ru'
>>> [page.text[s.start:s.end] for s in page.body()]
['МОСКВА, 19 ноября. /ТАСС/.', 'Россия и Узбекистан приняли заявление.']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from razdel import sentenize

from graph.extract.datelines import find_dateline
from graph.extract.hyphenation import Join, find_joins, join_words

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")

# One character for one character, so offsets survive.
_UNIFY = str.maketrans(
    {
        "ё": "е",
        "Ё": "Е",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "«": '"',
        "»": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\t": " ",
    }
)
_TO_LATIN = str.maketrans("АВЕКМНОРСТХаеорсух", "ABEKMHOPCTXaeopcyx")
_TO_CYRILLIC = str.maketrans("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух")
_MIXED = re.compile(r"\w*(?:[a-zA-Z]\w*[а-яА-ЯёЁ]|[а-яА-ЯёЁ]\w*[a-zA-Z])\w*")

_TAIL = re.compile(
    r"(?i)^\s*(другие новости|читайте также|читать также|смотрите также|см\. также|"
    r"read (also|more)|also read|related (news|articles|stories|posts)|more (news|stories) |"
    r"latest news|"
    r"последние новости|популярное|most read|see also|новости партнеров|"
    r"похожие (новости|статьи)|you may also like|top stories)\b"
)
_FURNITURE = re.compile(
    r"(?i)^\s*(skip to (main )?content|all news|все новости|главная|home|menu|меню|"
    r"поделиться\b.*|share( this)?( article| on .*)?|print|печать|subscribe.*|подписаться.*|"
    r"читайте нас в.*|follow us.*|\d{1,2}\+|tags?:.*|теги:.*|photo:.*|фото:.*|"
    r"источник:.*|source:.*|based on materials from .*|по материалам .*|"
    r"written by .*|by [A-Z][\w.-]+ [A-Z][\w-]+,? .*(contributor|correspondent|reporter|editor)|"
    # a byline alone: "By John Smith", "By Anna Ivanova, TASS", "Автор: …", "author: Array"
    r"by (?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})(?:,? [^\n.]{0,40})?|posted by .*|"
    r"(?:автор|авторы|author|authors)(?: публикации)?:.*|array|null|undefined|"
    r"[a-z0-9]+(_[a-z0-9]+)+|advertisement|реклама|\([^()\d\n]{1,40}\)|"
    # a news site's rubric on a line of its own: "Russian Politics & Diplomacy", "В мире"
    r"(?:russian |world |international )?(?:politics|diplomacy|world|economy|business|society|"
    r"culture|science|military|defen[cs]e|emergencies|sports?|opinion|in brief|news)"
    r"(?: (?:&|and) [a-z]+)?|(?:политика|экономика|в мире|международная панорама|общество|"
    r"армия и опк|происшествия|новости|мнения)|"
    # photo captions and credits: "… at the talks (Photo: VNA)", "© Mikhail Metzel/TASS"
    r"[^\n]*\((?:photo|фото|source|источник)\b[^()\n]*\)|[^\n]*©[^\n]*|"
    r"[^\n]*(?:getty images|shutterstock|/ ?(?:tass|тасс|reuters|ap|afp|epa|риа новости|sputnik))"
    r")\s*$"
)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}|\{%[^%]*%\}|<%[^%]*%>")
_TIMESTAMP_END = re.compile(r"\d{1,2}:\d{2}\s*$")
_TERMINAL = '.!?:;…"»”)'


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Word:
    """A run of letters or digits in the normalised view, with its offsets."""

    start: int
    end: int
    text: str


_WORD = re.compile(r"[^\W_]+")


def words(norm: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``norm[start:end]``; hyphens, dashes and punctuation separate them.

    >>> [w.text for w in words("государств-членов ШОС")]
    ['государств', 'членов', 'ШОС']
    """
    stop = len(norm) if end is None else end
    return [Word(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(norm, start, stop)]


def language_of(text: str) -> str:
    """``ru`` when most letters are Cyrillic, else ``en``.

    >>> language_of("Joint statement of Россия"), language_of("Совместное заявление")
    ('en', 'ru')
    """
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    return "ru" if cyr and cyr >= 0.4 * (cyr + lat) else "en"


def normalized(text: str) -> str:
    """A view of ``text`` of the same length with look-alike characters unified and words
    broken by a hyphen at a line end whole (``graph/extract/hyphenation.py``).

    >>> normalized("IТ-технологии «ё»")
    'IT-технологии "е"'
    >>> normalized("secu-\\nrity")
    'security  '
    """
    return join_words(_unified(text), find_joins(text))


def _unified(text: str) -> str:
    view = text.translate(_UNIFY)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        latin = len(_LATIN.findall(word))
        return word.translate(_TO_LATIN if latin >= len(word) - latin else _TO_CYRILLIC)

    return _MIXED.sub(fix, view)


@dataclass(frozen=True)
class Page:
    """A text with its structure; every position is an offset into ``text``."""

    text: str
    norm: str
    language: str
    lines: tuple[Sentence, ...]
    sentences: tuple[Sentence, ...]
    ignored: tuple[Sentence, ...]
    tail: int  # where a related-news list or the like begins (the length when none does)
    joins: tuple[Join, ...] = ()  # words broken across lines, whole in ``norm``

    @classmethod
    def of(cls, text: str) -> Page:
        joins = find_joins(text)
        norm = join_words(_unified(text), joins)
        lines = _lines(text)
        ignored, tail = _furniture(text, lines)
        language = language_of(text)
        sentences = tuple(_sentences(norm, lines, language, ignored))
        return cls(text, norm, language, lines, sentences, ignored, tail, joins)

    def _join_at(self, offset: int) -> Join | None:
        i = bisect.bisect_right([j.start for j in self.joins], offset) - 1
        return self.joins[i] if i >= 0 and offset <= self.joins[i].end else None

    def verbatim(self, start: int, end: int) -> Sentence:
        """The stretch of the text that ``norm[start:end]`` stands for: the same offsets, but
        for a word broken across lines, whole in the view and with its hyphen in the text.

        >>> page = Page.of("information secu-\\nrity policy")
        >>> m = re.search("information security", page.norm)
        >>> s = page.verbatim(m.start(), m.end())
        >>> page.text[s.start : s.end]
        'information secu-\\nrity'
        """
        first, last = self._join_at(start), self._join_at(end)
        return Sentence(
            first.text_start(start) if first else start, last.text_end(end) if last else end
        )

    @cached_property
    def words(self) -> list[Word]:
        """Every word of the page, in order."""
        return words(self.norm)

    @cached_property
    def _ignored_starts(self) -> list[int]:
        return [r.start for r in self.ignored]

    def is_ignored(self, start: int, end: int | None = None) -> bool:
        """Whether the stretch starts inside page furniture.

        >>> Page.of("Text here.\\nФОТО: пресс-служба").is_ignored(12)
        True
        """
        i = bisect.bisect_right(self._ignored_starts, start) - 1
        return i >= 0 and self.ignored[i].start <= start < self.ignored[i].end

    @cached_property
    def _body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not self.is_ignored(s.start))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def body(self) -> list[Sentence]:
        """The sentences that are not page furniture."""
        return list(self._body)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence around an offset (or an empty one at it)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return Sentence(offset, offset)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [s.start for s in self.lines]

    def line_at(self, offset: int) -> Sentence:
        i = max(0, bisect.bisect_right(self._line_starts, offset) - 1)
        return self.lines[i] if self.lines else Sentence(0, 0)


def _lines(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append(Sentence(start, m.start()))
        start = m.end()
    out.append(Sentence(start, len(text)))
    return tuple(out)


def _furniture(text: str, lines: tuple[Sentence, ...]) -> tuple[tuple[Sentence, ...], int]:
    regions: list[Sentence] = []
    stamped: list[Sentence] = []
    tail = len(text)
    listing: int | None = None  # where a list of related links began
    seen: set[str] = set()
    previous, last = "", Sentence(0, 0)  # the last line with text, and its content
    for line in lines:
        content = text[line.start : line.end]
        after_furniture = bool(regions) and regions[-1] == last
        continues = _continues(previous, content) and not after_furniture
        # the rest of a furniture line whose last word was broken: "Автор: …, главного реда-"
        broken = after_furniture and bool(re.search(r"[^\W\d_]-$", previous.rstrip()))
        previous, last = (content, line) if content.strip() else (previous, last)
        if listing is not None:
            if _is_prose(content):
                regions.append(Sentence(listing, line.start))
                listing = None
            else:
                continue
        if _TAIL.match(content):
            listing = line.start
            continue
        if (
            (broken and content.strip())
            or _TEMPLATE.search(content)
            or (
                not continues
                and len(content) <= 300  # a longer line is running text (OCR without line breaks)
                and (
                    (content.strip() and _FURNITURE.match(content))
                    or _is_tag_line(content)
                    or " | " in content
                    or _repeated(content, seen)
                )
            )
        ):
            regions.append(line)
        elif len(content) > 300:
            regions.extend(_repeated_runs(text, line))
        if _TIMESTAMP_END.search(content) and len(re.findall(r"[^\W\d_]{2,}", content)) >= 5:
            stamped.append(line)
        else:
            if len(stamped) >= 2:
                regions.extend(stamped)
            stamped = []
    if len(stamped) >= 2:
        regions.extend(stamped)
    if listing is not None:
        regions.append(Sentence(listing, len(text)))
        tail = listing
    return _merge(regions), tail


def _continues(previous: str, line: str) -> bool:
    """A line that goes on with the sentence of the line before it (a hard-wrapped or
    hyphenated line), which is never page furniture on its own."""
    before, after = previous.rstrip(), line.lstrip()
    if not before or not after or not after[0].islower():
        return False
    # a word or a list broken at the line end, or a long line of running text wrapped
    return before.endswith(("-", ",")) or (len(before) >= 50 and before[-1].isalpha())


def _repeated(line: str, seen: set[str]) -> bool:
    """A headline the page repeats (the second copy): a line of some length seen before."""
    key = " ".join(line.split()).lower()
    if len(key.split()) < 4:
        return False
    if key in seen:
        return True
    seen.add(key)
    return False


# a headline of four words or more said twice in a row in a text without line breaks
_TWICE = re.compile(r"(?<!\w)(?P<run>[^\W\d_][^.!?\n]{19,200}?)\s+(?P=run)(?!\w)")


def _repeated_runs(text: str, line: Sentence) -> list[Sentence]:
    """The second copy of a headline repeated in a long line (OCR text without line breaks)."""
    m = _TWICE.search(text, line.start, min(line.end, line.start + 600))
    if not m or len(m.group("run").split()) < 4:
        return []
    return [Sentence(m.end() - len(m.group("run")), m.end())]


def _is_prose(line: str) -> bool:
    """A line of running text, which ends a list of related links: a sentence of some length,
    or an agency dateline."""
    stripped = line.strip()
    sentence_end = stripped.endswith(tuple(_TERMINAL)) or re.search(
        r"[.!?][\"»”]?\s+[\"«“A-ZА-ЯЁ]", stripped
    )
    long_sentence = len(stripped.split()) >= 12 and bool(sentence_end)
    return long_sentence or len(stripped) >= 200 or _opens_with_dateline(stripped)


def _opens_with_dateline(line: str) -> bool:
    found = find_dateline(line, 0, min(len(line), 120))
    return found is not None and found.start == 0


def _is_tag_line(content: str) -> bool:
    items = [i.strip() for i in content.split(",")]
    return (
        len(items) >= 4
        and all(0 < len(i.split()) <= 3 for i in items)
        and not content.rstrip().endswith(".")
        and not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", content)  # a place and its date
    )


def _merge(regions: list[Sentence]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for r in sorted(regions, key=lambda r: r.start):
        if out and r.start <= out[-1].end + 1:
            out[-1] = Sentence(out[-1].start, max(out[-1].end, r.end))
        else:
            out.append(r)
    return tuple(out)


def _blocks(
    norm: str, lines: tuple[Sentence, ...], ignored: tuple[Sentence, ...]
) -> list[Sentence]:
    """Runs of lines that belong together: cut at blank lines, around page furniture and at
    line ends that close a heading or a paragraph (no joining punctuation, the next line
    starting a new sentence)."""
    furniture = {line for line in lines if any(r.start <= line.start < r.end for r in ignored)}
    blocks: list[Sentence] = []
    start: int | None = None
    for i, line in enumerate(lines):
        content = norm[line.start : line.end].strip()
        if not content:
            if start is not None:
                blocks.append(Sentence(start, lines[i - 1].end))
                start = None
            continue
        if start is None:
            start = line.start
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is None
            or (line in furniture) != (nxt in furniture)
            or _breaks(content, norm[nxt.start : nxt.end].strip())
        ):
            blocks.append(Sentence(start, line.end))
            start = None
    return [piece for block in blocks for piece in _cut_at(block, ignored)]


def _cut_at(block: Sentence, ignored: tuple[Sentence, ...]) -> list[Sentence]:
    """A block cut around the furniture inside one of its lines (a headline repeated in a text
    without line breaks), which then is a block of its own."""
    pieces, start = [], block.start
    for r in ignored:
        if block.start < r.start and r.end < block.end and r.start >= start:
            pieces += [Sentence(start, r.start), r]
            start = r.end
    return [*pieces, Sentence(start, block.end)]


def _breaks(line: str, following: str) -> bool:
    if not following:
        return True
    if line.endswith(tuple(_TERMINAL)) or _TIMESTAMP_END.search(line):
        return True
    if following[0].isupper() or following[0].isdigit() or following[0] in "\"'([•*-":
        last = re.findall(r"[^\W_]+", line)
        return not (last and last[-1][0].isupper() and last[-1][1:].islower())
    return False


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "gen", "sen", "rep", "gov", "lt", "col",
    "vs", "etc", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "art", "para", "paras", "e.g", "i.e", "u.s", "u.n", "p",
    "г", "гг", "т", "п", "ст", "им", "др", "тыс", "млн", "млрд", "руб", "см", "ул",
}  # fmt: skip
_EN_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")


def _english(norm: str, block: Sentence) -> list[Sentence]:
    out, start = [], block.start
    for m in _EN_BOUNDARY.finditer(norm, block.start, block.end):
        word = re.search(r"([\w.]+)$", norm[start : m.start()])
        token = word.group(1).lower() if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        out.append(Sentence(start, m.end()))
        start = m.end()
    out.append(Sentence(start, block.end))
    return out


def _russian(norm: str, block: Sentence) -> list[Sentence]:
    return [
        Sentence(block.start + s.start, block.start + s.stop)
        for s in sentenize(norm[block.start : block.end])
    ]


def _sentences(
    norm: str, lines: tuple[Sentence, ...], language: str, ignored: tuple[Sentence, ...]
) -> list[Sentence]:
    out: list[Sentence] = []
    split = _russian if language == "ru" else _english
    for block in _blocks(norm, lines, ignored):
        cut = _around_dateline(norm, block)
        if cut.before is not None:
            out.extend(_trim(norm, piece) for piece in split(norm, cut.before))
        if cut.dateline is not None:
            out.append(cut.dateline)
        out.extend(_trim(norm, piece) for piece in split(norm, cut.rest))
    return [s for s in out if s.end > s.start]


@dataclass(frozen=True)
class _Cut:
    before: Sentence | None  # a headline run into the dateline (text without line breaks)
    dateline: Sentence | None
    rest: Sentence


def _around_dateline(norm: str, block: Sentence) -> _Cut:
    """A block that opens with an agency dateline: the dateline (with what precedes it, such
    as a page time stamp) becomes a sentence of its own. In a long block, a text that lost its
    line breaks, a dateline further on is cut out too, the headline before it kept apart."""
    m = find_dateline(norm, block.start, min(block.end, block.start + 600))
    if not m or m.end >= block.end:
        return _Cut(None, None, block)
    rest = _trim(norm, Sentence(m.end, block.end))
    if m.start - block.start <= 40:
        return _Cut(None, _trim(norm, Sentence(block.start, m.end)), rest)
    if block.end - block.start > 300:
        dateline = Sentence(m.start, m.end)
        return _Cut(_trim(norm, Sentence(block.start, m.start)), dateline, rest)
    return _Cut(None, None, block)


def _trim(norm: str, s: Sentence) -> Sentence:
    start, end = s.start, s.end
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
