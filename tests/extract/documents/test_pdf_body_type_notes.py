"""Notes set in the body's own type at the page foot, as court opinions print them.

The PDFs are built here with fpdf2 the way the Third Circuit's slip opinions are laid out
(``data/dev/notes_dev5_9``): US Letter, the text block well inside the paper, the page number
centred in the last row, notes in the body's 12 pt under a gap of three lines, each opening
with a raised marker drawn apart from its line, a note running on to the next page's foot or
over a whole page.  Also: a line a producer drew twice, a footnote rule set as dashes and a
wrapped note line that opens with a number.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF

from citekeeper.extract.documents import extract_document
from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import drop_furniture, layout_blocks

LEFT, TOP, PITCH, SIZE = 144.0, 150.0, 15.4, 12.0
FOLIO_Y = 640.0  # the page number's baseline: inside the paper (792 pt), not in its outer 9 %

BODY = ("The District Court denied the motion, concluding that a portion of the claim was covered by "
        "the policy and that another portion was potentially covered by it. The appeal followed in "
        "due course, and the parties filed their briefs on the questions of law presented here. ")


class Opinion:
    """A slip opinion page by page: body lines from the top, notes from a gap below them."""

    def __init__(self) -> None:
        self.pdf = FPDF(unit="pt", format="Letter")
        self.pdf.set_auto_page_break(False)
        self.pdf.core_fonts_encoding = "windows-1252"  # curly quotes and dashes, as opinions print them
        self.pdf.set_font("Times", size=SIZE)
        self.page = 0

    def _lines(self, text: str, width: float = 330.0) -> list[str]:
        out, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}".strip()
            if self.pdf.get_string_width(trial) > width and cur:
                out.append(cur)
                cur = word
            else:
                cur = trial
        return [*out, cur] if cur else out

    def add(self, body: list[str], notes: list[tuple[str, str]], *, gap: float = 3.0,
            overprint: str = "", rule: bool = False) -> None:
        """A page: ``body`` texts (paragraphs), then after ``gap`` lines the ``notes``
        (``(marker, text)``; an empty marker is the rest of the last page's note)."""
        self.page += 1
        self.pdf.add_page()
        y = TOP
        for para in body:
            for line in self._lines(para):
                self._draw(LEFT, y, line)
                if overprint and line.endswith(overprint):
                    # The producer draws the line's tail a second time, at the same baseline.
                    self.pdf.text(LEFT + self.pdf.get_string_width(line[: -len(overprint)]), y, overprint)
                y += PITCH
            y += PITCH  # a blank line between paragraphs
        y += (gap - 2) * PITCH
        if rule and notes:
            self.pdf.set_line_width(0.5)
            self.pdf.line(LEFT, y - PITCH * 0.9, LEFT + 110, y - PITCH * 0.9)  # the footnote rule
        for mark, text in notes:
            for k, line in enumerate(self._lines(text)):
                if k == 0 and mark:
                    self.pdf.set_font_size(8)
                    self.pdf.text(LEFT + 36, y - 4, mark)  # the raised marker, apart from its line
                    self.pdf.set_font_size(SIZE)
                self.pdf.text(LEFT + (40 if k == 0 and mark else 0), y, line)
                y += PITCH
        self.pdf.text(303, FOLIO_Y, str(self.page))

    def _draw(self, x: float, y: float, line: str) -> None:
        """A body line; ``^N`` is a note call, set small and raised."""
        for k, part in enumerate(re.split(r"\^(\d+)", line)):
            if k % 2:
                self.pdf.set_font_size(8)
                self.pdf.text(x, y - 4, part)
                x += self.pdf.get_string_width(part)
                self.pdf.set_font_size(SIZE)
            elif part:
                self.pdf.text(x, y, part)
                x += self.pdf.get_string_width(part)

    def write(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


NOTE1 = "See Bjorgung v. Whitetail Resort, LP, 550 F.3d 263, 266 (3d Cir. 2008)."
NOTE2_HEAD = ("IFF asserts that we should exercise plenary review over the denial of its request, and it is "
              "not the first litigant to do so. See, e.g., Metcalfe v. Renaissance Marine, Inc., 566 F.3d 324, "
              "337 (3d Cir. 2009); Kanter v. Barella, 489 F.3d 170,")
NOTE2_REST = "181-182 (3d Cir. 2007)."
NOTE3 = "Phillips v. County of Allegheny, 515 F.3d 224, 236 (3d Cir. 2008)."
NOTE4_HEAD = "In Goldson v. Carver Boat Corporation, 707 A.2d 193 (N.J. Super. Ct. App. Div. 1998), the court"
NOTE4_PAGE = ("affirmed the dismissal of the claims against the seller, reasoning that the parties could "
              "allocate the risks among themselves. Id. at 199-200; accord Dean v. Barrett Homes, Inc., "
              "968 A.2d 192, 203 (N.J. 2009);")
NOTE4_TAIL = "Marrone v. Greer & Polman Constr., Inc., 964 A.2d 330, 339-40 (N.J. Super. Ct. App. Div. 2009)."


def _opinion(path: Path) -> Path:
    op = Opinion()
    op.add([BODY + "The motion was denied.1", BODY], [("1", NOTE1)])
    op.add([BODY, "We review for abuse of discretion.2 " + BODY[:120]], [("2", NOTE2_HEAD)], gap=4)
    op.add([BODY, BODY[:200] + " That is enough.3"], [("", NOTE2_REST), ("3", NOTE3)])
    op.add([BODY[:150] + " The Court held so.4"], [("4", NOTE4_HEAD)], gap=5)
    op.add([], [("", NOTE4_PAGE)], gap=2)  # a whole page of the note's text, no body
    op.add([BODY, BODY], [("", NOTE4_TAIL)])
    return op.write(path)


def test_notes_in_the_body_type_are_found_by_their_gap_and_marker(tmp_path: Path) -> None:
    pages = read_pdf(_opinion(tmp_path / "opinion.pdf"))
    notes = {b.number: b.text for b in layout_blocks(pages) if b.kind == "footnote"}
    assert notes[1] == NOTE1
    assert notes[2] == f"{NOTE2_HEAD} {NOTE2_REST}"  # its rest at the next page's foot, under a gap
    assert notes[3] == NOTE3
    assert notes[4] == f"{NOTE4_HEAD} {NOTE4_PAGE} {NOTE4_TAIL}"  # over a whole page, then the next foot
    assert sorted(notes) == [1, 2, 3, 4]


def test_the_citations_of_body_type_notes(tmp_path: Path) -> None:
    result = extract_document(_opinion(tmp_path / "opinion.pdf"))
    raws = [(r.footnote, r.raw) for r in result.footnotes]
    assert (2, "Kanter v. Barella, 489 F.3d 170, 181-182 (3d Cir. 2007).") in raws
    assert any(n == 4 and raw.startswith("Marrone v. Greer") for n, raw in raws)
    assert not any("That is enough" in raw or raw.strip() in {"5", "6"} for _, raw in raws)


def test_a_page_number_in_the_last_row_inside_the_paper_is_dropped(tmp_path: Path) -> None:
    pages = read_pdf(_opinion(tmp_path / "opinion.pdf"))
    drop_furniture(pages)
    assert not any(ln.text.strip().isdigit() for p in pages for ln in p.lines if not ln.marker)


def test_a_number_in_the_last_row_that_does_not_step_with_the_pages_is_kept(tmp_path: Path) -> None:
    op = Opinion()
    for _ in range(3):
        op.add([BODY], [])
        op.pdf.text(LEFT, FOLIO_Y + 20, "1998")  # the same number under every page: no page number
    pages = read_pdf(op.write(tmp_path / "years.pdf"))
    drop_furniture(pages)
    assert sum(ln.text == "1998" for p in pages for ln in p.lines) == 3


def test_a_line_drawn_twice_is_read_once(tmp_path: Path) -> None:
    op = Opinion()
    tail = "“exists”), we perceive."
    op.add([f"See Arbaugh, 546 U.S. at 514 {tail}"], [], overprint=tail)
    pages = read_pdf(op.write(tmp_path / "twice.pdf"))
    drop_furniture(pages)
    text = " ".join(ln.text for ln in pages[0].lines)
    assert text.count("perceive") == 1, text


def test_small_type_notes_with_a_dash_rule_and_a_line_opening_with_a_number(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Times", size=13)
    for k in range(20):
        pdf.text(150, 120 + 13.2 * k, "the apportionment of the water of the basin among the States" + (".4" if k == 5 else ""))
    pdf.set_font("Times", size=10.8)
    pdf.text(150, 420, "——————")
    y = 436.0
    note = [("4", "In such circumstances the relevant paragraph provides that the States shall allow"),
            ("", "5 and 40 percent of the water flowing into subbasin 5 to pass. §5.05(b), id., at 25."),
            ("5", "See Virginia v. Maryland, 540 U. S. 56, 66 (2003).")]
    for mark, line in note:
        if mark:
            pdf.set_font_size(7)
            pdf.text(158, y - 4, mark)
            pdf.set_font_size(10.8)
        pdf.text(165 if mark else 150, y, line)
        y += 10.8
    pdf.text(300, 700, "1")
    path = tmp_path / "small.pdf"
    pdf.output(str(path))
    notes = {b.number: b.text for b in layout_blocks(read_pdf(path)) if b.kind == "footnote"}
    assert sorted(notes) == [4, 5]
    assert notes[4].endswith("subbasin 5 to pass. §5.05(b), id., at 25.")
    assert "——" not in notes[4] and notes[5].startswith("See Virginia")


def test_plain_numbered_notes_in_body_type_when_the_text_calls_them(tmp_path: Path) -> None:
    op = Opinion()
    op.add([BODY + "The motion was denied.^1", BODY], [("", "1 " + NOTE1)])
    op.add([BODY[:200] + " That is enough.^2"], [("", "2 " + NOTE3)])
    op.add([BODY, "1. The first point we decide is plain.", "2. The second is too."], [])  # a numbered list
    notes = {b.number: b.text for b in layout_blocks(read_pdf(op.write(tmp_path / "plain.pdf"))) if b.kind == "footnote"}
    assert notes == {1: NOTE1, 2: NOTE3}


def test_body_type_notes_numbered_afresh_on_a_page(tmp_path: Path) -> None:
    op = Opinion()
    op.add([BODY + "The motion was denied.^1", BODY], [("1", NOTE1)])
    op.add([BODY + "Held.^1 " + BODY[:100] + "^2"], [("1", NOTE3), ("2", "Id. at 240.")])
    blocks = [b for b in layout_blocks(read_pdf(op.write(tmp_path / "perpage.pdf"))) if b.kind == "footnote"]
    assert [(b.page, b.number) for b in blocks] == [(1, 1), (2, 1), (2, 2)]


def test_body_type_notes_under_a_drawn_rule_and_no_wide_gap(tmp_path: Path) -> None:
    op = Opinion()
    op.add([BODY + "The motion was denied.^1", BODY], [("1", NOTE1)], gap=1.6, rule=True)
    op.add([BODY + "Held.^2", BODY], [("2", NOTE3)], gap=1.6, rule=True)
    op.add([BODY, BODY], [], gap=1.6)
    notes = {b.number: b.text for b in layout_blocks(read_pdf(op.write(tmp_path / "ruled.pdf"))) if b.kind == "footnote"}
    assert notes == {1: NOTE1, 2: NOTE3}
