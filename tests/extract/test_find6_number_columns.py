"""extract.pdforder: a column of note numbers printed before its notes, and a journal's furniture
printed inside the page's text (pdftotext on two-column pages).  Made-up texts in the shape of
notes_dev9_10's text layer."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.pdforder import drop_recurring_lines, number_columns, numbers_above_notes

# The body calls notes 1-3; pdftotext printed their numbers as a column, then the three notes
# without numbers, each opening on a line of its own.
COLUMN = """\
The crisis of the whole grows all the more.1 A synthesis can no longer be grasped.2
Nothing else follows here but the end of the paragraph.3

1

2

3

Zur Kollektivsucht Gunther Teubner, A Constitutional Moment? The Logics of
Hit the Bottom, in: Kjaer (Hg.), The Financial Crisis (2011), 4-42.
Zu den Steigerungszwängen Niklas Luhmann, Die Gesellschaft der Gesellschaft
(1997), 757; Hartmut Rosa, Beschleunigung (2005), besonders 295 ff.
RW 544, Wissenschaftskritische Ausbildungsreform, 1982.
"""


def test_a_column_of_numbers_goes_to_the_notes_under_it() -> None:
    lines = number_columns(COLUMN.split("\n"))
    assert len(lines) == len(COLUMN.split("\n"))
    assert lines[9].startswith("1 Zur Kollektivsucht")
    assert lines[11].startswith("2 Zu den Steigerungszwängen")
    assert lines[13].startswith("3 RW 544")
    assert not lines[3].strip() and not lines[5].strip() and not lines[7].strip()


def test_the_column_s_notes_are_read_as_notes() -> None:
    notes = {fn.number: fn.text for fn in extract_article(COLUMN).segments.footnotes}
    assert notes[1].startswith("Zur Kollektivsucht") and notes[1].endswith("4-42.")
    assert notes[2].startswith("Zu den") and notes[3].startswith("RW 544")


def test_a_column_with_more_notes_than_numbers_is_left_alone() -> None:
    # Two numbers over three notes: which two they number cannot be told.
    text = COLUMN.replace("\n3\n\n", "\n\n\n")
    assert number_columns(text.split("\n")) == text.split("\n")


def test_numbers_the_text_never_calls_are_no_column() -> None:
    # A list of years or a table's column: nothing above calls 1, 2 and 3.
    text = "Body text without calls.\n\n1\n\n2\n\n3\n\n" + COLUMN.split("\n3\n\n", 1)[1]
    assert number_columns(text.split("\n")) == text.split("\n")


def test_numbers_with_text_under_them_are_ordinary_notes() -> None:
    text = "Text.1 More.2\n\n1\nVgl. Meier, Titel (2001), S. 4.\n2\nEbd., S. 5.\n"
    assert number_columns(text.split("\n")) == text.split("\n")


FOOT = "ANCILLA IURIS 2020, {}"


def test_a_foot_line_printed_inside_pages_is_blanked() -> None:
    pages = []
    for n in range(1, 4):
        pages += ["Body text of the page goes on for a while." for _ in range(30)]
        pages += ["", str(n + 3), "", FOOT.format(n), "", "More body text after the foot."]
    lines = drop_recurring_lines(pages)
    assert len(lines) == len(pages)
    assert not any("ANCILLA" in line for line in lines)
    assert lines.count("More body text after the foot.") == 3


def test_a_line_printed_twice_or_close_together_stays() -> None:
    twice = ["Body.", "", FOOT.format(1), "", *["Body."] * 40, "", FOOT.format(2), "", "Body."]
    assert drop_recurring_lines(twice) == twice
    close = ["Body.", "", "Table 1 of 3", "", "Row.", "", "Table 2 of 3", "", "Row.", "", "Table 3 of 3", ""]
    assert drop_recurring_lines(close) == close


def test_notes_headings_and_sentences_stay() -> None:
    lines = []
    for _ in range(3):
        lines += [*["Body text."] * 35, "", "Notes", "", "1 Ibid.", "", "See note 12.", ""]
    assert drop_recurring_lines(lines) == lines


# The first note of a column block: its raised number printed at the end of the body's last line.
GLUED_ABOVE = """\
The doubt has been silenced by a decisive refutation.1 Each of the two Gospels
contains a table; we find the first fourteen from Abraham to David, both in1

Kuinöl, Comm. in Matth. Proleg., p. xxvii. f., and Vgl. Meier, Titel (2001), S. 4.

cluded, complete; and so the body text goes on after the notes of the page.
"""


def test_a_number_glued_over_its_note_goes_to_the_note() -> None:
    lines = numbers_above_notes(GLUED_ABOVE.split("\n"))
    assert lines[1].endswith("both in")
    assert lines[3].startswith("1 Kuinöl, Comm.")
    assert len(lines) == len(GLUED_ABOVE.split("\n"))


def test_a_call_with_a_paragraph_after_it_stays() -> None:
    # The first call of a number is a call, whatever follows it.
    text = "The body ends its paragraph with a call.1\n\nThe next paragraph opens here.\n"
    assert numbers_above_notes(text.split("\n")) == text.split("\n")
    # … and so is a word ending in digits with nothing calling its number before.
    text = "We write about the virus COVID19\n\nThe next paragraph opens here.\n"
    assert numbers_above_notes(text.split("\n")) == text.split("\n")


def test_a_number_some_note_has_already_is_left() -> None:
    text = GLUED_ABOVE + "\n1 Vgl. Schmidt, Buch (1999), S. 3.\n"
    assert numbers_above_notes(text.split("\n")) == text.split("\n")
