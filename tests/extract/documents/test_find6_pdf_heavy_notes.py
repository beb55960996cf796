"""PDF pages whose notes hold more text than the body (a history article's heavy notes): the body's
type size is the one over the notes, not the most common one.  The PDF is built here with fpdf2
(11 pt body over 8 pt notes, as ``data/dev/notes_dev9_7`` prints them)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import body_size, layout_blocks

NOTE = ("{n} See, for example, J. Bryden, Fighting to Lose: How the German Secret Intelligence Service "
        "Helped the Allies Win the Second World War (Toronto, 2014); J. Adams, Historical Dictionary of "
        "German Intelligence (London, 2009); D. Kahn, Hitler's Spies (New York, 1978), pp. {n}0-{n}9.")


def _heavy(path: Path, body_lines: int = 8) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    n = 0
    for _page in range(3):
        pdf.add_page()
        pdf.set_font("Times", size=11)
        for k in range(body_lines):
            pdf.text(57, 80 + 14 * k, "Recent research on foreign intelligence in Spain has been devoted"[: 50 + k])
        pdf.set_font("Times", size=8)
        y = 80 + 14 * body_lines + 30
        for _ in range(3):
            n += 1
            words = NOTE.format(n=n).split()
            line = ""
            for word in words:
                if pdf.get_string_width(f"{line} {word}") > 470:
                    pdf.text(57, y, line.strip())
                    y += 10
                    line = ""
                line += " " + word
            pdf.text(57, y, line.strip())
            y += 10
    pdf.output(str(path))
    return path


def test_the_body_is_the_type_over_the_notes(tmp_path: Path) -> None:
    pages = read_pdf(_heavy(tmp_path / "heavy.pdf"))
    assert body_size(pages) == 11.0
    notes = [b for b in layout_blocks(pages) if b.kind == "footnote"]
    assert [b.number for b in notes] == list(range(1, 10))
    assert notes[0].text.startswith("See, for example, J. Bryden") and notes[0].text.endswith("pp. 10-19.")


def test_a_small_type_over_the_body_is_no_body(tmp_path: Path) -> None:
    # The larger type must sit above the smaller: here the most common type is the body itself.
    pages = read_pdf(_heavy(tmp_path / "light.pdf", body_lines=40))
    assert body_size(pages) == 11.0
