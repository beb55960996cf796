"""A note of comment or quotation cites when one of its sentences is wholly a work and a place in it.

Made-up notes in the shapes older books and their translations print: a quotation or a comment and
then the work with its book and chapter (``… leurs mains. » Tusculanes, II M.``), the work in a
closing bracket (``… (Sommaire de Florus, Livre LVII) M.``), or the work first and comment after
(``Cf., for example, Parmenides 132 D. What follows …``); and comments of the same shape that
must stay comments.
"""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import holds_citation, place_sentence

CITING = [
    ("Il vendit les bêtes de somme, et fit porter à chacun sept pieux, (Sommaire de Florus, Livre LVII) M.",
     "Sommaire de Florus, Livre LVII"),
    ("Voyez quelles étaient les armes du soldat. « Ils portent tout ce qu'il faut pour se fortifier. » Tusculanes, II M.",
     "Tusculanes, II M."),
    ("Cf., for example, Parmenides 132 D. What follows is not a direct quotation, and the thought recurs.",
     "Parmenides 132 D."),
    ("The road ran by way of South Pass and Salt Lake. Postage was high for each half ounce. "
     "Bancroft's History of Oregon, Vol. II, pp. 210–212.", "Bancroft's History of Oregon, Vol. II, pp. 210–212."),
    ("Ce furent de jeunes hommes armés à la légère, qui combattaient à pied. (Valère Maxime, livre II ; Tite-Live, livre XXVI) M.",
     "Valère Maxime, livre II"),
    ("„Und er sprach zu ihnen.“ Hebr. 13,7.", "Hebr. 13,7."),
]

COMMENTS = [
    "This is discussed at length in chapter II. We return to it later.",
    "The argument is made in Part II of the essay.",
    "Il vendit les bêtes de somme de l'armée, et fit porter du blé pour trente jours.",
    "Translation mine. The emphasis is in the original.",
    "Der Satz fehlt in der zweiten Auflage. Er steht erst in der dritten.",
]


@pytest.mark.parametrize(("note", "work"), CITING)
def test_a_sentence_that_is_a_work_and_its_place_cites(note: str, work: str) -> None:
    assert place_sentence(note) == work
    assert holds_citation(note)


@pytest.mark.parametrize("note", COMMENTS)
def test_comment_stays_a_comment(note: str) -> None:
    assert place_sentence(note) is None
    assert not holds_citation(note)


def test_cf_with_a_comma_is_a_signal() -> None:
    from citekeeper.extract.cues import signal_length

    assert signal_length("Cf., e.g., Meier, Die Stadt, 12.") == len("Cf., e.g., ")


LATIN_PLACES = [
    "Strabo, l. xvii.",
    "Pomponius Mela, l. ii. c. 4.",
    "Ovid. Trist. l. iv. ver. 212.",
    "Zabarella de Anima quæst. 7.",
    "Vossius, de Historicis, tom. iii. p. 40.",
    "Idem lib. 4. de nat. rerum cap. 3.",
]


@pytest.mark.parametrize("note", LATIN_PLACES)
def test_latin_place_labels_cite(note: str) -> None:
    """Book ``l.``/``lib.``, volume ``tom.``, question ``quæst.``, verse ``ver.``: labels prose never abbreviates."""
    assert holds_citation(note)


@pytest.mark.parametrize("note", ["He came back at l. and left.", "The sum was 3.5 ver. the year before.",
                                  "Il tomba malade."])
def test_latin_labels_need_their_number(note: str) -> None:
    assert not holds_citation(note)


@pytest.mark.parametrize(
    "note",
    [
        "_Harbour Lights: Essays on a changing coast_, “Appendix B: A Keeper's Guide to the Lamps.”",
        "*Tides and the Design of Small Harbour Walls*, “4.2 Uniform Stones,” Anna Roe.",
        "See *The Book of Lanterns*, plate 4.",
    ],
)
def test_a_note_that_opens_with_a_title_in_italics_cites(note: str) -> None:
    assert holds_citation(note)


@pytest.mark.parametrize("note", ["*Emphasis added*.", "_Sic_, it reads so in the manuscript.",
                                  "Not to be confused with their _Harbour Songs_, which is a novel."])
def test_italics_in_a_comment_do_not_cite(note: str) -> None:
    assert not holds_citation(note)


_COMMENT = (" The author names no source for the letter he prints, nor does he discuss it anywhere; it probably did not"
            " belong to the papers his predecessor used, and its date is uncertain as well.")


@pytest.mark.parametrize(
    "head",
    ["Петров П.П. Евреи в Литве. С. 237–238.", "Roe, Die Laterne, S. 12.", "Anna Roe, The Lantern (London, 1990), p. 4."],
)
def test_a_long_note_that_opens_with_a_citation_and_its_page_cites(head: str) -> None:
    from citekeeper.extract.cues import opening_citation

    assert opening_citation(head + _COMMENT) == head
    assert holds_citation(head + _COMMENT)


def test_a_comment_with_a_page_in_it_does_not_open_with_a_citation() -> None:
    from citekeeper.extract.cues import opening_citation

    note = "Roe, the reviewer, says so on p. 4. We disagree with her for three reasons that follow here."
    assert opening_citation(note) == "" and not holds_citation(note)


@pytest.mark.parametrize(
    "note",
    ["Harb. Mitth., Bd. 12 S. 40.", "Le Phare vom 20. August 1853.", "Journal of Lanterns vom 15. November 1862.",
     "Journ. of Lant., 6. Januar 1893.", "Le Phare du 3 mai 1871."],
)
def test_a_periodical_by_volume_or_by_its_issues_date_cites(note: str) -> None:
    assert holds_citation(note)


@pytest.mark.parametrize("note", ["Am 20. August 1853.", "Seit dem 20. August 1853 war er fort.", "Emphasis added, p. 4."])
def test_a_date_alone_is_no_citation(note: str) -> None:
    assert not holds_citation(note)


def test_supra_at_a_page_without_an_author_is_the_opinion_pointing_at_itself() -> None:
    """A court's "See supra, at 14." points at its own page; "Roe, supra, at 5." repeats Roe's work."""
    from citekeeper.extract.cues import REPEAT_MARK

    assert not REPEAT_MARK.search("See supra, at 14. The harbour cannot bear that reading.")
    assert not holds_citation("supra, at 14.")
    assert REPEAT_MARK.search("Roe, supra, at 5.") and holds_citation("Roe, supra, at 5.")
    assert REPEAT_MARK.search("See supra note 4.")
