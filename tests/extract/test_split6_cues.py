"""Cues that decide where one note splits: a Commonwealth act by jurisdiction and chapter after a signal, and a
volume's place and year that is no short title.

Made-up notes in the shapes of the fifth held-out set (an English course text on Ugandan law, a German essay
quoting Marx); each is run through ``split_footnote`` as extract does.
"""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import SHORT_TITLE_CITE, citation_score
from citekeeper.extract.notes import citing_part, split_footnote


def _pieces(note: str) -> list[str]:
    return split_footnote(citing_part(note))


def test_an_act_by_jurisdiction_and_chapter_after_see_also_is_a_citation_of_its_own() -> None:
    note = ("The Harbour Misuse Act (Ruritania), No. 4 of 2012, as amended, Sections 3 and 9. See also: The Carriage of "
            "Lanterns Act (Ruritania), Cap. 81, Sections 12–14.")
    pieces = _pieces(note)
    assert len(pieces) == 2
    assert pieces[0].startswith("The Harbour Misuse Act") and "Carriage of Lanterns Act" in pieces[1]


@pytest.mark.parametrize(
    "act",
    ["The Carriage of Lanterns Act (Ruritania), Cap. 81.", "Harbour Misuse Act (Ruritania), No. 4 of 2012.",
     "Lanterns Ordinance, Cap. 12."],
)
def test_commonwealth_act_forms_score_as_citations(act: str) -> None:
    assert citation_score(act) >= 2


def test_prose_naming_an_act_scores_low() -> None:
    assert citation_score("The act was passed in a hurry, as everyone knows.") < 2


@pytest.mark.parametrize("text", ["Anna Roe, »Die Laterne«, erster Band, Köln, 2001, 2. Aufl.",
                                  "Ann Roe, The Lanterns, second Volume, London, 1999."])
def test_a_volume_with_its_place_and_year_is_no_short_title(text: str) -> None:
    assert SHORT_TITLE_CITE.search(text) is None


def test_a_short_title_in_prose_is_still_one() -> None:
    assert SHORT_TITLE_CITE.search("Diese Beobachtung auch bei Roe, Laterne, 2011, S. 76, obwohl …").group(0) == (
        "Roe, Laterne, 2011, S. 76")
