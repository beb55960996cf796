"""A dictionary's headword before the work it is in, and a publisher's colon in a bracket (issue 13, third
held-out set: ``See s.v. Gonorrhée in Randle Cotgrave, A Dictionarie …`` came out from its publisher,
``Adam Islip, 1611), …``, and ``entry for “…” in Oxford English Dictionary Online`` not at all).
Every note here is made up in the shape of real Chicago notes.
"""

from __future__ import annotations

from citekeeper.extract import extract_article

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _citations(*notes: str) -> list[tuple[int, str]]:
    calls = " ".join(f"Text.{str(n).translate(_SUP)}" for n in range(1, len(notes) + 1))
    text = calls + "\n\n" + "\n".join(f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)) + "\n"
    return [(r.footnote, r.raw) for r in extract_article(text).footnotes]


def test_a_headword_then_in_starts_the_citation_at_the_work() -> None:
    found = _citations(
        "See s.v. Fièvre in Jean Marchal, A Dictionary of Old Remedies (Paris: Louis Blanc, 1702), 45. "
        "By contrast, the plague, called “la grande mort” by Marchal, is defined at length and historically, "
        "as the common story of its arrival by sea was believed by many of his readers at the time.",
        "See the entry for “decoction, n.: a liquid made by boiling herbs” in Oxford Dictionary of Remedies Online, "
        "www.remedies.example.org.",
    )
    assert [n for n, _ in found] == [1, 2]
    assert found[0][1].startswith("Jean Marchal, A Dictionary of Old Remedies (Paris: Louis Blanc, 1702)")
    assert found[1][1].startswith("Oxford Dictionary of Remedies Online")


def test_a_colon_inside_a_bracket_is_a_publisher_not_an_author() -> None:
    found = _citations(
        "For more on the worth of candles in the early modern church see Carla Weiss Amber, Holy Matter: An Essay "
        "on Wax, (New York: Ridge Books, 2011), 20–24. For more on wax in sculpture, see Tom Hale’s “Slow Light in "
        "Wax,” and Ida Brun “Wax and Time. Sculpture Put to the Test,” in Wax Figures, ed. Ida Brun (Paris: Forme, 2009), 4.",
    )
    assert found and "Carla Weiss Amber" in found[0][1][:30]


def test_a_comment_then_a_colon_then_an_archive_cites_the_archive() -> None:
    found = _citations(
        "Il s’agit sans doute d’un cousin de l’autre Pierre Vidal (†1590), “maître de la forge dudit lieu” et "
        "“marchand d’icelle ville” : Archives municipales de Montauban, 5E1234, le 3 mai 1589.",
    )
    assert len(found) == 1
    assert found[0][1].startswith("Archives municipales de Montauban, 5E1234")


def test_a_title_with_a_colon_after_a_signal_stays_whole() -> None:
    found = _citations(
        "For more on the worth of candles in the early modern church see Carla Weiss Amber, Holy Matter: An Essay "
        "on Wax and Light in Early Modern Europe (New York: Ridge Books, 2011), 20–24.",
    )
    assert found and "Carla Weiss Amber" in found[0][1][:30]
