"""A PDF whose notes are set in the body's type size: the geometry finds no note zone,
so ``pdfextract`` reads the page text with the plain-text notes rules."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from citekeeper.extract.documents import extract_document

BODY = [
    "Law-related education is a branch of civics education in the United States.1 Its",
    "origins lie in the work of one teacher and lawyer.2 The programmes grew fast.3",
]
NOTES = [
    "1 Feinstein, S., & Wood, R. (1995). History of law-related education at 10. ERIC.",
    "2 Id. at 12.",
    "3 See infra notes 8-9 and accompanying text.",
]


def _pdf(path: Path) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", size=10)
    y = 80.0
    for line in BODY:
        pdf.text(56, y, line)
        y += 12.2
    y = 700.0
    for line in NOTES:  # same size as the body: no smaller note zone for the geometry
        pdf.text(56, y, line)
        y += 12.2
    pdf.output(str(path))
    return path


def test_notes_in_body_type_are_read_as_text(tmp_path: Path) -> None:
    result = extract_document(_pdf(tmp_path / "notes.pdf"))
    notes = result.footnotes
    assert [r.footnote for r in notes] == [1, 2]  # note 3 only cross-refers
    assert notes[0].raw.startswith("Feinstein, S., & Wood, R. (1995)")
    assert notes[1].repeats == notes[0].id and notes[1].get("page") == "12"
    assert notes[0].origin is not None and notes[0].origin.page == 1
