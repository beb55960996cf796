"""Cues that keep a note as a citation (issue 13, fourth session, "notessplit"): French codes by article
(``Art. L. 122-5 CPI``), French courts by abbreviation and date (``CA Paris, 4e ch., 12 mai 2010``), US
court rules and state codes (``Fed. R. Civ. P. 12(b)(6)``, ``N.J. Stat. Ann. § 2A:58C-1(a)``) and the
French legal ``préc.`` for *supra*.  Made-up parties and authors, in the shape real notes take; comments
with the same words in prose stay comments."""

from __future__ import annotations

import pytest

from citekeeper.extract.cues import holds_citation
from citekeeper.extract.repeats import Cited, find_repeat


@pytest.mark.parametrize(
    "note",
    [
        "Art. L. 122-5 CPI.",
        "Art. L111-2 CPI",
        "Art. L 111-1 al. 3 CPI.",
        "L’article L113-4 CPI dispose que l’œuvre composite est la propriété de l’auteur.",
        "CA Paris, 4e ch., 12 mai 2010.",
        "TGI Paris, 3e ch., 20 mai 2008, Société Alpha c. Beta.",
        "T. com. Lyon, 1er févr. 2001.",
        "Fed. R. Civ. P. 12(b)(6).",
        "N.J. Stat. Ann. § 2A:58C-1(a).",
        "Tex. Penal Code Ann. § 22.01 (West 2019).",
        "Dupont, préc., p. 5.",
        "Dupont, préc. note 3, p. 5.",
    ],
)
def test_legal_forms_cite(note):
    assert holds_citation(note)


@pytest.mark.parametrize(
    "note",
    [
        "Le tribunal de Paris a jugé autrement en mai 2010, sans motiver sa décision.",
        "The federal rules were amended after the hearing, which the parties did not contest.",
        "On trouvera le détail dans la partie précédente de cet article.",
    ],
)
def test_the_same_words_in_prose_stay_comment(note):
    assert not holds_citation(note)


def test_prec_with_a_note_number_repeats_that_notes_work():
    cited = [
        Cited("Jean Dupont, Le droit d’auteur, Paris, Dalloz, 2005, n° 12", ("dupont",), "2005", 3),
        Cited("Paul Martin, Les contrats, Paris, LGDJ, 2010, p. 4", ("martin",), "2010", 4),
    ]
    repeat = find_repeat("Dupont, préc. note 3, p. 5.", cited)
    assert repeat is not None and (repeat.target, repeat.page) == (0, "5")
    repeat = find_repeat("Martin, préc., p. 9.", cited)
    assert repeat is not None and (repeat.target, repeat.page) == (1, "9")


@pytest.mark.parametrize(
    "note",
    ["ПСЗ-2. Т. 45. Отд. 1. № 48498. Ст. 139.", "СЗ РФ. 2001. № 2. Ст. 171.", "barockjagd.de: Jagen vor 250 Jahren.",
     "stadtarchiv-musterstadt.de: Bestandsübersicht.", "Décret 2009-1204 du 9 octobre 2009.", "Loi n° 2006-961, art. 12.",
     "Voir la décision T 1173/97 de la chambre de recours.", "35 USC par. 101.",
     "Ley 7/1985, de 2 de abril, reguladora de las Bases del Régimen Local.", "Real Decreto 1/1996, de 12 de abril.",
     "Lei n.º 9.610/98, art. 7.", "legge 22 aprile 1941, n. 633.", "D.lgs. n. 196/2003."],
)
def test_law_collections_and_sites_by_domain_cite(note):
    assert holds_citation(note)


def test_ibid_of_a_newspaper_takes_no_year_for_its_page():
    cited = [Cited("Правда. 1918. 5 янв.", (), "1918", 9)]
    repeat = find_repeat("Там же. 1918. 7 янв.", cited)
    assert repeat is not None and repeat.page == ""


def test_a_long_note_that_opens_with_a_statute_and_quotes_it_cites():
    words = "l’auteur d’une œuvre de l’esprit n’emporte pas dérogation à la jouissance du droit reconnu "
    note = f"Art. L 111-1 al. 3 CPI : « L’existence d’un contrat de louage par {words * 5}»"
    assert len(note) > 350 and holds_citation(note)
    # … while a long comment that only mentions a year stays a comment.
    comment = "En 1986, la Cour a rappelé que " + words * 5
    assert not holds_citation(comment)


@pytest.mark.parametrize(
    "start", ["CHAUVEAU (Adolphe) et HÉLIE (Faustin), Théorie", "LUCAS (André et Henri-Jacques), Traité",
              "Phillips (J.), « The English Patent »"],
)
def test_a_french_surname_with_the_given_name_in_brackets_opens_a_citation(start):
    from citekeeper.extract.cues import NAME_START

    assert NAME_START.match(start)
    assert not NAME_START.match("Paris (France) est une ville")


def test_chicago_journal_citations_with_a_comment_after_each_split_at_semicolons():
    from citekeeper.extract.notes import citing_part, split_footnote

    comment = "provides evidence that employees with tacit knowledge share it more readily without extrinsic rewards, " * 3
    note = (f'Tom F. Bewick, "A Labor Market Explained," American Economic Review 85 (1995): 250, {comment}; '
            f'Margit Osterholz and Bruno S. Fry, "Motivation and Form," Organization Science 11 (2000): 538, {comment}; '
            f'Uri Gnezdy and Aldo Rustico, "A Fine Is a Price," Journal of Legal Studies 29 (2000): 1, {comment}.')
    cites = split_footnote(citing_part(note))
    assert [c.split(",")[0] for c in cites] == ["Tom F. Bewick", "Margit Osterholz and Bruno S. Fry", "Uri Gnezdy and Aldo Rustico"]


@pytest.mark.parametrize("text", ["In 1995 the council met 12 times (2000): a record.", "Chapter 11 (2000) lists 538 cases."])
def test_a_year_in_brackets_in_prose_is_no_journal_citation(text):
    assert not holds_citation(text)


def test_record_citations_dated_by_month_day_and_year_split_at_semicolons():
    from citekeeper.extract.notes import citing_part, split_footnote

    note = "Pardee 10/13/17 302, at 7; Hinds 3/13/18 302, at 18; see Pollard 6/28/17 302, at 2 (the memo explains it)."
    assert [c.split()[0] for c in split_footnote(citing_part(note))] == ["Pardee", "Hinds", "see"]
    assert holds_citation("Comer 11/15/17 302, at 3.")
    assert not holds_citation("The meeting was moved to 11/15/2017, after the hearing.")


@pytest.mark.parametrize(
    "note",
    ["Aristotle, Politics 1253a.", "Cicero, De officiis 1.22.", "Gen. 1:27.", "Mt 5,3-12.", "1 Kor 13,4.",
     "Ders., Die Stadt, S. 9.", "Idem, The Town, 45.", "BArch R 58/123, Bl. 4.", "UA Wien, Senat S 94.1.",
     "AN, F/7/12345.", "AD Rhône, 4 M 12.", "AHN, Consejos, leg. 1234.", "TNA, FO 371/1234."],
)
def test_classical_biblical_archival_and_same_author_notes_cite(note):
    assert holds_citation(note)


@pytest.mark.parametrize("note", ["AD 1200 the city grew fast.", "Kap. 3,4 zeigt das.", "Version 1.22 was released later."])
def test_lookalikes_of_those_stay_comment(note):
    assert not holds_citation(note)


@pytest.mark.parametrize("note", ["Art. 1102 C. civ.", "Art. 1240 du Code civil.", "art. 222-33 C. pén."])
def test_french_code_articles_cite(note):
    assert holds_citation(note)


def test_a_preposition_opening_a_comment_is_no_author():
    from citekeeper.extract.cues import NAME_START

    assert not NAME_START.match("Согласно Jargon File, TECO поначалу означал")
    assert not NAME_START.match("Laut Meier, Schulz und Weber, die das untersucht haben")
    assert NAME_START.match("Karl Meier, Die Stadt")


@pytest.mark.parametrize(
    "note",
    ["Virgil, Eclogue iii. 60.", "Cicero, De Natura Deorum ii. 25.", "Tusculanae Disputationes i. 26.", "Livy, ii. 36.",
     "Cicero De Natura Deorum, lib. ii. c. 28.", "Plutarch’s Numa, c. 8.", "Habakkuk 2:4."],
)
def test_classical_books_in_roman_numerals_cite(note):
    assert holds_citation(note)


def test_circa_and_a_year_is_no_chapter():
    assert not holds_citation("It was built c. 1200 by the monks of the abbey.")
