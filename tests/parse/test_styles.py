"""One string per style the parse pipeline must read (``parse_list_entry`` / ``parse_citation``).

Each case is a shape named in issue 13 (Vancouver/NLM, PLOS, IEEE, Chicago, German, GOST 7.1
with ``–`` areas, item types), checked field by field.
"""

from __future__ import annotations

import pytest

from citekeeper.parse import parse_citation, parse_list_entry


def names(ref, role="author"):
    return [(n.family, n.given) for n in ref.names.get(role, [])]


def test_nlm_journal_article():
    ref = parse_list_entry("Smith JA, Okafor CN. Tristetraprolin and mRNA turnover. Biochem Soc Trans. 2011;12(3):45-67.")
    assert names(ref) == [("Smith", "J. A."), ("Okafor", "C. N.")]
    assert (ref.title, ref.get("container-title")) == ("Tristetraprolin and mRNA turnover", "Biochem Soc Trans")
    assert (ref.get("volume"), ref.get("issue"), ref.get("page"), ref.issued.year) == ("12", "3", "45–67", 2011)
    assert ref.type == "article-journal"


def test_plos_journal_article_with_parenthesised_journal_word():
    ref = parse_list_entry("Doe J, Roe RK (2006) Something new. Cell Mol Biol (Noisy-le-grand) 52: 14–20.")
    assert ref.type == "article-journal"
    assert ref.get("container-title") == "Cell Mol Biol (Noisy-le-grand)"
    assert (ref.get("volume"), ref.get("page"), ref.issued.year) == ("52", "14–20", 2006)


def test_doi_glued_to_an_article_number():
    ref = parse_list_entry("Doe J, Roe R (2013) A title here. PLoS One 8: e2231doi:10.1371/journal.pone.0002231.")
    assert ref.doi == "10.1371/journal.pone.0002231"
    assert (ref.get("page"), ref.get("publisher")) == ("e2231", "")


def test_et_al_is_not_an_author_but_marks_the_list_truncated():
    ref = parse_list_entry("Zoller SD, Hammersmith RL, et al. (2012) A title. Protist 163: 643–657.")
    assert names(ref) == [("Zoller", "S. D."), ("Hammersmith", "R. L.")]
    assert ref.truncated == ["author"]  # BibTeX: "and others"
    ref = parse_citation("Иванов И. И., Петров П. П. и др. Название // Журнал. 2016. № 3. С. 45–67.")
    assert [n.family for n in ref.authors] == ["Иванов", "Петров"] and ref.truncated == ["author"]
    assert parse_list_entry("Smith JA, Okafor CN. A title. Nature. 2011;12(3):45-67.").truncated == []


def test_ieee():
    ref = parse_list_entry('[1] A. B. Smith, "Title of paper," J. Appl. Phys., vol. 3, no. 2, pp. 1–5, 2010.')
    assert names(ref) == [("Smith", "A. B.")]
    assert (ref.title, ref.get("volume"), ref.get("issue"), ref.get("page")) == ("Title of paper", "3", "2", "1–5")


@pytest.mark.parametrize(
    ("text", "container", "volume", "place"),
    [
        ("A. Beveratos and P. Grangier, “Single Photon Quantum Cryptography,” Physical Review Letters 89, 187901 (2002).",
         "Physical Review Letters", "89", ""),
        ('Basmann, R. L. "A Generalized Classical Method of Linear Estimation," Econometrica, Vol. 25 (1957).',
         "Econometrica", "25", ""),
        ("L. Blackmore, “A probabilistic particle control approach,” in Proceedings of the AIAA Guidance, Navigation and "
         "Control Conference, no. 10, 2006.", "Proceedings of the AIAA Guidance, Navigation and Control Conference", "", ""),
        ("E. N. Johnson and J. Hartman, “Flight testing of unmanned helicopter systems,” 67th American Helicopter Society "
         "International Annual Forum, Virginia Beach, Virginia, May 2011.",
         "67th American Helicopter Society International Annual Forum", "", "Virginia Beach, Virginia"),
    ],
)
def test_ieee_containers(text, container, volume, place):
    ref = parse_list_entry(text)
    assert (ref.get("container-title"), ref.get("volume"), ref.get("publisher-place")) == (container, volume, place)


def test_suffix_and_series_number():
    ref = parse_list_entry('B. Gates III, "On sorting," Proc. London Math. Soc. (3) 84 (2002) 100–120.')
    assert [n.to_csl() for n in ref.authors] == [{"family": "Gates", "given": "B.", "suffix": "III"}]
    assert ref.get("volume") == "84"


def test_chicago_volume_number_year():
    ref = parse_list_entry('Smith, John. "The Title." American Historical Review 120, no. 3 (2015): 45–67.')
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("120", "3", "45–67")


def test_german_chapter_in_edited_volume():
    ref = parse_citation("Schmidt, A.: Stadt und Raum. In: Meier, K. (Hg.): Handbuch der Stadtforschung. Berlin: Springer, S. 45-67.")
    assert ref.type == "chapter"
    assert names(ref, "editor") == [("Meier", "K.")]
    assert ref.get("container-title") == "Handbuch der Stadtforschung"
    assert (ref.get("publisher"), ref.get("publisher-place"), ref.get("page")) == ("Springer", "Berlin", "45–67")


def test_german_book_with_slash_separated_hyphenated_names_and_edition():
    ref = parse_list_entry("Bauer, Karl-Heinz/Meier, Klaus: Die Stadt im Wandel. 2. Aufl. München: Beck 2005.")
    assert names(ref) == [("Bauer", "Karl-Heinz"), ("Meier", "Klaus")]
    assert (ref.type, ref.title, ref.get("publisher"), ref.get("publisher-place")) == ("book", "Die Stadt im Wandel", "Beck", "München")
    assert ref.get("edition") == "2. Aufl." and ref.issued.year == 2005


def test_german_journal_jg_heft():
    for text in ("Müller, H. (2005): Soziale Ungleichheit. In: Zeitschrift für Soziologie, Jg. 34, H. 3, S. 45-67.",
                 "Müller, Hans: Soziale Ungleichheit. In: Zeitschrift für Soziologie 34 (2005), H. 3, S. 45–67."):
        ref = parse_list_entry(text)
        assert ref.type == "article-journal"
        assert (ref.get("container-title"), ref.get("volume"), ref.get("issue"), ref.get("page")) == (
            "Zeitschrift für Soziologie", "34", "3", "45–67")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wocken, Hans (1997): Beiträge zur Geschichte. In: Sonderpädagogik in Schleswig-Holstein 26, 4, S. 190-195",
         ("Sonderpädagogik in Schleswig-Holstein", "26", "4", "190–195")),
        ("Kornmann, Reimer (2006). Tests werden besser. Vierteljahresschrift für Heilpädagogik, 75, 3, 250-253.",
         ("Vierteljahresschrift für Heilpädagogik", "75", "3", "250–253")),
        ("Dreher, W. (2000): Eine Gesellschaft für alle. In: Behinderte in Familie, Schule und Gesellschaft, Heft 1, 50-57",
         ("Behinderte in Familie, Schule und Gesellschaft", "", "1", "50–57")),
        ("Schönert, Jörg: Nachruf. In: Kriminologisches Journal 44 (2012), H. 4, 321–325.",
         ("Kriminologisches Journal", "44", "4", "321–325")),
    ],
)
def test_german_journal_numbers_by_position(text, expected):
    ref = parse_list_entry(text)
    assert ref.type == "article-journal"
    assert (ref.get("container-title"), ref.get("volume"), ref.get("issue"), ref.get("page")) == expected


def test_german_chapter_place_of_two_words_pages_without_s_and_role_variants():
    ref = parse_list_entry("Podlesch, W. (2007): Der Berliner Beitrag. In: Rülcker, T. (Hrsg.) Modell Berlin. Frankfurt am Main, S. 159-187.")
    assert (ref.type, ref.get("container-title"), ref.get("publisher-place"), ref.get("page")) == (
        "chapter", "Modell Berlin", "Frankfurt am Main", "159–187")
    ref = parse_list_entry("Maikowski, R. (1998): Integration. In: Preuss-Lausitz, U. /Maikowski, R. (Hrsg.): "
                           "Integrationspädagogik in der Sekundarstufe. Weinheim: Beltz, 35-53.")
    assert names(ref, "editor") == [("Preuss-Lausitz", "U."), ("Maikowski", "R.")]
    assert (ref.get("publisher"), ref.get("page")) == ("Beltz", "35–53")
    ref = parse_list_entry("Reiser, Helmut: Erziehungshilfe. In: Julius, H. und Gasteiger, Ch. (Hrg.): Sonderpädagogik der "
                           "Entwicklung. Handbuch Sonderpädagogik Band 3. Göttingen 2008, S. 651 -668")
    assert (ref.get("container-title"), ref.get("volume"), ref.get("publisher-place"), ref.issued.year) == (
        "Sonderpädagogik der Entwicklung. Handbuch Sonderpädagogik", "3", "Göttingen", 2008)
    ref = parse_list_entry("Kornmann, R. (2003). Thesen zur Diagnostik. In G. Feuser (Hrsg. ), Integration heute (S. 155-157). "
                           "Frankfurt/M. : Lang.")
    assert (ref.type, names(ref, "editor"), ref.get("container-title"), ref.get("page")) == (
        "chapter", [("Feuser", "G.")], "Integration heute", "155-157")


def test_german_imprint_year_is_not_a_journal_volume():
    ref = parse_list_entry("Zelle, Carsten: Fall und Fallerzählungen. In: Krankheit schreiben. Aufzeichnungsverfahren in Medizin "
                           "und Literatur. Hg. Yvonne Wübben, Carsten Zelle. Göttingen 2013, S. 48–73.")
    assert ref.get("volume") != "2013" and ref.type != "article-journal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vgl. Meier, Klaus: Handbuch der Stadtforschung, Berlin 2010, S. 45.",
         ("book", "Handbuch der Stadtforschung", "", "Berlin", 2010)),
        ("Meier, Klaus: Die Stadt. Eine Einführung, 3. Aufl., München 2012, S. 12 f.",
         ("book", "Die Stadt. Eine Einführung", "", "München", 2012)),
        ("Meier, Klaus: Handbuch der Stadtforschung, Band 2, Berlin 2010, S. 45.",
         ("book", "Handbuch der Stadtforschung, Band 2", "", "Berlin", 2010)),
        ("Schmidt, Anna: Stadt und Raum, in: Zeitschrift für Soziologie 34 (2005), S. 45–67, hier S. 50.",
         ("article-journal", "Stadt und Raum", "Zeitschrift für Soziologie", "", 2005)),
        ("Schmidt, Anna: Stadt und Raum, in: Meier, Klaus (Hrsg.): Handbuch der Stadtforschung, Berlin: Springer 2010, S. 45–67.",
         ("chapter", "Stadt und Raum", "Handbuch der Stadtforschung", "Berlin", 2010)),
        ("Eberwein, Hans: Probleme des Lernens, in: Behindertenpädagogik, 31. Jg., Heft 2/1992, S. 3-9.",
         ("article-journal", "Probleme des Lernens", "Behindertenpädagogik", "", 1992)),
        ("Statistisches Bundesamt (Hrsg.): Datenreport 2021. Ein Sozialbericht für die Bundesrepublik Deutschland. Bonn: bpb 2021.",
         ("book", "Datenreport 2021. Ein Sozialbericht für die Bundesrepublik Deutschland", "", "Bonn", 2021)),
    ],
)
def test_german_footnote_forms(text, expected):
    ref = parse_citation(text)
    assert (ref.type, ref.title, ref.get("container-title"), ref.get("publisher-place"), ref.issued.year) == expected


def test_german_institution_as_editor_and_bare_access_date():
    ref = parse_citation("Bundesministerium des Innern (Hrsg.): Migrationsbericht 2015, Berlin 2016.")
    assert [n.literal for n in ref.names["editor"]] == ["Bundesministerium des Innern"] and ref.title == "Migrationsbericht 2015"
    ref = parse_list_entry("Reinermann, H.: Der Sektor. In: Verwaltung und Management. 10. Jg. (2004), Heft 4, S. 192-195. "
                           "URL: http://www.dhv-speyer.de/rei/cisco.pdf Abruf am: 17.03.2005")
    assert (ref.get("container-title"), ref.get("volume"), ref.get("issue"), ref.issued.year) == ("Verwaltung und Management", "10", "4", 2004)
    assert ref.dates["accessed"].iso() == "2005-03-17"


def test_gost_dash_areas_without_double_slash_and_latin_c():
    ref = parse_citation("Иванов И. И. Название статьи. – Вопросы экономики. – 2016. – № 3. – С. 45–67.")
    assert (ref.type, ref.title, ref.get("container-title")) == ("article-journal", "Название статьи", "Вопросы экономики")
    assert (ref.get("issue"), ref.get("page"), ref.issued.year) == ("3", "45–67", 2016)
    ref = parse_citation("Иванов И. И. Название статьи // Вопросы экономики. – 2016. – № 3. – C. 45–67.")
    assert (ref.get("container-title"), ref.get("page")) == ("Вопросы экономики", "45–67")


def test_types_from_what_the_citation_says():
    assert parse_list_entry("Smith J. US Patent 5,123,456. 1992.").type == "patent"
    assert parse_list_entry("Smith J. US Patent 5,123,456. 1992.").get("number") == "5,123,456"
    thesis = parse_list_entry("Akcakir Y (2010) Correlates of outcomes [PhD dissertation]. Montreal: McGill University. 110 p.")
    assert (thesis.type, thesis.get("publisher"), thesis.title) == ("thesis", "McGill University", "Correlates of outcomes")
    preprint = parse_list_entry("Vaswani A, Shazeer N, Parmar N. Attention is all you need. arXiv:1706.03762. 2017.")
    assert preprint.type == "article" and preprint.identifiers["arXiv"] == "1706.03762"
    who = parse_list_entry("World Health Organization (2011) Guidelines for management. Geneva: World Health "
                           "Organization. Available: http://whqlibdoc.who.int/x.pdf.")
    assert who.type != "webpage" and who.get("publisher") == "World Health Organization"
    data = parse_list_entry("Swart EC, Bracht J (2013) Data from: the Oxytricha genome. Dryad Digital Repository. doi:10.5061/dryad.d1013")
    assert data.type == "dataset"


def test_ieee_conference_and_thesis():
    ref = parse_list_entry('[4] J. Doe and R. Roe, "Fast sorting," in Proc. IEEE Conf. Algorithms, New York, NY, 2010, pp. 10–20.')
    assert (ref.type, ref.get("container-title"), ref.get("publisher-place")) == (
        "paper-conference", "Proc. IEEE Conf. Algorithms", "New York, NY")
    assert (ref.get("page"), ref.issued.year) == ("10–20", 2010)
    ref = parse_list_entry('[42] M. B. Milam, "Real-time trajectory generation," Ph.D. dissertation, California Institute of Technology, 2003.')
    assert (ref.type, ref.get("publisher"), ref.get("genre")) == ("thesis", "California Institute of Technology", "Ph.D. dissertation")


def test_chicago_quoted_title_is_not_ieee():
    ref = parse_list_entry('Behler, Ernst, "Schellings Ästhetik," Philosophisches Jahrbuch, 83 (1976), pp. 133–83.')
    assert (ref.get("container-title"), ref.get("volume"), ref.issued.year) == ("Philosophisches Jahrbuch", "83", 1976)


def test_gost_71_heading_with_comma_and_full_responsibility():
    ref = parse_citation("Иванов, И. И. Название статьи / И. И. Иванов, П. П. Петров // Вопросы экономики. – 2016. "
                         "– Т. 5, № 3. – С. 45–67.")
    assert names(ref) == [("Иванов", "И. И."), ("Петров", "П. П.")]
    assert (ref.title, ref.get("volume"), ref.get("issue")) == ("Название статьи", "5", "3")
    book = parse_citation("Иванов, И. И. Экономика России : учебник / И. И. Иванов. – 2-е изд., перераб. – Москва : Наука, 2016. – 320 с.")
    assert (book.type, book.get("edition"), book.get("publisher"), book.get("publisher-place")) == (
        "book", "2-е изд., перераб", "Наука", "Москва")


def test_gost_edited_book_standard_decree_and_transliteration():
    ref = parse_citation("Цифровая Россия: новая реальность / под ред. Ю. Б. Грязновой. — М.: Альпина Паблишер, 2023. — 480 с.")
    assert (ref.type, names(ref, "editor")) == ("book", [("Грязновой", "Ю. Б.")])
    assert parse_citation("ГОСТ Р 7.0.5-2008. Библиографическая ссылка. – М. : Стандартинформ, 2008. – 19 с.").type == "standard"
    decree = parse_citation("О Стратегии развития информационного общества: Указ Президента РФ от 09.05.2017 № 203 // "
                            "Собрание законодательства РФ. — 2017. — № 20. — Ст. 2901.")
    assert decree.type == "legislation"
    ref = parse_citation("Smirnov A. I. Title of the paper. Voprosy Ekonomiki, 2016, no. 3, pp. 45–67. (In Russ.)")
    assert (ref.type, ref.get("container-title"), ref.get("issue"), ref.get("language")) == (
        "article-journal", "Voprosy Ekonomiki", "3", "ru")


def test_online_items_keep_their_dates_and_types():
    ref = parse_list_entry("Schabenberger O (2011) Introducing the GLIMMIX Procedure. Available: "
                           "http://www2.sas.com/proceedings/sugi30/196-30.pdf. Accessed 10 September 2010.")
    assert (ref.type, ref.title, ref.accessed.iso()) == ("webpage", "Introducing the GLIMMIX Procedure", "2010-09-10")
    ref = parse_list_entry("Smith J. Some title. [Internet]. 2015 [cited 2020 Jan 5]. Available from: https://example.org/page")
    assert (ref.title, ref.issued.year, ref.accessed.iso()) == ("Some title", 2015, "2020-01-05")
    data = parse_list_entry("Smith, J. (2019). Dataset of things (Version 2) [Data set]. Zenodo. https://doi.org/10.5281/zenodo.123456")
    assert (data.type, data.get("publisher"), data.doi) == ("dataset", "Zenodo", "10.5281/zenodo.123456")


def test_apa_quoted_titles_vol_no_translators_original_date():
    ref = parse_list_entry("Massam, D. (1999). “Thing is” constructions: the right analysis? English Language and Linguistics, 3, 335-352.")
    assert (ref.title, ref.get("container-title")) == ("“Thing is” constructions: the right analysis?", "English Language and Linguistics")
    ref = parse_list_entry("Kramer, L.A. and Kramer, M.B. (1968), “The college library and the drop-out”, College & Research "
                           "Libraries, Vol. 29 No. 4, pp. 310-12.")
    assert (ref.title, ref.get("volume"), ref.get("issue"), ref.get("page")) == ("The college library and the drop-out", "29", "4", "310–12")
    ref = parse_list_entry("Freud, S. (1985). Abrégé de psychanalyse. (A. Berman, Trans.). Paris, France : PUF. (Original work published 1938).")
    assert (ref.title, ref.get("publisher"), ref.dates["original-date"].year) == ("Abrégé de psychanalyse", "PUF", 1938)
    assert [n.family for n in ref.names["translator"]] == ["Berman"]
