"""extract.pdforder: note numbers pdftotext printed after their notes, put back in front."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.pdforder import restore_numbers
from citekeeper.extract.segment import segment

# The first note of the page lost its number; pdftotext printed it after the page's notes,
# and the page number ("5") after that.
FIRST_OF_PAGE = """\
The late Isidore Starr is the father of law-related education.4 He prepared case
studies.5 Others followed.6

Feinstein, S., & Wood, R. (1995). History of law-related education at 10. ERIC.
https://perma.cc/KCL2-8VFM
5 Id.
6 American Bar Association. (n.d.). Isidore Starr Award. https://perma.cc/4SZ2-47A9
4

5

The next page begins here with body text about the 1970s.
"""

# Two notes at the top of a page, their numbers "2" and "3" after the notes numbered alone.
TWO_AT_THE_TOP = """\
Body text of the page ends here without any note numbers of its own in it at all.

Vgl Luhmann, Ausdifferenzierung des Rechts (1999), 273-307.
Vgl Luhmann, Rechtssoziologie (1972), 239.
4
Vgl Flecker, Arbeit und Beschäftigung (2017), 9-44.
2
3
"""

# Note 2 starts inside the line after note 1; its number comes after notes 3 and 4.
INSIDE_THE_NOTE_BEFORE = """\
Body text.1 More.2 And more.3 The end.4

1

See infra notes 34-44 and accompanying text.
In the early sixteenth century St. German wrote Doctor and Student. DANIEL R. COQUILLETTE,
THE ANGLO-AMERICAN LEGAL HERITAGE 187-88 (2d ed. 2004).
3
See infra notes 55-96 and accompanying text.
4
See infra notes 97-329 and accompanying text.
2
"""


def test_the_first_note_of_a_page_gets_its_number_back():
    lines = FIRST_OF_PAGE.split("\n")
    fixed = restore_numbers(lines)
    assert len(fixed) == len(lines)  # every origin keeps its line
    assert fixed[3].startswith("4 Feinstein")
    assert fixed[7] == ""  # the trailing "4"
    assert fixed[9] == "5"  # the page number is left alone: 5 is a note already
    notes = extract_article(FIRST_OF_PAGE).footnotes
    assert [r.footnote for r in notes] == [4, 5, 6]
    assert notes[1].repeats == notes[0].id  # "Id." repeats the restored note 4


def test_two_missing_numbers_split_the_top_of_the_page_at_its_sentence_ends():
    fixed = restore_numbers(TWO_AT_THE_TOP.split("\n"))
    assert fixed[2].startswith("2 Vgl Luhmann, Ausdifferenzierung")
    assert fixed[3].startswith("3 Vgl Luhmann, Rechtssoziologie")
    assert [f.number for f in segment(TWO_AT_THE_TOP).footnotes] == [2, 3, 4]


def test_a_note_that_starts_inside_the_one_before():
    fixed = restore_numbers(INSIDE_THE_NOTE_BEFORE.split("\n"))
    assert fixed[5].startswith("2 In the early sixteenth century")
    seg = segment(INSIDE_THE_NOTE_BEFORE)
    assert [f.number for f in seg.footnotes] == [1, 2, 3, 4]
    assert seg.footnotes[0].text == "See infra notes 34-44 and accompanying text."


def test_numbers_in_order_are_left_alone():
    text = "Body.1\n\n1 Meier, Handbuch, 2005, S. 3.\n2 Ebd., S. 4.\n\n3\n\nNext page body.\n"
    assert restore_numbers(text.split("\n")) == text.split("\n")
    body = "1. First do this.\n2. Then that.\n\n12\n\nMore text.\n"
    assert restore_numbers(body.split("\n")) == body.split("\n")


EXCERPT = """After the Election, Trump continued to deny any contacts with Russia.53 Two days later,
Russian officials told the press that the government had maintained contacts.54 Hicks said so.55

53

Louis Nelson, Pence denies Trump camp in cahoots with WikiLeaks, Politico (Oct. 14, 2016).
54
Ivan Nechepurenko, Russian Officials Were in Contact With Trump Allies, Diplomat Says, New
York Times (Nov. 10, 2016).
55
Jim Heintz & Matthew Lee, Russia eyes better ties with Trump, Associated Press (Nov. 10, 2016).

25
"""


def test_lone_numbers_of_an_excerpt_go_in_front_of_their_notes():
    lines = EXCERPT.split("\n")
    fixed = restore_numbers(lines)
    assert len(fixed) == len(lines)
    assert fixed[5].startswith("53 Louis Nelson") and fixed[3] == ""
    assert fixed[7].startswith("54 Ivan") and fixed[10].startswith("55 Jim Heintz")
    assert fixed[12] == "25"  # the page number: nothing calls it
    notes = extract_article(EXCERPT).footnotes
    assert {r.footnote for r in notes} >= {54, 55}


def test_lone_numbers_counted_from_one_are_left_to_the_notes_rules():
    text = EXCERPT.replace("53", "1").replace("54", "2").replace("55", "3")
    assert restore_numbers(text.split("\n"))[3] == "1"


ENDNOTES_LONE = """The tradition held it so.3 Peter wrote of it.4 And Rome believed it.5

Notes
3

Matthew 5:45.

4

2 Peter 2:19.

5

Nonius Marcell. borrows this anecdote from Cicero, De Republica iii.
"""


def test_a_note_that_opens_with_a_number_under_its_lone_number():
    lines = ENDNOTES_LONE.split("\n")
    fixed = restore_numbers(lines)
    assert len(fixed) == len(lines)
    assert fixed[9] == "4 2 Peter 2:19." and fixed[7] == ""
    assert fixed[3] == "3"  # its note opens with a word: left to the notes rules
