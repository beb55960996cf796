"""A note that is wholly a work and a place in it cites; French decisions by chamber and date cite.

Made-up notes in the shapes real notes-style texts print (older English editions, classical works,
French and German humanities notes, French case law), and comment notes of the same length that
must stay comments.
"""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import WORK_AND_PLACE, holds_citation

WORK_AND_PLACE_NOTES = [
    "Bancroft's History of Oregon, Vol. II. p. 214.",
    "Bancroft’s History of Oregon, Vol. IV., pp. 310–312.",
    "Studies in the History of Guilds, iv. 112 (1902).",
    "Eclogues, ii. 45 ff.",
    "Odyssey, ix. 105 f.",
    "Topics 104 b 3",
    "Timaeus 28 A.",
    "Vitruve, Livre III.",
    "Polybe, livre VI, chapitre XXI.",
    "Livre IV, chapitre II.",
    "Livre III, chapitre VII M.",
    "Tacitus, Annales, lib. XII.",
    "Hegel: Wissenschaft der Logik, S. 112.",
    "Boltanski et Chiapello, Le nouvel esprit du capitalisme, 233.",
    "Meyer, Leben Calvins, § 12.",
    "Sermons on Grace, pp. 40-42.",
    "Гоголь, Мёртвые души, Т. 2.",
]

COMMENTS = [
    "This is discussed again in chapter II.",
    "However, this changed in 45.",
    "Emphasis added.",
    "Translation mine, p. 4.",
    "The same holds of the second edition, 45.",
    "Surtout par le défaut de discipline M.",
    "Table 3.",
    "Figure 2.",
    "In 1990 the law changed.",
]


@pytest.mark.parametrize("note", WORK_AND_PLACE_NOTES)
def test_a_work_and_a_place_is_a_citation(note: str) -> None:
    assert WORK_AND_PLACE.search(note), note
    assert holds_citation(note)


@pytest.mark.parametrize("note", COMMENTS)
def test_a_comment_with_a_number_stays_a_comment(note: str) -> None:
    assert not WORK_AND_PLACE.search(note)
    assert not holds_citation(note)


def test_a_long_note_is_no_work_and_place() -> None:
    # The whole note must be the work and the place: a sentence running on after them is judged by the other cues.
    note = "Tacitus, Annales, lib. XII. " + "The passage is read very differently by later historians of Rome. " * 3
    assert not WORK_AND_PLACE.search(note)


@pytest.mark.parametrize(
    "note",
    [
        "C. civ. 3E, 12 mars 1974, Bull. civ. III, no 112.",
        "Cass. civ. 1re, 4 juin 2002, Bull. civ. I, n° 158.",
        "Civ. 2e, 8 févr. 1989.",
        "Crim., 3 mars 2004.",
        "Soc. 12 juill. 2000, Bull. civ. V, n° 277.",
    ],
)
def test_french_decisions_by_chamber_and_date(note: str) -> None:
    assert holds_citation(note)


def test_a_chamber_named_in_prose_without_a_date_is_no_decision() -> None:
    assert not holds_citation("La chambre civile a longtemps hésité sur ce point.")
