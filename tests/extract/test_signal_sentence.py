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
