"""PDF sources (issue 19): the text layer read page by page, each offset traceable to its page.

The fixture is made at test time with reportlab from a real record of the transcripts set (an
OEWG verbatim transcript), laid out as an official record is: a running header, the chair's
and a delegation's turns, the delegation's speech going on over a page break.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from graph.errors import UnreadableText
from graph.extract import extract
from graph.readers import PAGE_BREAK, page_at, page_spans, read_text

RECORD = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "extract"
    / "transcripts"
    / "06_cybercapacity-oewg-s1-m9.txt"
)


def _write_pdf(path: Path, pages: list[str], header: str = "A/AC.292/2021/PV.9") -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, page in enumerate(pages, 1):
        y = 800.0
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, y, f"{header}    {number}/{len(pages)}")
        y -= 30
        pdf.setFont("Helvetica", 10)
        for paragraph in page.split("\n"):
            for line in textwrap.wrap(paragraph, 95) or [""]:
                pdf.drawString(50, y, line)
                y -= 14
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def record_pdf(tmp_path: Path) -> Path:
    text = RECORD.read_text("utf-8")
    head, speech = text.split("Australia \n", 1)
    first, second = speech.split("Australia supports", 1)
    pages = [head + "Australia\n" + first, "Australia supports" + second]
    return _write_pdf(tmp_path / "record.pdf", pages)


def test_a_pdf_is_read_page_by_page_with_a_break_between_pages(record_pdf: Path) -> None:
    text = read_text(record_pdf)
    assert text.count(PAGE_BREAK) == 1
    at = text.index("Australia supports greater mobilization")
    assert page_at(text, at) == 2
    assert page_at(text, text.index("ninth meeting")) == 1
    assert [page for _, _, page in page_spans(text)] == [1, 2]


def test_evidence_found_in_a_pdf_is_verbatim_and_on_its_page(record_pdf: Path) -> None:
    text = read_text(record_pdf)
    doc = extract(text, record_pdf.name)
    statements = {i.issuers: i for i in doc.instruments if i.type == "statement"}
    assert set(statements) == {("AUS",)}
    found = {p.topic: p.evidence for p in statements[("AUS",)].positions}
    assert "cooperation" in found
    span = found["cooperation"]
    assert text[span.start : span.end] == span.exact
    assert page_at(text, span.start) == 2


def test_a_pdf_without_a_text_layer_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "scanned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture
    pdf.showPage()
    pdf.save()
    with pytest.raises(UnreadableText, match=r"scanned\.pdf: a PDF of 1 page\(s\) with no text"):
        read_text(path)


def test_a_damaged_pdf_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without pages")
    with pytest.raises(UnreadableText, match=r"broken\.pdf: "):
        read_text(path)


def test_a_pdf_in_a_language_other_than_russian_or_english_is_refused(tmp_path: Path) -> None:
    path = _write_pdf(
        tmp_path / "fr.pdf",
        ["Le représentant de la France a déclaré que le droit international s'applique "
         "pleinement au cyberespace et que les normes doivent être respectées par tous."],
    )  # fmt: skip
    with pytest.raises(UnreadableText, match=r"fr\.pdf: not Russian or English"):
        read_text(path)
