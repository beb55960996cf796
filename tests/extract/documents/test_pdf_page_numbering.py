"""PDF notes numbered afresh on every page, and a text layer with characters that do not decode.

Both PDFs are built here: the first with fpdf2 (small-type notes ``1.``, ``2.`` at each page's
foot, as LaTeX's ``perpage`` prints them: ``data/dev/notes_dev6_2``), the second byte by byte
(a font whose ToUnicode map gives a lone UTF-16 surrogate, as the glyphs of a music example do
in ``data/dev/notes_dev6_4``), so every later character must keep its own place.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import layout_blocks

PAGES = [
    ["CHAUVEAU (Adolphe), Théorie du Code pénal, Paris, Cosse, 1872, p. 12.",
     "Il s'agit de la Loi de 1686 sur les privilèges perpétuels."],
    ["LATOURNERIE (Anne), « Petite histoire des batailles du droit d'auteur », Multitudes, n°5, 2001.",
     "Voir JEAN (Benjamin), La Bataille HADOPI, Paris, In Libro Veritas, 2009, p. 4.",
     "Anne Latournerie, ibid."],
    ["ZOLA (Émile), Mes haines, Paris, Charpentier, 1879, p. 229."],
]


def _perpage(path: Path) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    for notes in PAGES:
        pdf.add_page()
        pdf.set_font("Times", size=10)
        for k in range(30):
            pdf.text(57, 80 + 13 * k, "Le droit d'auteur protège les œuvres de l'esprit dès leur création"[: 40 + k])
        pdf.set_font("Times", size=7.5)
        y = 520.0
        for n, note in enumerate(notes, 1):
            pdf.text(68, y, f"{n}. {note}")
            y += 9.5
        pdf.set_font("Times", size=10)
        pdf.text(290, 800, str(pdf.page_no() + 8))
    pdf.output(str(path))
    return path


def test_notes_numbered_afresh_on_every_page(tmp_path: Path) -> None:
    blocks = [b for b in layout_blocks(read_pdf(_perpage(tmp_path / "perpage.pdf"))) if b.kind == "footnote"]
    assert [(b.page, b.number) for b in blocks] == [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1)]
    assert [b.text for b in blocks] == [note for notes in PAGES for note in notes]


def _surrogate_pdf(path: Path, lines: list[tuple[int, int, bytes]]) -> Path:
    """A one-page PDF in Helvetica whose byte 0x7F maps (ToUnicode) to a lone surrogate."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar <7F> <D834> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT " + b" ".join(b"/F1 10 Tf 1 0 0 1 %d %d Tm (%s) Tj" % (x, y, t) for x, y, t in lines) + b" ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
               b" /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


def test_characters_that_do_not_decode_keep_every_later_letter_in_place(tmp_path: Path) -> None:
    path = _surrogate_pdf(tmp_path / "music.pdf", [(50, 800, b"Example \x7f\x7f\x7f of the theme"),
                                                   (50, 780, b"Second line of body text")])
    lines = [" ".join(ln.text.split()) for ln in read_pdf(path)[0].lines]
    assert lines == ["Example of the theme", "Second line of body text"]


def test_note_numbers_glued_to_their_first_word(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Times", size=10)
    for k in range(30):
        pdf.text(57, 80 + 13 * k, "Die Stadtgeschichte hat diese Frage lange offen gelassen und erst spät"[: 40 + k])
    pdf.set_font("Times", size=7.5)
    notes = ["1Vgl. Meier, Klaus: Die Stadt im Mittelalter. Berlin 2010, S. 45.", "2Ebd., S. 47.",
             "3„Die Stadt“, in: Schulz, Hans (Hg.): Städte. München 2005, S. 12."]
    for k, note in enumerate(notes):
        pdf.text(57, 520 + 9.5 * k, note)
    path = tmp_path / "glued.pdf"
    pdf.output(str(path))
    blocks = [b for b in layout_blocks(read_pdf(path)) if b.kind == "footnote"]
    assert [(b.number, b.text[:5]) for b in blocks] == [(1, "Vgl. "), (2, "Ebd.,"), (3, "„Die ")]


WORKS = ["John Smith, The River Trade (London: Harbour Press, 1998), {p}.", "Ibid., {p}.",
         "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): {p}.",
         "Karl Weber, Salz, Holz und Tuch (Berlin: Akademie, 2007), {p}.", "Smith, River Trade, {p}.",
         "Ann Lopez, Ledgers as Sources (Oxford: Oxford University Press, 2019), {p}."]


def test_endnotes_going_on_over_pages_in_small_type(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    notes = [f"{n}. " + WORKS[n % len(WORKS)].format(p=n + 40) for n in range(1, 61)]
    for page in range(4):  # the body, in its larger type, is most of the text
        pdf.add_page()
        pdf.set_font("Times", size=11)
        for k in range(50 if page < 3 else 30):
            pdf.text(60, 80 + 14 * k, "The body text of the article goes on here with its argument and claims.")
    pdf.set_font("Times", "B", 12)
    pdf.text(60, 520, "Notes")
    pdf.set_font("Times", size=8.5)
    y, i = 540.0, 0
    while i < len(notes):
        if y > 790:
            pdf.add_page()  # the notes go on, a whole page in their small type
            pdf.set_font("Times", size=8.5)
            y = 60.0
        pdf.text(60, y, notes[i])
        y, i = y + 11, i + 1
    path = tmp_path / "endnotes.pdf"
    pdf.output(str(path))
    blocks = [b for b in layout_blocks(read_pdf(path)) if b.kind == "footnote"]
    assert [b.number for b in blocks] == list(range(1, 61))
    assert blocks[22].text == notes[22][4:]
