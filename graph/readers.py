"""Bytes → text: the encodings and formats sources come in.

Sources arrive as plain text in UTF-8 (with or without a byte-order mark), UTF-16 (with a BOM),
a legacy code page (Windows-1251, KOI8-R, Latin-1…), or as HTML pages. A legacy code page is
*detected*, not assumed, by charset-normalizer (a page's declared charset first). HTML keeps
only its visible text, block elements becoming line breaks. Line ends become ``\\n``.

What comes out must read as Russian or English: enough letters, and enough of its words words
of either language (simplemma's dictionaries), so random bytes, a column of numbers or a French
page are refused, while noisy real text (OCR residue, two-column PDF text) passes.

A PDF (official records and statements are published so) is read with pypdf, page by page;
the pages are joined by a form feed (``PAGE_BREAK``), so every offset into the text still says
which page it is on (``page_at``) and an evidence span stays traceable to its page. A PDF whose
pages hold no text layer (a scan) is refused: it needs OCR first.

Anything that is empty, binary, undecodable or not Russian or English raises
``UnreadableText`` saying why.

>>> decode("Москва".encode("cp1251"), "a.txt")
'Москва'
>>> decode(b"<p>One</p><script>x()</script><p>Two</p>", "page.html")
'One\\nTwo'
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from graph.errors import UnreadableText
from graph.extract import english, russian

# The most frequent Russian letters: ordinary Russian prose is ~60% these.
_COMMON_RU = set("оеаинтсрвлкмдпуяы")
_CANDIDATES = 5  # encodings of charset-normalizer's tried
_FIELD_CODE_PAGES = ("cp1251", "koi8_r", "cp1252")
_MIN_WORDS = 5  # fewer words are too few to judge the share of known ones: one must be known
_MIN_LETTER_SHARE = 0.3  # of the characters that are not spaces
_SAMPLE_WORDS = 200  # words looked up in the dictionaries
_MIN_KNOWN = 0.6  # of the sampled words, Russian or English words (real texts here: 0.75+,
# French, German, Spanish: 0.2-0.4)
_WORD = re.compile(r"[^\W\d_]{3,}")  # two-letter words are words of too many languages
_BROKEN = re.compile(r"(?<=[^\W\d_])-\s+(?=[^\W\d_])")  # "secu- rity", "infor-\nmation"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PDF_MAGIC = b"%PDF-"
PAGE_BREAK = "\f"  # between the pages of a PDF's text (never inside one: pypdf's are dropped)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[ >])", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.I)

_SKIPPED = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "button"}
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5",
    "h6", "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "dd",
    "dt", "dl", "figure", "figcaption", "main", "aside", "form", "address",
}  # fmt: skip


def read_text(path: Path) -> str:
    """The text of a source file, whatever its encoding; HTML reduced to its visible text.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
    ...     _ = f.write("Заявление".encode("koi8_r"))
    >>> read_text(Path(f.name)); os.unlink(f.name)
    'Заявление'
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableText(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    """Decode an uploaded or read file; ``name`` is used for messages and to spot HTML.

    >>> decode("Заявление".encode("utf-16"), "u16.txt")
    'Заявление'
    """
    if not data.strip():
        raise UnreadableText(f"{name}: the file is empty")
    pdf = data.lstrip()[:5] == _PDF_MAGIC
    text = pdf_to_text(data, name) if pdf else _decode_bytes(data, name)
    if _is_html(data, name):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise UnreadableText(f"{name}: binary content (control characters), not a text")
    if not text.strip():
        raise UnreadableText(f"{name}: no text in the file")
    _check_readable(text, name)
    return text


def _check_readable(text: str, name: str) -> None:
    """``UnreadableText`` unless the text has letters and reads as Russian or English."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    words = _words(text)
    if not words or letters < _MIN_LETTER_SHARE * len(visible):
        raise UnreadableText(
            f"{name}: not text — {letters} letters in {len(visible)} characters, no words"
        )
    known = sum(1 for w in words if _is_word(w))
    if known < (_MIN_KNOWN * len(words) if len(words) >= _MIN_WORDS else 1):
        raise UnreadableText(
            f"{name}: not Russian or English — {known} of {len(words)} words are words of "
            "either language"
        )


def _words(text: str) -> list[str]:
    """The first words of a text, those broken across a line or column joined again and
    ligatures undone (OCR and PDF text)."""
    return _WORD.findall(_BROKEN.sub("", unicodedata.normalize("NFKC", text[:8_000])))[
        :_SAMPLE_WORDS
    ]


def _is_word(word: str) -> bool:
    return english.is_word(word) if word.isascii() else russian.is_word(word)


def _decode_bytes(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableText(f"{name}: invalid {encoding} after its BOM") from exc
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise UnreadableText(f"{name}: binary content (NUL bytes), not a text")
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _best_legacy(data, name)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes on one side of the pairs only, and it reads as text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros and not other:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if sum(1 for c in text if c.isprintable() or c.isspace()) > 0.95 * len(text):
                return text
    return None


def _best_legacy(data: bytes, name: str) -> str:
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the page's declaration is wrong: detect
    # charset-normalizer's candidates, and the field's code pages it may rank low on a short
    # text; the decoding whose words are most often words of Russian or English wins
    found = [m.encoding for m in from_bytes(data)][:_CANDIDATES]
    if not found:
        raise UnreadableText(f"{name}: not text — no encoding reads these bytes as text")
    best: tuple[float, str] | None = None
    for rank, encoding in enumerate(dict.fromkeys([*found, *_FIELD_CODE_PAGES])):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _known_share(text) - 0.001 * rank
        if best is None or score > best[0]:
            best = (score, text)
    if best is None:
        raise UnreadableText(f"{name}: not text — no encoding reads these bytes as text")
    return best[1]


def _known_share(text: str) -> float:
    words = _words(text)
    return sum(1 for w in words if _is_word(w)) / len(words) if words else 0.0


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def russian_score(text: str) -> float:
    """How much a decoding reads like ordinary text: frequent lower-case Cyrillic letters count
    fully, other lower-case letters partly; capitals and symbols not at all.

    >>> russian_score("привет") > russian_score("ПРИВЕТ".encode("koi8_r").decode("cp1251"))
    True
    """
    letters = [c for c in text if not c.isascii() and c.isalpha()]
    others = sum(1 for c in text if not c.isascii() and not c.isalpha() and not c.isspace())
    if not letters and not others:
        return 0.0
    score = 0.0
    for c in letters:
        if c in _COMMON_RU:
            score += 1.0
        elif c.islower():
            score += 0.4
    return score / (len(letters) + others)


def _is_html(data: bytes, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_SNIFF.match(data[:512].lstrip(codecs.BOM_UTF8)))


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: one line per block, runs of spaces collapsed.

    >>> html_to_text("<nav>Menu</nav><h1>Title</h1><p>A <b>bold</b>\\n word.</p>")
    'Title\\nA bold word.'
    """
    parser = _Visible()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# -- PDF ------------------------------------------------------------------------------------------


def pdf_to_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, its pages joined by ``PAGE_BREAK``; ``UnreadableText`` for a
    damaged or locked file, or one whose pages have no text (scanned: OCR it first)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd fonts are noise here
    try:
        reader = PdfReader(io.BytesIO(data.lstrip()))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableText(f"{name}: the PDF is encrypted; no text can be read from it")
        pages = [(page.extract_text() or "").replace(PAGE_BREAK, "\n") for page in reader.pages]
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableText(f"{name}: not a readable PDF ({exc})") from exc
    if not any(page.strip() for page in pages):
        raise UnreadableText(
            f"{name}: a PDF of {len(pages)} page(s) with no text layer (a scan?): "
            "run OCR on it first"
        )
    return PAGE_BREAK.join(page.strip("\n") + "\n" for page in pages)


def page_at(text: str, offset: int) -> int:
    r"""The page (from 1) an offset of a PDF's text is on; 1 for any other text.

    >>> page_at("first page\n" + PAGE_BREAK + "second page\n", 13)
    2
    """
    return text.count(PAGE_BREAK, 0, offset) + 1


def page_spans(text: str) -> list[tuple[int, int, int]]:
    r"""``(start, end, page)`` of each page of a PDF's text (one page for any other text).

    >>> page_spans("one\n" + PAGE_BREAK + "two\n")
    [(0, 4, 1), (5, 9, 2)]
    """
    out, start = [], 0
    for number, page in enumerate(text.split(PAGE_BREAK), 1):
        out.append((start, start + len(page), number))
        start += len(page) + len(PAGE_BREAK)
    return out
