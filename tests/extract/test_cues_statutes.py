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


@pytest.mark.parametrize(
    "note",
    [
        "CRS Report R41234, Harbor Dredging: Issues for Congress, by Ann Roe.",
        "Harbor Board, Inspection Report 02/2021, pp. 3-4.",
        "See H.Rept. 117-204, the committee report that accompanied the bill.",
        "S. Rep. No. 91-1219, at 4.",
        "Northwind Bank Working Paper No. 12-34.",
        # EU documents by number, and a US public law as CRS prints it
        "Mitteilung der Kommission, COM(2021) 118.",
        "Entschließung des Europäischen Parlaments vom 3. Mai 2022 zu Häfen, 2021/2040 (INI).",
        "Europäischer Rat, Tagung des Europäischen Rates – Schlussfolgerungen, EUCO 13/20.",
        "Harbor Works Acceleration Act of 1963 (HWAA; P.L. 87-658).",
    ],
)
def test_a_report_cited_by_its_number_is_a_citation(note: str) -> None:
    assert holds_citation(note)


def test_a_report_cited_by_its_number_after_a_long_lead_in_is_a_second_citation() -> None:
    note = ("Ann Roe et al., “Ship Noise,” Frontiers in Marine Science, vol. 6 (2019). For an additional overview of "
            "noise and vibration impacts on marine animals, see CRS Report R41234, Harbor Dredging: Issues for Congress, by Jo Poe.")
    refs = extract_article(f"Text.{'1'.translate(_SUP)}\n\n{'1'.translate(_SUP)} {note}\n").footnotes
    assert [r.raw[:17] for r in refs] == ["Ann Roe et al., “", "CRS Report R41234"]


@pytest.mark.parametrize(
    "note",
    [
        "Roe, “Harbor Issues.”",  # a short form by author and quoted title alone
        "Roe and Poe, “Ship Noise,” 4.",
        "Lee et al., “Harbor Dredging,” pp. 3-4.",
        "H.B.C. § 2-316.",  # a code by its abbreviation and a section
        "134 F. 4th 326, 331 (5th Cir. 2025).",  # the fourth series of the Federal Reporter
        "Abschlussbericht der Hafensanierung vom 05.03.1998.",  # a document of an office by its date
        "Rundschreiben des Ministeriums für Häfen vom 3. Mai 2001, Az. 12-3.",  # (a compound: "Das Urteil vom …" is prose)
        # official gazettes by year and item or page
        "Journal of Laws of 2017, item 412.",
        "Journal of Laws of 2018, item 1285; Journal of Laws of 2019, items 730, 1080 and 1100.",
        "Dz. U. z 2017 r. poz. 412.",
        "BGBl. I S. 1234.",
        "BGBl. I Nr. 12/2020.",
        "JORF n° 0123 du 28 mai 2020.",
    ],
)
def test_short_notes_of_known_shapes_are_citations(note: str) -> None:
    assert holds_citation(note)


@pytest.mark.parametrize("comment", ["However, “this is not so.”", "Thus, “The Harbor” was closed.", "Roe, “said the harbor master.”"])
def test_a_quotation_after_a_word_and_a_comma_is_no_short_form(comment: str) -> None:
    assert not holds_citation(comment)
