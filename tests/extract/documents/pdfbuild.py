"""Build article PDFs with fpdf2 whose layout is known exactly (the tests' gold).

The article has what real journal PDFs have and plain text loses: a running head and a
page number on every page, two-column body text with hyphenated line ends, footnotes in
smaller type under a separator line with superscript markers (in the body and in the
notes), one footnote per page that does not fit and continues at the foot of the next
page, and a reference list with hanging indents after its heading.  The benchmark builds
its 20- and 300-page inputs with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 56.0
GUTTER = 18.0
BODY_SIZE, BODY_LEAD = 10.0, 12.2
NOTE_SIZE, NOTE_LEAD = 7.5, 9.0
REF_SIZE, REF_LEAD = 9.0, 11.0

WORDS = tuple(
    ["the", "river", "trade", "shaped", "settlement", "along", "the", "valley", "and", "its", "merchants", "kept", "careful", "accounts", "of", "grain", "salt", "timber", "and", "cloth", "which", "later", "historians", "read", "as", "evidence", "of", "regional", "integration", "although", "the", "surviving", "ledgers", "are", "incomplete", "and", "the", "administrative", "correspondence", "survives", "only", "in", "fragmentary", "copies", "made", "by", "nineteenth", "century", "antiquarians", "whose", "transcriptions", "introduce", "characteristic", "errors", "that", "comparative", "analysis", "can", "partly", "correct"]
)
LONG_WORDS = ("administrative", "correspondence", "transcriptions", "characteristic",
              "antiquarians", "integration", "comparative", "fragmentary", "transcription",
              "magistrates:", "Philology,", "governance", "integration")

FOOTNOTES = (
    "Smith J. A history of the river trade. London: Harbour Press, 1998. P. 45.",
    "Brown, A., & Green, B. (2010). Water rights in context. Journal of Law and Rivers, "
    "12(3), 45-67. https://doi.org/10.1000/jlr.2010.3",
    "Ivanova M. Merchants of the northern valley // Historical Review. 2015. No. 4. "
    "P. 101-119.",
    "Weber K. Salt, timber and cloth: regional markets in the early modern period. "
    "Berlin: Akademie, 2007. P. 212-215.",
    "Lopez, R. (2019). Ledgers as sources. In T. Harris (Ed.), Reading the archive "
    "(pp. 33-58). Oxford University Press.",
    "Chen L. Copying the past: antiquarian transcription practices. Cambridge: "
    "Cambridge University Press, 2021. 340 p.",
)
REFERENCES = (
    "Abel, T. (2001). Grain and governance in river towns. Economic History Quarterly, "
    "8(2), 115-140. https://doi.org/10.1000/ehq.2001.8",
    "Baker, S., & Ortiz, P. (2012). The archive and its copies. Journal of Archival Studies, "
    "30(1), 1-22.",
    "Carlsson, E. (1995). Timber markets of the north. Stockholm: Nordic Academic Press.",
    "Dumont, F. (2008). Cloth, credit and community. Paris: Editions du Fleuve.",
    "Evans, R. (2017). Measuring integration from fragmentary ledgers. Historical Methods, "
    "50(4), 201-219. https://doi.org/10.1080/01615440.2017.1",
    "Fischer, H., & Novak, J. (2020). Salt roads revisited. Central European History, "
    "53(2), 300-325.",
    "Garcia, M. (2014). Merchants and magistrates: correspondence in the valley towns. "
    "Madrid: Ediciones Historicas.",
    "Holm, K. (2003). Antiquarian errors and how to read them. Studies in Philology, "
    "100(3), 410-432.",
)


@dataclass
class Gold:
    """What the built PDF contains: footnote texts by number and the reference entries."""

    footnotes: dict[int, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    continued: list[int] = field(default_factory=list)  # footnotes split across pages
    running_head: str = ""


def _wrap(pdf: FPDF, text: str, width: float, hyphenate: bool) -> list[str]:
    """Lines of at most ``width``; a long word that does not fit is hyphenated when asked."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if pdf.get_string_width(trial.replace("\x01", "")) <= width:
            cur = trial
            continue
        if hyphenate and word in LONG_WORDS and cur:
            half = len(word) // 2
            head = f"{cur} {word[:half]}-"
            if pdf.get_string_width(head.replace("\x01", "")) <= width:
                lines.append(head)
                cur = word[half:]
                continue
        lines.append(cur)
        cur = word
    if cur:
        lines.append(cur)
    return lines


def _draw_line(pdf: FPDF, x: float, y: float, line: str, size: float) -> None:
    """Draw a line; ``\\x01N`` tokens are superscript markers (smaller, raised)."""
    for k, part in enumerate(line.split("\x01")):
        if k:
            digits = "".join(c for c in part[:3] if c.isdigit())
            pdf.set_font_size(size * 0.65)
            pdf.text(x, y - size * 0.35, digits)
            x += pdf.get_string_width(digits)
            part = part[len(digits):]
            pdf.set_font_size(size)
        pdf.text(x, y, part)
        x += pdf.get_string_width(part)


def article_pdf(path: Path, pages: int = 3, columns: int = 2, notes_per_page: int = 2,
                numbered: bool = False, endnotes: bool = False,
                quiet_pages: tuple[int, ...] = (), line_numbers: bool = False,
                reference_page_note: bool = False) -> Gold:
    """Write an article of ``pages`` body pages plus a reference-list page; return its gold.

    ``numbered``: entries open with ``[n]`` (Vancouver/IEEE); ``endnotes``: the notes are
    not at the page feet but in body type under a "Notes" heading before the references;
    ``quiet_pages`` have no notes of their own (their foot may hold the previous page's rest);
    ``line_numbers`` prints a manuscript's line numbers in the left margin;
    ``reference_page_note`` puts one more footnote at the foot of the reference list's page.
    """
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Times", size=BODY_SIZE)
    gold = Gold(running_head="Journal of Valley Studies 12 (2024) 1-30")
    text_w = PAGE_W - 2 * MARGIN
    col_w = (text_w - GUTTER * (columns - 1)) / columns
    number = 0
    carry: list[str] = []  # footnote lines continued from the previous page
    word_i = 0
    for p in range(1, pages + 1):
        pdf.add_page()
        _running_head(pdf, p, gold.running_head)
        # This page's footnotes: the last one of every odd page is too long to fit.
        notes: list[tuple[int, list[str]]] = []
        pdf.set_font("Times", size=NOTE_SIZE)
        for k in range(0 if p in quiet_pages else notes_per_page):
            number += 1
            text = FOOTNOTES[(number - 1) % len(FOOTNOTES)]
            if k == notes_per_page - 1 and p % 2 == 1 and p < pages:
                text = f"{text} See also: {FOOTNOTES[number % len(FOOTNOTES)]}"
            gold.footnotes[number] = text
            notes.append((number, _wrap(pdf, f"\x01{number} {text}", text_w, hyphenate=True)))
        if endnotes:
            notes = []
        note_lines = list(carry)
        carry = []
        for n, lines in notes:
            if n == number and p % 2 == 1 and p < pages:
                keep = max(1, len(lines) - 2)
                note_lines += lines[:keep]
                carry = lines[keep:]
                gold.continued.append(n)
            else:
                note_lines += lines
        zone_top = PAGE_H - MARGIN - 14 - NOTE_LEAD * len(note_lines)
        pdf.set_line_width(0.5)
        if note_lines:
            pdf.line(MARGIN, zone_top - 4, MARGIN + 120, zone_top - 4)
        y = zone_top + NOTE_SIZE
        for line in note_lines:
            _draw_line(pdf, MARGIN, y, line, NOTE_SIZE)
            y += NOTE_LEAD
        # Body text in columns above the zone, markers placed in the first column.
        pdf.set_font("Times", size=BODY_SIZE)
        rows = int((zone_top - 12 - (MARGIN + 20)) // BODY_LEAD)
        first_note = notes[0][0] if notes else 0
        for c in range(columns):
            words: list[str] = []
            while len(words) < rows * 9:
                words.append(WORDS[word_i % len(WORDS)])
                word_i += 1
            if c == 0:
                for k in range(len(notes)):
                    spot = 20 + k * 40
                    words[spot] = f"{words[spot]}.\x01{first_note + k}"
            lines = _wrap(pdf, " ".join(words), col_w, hyphenate=True)[:rows]
            x = MARGIN + c * (col_w + GUTTER)
            for r, line in enumerate(lines):
                _draw_line(pdf, x, MARGIN + 20 + BODY_LEAD * (r + 1), line, BODY_SIZE)
                if line_numbers and c == 0:
                    pdf.set_font_size(7)
                    pdf.text(MARGIN - 30, MARGIN + 20 + BODY_LEAD * (r + 1), str((p - 1) * rows + r + 1))
                    pdf.set_font_size(BODY_SIZE)
        _page_number(pdf, p)
    # The reference list, one column, hanging indent.
    pdf.add_page()
    _running_head(pdf, pages + 1, gold.running_head)
    y = MARGIN + 30
    if endnotes:
        pdf.set_font("Times", "B", 11)
        pdf.text(MARGIN, y, "Notes")
        pdf.set_font("Times", size=BODY_SIZE)
        y += REF_LEAD * 1.6
        for n, text in gold.footnotes.items():
            for r, line in enumerate(_wrap(pdf, f"{n}. {text}", text_w, hyphenate=False)):
                pdf.text(MARGIN + (10 if r else 0), y, line)
                y += BODY_LEAD
        y += REF_LEAD
    pdf.set_font("Times", "B", 11)
    pdf.text(MARGIN, y, "References")
    pdf.set_font("Times", size=REF_SIZE)
    y += REF_LEAD * 1.6
    n_refs = max(len(REFERENCES), min(60, pages * 2))
    for k in range(n_refs):
        text = REFERENCES[k % len(REFERENCES)]
        if k >= len(REFERENCES):
            text = text.replace("(", f"({k} ", 1)
        gold.references.append(text)
        lines = _wrap(pdf, f"[{k + 1}] {text}" if numbered else text, text_w - 14, hyphenate=True)
        for r, line in enumerate(lines):
            if y > PAGE_H - MARGIN - 20:
                _page_number(pdf, pdf.page)
                pdf.add_page()
                _running_head(pdf, pdf.page, gold.running_head)
                pdf.set_font("Times", size=REF_SIZE)
                y = MARGIN + 30
            pdf.text(MARGIN + (14 if r else 0), y, line)
            y += REF_LEAD
        y += 2
    if reference_page_note:
        number += 1
        gold.footnotes[number] = FOOTNOTES[(number - 1) % len(FOOTNOTES)]
        pdf.set_font("Times", size=NOTE_SIZE)
        _draw_line(pdf, MARGIN, PAGE_H - MARGIN - 14, f"\x01{number} {gold.footnotes[number]}", NOTE_SIZE)
    _page_number(pdf, pdf.page)
    pdf.output(str(path))
    return gold


def _running_head(pdf: FPDF, page: int, head: str) -> None:
    pdf.set_font("Times", "I", 8)
    text = head if page % 2 else "A. N. Author, The river trade"
    pdf.text(MARGIN, MARGIN - 16, text)
    pdf.set_font("Times", size=BODY_SIZE)


def _page_number(pdf: FPDF, page: int) -> None:
    pdf.set_font("Times", size=9)
    pdf.text(PAGE_W / 2 - 5, PAGE_H - MARGIN + 10, str(page))
    pdf.set_font("Times", size=BODY_SIZE)
