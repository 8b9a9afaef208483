"""Reading sources: encodings are detected, HTML becomes its visible text, bad files say why."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from graph.errors import UnreadableText
from graph.readers import decode, html_to_text, read_text

RUSSIAN = (
    "Государства-члены признают необходимость усиления координации деятельности в ООН "
    "и на других международных площадках по вопросам управления сетью Интернет."
)


@pytest.mark.parametrize(
    "encoded",
    [
        RUSSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"),
        RUSSIAN.encode("utf-16"),
        RUSSIAN.encode("utf-16-le"),
        RUSSIAN.encode("cp1251"),
        RUSSIAN.encode("koi8_r"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "windows-1251", "koi8-r"],
)
def test_every_supported_encoding_reads_back_the_same_text(encoded: bytes) -> None:
    assert decode(encoded, "a.txt") == RUSSIAN


def test_windows_1251_is_detected_not_assumed_for_a_short_capitalised_title() -> None:
    title = "СОВМЕСТНОЕ ЗАЯВЛЕНИЕ министров иностранных дел"
    assert decode(title.encode("koi8_r"), "t.txt") == title
    assert decode(title.encode("cp1251"), "t.txt") == title


def test_line_ends_become_newlines() -> None:
    assert decode(b"One.\r\nTwo.\rThree.", "crlf.txt") == "One.\nTwo.\nThree."


def test_read_text_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    assert read_text(path) == RUSSIAN


def test_empty_file_is_unreadable_and_the_message_names_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(UnreadableText, match=r"empty\.txt: the file is empty"):
        read_text(path)


def test_binary_file_is_unreadable() -> None:
    with pytest.raises(UnreadableText, match=r"x\.bin: binary content"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "x.bin")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableText, match="cannot be read"):
        read_text(tmp_path / "nowhere.txt")


def test_html_keeps_visible_text_with_blocks_as_lines() -> None:
    page = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Главная</a> | <a href='/news'>Новости</a></nav>"
        "<h1>Совместное заявление</h1><p>Стороны выступают\n за <b>мир</b>.</p>"
        "<script>track();</script><div>Второй абзац</div></body></html>"
    )
    assert html_to_text(page) == "Совместное заявление\nСтороны выступают за мир.\nВторой абзац"


def test_html_in_windows_1251_is_detected_from_its_bytes() -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head><body><p>Заявление ОДКБ</p></body></html>'
    )
    assert decode(page.encode("cp1251"), "page.html") == "Заявление ОДКБ"


def test_html_is_recognised_without_the_suffix() -> None:
    assert decode(b"<!DOCTYPE html><html><body><p>Text</p></body></html>", "upload") == "Text"


def test_random_high_bytes_are_not_text() -> None:
    data = bytes((b * 37 + 11) % 128 + 128 for b in range(8_000))
    with pytest.raises(UnreadableText, match=r"not text|not Russian or English"):
        decode(data, "noise.txt")


@pytest.mark.parametrize("body", [b"123456\n", b"2021 2022\n3.14 -- 42\n", b"...\n!!!"])
def test_digits_and_punctuation_alone_are_not_text(body: bytes) -> None:
    with pytest.raises(UnreadableText, match="not text"):
        decode(body, "n.txt")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Déclaration commune sur la sécurité de l'information et la coopération.", "latin-1"),
        ("Die Bundesregierung unterstützt die Stärkung der Rolle der Vereinten Nationen.", "utf-8"),
    ],
)
def test_a_text_in_another_language_is_refused_saying_so(text: str, encoding: str) -> None:
    with pytest.raises(UnreadableText, match="not Russian or English"):
        decode(text.encode(encoding), "other.txt")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Стороны выступают за повышение роли Международного союза электросвязи.", "cp1251"),
        ("Стороны выступают за повышение роли Международного союза электросвязи.", "koi8_r"),
        ("The Parties’ joint statement — on security in the use of ICTs.", "cp1252"),
    ],
)
def test_a_legacy_code_page_is_read_right(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "legacy.txt") == text


def test_noisy_real_text_still_reads() -> None:
    ocr = (
        "JOINT STATEMENT ON INTERNATIONAL INFOR-\nMATION SECURITY  1 | P a g e\n"
        "The Parties reaf-\nfirm their commitment to coop- eration in the ﬁeld of ICT secu- rity "
        "and call for the UN to play a cen- tral role. ___ ~~ 12/03 ////"
    )
    assert decode(ocr.encode(), "ocr.txt").startswith("JOINT STATEMENT")
