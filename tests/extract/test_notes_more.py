"""Notes rules of the fourth helper of the third session (issue 13): works run together in one note
after a page or a comment — an author with a full given name and a colon (German), a British or French
author with a quoted title, a corporate or role author that opens with an article or goes on in lower
case — and German notes joining works with ``bzw.`` / ``oder``.  Every author and title here is made
up, in the shape real notes take."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.notes import citing_part, split_footnote


def _citations(note: str) -> list[str]:
    return split_footnote(citing_part(note))


def _starts(note: str) -> list[str]:
    return [" ".join(c.split()[:2]) for c in _citations(note)]


@pytest.mark.parametrize(
    ("note", "starts"),
    [
        # German: a page "S. 21." ends the first work; a given name, a surname and a colon open the next.
        (
            "Karla Brenner: Enteignet und entschädigt. Handel in Mannheim, 2. Aufl., Weinheim 2013, S. 21. "
            "Frank Albers: „Verdrängung“ in Hamburg. Die jüdischen Unternehmer 1933–1945, Hamburg 1998, S. 9.",
            ["Karla Brenner:", "Frank Albers:"],
        ),
        # English (British quotes) and French (guillemets): an author, a comma and a quoted title after a page.
        (
            "Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. "
            "Peg Rowan, ‘Geometric and Ecological Ratios’, in Parametric Politics, ed. Mark Pool (London: Bloomsbury, 2015).",
            ["Ivo Carlin,", "Peg Rowan,"],
        ),
        (
            "Jean Dupré, « Le premier titre », Revue historique 12 (2001), p. 4. "
            "Marie Caron, « Un autre titre », Annales 3 (1999), p. 7.",
            ["Jean Dupré,", "Marie Caron,"],
        ),
        # A corporate author that opens with an article, a role author in lower case.
        (
            "Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. "
            "The Open Software Foundation, ‘General Language FAQ’, society.example.org, accessed 7 December 2016.",
            ["Ivo Carlin,", "The Open"],
        ),
        (
            "Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. "
            "Private advertiser, ‘A Clerk Wanted’, Evening Courier, 2 May 1892, sec. Advertisements.",
            ["Ivo Carlin,", "Private advertiser,"],
        ),
    ],
)
def test_a_second_work_after_a_page_is_its_own_citation(note, starts):
    assert _starts(note) == starts


@pytest.mark.parametrize("joiner", ["sowie", "und", "bzw.", "oder"])
def test_german_joiners_between_two_works(joiner):
    note = (
        f"Vgl. Meinhard, K.: Stadt und Land. Berlin 2001, S. 6, {joiner} Schulte, A.: Anderer Titel, "
        "in: Ders. (Hrsg.), Sammelband, München 2015, S. 14-33."
    )
    cites = _citations(note)
    assert len(cites) == 2
    assert cites[1].startswith("Schulte, A.: Anderer Titel")


def test_oder_bei_before_an_author_with_full_names():
    note = (
        "Clara Fink: Handel in der Seidenstadt 1933-1963, Krefeld 2015, S. 13 oder jüngst bei Monika Juliane Grau: "
        "„Verdrängung“ der Wirtschaft in Thüringen, in: Stadtmuseum Arnstadt (Hrsg.): Unternehmer, Arnstadt 2008, S. 5."
    )
    assert _starts(note) == ["Clara Fink:", "Monika Juliane"]


@pytest.mark.parametrize(
    "note",
    [
        # "und"/"oder" inside one work, an ordinal before a noun, a word and an abbreviation after a number.
        "Meinhard, K.: Stadt und Land oder Dorf. Berlin 2001, S. 6.",
        "Joachim von Roth, Ueber Kalender; in: Neues Magazin (1791), 2. und 3. Stück, Sp. 17–48.",
        "Ivo Carlin, The Writing Machine, 2nd edn (London: Secker, 1987), 3–27.",
        "Rowan, Peg, ‘Geometric Ratios’, Mind 4 (2015), 5.",
    ],
)
def test_one_work_stays_one_citation(note):
    assert len(_citations(note)) == 1


def test_second_work_in_a_note_of_an_article_is_found():
    text = (
        "Body text cites two works.¹\n\nAnd again.²\n\n"
        "¹ Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. "
        "The Open Software Foundation, ‘General Language FAQ’, society.example.org, accessed 7 December 2016.\n"
        "² Frank Albers, Verdrängung in Hamburg (Hamburg: Christians, 1998), 9.\n"
    )
    notes = extract_article(text, file="a.txt").footnotes
    assert [(r.footnote, " ".join(r.raw.split()[:2])) for r in notes] == [
        (1, "Ivo Carlin,"),
        (1, "The Open"),
        (2, "Frank Albers,"),
    ]


def _notes(*notes: str) -> list[tuple[int, str, str]]:
    marks = "¹²³⁴⁵"
    body = " ".join(f"Text{marks[k]}." for k in range(len(notes)))
    text = body + "\n\n" + "".join(f"{marks[k]} {n}\n" for k, n in enumerate(notes))
    out = extract_article(text, file="a.txt").footnotes
    ids = {r.id: r.footnote for r in out}
    return [(r.footnote, " ".join(r.raw.split()[:2]), f"repeats {ids[r.repeats]}" if r.repeats else "") for r in out]


@pytest.mark.parametrize(
    ("first", "second", "named"),
    [
        (
            "Peg Rowan, ‘Geometric and Ecological Ratios’, in Parametric Politics, ed. Mark Pool (London: Bloomsbury, 2015), 12.",
            "Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. "
            "Note that this view was criticised by Rowan in *Geometric and Ecological Ratios*.",
            "Rowan, Geometric",
        ),
        (
            "Meinhard, K.: Die Stadt im Wandel, Berlin 2001, S. 6.",
            "Schulte, A.: Anderer Titel, München 2015, S. 14. Diese These wurde schon bei Meinhard in „Die Stadt im Wandel“ vertreten.",
            "Meinhard, Die",
        ),
        (
            "Jean Dupré, « Le premier titre de la ville », Revue historique 12 (2001), p. 4.",
            "Marie Caron, « Un autre titre », Annales 3 (1999), p. 7. La thèse est reprise par Dupré dans « Le premier titre de la ville ».",
            "Dupré, Le",
        ),
    ],
)
def test_a_work_named_again_in_a_comment_repeats_it(first, second, named):
    got = _notes(first, second)
    assert got[-1] == (2, named, "repeats 1")
    assert len(got) == 3


@pytest.mark.parametrize(
    "comment",
    [
        "Note that this view was shared by Rowan in London at the time.",  # a place, no work cited before
        "Note that this view was criticised by Carlin in The Writing Machine.",  # the note's own work: no earlier one
    ],
)
def test_a_name_in_a_comment_that_repeats_nothing_gives_nothing(comment):
    got = _notes(
        "Peg Rowan, ‘Geometric and Ecological Ratios’, in Parametric Politics (London: Bloomsbury, 2015), 12.",
        f"Ivo Carlin, ‘Machines and Ghosts’, in The Writing Machine (London: Secker, 1987), 3–27. {comment}",
    )
    assert len(got) == 2


def test_a_comment_ending_in_a_bracket_is_dropped_before_a_role_author():
    got = _notes(
        "The word was in common use then (as in the papers of the day). "
        "Private advertiser, ‘A Clerk Wanted’, Evening Courier, 2 May 1892, sec. Advertisements."
    )
    assert got == [(1, "Private advertiser,", "")]


@pytest.mark.parametrize(
    ("note", "second"),
    [
        (
            "Sandoz u. a., What Is Wrong, in: Proceedings 2023, 12, sowie Bräuer u. a., Ein Titel, Artif Intell Law 2024, 839.",
            "Bräuer u. a., Ein Titel",
        ),
        (
            "Vgl. Sandoz u. a.: What Is Wrong, in: Proceedings 2023, S. 12 und Bräuer u. a.: Titel, in: Artif Intell Law 2024, S. 839.",
            "Bräuer u. a.: Titel",
        ),
        ("Vgl. Sandoz u. a. 2023, S. 12, sowie Bräuer 2024, S. 839.", "Bräuer 2024, S. 839."),
        (
            "See Sandoz et al., What Is Wrong, Proceedings of the Society 2023, p. 12, and Brauer et al., A Title, AI and Law 2024, p. 839.",
            "Brauer et al., A Title",
        ),
        ("Sandoz u. a., What Is Wrong, in: Proceedings 2023, 12; Bräuer, Ein Titel, Artif Intell Law 2024, 839.", "Bräuer, Ein Titel"),
    ],
)
def test_truncated_author_lists_and_author_years_after_a_joiner(note, second):
    cites = _citations(note)
    assert len(cites) == 2
    assert cites[1].startswith(second)


@pytest.mark.parametrize(
    "note",
    ["Vgl. Meinhard und Schulte 2001, S. 5.", "See Smith and Jones 2001, p. 5.", "Vgl. Meinhard, Schulte u. a.: Die Stadt, Berlin 2001, S. 5."],
)
def test_co_authors_joined_by_und_stay_one_citation(note):
    assert len(_citations(note)) == 1


@pytest.mark.parametrize(
    ("note", "last"),
    [
        # An author-year short form as its own sentence after a quotation, or after a bracket or a comma of comment.
        (
            "Raul Hahn: Die Vernichtung der Existenz, Band 1, Frankfurt am Main 1990, S. 85-163. Eine wichtige Ergänzung war, "
            "dass dieser Prozess „am längsten dauerte und in alle anderen hineinreichte“. Krämer 2012, S. 378.",
            "Krämer 2012, S. 378.",
        ),
        (
            "zu den unterschiedlichen Deutungen und Perspektiven (insbesondere Intentionalismus vs. Strukturalismus) Bauer 1998, S. 10-14",
            "Bauer 1998, S. 10-14",
        ),
        ("Bauer spricht sogar von „umfassendem Schutz der Täter“, Bauer 1998, S. 24.", "Bauer 1998, S. 24."),
        ("on the two readings of the evidence (intention against structure) Bauer 1998, p. 10.", "Bauer 1998, p. 10."),
    ],
)
def test_an_author_year_short_form_after_comment_starts_the_citation(note, last):
    assert _citations(note)[-1] == last


@pytest.mark.parametrize(
    "note",
    [
        "Meinhard, K.: Die Stadt im Wandel. 2. Aufl. Berlin 2001, S. 6.",
        "Meinhard, Klaus: Die Stadt im Wandel, Bd. 2. Berlin 2001, S. 6.",
        "Smith, J.: The City, vol. 2. London 2001, p. 6.",
        "Иванов И. И. Город. Т. 2. Москва 2001, С. 5.",
    ],
)
def test_a_place_and_year_after_a_volume_stays_in_its_citation(note):
    assert _citations(note) == [note]


@pytest.mark.parametrize("close", ['"', "”", "“"])
def test_ascii_low_quotes_close_before_the_next_work(close):
    note = (
        f"Clara Fink: ,,... doch nicht bei uns!{close}. Handel in der Seidenstadt 1933-1963, Krefeld 2015, S. 13 oder jüngst "
        "bei Monika Juliane Grau: ,,Verdrängung” der Wirtschaft, in: Stadtmuseum Arnstadt (Hrsg.): Familien, Arnstadt 2021, S. 108-148."
    )
    assert _starts(note) == ["Clara Fink:", "Monika Juliane"]


def test_an_ascii_low_quote_left_open_keeps_the_note_whole():
    note = "Clara Fink: ,,Handel und Wandel; Studien zur Stadt, Krefeld 2015, S. 13."
    assert len(_citations(note)) == 1


@pytest.mark.parametrize(
    ("note", "start"),
    [
        (
            "Diskutiert wurden insbesondere, wie das Institut an der Universität konzis berichtete, \"selektives Berichten von "
            "Variablen, nur signifikante Ergebnisse berichten, mehr Daten sammeln, Publikations Bias\". Methodengruppe Nord "
            "(Autorengruppe): Die Replikationskrise, Blog Post, Universität Nord, Lehrstuhl für Psychologische Methodenlehre (Hrsg), "
            "URL: http://methods.example.org/krise/ (letzter Zugriff am 21.04.2022).",
            "Methodengruppe Nord (Autorengruppe):",
        ),
        (
            "The phrase was used by several speakers, who all called it “a matter of the public record”. Open Records Group: "
            "The Records Crisis, Blog Post, North University, Chair of Method (ed.), URL: http://records.example.org/ (accessed 21 April 2022).",
            "Open Records Group:",
        ),
    ],
)
def test_a_comment_ending_in_a_quotation_is_dropped_before_a_colon_author(note, start):
    assert _citations(note)[0].startswith(start)


@pytest.mark.parametrize(
    ("note", "second"),
    [
        (
            "Erklärung der ,,Offenen Initiative” vom 14.02.2002, URL: https://initiative.example.org/read/ sowie ,,Nordener "
            "Erklärung über den offenen Zugang” vom 22. Oktober 2003, abgerufen auf der Website der Gesellschaft, "
            "URL: https://gesellschaft.example.org/erklaerung (alle letzter Zugriff am 02.05.2022)",
            ",,Nordener Erklärung",
        ),
        (
            "Déclaration « Initiative ouverte », 14 février 2002, URL : https://initiative.example.org/lire/ et « Déclaration "
            "du Nord sur le libre accès », 22 octobre 2003, URL : https://societe.example.org/declaration (consulté le 2 mai 2022)",
            "« Déclaration du Nord",
        ),
    ],
)
def test_a_work_joined_after_a_url_by_sowie_or_et(note, second):
    cites = _citations(note)
    assert len(cites) == 2
    assert cites[1].startswith(second)


@pytest.mark.parametrize(
    ("note", "second"),
    [
        (
            "Berta Schmid, Anna Ort: Offene Wissenschaft lehren, in: Publikationen (Hrsg), 2 Ausgabe, 2016, S. 3, "
            "doi:10.3390/pub4020016. Eine konzise Übersicht aller Bereiche siehe auch WMK, OKF (2019), ABC der Offenheit, S. 14-54",
            "siehe auch WMK, OKF (2019)",
        ),
        (
            "Ann Roe, Forms Free: Law and Shape (Oxford: Hart Publishing, 2012), 45. For the whole debate on the point "
            "see also Jo Poe, ‘Shape and Rule’, Law and Philosophy 24 (2005): 239.",
            "see also Jo Poe",
        ),
        (
            "Jean Dupré, « Le premier titre », Revue historique 12 (2001), p. 4. Sur le débat en général voir aussi "
            "Marie Caron, « Un autre titre », Annales 3 (1999), p. 7.",
            "voir aussi Marie Caron",
        ),
    ],
)
def test_a_signal_inside_a_comment_after_a_citation_starts_a_second(note, second):
    cites = _citations(note)
    assert len(cites) == 2
    assert cites[1].startswith(second)


@pytest.mark.parametrize(
    "note",
    [
        "Ann Roe, Forms Free (Oxford: Hart Publishing, 2012), 45. For the debate see also chapter 3 below.",
        "Ann Roe, Forms Free (Oxford: Hart Publishing, 2012), 45. In 2015 see Poe, Rule, 3.",
    ],
)
def test_a_signal_in_a_comment_that_cites_no_work_splits_nothing(note):
    assert len(_citations(note)) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "den Wiki-Eintrag zur Stiftung, Seite ,,Offene Stiftung”. In: Wiki – Die freie Enzyklopädie. Bearbeitungsstand: "
            "31. März 2022. URL: https://wiki.example.org/Stiftung. (letzter Zugriff am 22.04.2022) In Deutschland vertreten "
            "durch den Verein Offene Stiftung e. V., vgl. ebd.",
            "vgl. ebd.",
        ),
        (
            "Ann Roe, Forms Free: Law and Shape (Oxford: Hart Publishing, 2012), 45. The society was then run by "
            "its founders, see ibid., p. 47.",
            "see ibid., p. 47.",
        ),
    ],
)
def test_a_repeat_closing_a_comment_after_a_citation_is_its_own(first, second):
    got = _notes(first)
    assert [g[2] for g in got] == ["", "repeats 1"]
    assert extract_article(f"Text¹.\n\n¹ {first}\n", file="a.txt").footnotes[1].raw == second
