"""Statutes cited by title, and longer lead-ins before "see" (issue 13, fifth session, "notesprose").

A note that cites one act by its title and date or its number in a collection (Swiss
``(ZPO; SR 272)``, German ``… vom 19. Dezember 2008``, French ``loi n° 78-17 du 6 janvier 1978``,
US ``… Act of 1964, Pub. L. No. …``) is a citation, not a comment (held-out de_md_ch_erlasse_legal:
five of six such notes were dropped); an act prose names in passing is not.  Every act here is made
up in the shape real notes give them.
"""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.cues import holds_citation, signal_length, strip_signal

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.mark.parametrize(
    "note",
    [
        "Schweizerische Fischereiordnung vom 12. März 2011 (FiO; SR 923.01).",
        "Bundesgesetz vom 20.12.1978 über die Wanderwege (WWG; SR 704).",
        "Bundesgesetz über die Seilbahnen vom 23. Juni 2006 (SebG; SR 743.01).",
        "Für den Kanton: Seilbahnverordnung ([[SebV]]; SR 743.011).",
        "Loi n° 82-213 du 2 mars 1982 relative aux droits et libertés des communes.",
        "décret du 14 juin 1938 portant organisation des ports.",
        "décision du Conseil constitutionnel n° 2009-580 DC du 10 juin 2009.",
        "Rural Telephone Act of 1949, Pub. L. No. 81-423, 63 Stat. 948.",
        "Harbor Safety Act of 1972, § 4.",
        "Pub. L. No. 104-13, 109 Stat. 163.",
    ],
)
def test_a_statute_by_title_date_or_number_is_a_citation(note: str) -> None:
    assert holds_citation(note)


@pytest.mark.parametrize(
    "comment",
    [
        "Yet this new class of carriers got special attention in Congress, when it passed the Rural Telephone Act of 1949.",
        "Das Gesetz vom 5. Mai 2001 wurde nie angewandt, und die Debatte ging weiter.",
        "The Harbor Safety Act of 1972 changed little for the pilots, as the chapter shows.",
    ],
)
def test_an_act_prose_names_in_passing_is_no_citation(comment: str) -> None:
    assert not holds_citation(comment)


def test_notes_that_each_cite_one_act_are_read_as_citations() -> None:
    notes = ["Schweizerische Fischereiordnung vom 12. März 2011 (FiO; SR 923.01).",
             "Bundesgesetz über die Seilbahnen vom 23. Juni 2006 (SebG; SR 743.01).",
             "Die Tabelle folgt der Praxis der Kantone."]
    calls = " ".join(f"Satz{str(n).translate(_SUP)}." for n in range(1, len(notes) + 1))
    text = f"{calls}\n\n" + "\n".join(f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)) + "\n"
    refs = extract_article(text).footnotes
    assert [(r.footnote, r.raw[:30]) for r in refs] == [(1, notes[0][:30]), (2, notes[1][:30])]


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("For a skeptical view of literacy statistics, see Ann Roe, The Reading Gap, 12 J. L. 3 (2020).",
         "Ann Roe, The Reading Gap, 12 J. L. 3 (2020)."),
        ("For an additional overview of noise and vibration impacts on marine animals, see Ann Roe, Noise (2019).",
         "Ann Roe, Noise (2019)."),
        ("For more on the politics of decision-making, see also Ann Roe’s “Deciding,” Review 4 (2017).",
         "Ann Roe’s “Deciding,” Review 4 (2017)."),
        ("For a discussion of the economic motive behind both these limits and the limits imposed by Victor on "
         "phonographs, see Ann Roe, “From Edison,” 70 U. Chi. L. Rev. 1 (2003).", "Ann Roe, “From Edison,” 70 U. Chi. L. Rev. 1 (2003)."),
    ],
)
def test_a_lead_in_closed_by_a_comma_before_see_is_a_signal(text: str, rest: str) -> None:
    assert signal_length(text) and strip_signal(text) == rest


def test_a_sentence_that_runs_on_past_twenty_five_words_before_see_is_no_signal() -> None:
    text = ("For the reasons given above and in the two chapters that follow on the courts of the period and on the "
            "harbors of the coast and the towns along the rivers of the north, see below.")
    assert not signal_length(text)
