"""A repeat word opening a sentence inside a note starts a citation of its own.

``notes._SIGNAL_SENTENCE`` names the signal and repeat words (``Ebd.``, ``Ibid.``, ``Там же``…)
that open the next citation after a full stop; the word is its own alternative, so a note that
cites a work, comments, and repeats it is split into the work and the repeat.
"""

from __future__ import annotations

import pytest

from citekeeper.extract.notes import split_footnote


@pytest.mark.parametrize(("note", "last"), [
    ("Meier, K.: Die Stadt. Berlin 2010, S. 4. Ebd., S. 5.", "Ebd., S. 5."),
    ("Meier, K.: Die Stadt. Berlin 2010, S. 4. Dazu kritisch der Rezensent. Ebd., S. 5.", "Ebd., S. 5."),
    ("Иванов И. И. Город. М., 2001. С. 5. Автор спорит с этим. Там же. С. 7.", "Там же. С. 7."),
    ("John Smith, The River Trade (London, 1998), 45. See also Mary Brown, Water (2010), 3.",
     "See also Mary Brown, Water (2010), 3."),
])
def test_a_repeat_or_signal_after_a_full_stop_is_the_next_citation(note: str, last: str) -> None:
    pieces = split_footnote(note)
    assert len(pieces) >= 2 and pieces[-1] == last


def test_one_citation_with_abbreviations_stays_whole() -> None:
    note = "Meier, K.: Die Stadt. Geschichte und Gegenwart. Berlin 2010, S. 4."
    assert split_footnote(note) == [note]


@pytest.mark.parametrize(("note", "pieces"), [
    ("42 U.S.C. § 1983; 28 U.S.C. § 1331.", ["42 U.S.C. § 1983", "28 U.S.C. § 1331."]),
    ("Brown v. Board, 347 U.S. 483, 495 (1954); 500 F.3d 12, 14 (2d Cir. 2007).",
     ["Brown v. Board, 347 U.S. 483, 495 (1954)", "500 F.3d 12, 14 (2d Cir. 2007)."]),
])
def test_a_us_code_or_reporter_citation_opening_with_its_number_is_split_off(note: str, pieces: list[str]) -> None:
    assert split_footnote(note) == pieces


def test_a_year_and_page_after_a_semicolon_stay_in_the_citation() -> None:
    note = "Иванов И. И. Город. М., 2001. С. 5; 2002. С. 7."
    assert split_footnote(note) == [note]
