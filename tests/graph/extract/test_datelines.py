"""Agency datelines: where they are, and their place, date and agency."""

from __future__ import annotations

import pytest

from graph.extract.datelines import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "date", "agency"),
    [
        ("МОСКВА, 19 ноября. /ТАСС/. Текст.", "МОСКВА", "19 ноября", "/ТАСС/"),
        ("МОСКВА, 14 июн - РИА Новости. Лидеры ШОС.", "МОСКВА", "14 июн", "РИА Новости"),
        ("MOSCOW (UrduPoint News / Sputnik - 20th June, 2023) Text", "MOSCOW", "20th June, 2023",
         "UrduPoint News / Sputnik"),
        ("Moscow, June 19 (BelTA) - Text.", "Moscow", "June 19", "(BelTA)"),
        ("MOSCOW, June 19 - Russia and Tajikistan signed.", "MOSCOW", "June 19", ""),
    ],
)  # fmt: skip
def test_datelines_in_the_forms_agencies_write_them(
    text: str, place: str, date: str, agency: str
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert text[found.place_start : found.place_end] == place
    assert text[found.date_start : found.date_end] == date
    assert text[found.agency_start : found.agency_end] == agency


def test_capitals_in_running_text_are_no_dateline() -> None:
    assert find_dateline("The SCO and the CSTO, the CIS and BRICS met in 2019.") is None
