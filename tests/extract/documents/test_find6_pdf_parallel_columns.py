"""A bilingual journal's PDF: the original and its translation side by side, each column with its own
notes numbered alike, the numbers hung left of the notes' first lines at the very foot of the page
(``data/dev/notes_dev9_10``).  Built here with fpdf2."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import layout_blocks

LEFT = [["Vgl. Hans Blumenberg, Die Legitimität der Neuzeit (1965), 68 ff.",
         "Thomas Aquinas, Summa theologica, Bd. 31: III (1934), Frage 84."],
        ["Niklas Luhmann, Die Gesellschaft der Gesellschaft (1997), 757."]]
RIGHT = [["See Hans Blumenberg, The Legitimacy of the Modern Age (1986), 229 ff.",
          "Thomas Aquinas, Summa theologica, Part One of Part Two, Question 84."],
         ["Niklas Luhmann, Theory of Society vol. 2 (2013), 95."]]


def _parallel(path: Path) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    n = 0
    for page in range(2):
        pdf.add_page()
        pdf.set_font("Times", size=10)
        for k in range(40):
            pdf.text(57, 80 + 14 * k, "Die Neugierde wurde zur Tugend der modernen Wissenschaft"[: 40 + k % 10])
            pdf.text(312, 80 + 14 * k, "Curiosity became the virtue of modern science in the"[: 40 + k % 10])
        pdf.set_font("Times", size=6)
        y = 780.0
        for k, (left, right) in enumerate(zip(LEFT[page], RIGHT[page], strict=True)):
            number = str(n + k + 1)
            pdf.text(57, y, number)
            pdf.text(71, y, left)
            pdf.text(312, y, number)
            pdf.text(326, y, right)
            y += 8
        n += len(LEFT[page])
        pdf.set_font("Times", size=8)
        pdf.text(290, 820, str(page + 1))
    pdf.output(str(path))
    return path


def test_each_column_numbers_its_own_notes(tmp_path: Path) -> None:
    notes = [(b.number, b.page, b.text) for b in layout_blocks(read_pdf(_parallel(tmp_path / "parallel.pdf")))
             if b.kind == "footnote"]
    assert [(number, page) for number, page, _ in notes] == [(1, 1), (2, 1), (1, 1), (2, 1), (3, 2), (3, 2)]
    assert [text for *_, text in notes] == [LEFT[0][0], LEFT[0][1], RIGHT[0][0], RIGHT[0][1], LEFT[1][0], RIGHT[1][0]]


def test_a_number_hung_in_the_foot_margin_is_no_page_number(tmp_path: Path) -> None:
    # The notes' numbers sit in the bottom tenth of the page, where a lone number is a page number
    # unless a note's line stands right of it.
    pages = read_pdf(_parallel(tmp_path / "parallel.pdf"))
    texts = [b.text for b in layout_blocks(pages) if b.kind == "footnote"]
    assert not any(text.endswith((" 1", " 2")) for text in texts)
