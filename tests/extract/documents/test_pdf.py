"""PDF extraction on PDFs the tests build with fpdf2 (layout known exactly: pdfbuild.Gold)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from pdfbuild import article_pdf

from citekeeper.extract.documents import detect, extract_document
from citekeeper.extract.documents.errors import (
    BrokenDocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
)
from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import drop_furniture, join_lines
from citekeeper.formats import read_file


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pdf") / "article.pdf"
    gold = article_pdf(path, pages=4, columns=2)
    return path, gold, extract_document(path)


def test_every_footnote_found_with_its_number_and_page(built) -> None:
    _, gold, ex = built
    numbers = sorted({r.origin.number for r in ex.footnotes})
    assert numbers == sorted(gold.footnotes)
    assert all(r.origin.page is not None and r.origin.line_start for r in ex.footnotes)
    pages = {r.origin.number: r.origin.page for r in ex.footnotes}
    assert pages[1] == 1 and pages[3] == 2  # two notes per page


def test_footnote_continued_on_next_page_is_joined(built) -> None:
    _, gold, ex = built
    assert gold.continued
    for n in gold.continued:
        raw = next(r.origin.raw for r in ex.footnotes if r.origin.number == n)
        assert " ".join(raw.split()) == gold.footnotes[n]


def test_footnote_texts_exact(built) -> None:
    _, gold, ex = built
    for r in ex.footnotes:
        assert " ".join(r.origin.raw.split()) == gold.footnotes[r.origin.number]


def test_reference_entries_split_by_hanging_indent(built) -> None:
    _, gold, ex = built
    assert [r.origin.raw.replace("\n", " ") for r in ex.references] == gold.references
    assert ex.references[0].doi == "10.1000/ehq.2001.8"
    assert ex.references[0].issued.year == 2001


def test_running_heads_and_page_numbers_are_not_citations(built) -> None:
    _, gold, ex = built
    text = " ".join(r.origin.raw for r in ex.references + ex.footnotes)
    assert gold.running_head not in text
    assert "The river trade" not in text


def test_detect_by_content_not_suffix(built, tmp_path: Path) -> None:
    path, _, _ = built
    renamed = tmp_path / "article.txt"
    renamed.write_bytes(path.read_bytes())
    assert detect(renamed) == "pdf"
    result = read_file(renamed)
    assert len(result.references) + 0 and any(r.footnote for r in result.references)


def test_dehyphenation() -> None:
    assert join_lines(["the transcrip-", "tion of"]) == "the transcription of"
    assert join_lines(["Smith-", "Jones"]) == "Smith-Jones"
    assert join_lines(["pp. 45-", "67"]) == "pp. 45-67"
    assert join_lines(["https://example.org/a-", "b/c"]) == "https://example.org/a-b/c"
    assert join_lines(["corresp\ufffe", "ondence"]) == "correspondence"


# -- bad input -------------------------------------------------------------------------

def test_encrypted(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "secret")
    pdf.set_encryption(owner_password="o", user_password="u")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(EncryptedDocumentError, match="password"):
        extract_document(path)


def test_image_only(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(NoTextLayerError, match="OCR"):
        extract_document(path)


def test_zero_pages(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    doc = pdfium.PdfDocument.new()
    doc.save(str(path))
    doc.close()
    with pytest.raises(BrokenDocumentError, match=r"no pages|cannot read"):
        extract_document(path)


def test_truncated(built, tmp_path: Path) -> None:
    data = built[0].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(BrokenDocumentError):
        extract_document(path)


def test_not_a_pdf_despite_suffix(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"\x00\x01binary junk" * 20)
    with pytest.raises(BrokenDocumentError, match="not a PDF"):
        extract_document(path)


def test_numbered_reference_list(tmp_path: Path) -> None:
    path = tmp_path / "numbered.pdf"
    gold = article_pdf(path, pages=2, numbered=True)
    ex = extract_document(path)
    raws = [r.origin.raw.replace("\n", " ") for r in ex.references]
    assert raws == [f"[{k}] {text}" for k, text in enumerate(gold.references, 1)]


def test_endnotes_under_a_notes_heading(tmp_path: Path) -> None:
    path = tmp_path / "endnotes.pdf"
    gold = article_pdf(path, pages=2, endnotes=True)
    ex = extract_document(path)
    notes = {r.origin.number: " ".join(r.origin.raw.split()) for r in ex.footnotes}
    assert notes == gold.footnotes
    assert len(ex.references) == len(gold.references)


def test_page_whose_foot_is_only_the_rest_of_a_note(tmp_path: Path) -> None:
    path = tmp_path / "quiet.pdf"
    gold = article_pdf(path, pages=3, quiet_pages=(2,))
    ex = extract_document(path)
    notes = {r.origin.number: " ".join(r.origin.raw.split()) for r in ex.footnotes}
    assert gold.continued == [2]
    assert notes == gold.footnotes


def test_manuscript_line_numbers_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "numbered-lines.pdf"
    gold = article_pdf(path, pages=3, line_numbers=True)
    ex = extract_document(path)
    notes = {r.origin.number: " ".join(r.origin.raw.split()) for r in ex.footnotes}
    assert notes == gold.footnotes
    assert [r.origin.raw.replace("\n", " ") for r in ex.references] == gold.references
    pages = read_pdf(path)
    assert sum(ln.text.isdigit() for p in pages for ln in p.lines) > 100  # printed ...
    drop_furniture(pages)
    assert not [ln.text for p in pages for ln in p.lines if ln.text.isdigit()]  # ... and dropped


def test_ligatures_become_letters() -> None:
    from citekeeper.extract.documents.pdf import _make_line

    chars = [(c, 10.0 + i, 11.0 + i, 0.0, 10.0, 10.0) for i, c in enumerate("ﬁrst ﬂoor eﬀect")]
    assert _make_line(chars, 1).text == "first floor effect"


def test_note_under_a_small_type_reference_list(tmp_path: Path) -> None:
    """9 pt entries above an 8 pt note under 10 pt text: the entries are not the note's rest."""
    path = tmp_path / "refnote.pdf"
    gold = article_pdf(path, pages=2, reference_page_note=True)
    ex = extract_document(path)
    notes = {r.origin.number: " ".join(r.origin.raw.split()) for r in ex.footnotes}
    assert notes == gold.footnotes
    assert [r.origin.raw.replace("\n", " ") for r in ex.references] == gold.references


def test_symbol_note_markers() -> None:
    from citekeeper.extract.documents.pdf import _make_line

    # "†" set small and raised before 8 pt text: the note's marker, not its text.
    chars = [("†", 10.0, 13.0, -3.0, 3.0, 5.0)] + [
        (c, 14.0 + 4 * i, 18.0 + 4 * i, 0.0, 8.0, 8.0) for i, c in enumerate("Ibid. P. 7.")]
    line = _make_line(chars, 1)
    assert line.marker == "†" and line.text == "Ibid. P. 7."
