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
