"""Repeats of the notes styles the judging names (issue 13, fourth session, "notessplit"): Russian
(``Указ. соч.``, ``Его же. Указ. соч.``), French, Italian and Spanish (``art. cité``, ``ouvr. cité``,
``Idem``, a bare ``op. cit.``), German author-year short forms with a comment after them, with a span of
years (``Bajohr 1997/98``) or with a short title that stops before the year.  Every work is made up, in
the shape real notes take; each note is run through ``extract_article`` as a user's article is."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.repeats import Cited, find_repeat

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _article(notes: list[str]) -> str:
    calls = " ".join(f"Satz{str(n).translate(_SUP)}." for n in range(1, len(notes) + 1))
    lines = [f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)]
    return f"{calls}\n\n" + "\n".join(lines) + "\n"


def _links(notes: list[str]) -> list[tuple[int, str, int | None, str]]:
    """``(note, citation, note of the full citation it repeats or None, page)`` for each citation."""
    refs = extract_article(_article(notes)).footnotes
    note_of = {r.id: r.footnote for r in refs}
    return [(r.footnote, r.raw, note_of.get(r.repeats) if r.repeats else None, str(r.get("page") or "")) for r in refs]


def _repeat_of(notes: list[str], note: int) -> tuple[int | None, str]:
    """Which note's citation the (only) citation of ``note`` repeats, and its page."""
    [(_, _, target, page)] = [x for x in _links(notes) if x[0] == note]
    return target, page


@pytest.mark.parametrize(
    ("marker", "page"),
    [("art. cité, p. 810.", "810"), ("ouvr. cité, p. 810.", "810"), ("op. cit., p. 810.", "810"),
     ("art. cit., p. 810.", "810"), ("ob. cit., p. 810.", "810"), ("obra citada, p. 810.", "810"),
     ("cit., p. 810.", "810"), ("loc. cit.", "801–830")],
)
def test_french_italian_spanish_op_cit_forms_repeat_the_author(marker, page):
    notes = [
        "Marie Lefèvre, « Les notables et la ville », Revue historique, no 612, 2004, p. 801-830.",
        "Voir Jean Dupont, Histoire des villes de province, Paris, Gallimard, 1998, p. 45.",
        f"Lefèvre, {marker}",
    ]
    assert _repeat_of(notes, 3) == (1, page)


@pytest.mark.parametrize(
    ("pronoun", "marker"),
    [("Его же.", "Указ. соч. С. 20."), ("Он же.", "Указ. соч. С. 20."), ("Её же.", "Указ. соч. С. 20."),
     ("Ders.,", "a. a. O., S. 20."), ("Dies.,", "a.a.O., S. 20."), ("Idem,", "op. cit., p. 20."),
     ("Eadem,", "art. cité, p. 20.")],
)
def test_the_same_author_and_op_cit_repeat_that_authors_work(pronoun, marker):
    notes = [
        "Орлов Д. С. Письма и дневники. СПб., 1999. С. 77.",
        "Волков С. Т. Северные губернии в эпоху реформ. М., 1984. С. 41.",
        "Орлов Д. С. Записки провинциала. М., 2003. С. 14.",
        f"{pronoun} {marker}",
    ]
    # "Его же. Указ. соч." is the work of the author just cited (note 3's Орлов), not Волков's.
    assert _repeat_of(notes, 4) == (3, "20")


@pytest.mark.parametrize("marker", ["Указ. соч. С. 12.", "Op. cit., p. 12.", "Op. cit. P. 12.", "A. a. O., S. 12."])
def test_op_cit_without_an_author_is_the_work_just_cited(marker):
    notes = [
        "Петров А. В. Город и власть в провинции. М.: Наука, 2001. 320 с.",
        "Сидорова Е. Н. Купечество губернского города // Вопросы истории. 2005. № 3. С. 45–61.",
        marker,
    ]
    assert _repeat_of(notes, 3) == (2, "12")


@pytest.mark.parametrize("form", ["Idem, p. 9.", "Ídem, p. 9.", "Id., p. 9."])
def test_idem_with_a_page_only_is_ibid(form):
    notes = ["José García, Las ciudades de Castilla, Madrid, Cátedra, 2003, p. 7.", form]
    assert _repeat_of(notes, 2) == (1, "9")


@pytest.mark.parametrize("form", ["Id., La ville et ses marges, Lyon, PUL, 2001, p. 9.",
                                  "Idem, La ville et ses marges, Lyon, PUL, 2001, p. 9."])
def test_idem_before_a_new_work_is_no_repeat(form):
    # French "Id." / "Idem": the same author, another work — a citation of its own.
    notes = ["Jean Dupont, Histoire des villes de province, Paris, Gallimard, 1998, p. 45.", form]
    assert _repeat_of(notes, 2)[0] is None


def test_author_year_short_form_then_a_sentence_of_comment():
    notes = [
        "Benno Neuhaus: Die Verdrängung der Händler 1933-1945. Ein Forschungsbericht, in: Archiv für "
        "Stadtgeschichte 49 (2009), S. 561-613.",
        "Vgl. Neuhaus 2009, S. 562-565. Mitunter wird der Begriff bis in die Zwangsarbeit hinein ausgeweitet.",
        "Vgl. Neuhaus 2009, S. 565.",
    ]
    links = _links(notes)
    assert [(n, t, p) for n, _, t, p in links] == [(1, None, "561–613"), (2, 1, "562-565"), (3, 1, "565")]


@pytest.mark.parametrize(("short", "page"), [("Bauer 1997/98, S. 9f.", "9f."), ("Bauer 2016/2020.", "")])
def test_author_year_short_form_with_a_span_of_years(short, page):
    notes = [
        "Frank Bauer: Handel in Hamburg. Die Verdrängung der Kaufleute 1933-1945, Hamburg 1997/98.",
        "Karl Weiß: Stadt und Land, Berlin 2001.",
        f"Vgl. {short}",
    ]
    notes[0] = notes[0].replace("1997/98", short.split(" ")[1].rstrip(",."))
    assert _repeat_of(notes, 3) == (1, page)


def test_a_german_example_signal_is_stripped_before_a_short_form():
    notes = ["Benno Neuhaus: Die Verdrängung der Händler, Berlin 2009.", "Siehe zum Beispiel Neuhaus 2009, S. 561."]
    assert _repeat_of(notes, 2) == (1, "561")


def test_short_title_then_year_and_a_chapter():
    notes = [
        "Benno Neuhaus, Handeln und Überleben: Händler aus Frankfurt am Main 1924-1964, Göttingen 2012.",
        "Vgl. Neuhaus, Handeln und Überleben, 2012, Kapitel II.2 Erwartungen und Anpassung, S. 99-150.",
    ]
    assert _repeat_of(notes, 2) == (1, "99-150")


def test_a_short_form_never_repeats_a_work_of_another_author():
    cited = [Cited("Jean Dupont, Histoire des villes, Paris 1998", ("Dupont",), "1998", 1)]
    assert find_repeat("Martin, op. cit., p. 4.", cited) is None
    assert find_repeat("Martin 1998, S. 4.", cited) is None


@pytest.mark.parametrize("form", ["Id., at 25 (1990).", "Id., p. 9 (2001).", "Id., S. 9 (2001)."])
def test_id_with_a_locator_and_a_year_stays_ibid(form):
    cited = [Cited("Alpha Corp. v. Beta Indus., Inc., 512 U.S. 100, 105 (1994)", (), "1994", 1)]
    repeat = find_repeat(form, cited)
    assert repeat is not None and repeat.kind == "ibid"


def test_author_year_short_form_before_a_long_comment():
    comment = " ".join(["Der Autor greift außerdem die Beteiligung anderer Unternehmen mit auf, aber nicht als Kategorie."] * 4)
    notes = ["Benno Neuhaus: Die Verdrängung der Händler, Berlin 2009.", f"Neuhaus 2009, S. 562. {comment}"]
    assert _repeat_of(notes, 2) == (1, "562")


def test_a_span_of_years_matches_its_second_year():
    notes = ["Karl Brenner, Vernichtung des Handels. Abläufe und Begriffe, Version 2.0, in: Docupedia, 12.3.2020.",
             "Karl Weiß: Stadt und Land, Berlin 2001.", "Vgl. Brenner 2016/2020."]
    assert _repeat_of(notes, 3) == (1, "")


@pytest.mark.parametrize(
    ("full", "short", "page"),
    [
        ("U.S. DEP’T OF JUSTICE, ANNUAL REPORT ON CIVIL RIGHTS 12 (2010) [hereinafter DOJ REPORT].",
         "DOJ REPORT, supra note 1, at 14.", "14"),
        ("Commission européenne, Livre vert sur le droit d’auteur, COM(95) 382 final, 1995 (ci-après « Livre vert »).",
         "Livre vert, p. 12.", "12"),
        ("Bundesministerium der Justiz, Bericht zur Reform des Urheberrechts, Berlin 2015 (im Folgenden: Reformbericht).",
         "Reformbericht, S. 44.", "44"),
        ("Федеральный закон от 06.10.2003 № 131-ФЗ «Об общих принципах организации местного самоуправления» "
         "(далее – Закон № 131-ФЗ).", "Закон № 131-ФЗ. Ст. 14.", ""),
        ("Ley 7/1985, de 2 de abril, reguladora de las Bases del Régimen Local (en adelante, LBRL).", "LBRL, art. 25.", ""),
        ("Clean Air Act, 42 U.S.C. § 7401 (2018) (the “Act”).", "Act § 7411.", ""),
    ],
)
def test_a_short_name_defined_by_the_full_citation_is_its_repeat(full, short, page):
    notes = [full, "Karl Weiß: Stadt und Land, Berlin 2001, S. 3.", short]
    assert _repeat_of(notes, 3) == (1, page)


def test_a_defined_name_opening_a_sentence_of_comment_is_no_repeat():
    cited = [Cited("Alpha v. Beta, 512 U.S. 100 (1994) (the “Court”).", (), "1994", 1)]
    assert find_repeat("The Court held that the statute applied to every party.", cited) is None


@pytest.mark.parametrize(
    "form", ["См. предыдущее примечание.", "See the previous note.", "See preceding note.", "Voir la note précédente.",
             "Vgl. vorige Anm.", "Siehe vorherige Fußnote.", "Véase la nota anterior."],
)
def test_see_the_previous_note_repeats_its_citation(form):
    notes = ["Josh Miller, For the Love of Hacking, Forbes (August 10, 1998): 12.",
             "Richard Hollis, Emacs the Full Screen Editor (1987).", form]
    assert _repeat_of(notes, 3) == (2, "")


def test_see_the_previous_note_after_a_comment_repeats_nothing_when_the_note_is_known():
    cited = [Cited("Josh Miller, For the Love of Hacking, Forbes (1998)", ("miller",), "1998", 1)]
    assert find_repeat("См. предыдущее примечание.", cited, note=3) is None
    repeat = find_repeat("См. предыдущее примечание.", cited, note=2)
    assert repeat is not None and repeat.target == 0


def test_a_note_of_an_author_date_short_form_alone_cites():
    notes = ["Karl Weiß: Stadt und Land, Berlin 2001, S. 3.", "Stallmann (1986).", "Hollis (1979): #SEC34."]
    assert [n for n, *_ in _links(notes)] == [1, 2, 3]


def test_the_person_discussed_the_periodical_and_the_year_find_an_interview():
    notes = ["David Berg, Jon Evans, “Richard Hollis discusses his new editor with BYTE editors,” BYTE (July, 1986).",
             "Karl Weiß: Stadt und Land, Berlin 2001, S. 3.", "Richard Hollis, BYTE (1986)."]
    assert _repeat_of(notes, 3) == (1, "")
    # … but never a work that names neither the person nor the periodical.
    assert _repeat_of([*notes[:2], "Richard Hollis, Wired (1986)."], 3)[0] is None


def test_a_short_form_of_five_authors_and_a_quoted_title():
    notes = ["Chahan Vidal, Bastien Lucas, Cyril Salah, Anna Decours, et Marc Dupin. « RASAM–A Dataset for Scripts », "
             "dans Document Analysis 2021 (Cham : Springer, 2021), 265-281.",
             "Karl Weiß: Stadt und Land, Berlin 2001, S. 3.",
             "Vidal, Lucas, Salah, Decours, et Dupin. « RASAM–A Dataset for Scripts », 270."]
    assert _repeat_of(notes, 3) == (1, "270")


def test_the_first_of_a_string_of_author_year_short_forms_links():
    notes = ["Frank Bauer: Handel in Hamburg, Hamburg 1997.", "Marian Rapp: Handel in München, München 2000.",
             "Bauer 1997, S. 12f., Rapp 2000, S. 123f."]
    [(_, _, target, page)] = _links(notes)[2:]
    assert (target, page) == (1, "12f.")


def test_a_comment_then_a_short_title_and_its_page_repeats_the_work():
    notes = ["E. D. Starbeck: The Psychology of Religion, pp. 224, 262.", "Karl Weiß: Stadt und Land, Berlin 2001, S. 3.",
             "Starbeck, in addition to “escape from sin,” discriminates “spiritual illumination” as a distinct type of "
             "conversion experience. Psychology of Religion, p. 85.", "Starbeck, p. 64."]
    links = _links(notes)
    assert [(n, t, p) for n, _, t, p in links][2:] == [(3, 1, "85"), (4, 1, "64")]


def test_a_subtitle_after_an_author_is_no_short_title():
    notes = ["Christoph Kreuz, Vernichtung der jüdischen Gewerbetätigkeit im Nationalsozialismus, Berlin 2020.",
             "Christoph Kreuz, Ausverkauf. Die Vernichtung der jüdischen Gewerbetätigkeit in Berlin 1930-45, Berlin 2012."]
    assert _repeat_of(notes, 2)[0] is None
