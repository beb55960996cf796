"""Note-number markers (``notes.marker``): the forms PDF text and exports print them in.

Made-up lines in the shapes real PDF text takes: a number glued to the note's first word,
capital or lower case ("1Vgl.", "2ebd.", "3vgl.", "5см."), next to the forms that were read
before; and body lines that open with a number, which are no marker of a note.
"""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.notes import marker


@pytest.mark.parametrize("line, number, rest", [
    ("1Vgl. Meier, Klaus: Die Stadt. Berlin 2010, S. 45.", 1, "Vgl. Meier"),
    ("2ebd., S. 47.", 2, "ebd., S. 47."),
    ("3vgl. Schulz, Hans: Geschichte der Stadt. München 2005, S. 12.", 3, "vgl. Schulz"),
    ("4ders.: Die Stadt, S. 50.", 4, "ders.:"),
    ("5см.: Иванов И. И. История города. М.: Наука, 2010. С. 45.", 5, "см.:"),
    ("6see Smith, The River Trade, 12.", 6, "see Smith"),
    ("7ibid., 47.", 7, "ibid., 47."),
    ("12. Smith, The River Trade, 12.", 12, "Smith"),
    ("(3) Smith, The River Trade, 12.", 3, "Smith"),
    ("[^4]: Smith, The River Trade, 12.", 4, "Smith"),
    ("[8]: Ibid., 47.", 8, "Ibid., 47."),  # notes typed as "[8]: …" in plain text (the colon no part of the note)
])
def test_markers(line: str, number: int, rest: str) -> None:
    found = marker(line, number)
    assert found is not None and found[0] == number and found[1].startswith(rest)


@pytest.mark.parametrize("line", ["45f. und passim", "2010er Jahre waren anders", "3rd edition of the work",
                                  "12kg Salz wurden verkauft"])
def test_no_marker(line: str) -> None:
    assert marker(line, 1) is None


def test_notes_glued_to_lower_case_openers_in_pdf_text() -> None:
    text = ("Text der Arbeit mit einer Behauptung.1 Eine weitere folgt.2 Und noch eine.3\n\n"
            "1Vgl. Meier, Klaus: Die Stadt im Mittelalter. Berlin 2010, S. 45.\n2ebd., S. 47.\n"
            "3vgl. Schulz, Hans: Geschichte der Stadt. München 2005, S. 12.\n")
    notes = extract_article(text).footnotes
    assert [r.footnote for r in notes] == [1, 2, 3]
    assert notes[1].repeats == notes[0].id
