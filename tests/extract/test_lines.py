"""``lines``: when a citation cut at a line end goes on, and how its lines are joined."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.lines import incomplete


@pytest.mark.parametrize("text", [
    "See H.Rept. 118-125; and Section 1724 of H.Rept.",
    "Federal Food, Drug, and Cosmetic Act, S. Rep.",
    "the Act (P.L.",
    "as amended by Pub. L.",
    "Report to Accompany H.R.",
    "S.J. Res.",
])
def test_a_us_bill_report_or_law_designation_at_the_end_goes_on(text: str) -> None:
    assert incomplete(text)


@pytest.mark.parametrize("text", [
    "Smith, The River Trade, 45.", "Meier, Die Stadt, S. 4.", "Cited in the Congressional Record.",
    "Tariq and LaTourrette, “The Missing Piece.”",
])
def test_a_finished_citation_does_not(text: str) -> None:
    assert not incomplete(text)


def test_a_note_cut_after_a_report_designation_keeps_its_number_line_and_the_next_notes() -> None:
    # pdftotext of a CRS report: the note's next line opens with the report's number, which
    # ended the note, made that line body text and left the next notes unread.
    body = ("Text that calls a note.1 More text that calls another.2 And a third.3 And a fourth.4\n\n"
            "1 See H.Rept. 118-125, the report that accompanied the bill; and Section 1724 of H.Rept.\n"
            "118-529, which was adopted in the joint explanatory statement (P.L. 118-159).\n"
            "2 In the 118th Congress, H.R. 7636 would have instructed the President to act.\n"
            "3 Tariq and LaTourrette, “The Missing Piece.”\n"
            "4 Barnard and Trytten, A Techno-Economic Assessment of Seabed Mining, p. 17.\n")
    notes = extract_article(body).segments.footnotes
    assert [(fn.number, fn.text[:12]) for fn in notes] == [
        (1, "See H.Rept. "), (2, "In the 118th"), (3, "Tariq and La"), (4, "Barnard and ")]
    assert notes[0].text.endswith("(P.L. 118-159).")
