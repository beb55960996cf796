"""General notes rules of the third session (issue 13): Russian GOST notes, lead-ins, where a
citation starts and ends, short forms with a year or a page only.  Each text is the shape real
notes take (GOST R 7.0.5 notes, Chicago notes, German humanities notes), with real works."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.cues import holds_citation, strip_signal
from citekeeper.extract.notes import citing_part, split_footnote
from citekeeper.extract.repeats import Cited, find_repeat, locator


def _citations(note: str) -> list[str]:
    return split_footnote(citing_part(note))


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("См., например: Хлевнюк О. В. Хозяин. М.: РОССПЭН, 2010. С. 112.", "Хлевнюк О. В."),
        ("Подробнее об этом см.: Осокина Е. А. За фасадом. М., 1998. С. 76.", "Осокина Е. А."),
        ("Об этом подробнее: Соловьев С. М. История России. М., 1959. Кн. 1. С. 12.", "Соловьев С. М."),
        ("Цит. по: Кондрашин В. В. Голод 1932–1933 годов. М., 2008. С. 214.", "Кондрашин В. В."),
        ("Zum Folgenden: Meier, K., Die Stadt, Berlin 2005, S. 3.", "Meier, K."),
        ("On the debate: Smith, J., A History, London 1990, 4.", "Smith, J."),
        ("Vgl. dazu grundlegend Eberhard Isenmann, Die deutsche Stadt, Wien 2012.", "Eberhard Isenmann"),
    ],
)
def test_lead_ins_are_stripped(text, rest):
    assert strip_signal(text).startswith(rest)


@pytest.mark.parametrize(
    "text",
    ["München: C. H. Beck, 1992, S. 341.", "М. : Изд-во Сабашниковых, 1907. С. 12.", "London: Home Office, at 129."],
)
def test_a_place_before_its_publisher_is_no_lead_in(text):
    assert strip_signal(text) == text


def test_a_comment_before_a_colon_does_not_split_a_note():
    note = ("La Thémis, 1819–1830, fondée par Jourdan et Ducaurroy. Principaux collaborateurs: Blondeau, "
            "Warnkoenig, Demante … Voir notamment Bonnecase, La Thémis, 2ième ed., 1914.")
    assert not any(c.startswith("Principaux") for c in _citations(note))


@pytest.mark.parametrize(
    "note",
    [
        "ГАРФ. Ф. Р-5446. Оп. 1. Д. 25. Л. 3–5.",
        "Российский государственный архив социально-политической истории (РГАСПИ). Ф. 17. Оп. 3. Д. 870. Л. 12.",
        "Stadtarchiv Köln, Best. 1, Nr. 234, fol. 12r.",
        "Правда. 1933. 12 янв.",
    ],
)
def test_archives_and_newspapers_cite(note):
    assert holds_citation(note)


def test_a_locator_after_a_full_stop_starts_no_citation():
    note = ("Подробнее см.: Милюков П. Н. Очерки по истории русской культуры. СПб., 1896. Т. 1. С. 5; "
            "Платонов С. Ф. Лекции по русской истории. СПб., 1899. С. 44.")
    got = _citations(note)
    assert len(got) == 2
    assert got[0].endswith("Т. 1. С. 5") and got[1].startswith("Платонов С. Ф.")


def test_a_place_and_publisher_after_a_title_are_the_same_citation():
    note = ("См., например: Хлевнюк О. В. Хозяин. Сталин и утверждение сталинской диктатуры. М.: "
            "РОССПЭН, 2010. С. 112–118; Дэвис Р. У. Советская экономика в период кризиса. 1931–1933 гг. "
            "// Экономическая история. Ежегодник. 2001. М., 2002. С. 45.")
    got = _citations(note)
    assert [c.split(" ", 1)[0] for c in map(strip_signal, got)] == ["Хлевнюк", "Дэвис"]


def test_prose_before_a_russian_author_is_a_lead_in_not_a_sentence_to_drop():
    note = "Об этом подробнее: Соловьев С. М. История России с древнейших времен. М., 1959. Кн. 1. С. 12."
    assert strip_signal(_citations(note)[0]).startswith("Соловьев С. М. История России")


def test_a_title_ending_in_its_dates_keeps_its_subtitle():
    note = ("Vgl. dazu grundlegend Eberhard Isenmann, Die deutsche Stadt im Mittelalter 1150–1550. Stadtgestalt, "
            "Recht, Verfassung, Stadtregiment, Kirche, Gesellschaft, Wirtschaft, Wien/Köln/Weimar 2012, S. 45–48.")
    assert len(_citations(note)) == 1


@pytest.mark.parametrize(
    ("note", "start"),
    [
        ("So bereits Erich Maschke, Die Unterschichten der mittelalterlichen Städte Deutschlands, in: "
         "Gesellschaftliche Unterschichten, hg. von dems. und Jürgen Sydow, Stuttgart 1967, S. 1–74.", "Erich Maschke"),
        ("On the credit system more generally, Jacob M. Price, \"What Did Merchants Do?,\" Journal of "
         "Economic History 49, no. 2 (1989): 267–84, remains essential.", "Jacob M. Price"),
    ],
)
def test_a_citation_inside_a_sentence_starts_at_its_first_author(note, start):
    assert strip_signal(_citations(note)[0]).startswith(start)


def test_dies_with_a_colon_starts_the_next_citation():
    note = "Etwa Schmieder, Felicitas: Die mittelalterliche Stadt, Darmstadt 2005; dies.: Europa und die Fremden, Sigmaringen 1994."
    assert _citations(note)[1].startswith("dies.:")


def _cited(text: str, families: tuple[str, ...], year: str, note: int) -> Cited:
    return Cited(text=text, families=families, year=year, footnote=note)


def test_author_and_page_repeat_the_authors_work():
    cited = [_cited("Sheryllynne Haggerty, Merely for Money? (Liverpool, 2012), 3.", ("haggerty",), "2012", 8)]
    rep = find_repeat("Haggerty, 88.", cited)
    assert rep is not None and rep.target == 0 and rep.page == "88"


def test_a_short_title_with_its_year_repeats_the_same_short_title():
    cited = [_cited("Poser, Deckenbilder, 1980, S. 160.", ("poser",), "1980", 11),
             _cited("Käpplinger, Jagd, 2011, S. 3.", ("kapplinger",), "2011", 16)]
    rep = find_repeat("Poser, Deckenbilder, 1980, S. 161.", cited)
    assert rep is not None and rep.target == 0 and rep.page == "161"
    assert find_repeat("Poser, Deckenbilder, 1981, S. 161.", cited) is None  # another year: another work


def test_a_year_after_a_comma_is_no_page():
    assert locator("Idealplan, 2019, S. 140.") == "140"
    assert locator("Deckenbilder, 1980.") == ""


def test_russian_notes_end_to_end():
    text = (
        "Текст статьи¹, ещё текст² и ещё³.\n\n"
        "¹ Хлевнюк О. В. Хозяин. М.: РОССПЭН, 2010. С. 112.\n"
        "² ГАРФ. Ф. Р-5446. Оп. 1. Д. 25. Л. 3–5.\n"
        "³ Там же. Л. 7 об.\n"
        "⁴ Хлевнюк О. В. Указ. соч. С. 120.\n"
    )
    notes = extract_article(text).footnotes
    assert [n.footnote for n in notes] == [1, 2, 3, 4]
    assert notes[2].repeats == notes[1].id and notes[3].repeats == notes[0].id


def test_ouvrage_cite_repeats_the_authors_work():
    cited = [_cited("Gardarin, Georges (2003), Bases de données, Paris : Eyrolles.", ("gardarin",), "2003", 5)]
    rep = find_repeat("Gardarin, ouvrage cité, 412-413.", cited)
    assert rep is not None and rep.target == 0 and rep.page == "412-413"


def test_a_locator_line_under_a_note_is_its_page():
    text = ("Текст¹.\n\n¹ Цит. по: Кондрашин В. В. Голод 1932–1933 годов: трагедия российской деревни. М., 2008.\n"
            "С. 214.\n² Там же. С. 215.\n")
    notes = extract_article(text).footnotes
    assert notes[0].raw.endswith("С. 214.") and notes[1].repeats == notes[0].id


@pytest.mark.parametrize(
    ("line", "rest"),
    [("^ a b Smith, John. A History. London, 1990, p. 5.", "Smith, John."),
     ("1. ^ Smith, John. A History. London, 1990.", "Smith, John."),
     ("↑ 1 2 Иванов И. И. История. М., 2001. С. 5.", "Иванов И. И.")],
)
def test_wiki_style_back_links_are_note_markers(line, rest):
    from citekeeper.extract.notes import marker

    found = marker(line, 4)
    assert found is not None and found[1].startswith(rest) and found[2] == "markdown"


def test_a_publisher_after_an_edition_starts_no_citation():
    note = "Peter Blickle: Die Revolution von 1525. 2. Auflage. Oldenbourg Verlag, München 1983, ISBN 3-486-44652-5, S. 58."
    assert len(_citations(note)) == 1


@pytest.mark.parametrize(
    ("note", "want"),
    [
        ("Diese Beobachtung auch bei Käpplinger, Jagd, 2011, S. 76, obwohl er eine Leserichtung annimmt.",
         ["Käpplinger, Jagd, 2011, S. 76"]),
        ("Poser, Deckenbilder, 1980, S. 161. Ebenso Käpplinger, Jagd, 2011, S. 74–75.",
         ["Poser, Deckenbilder, 1980, S. 161", "Käpplinger, Jagd, 2011, S. 74–75"]),
        ("Die Quellen hierzu bei Freeden, Georg Robin, 1943/44. Speziell zu Weikersheim im Jahr 1586: ebd., S. 38. "
         "Die aktuellen Signaturen bei Weyer, Georg Stegle, 2017.",
         ["Freeden, Georg Robin, 1943/44", "ebd., S. 38", "Weyer, Georg Stegle, 2017"]),
    ],
)
def test_short_titles_inside_comment_are_each_a_citation(note, want):
    assert [strip_signal(c).rstrip(".") for c in _citations(note)] == want


def test_a_full_citation_is_never_cut_into_short_titles():
    note = "Meier, Klaus, Die Stadt, Berlin, 2005, S. 3; Schulz, Peter, Der Markt, in: Handbuch, hg. von X, 2001."
    assert [c[:6] for c in _citations(note)] == ["Meier,", "Schulz"]


def test_a_comment_after_a_semicolon_before_an_author_is_dropped():
    note = ("Brian Harrison, Drink and the Victorians (London: Faber, 1971), 45; and more recently Annemarie "
            "McAllister, “Picturing the Demon Drink,” Visual Resources 28, no. 4 (2012): 309–23.")
    got = _citations(note)
    assert len(got) == 2 and got[1].startswith("Annemarie McAllister")


def test_a_russian_title_first_work_keeps_its_title():
    note = "Подсчитано по: Сибирский край: статистический справочник. Новосибирск, 1930. С. 102–105."
    assert _citations(note)[0].startswith("Подсчитано по: Сибирский край")
    assert holds_citation(note)


@pytest.mark.parametrize(
    "note",
    ["U.S. CONST. amend. IV.", "Anders noch RGZ 80, 219 (221).", "BFH, Urt. v. 1.2.2019 – IX R 5/18, BFHE 263, 5."],
)
def test_constitutions_and_german_reporters_cite(note):
    assert holds_citation(note)


def test_a_reporter_cut_before_its_page_goes_on():
    text = ("Text.1\n\n1. Smith v. Maryland, 442 U.S. 735, 743–44 (1979); United States v. Miller, 425 U.S.\n"
            "435, 442 (1976).\n2. Id. at 443.\n")
    notes = extract_article(text).footnotes
    assert [n.raw for n in notes if n.footnote == 1][-1] == "United States v. Miller, 425 U.S. 435, 442 (1976)."


def test_another_decision_of_one_reporter_is_no_repeat():
    cited = [_cited("BVerfGE 89, 214 (232)", (), "", 1)]
    assert find_repeat("BVerfGE 81, 242 (254 f.).", cited) is None


def test_supra_note_and_du_meme_auteur():
    cited = [_cited("O. Beaud, La puissance de l’État, Paris, PUF, 1994, p. 35-40.", ("beaud",), "1994", 2)]
    rep = find_repeat("Cf. supra, note 2.", cited)
    assert rep is not None and rep.target == 0
    note = ("C. Schmitt, Théologie politique, Paris, Gallimard, 1988, p. 15 ; et, du même auteur, La notion de "
            "politique, Paris, Flammarion, 1992, p. 60.")
    assert len(_citations(note)) == 2


def test_an_excerpt_whose_notes_start_at_twelve():
    text = ("Die Policeyordnungen regelten vieles.12 Ihre Durchsetzung blieb aus.13\n\n"
            "12 Näher dazu Karl Härter, Policey und Strafjustiz in Kurmainz, Frankfurt am Main 2005, S. 45–60.\n"
            "13 Kritisch Michael Stolleis, Geschichte des öffentlichen Rechts, Bd. 1, München 1988, S. 369.\n"
            "14 Zit. nach Härter, Policey (wie Anm. 12), S. 50.\n")
    notes = extract_article(text).footnotes
    assert [n.footnote for n in notes] == [12, 13, 14] and notes[2].repeats == notes[0].id


def test_a_numbered_body_list_is_still_no_note_block():
    text = "Steps:\n\n5 Open the file and read it carefully.\n6 Then close it again.\n7 Repeat the steps.\n"
    import citekeeper.errors

    with pytest.raises(citekeeper.errors.NoCitationsError):
        extract_article(text)


def test_a_publisher_place_and_year_after_a_title_are_no_new_citation():
    note = "Wolfgang Schluchter: Die Entwicklung des okzidentalen Rationalismus. Mohr, Tübingen 1979, S. 15."
    assert len(_citations(note)) == 1
    assert len(_citations("Dazu etwa: Hofmann, ZGE 2016, 482, 498; Becker, ZGE 2016, 239, 273.")) == 2


def test_a_citation_then_a_sentence_of_comment_keeps_the_citation():
    note = ("Neeson, Commoners, 15–18. Neeson's argument has been widely discussed; see especially the review by "
            "Leigh Shaw-Taylor, \"Parliamentary Enclosure and the Emergence of an English Agricultural Proletariat,\" "
            "Journal of Economic History 61, no. 3 (2001): 640–62.")
    got = _citations(note)
    assert got[0] == "Neeson, Commoners, 15–18." and strip_signal(got[1]).startswith("Leigh Shaw-Taylor")


def test_an_author_date_short_form_opening_a_sentence_repeats():
    cited = [_cited("Robert C. Allen, Enclosure and the Yeoman (Oxford: Clarendon Press, 1992), 25–30.", ("allen",), "1992", 2)]
    rep = find_repeat("Allen (1992, 45) makes a similar argument about the South Midlands.", cited)
    assert rep is not None and rep.target == 0 and rep.page == "45"


def test_einzelnachweise_is_a_notes_heading():
    from citekeeper.extract.reflist import NOTES_HEADINGS

    assert NOTES_HEADINGS.match("Einzelnachweise") and NOTES_HEADINGS.match("## Примечания и ссылки")


@pytest.mark.parametrize(
    ("note", "starts"),
    [
        ("Vgl. Weischenberg, Siegfried; Malik, Maja; Scholl, Armin: Journalismus in Deutschland 2005, in: Media "
         "Perspektiven 7, 2006, S. 359.", ["Vgl. Weischenberg"]),
        ("Rehbein, Malte: Geschichtsforschung im digitalen Raum, in: Herbers, Klaus; Trenkle, Viktoria (Hg.): "
         "Papstgeschichte im digitalen Zeitalter, Köln; Weimar; Wien 2018, S. 41f.", ["Rehbein"]),
        ("Gredel, Eva: Digital discourse analysis, in: Journal of Pragmatics 115, 2017, S. 99–114. Online: "
         "<https://doi.org/10.1016/j.pragma.2017.02.010> ; Esteves Gonçalves da Costa, Bernardo; Cukierman, "
         "Henrique Luiz: How anthropogenic climate change prevailed, in: New Media & Society 21, 2019, S. 2261.",
         ["Gredel", "Esteves"]),
        ("Naughton, John: Amazon’s Echo seems great, but what does it hear?, in: The Guardian, 15.01.2017. "
         "Online: https://www.theguardian.com/x, Stand: 18.11.2019.", ["Naughton"]),
    ],
)
def test_semicolons_and_colons_inside_one_citation(note, starts):
    assert [c.split(",")[0].split(" ")[-1] if c.startswith("Vgl.") else c.split(",")[0].split(" ")[0]
            for c in _citations(note)] == [s.split(" ")[-1] for s in starts]


def test_web_citations_run_together_are_cut_after_each_url():
    note = ("See SciPy, _Sparse matrices (scipy.sparse)_, https://docs.scipy.org/doc/scipy/reference/sparse.html "
            "https://perma.cc/C32K-755X for documentation on sparse matrices and NumPy, _Data types_, "
            "https://numpy.org/doc/stable/user/basics.types.html https://perma.cc/L9NQ-VD5M for documentation on "
            "NumPy's `float64` class, and The Pandas Development Team, _pandas.Series_, "
            "https://pandas.pydata.org/pandas-docs/stable/reference/api/pandas.Series.html for documentation.")
    assert holds_citation(note)
    assert [strip_signal(c).split(",")[0] for c in _citations(note)] == ["SciPy", "NumPy", "The Pandas Development Team"]


def test_a_url_then_its_access_date_is_one_citation():
    note = "Naughton, John: Amazon’s Echo, in: The Guardian, 15.01.2017. Online: https://www.theguardian.com/x, Stand: 18.11.2019."
    assert len(_citations(note)) == 1


def test_et_al_with_a_stray_full_stop():
    cited = [_cited("Nisbet, Robert, John Elder, and Gary Miner. Handbook of Statistical Analysis. Academic Press, 2009: 8.",
                    ("nisbet", "elder", "miner"), "2009", 25)]
    rep = find_repeat("Nisbet et. al., 74.", cited)
    assert rep is not None and rep.page == "74"


@pytest.mark.parametrize(
    "note",
    ["Landesarchiv Baden-Württemberg, Hauptstaatsarchiv Stuttgart, C 3 Bü 1234.",
     "Ministry of Health v Simpson [1951] AC 251 (HL).",
     "Российский государственный архив экономики (РГАЭ). – Ф. 7486. – Оп. 1. – Д. 102. – Л. 5."],
)
def test_archives_and_english_law_reports_cite(note):
    assert holds_citation(note)


@pytest.mark.parametrize(
    ("note", "n"),
    [
        ("J.H. Baker, An Introduction to English Legal History (5th edn, OUP 2019) ch 14; S.F.C. Milsom, Historical "
         "Foundations of the Common Law (2nd edn, Butterworths 1981) 200–239.", 2),
        ("Миронов, Б. Н. Социальная история России / Б. Н. Миронов. – 3-е изд., испр. и доп. – Санкт-Петербург : "
         "Дмитрий Буланин, 2003. – Т. 1. – С. 45–48.", 1),
        ("Die Auswahl folgt den bei Baumann (Anm. 2), S. 30, genannten Kriterien; zur Überlieferung vgl. Bernhard "
         "Diestelkamp (Hrsg.), Das Reichskammergericht in der deutschen Geschichte, Köln/Wien 1990.", 2),
    ],
)
def test_initials_gost_colons_and_signals_after_a_semicolon(note, n):
    assert len(_citations(note)) == n


def test_a_pinpoint_line_after_a_bracket_goes_on():
    text = ("Text.1\n\n1 J.H. Baker, An Introduction to English Legal History (5th edn, OUP 2019)\n"
            "ch 14; S.F.C. Milsom, Historical Foundations (2nd edn, Butterworths 1981) 200.\n2 ibid 252.\n")
    notes = extract_article(text).footnotes
    assert [n.footnote for n in notes] == [1, 1, 2] and notes[2].repeats == notes[1].id


def test_an_author_with_a_back_reference_inside_prose():
    note = ("Zu Fälschungsvorwürfen in Kammergerichtsprozessen allgemein Ranieri (Anm. 1), Bd. 1, S. 120; "
            "Oestmann, Gerichte (Anm. 3), S. 200.")
    got = _citations(note)
    assert got[0].startswith("Ranieri (Anm. 1)") and got[1].startswith("Oestmann")


def test_a_latex_chapter_without_preamble_is_latex(tmp_path):
    from citekeeper.extract.documents import detect

    path = tmp_path / "chapter.tex"
    path.write_text("\\section{Einordnung}\nText.\\footnote{Vgl. Meier, Stadt, Berlin 2005, S. 3.}\n"
                    "Mehr.\\footnote{Ebd., S. 4.}\n", encoding="utf-8")
    assert detect(path) == "latex"
    plain = tmp_path / "notes.txt"
    plain.write_text("Text.\n\n1 Meier, Stadt, Berlin 2005, S. 3.\n", encoding="utf-8")
    assert detect(plain) is None


@pytest.mark.parametrize(
    ("note", "start"),
    [
        ("Im Jahr 1966 erschien die Pionierstudie von Helmut Genschel. Erst 20 Jahre später folgte die nächste Studie "
         "des Historikers Avraham Barkai, der an Genschels Ergebnisse anknüpfte. Vgl. Benno Nietzel: Die Vernichtung der "
         "wirtschaftlichen Existenz der deutschen Juden, in: Archiv für Sozialgeschichte 49, Bonn 2009, S. 561-613.",
         "Vgl. Benno Nietzel"),
        ("Siehe zum Beispiel Barbara Händler-Lachmann/Thomas Werther: Vergessene Geschäfte, verlorene Geschichte. "
         "Jüdisches Wirtschaftsleben in Marburg, Marburg 1992; Alex Bruns-Wüstefeld: Lohnende Geschäfte, Hannover 1997.",
         "Siehe zum Beispiel Barbara"),
        ("Vgl. Ludolf Herbst, Christoph Kreutzmüller, Ingo Loose u.a., Einleitung, in: Ludolf Herbst, Thomas Weihe "
         "(Hg.): Die Commerzbank und die Juden 1933-1945, München 2004, S. 10-13. Diese Selbstkritik war ohne Zweifel "
         "richtig und auch notwendig, da sie grundlegende Probleme aufdeckte.", "Vgl. Ludolf Herbst, Christoph"),
    ],
)
def test_comment_before_a_signal_and_an_author_before_a_colon(note, start):
    assert _citations(note)[0].startswith(start)


def test_an_author_before_a_colon_is_no_lead_in():
    assert strip_signal("Siehe zum Beispiel Barbara Händler-Lachmann/Thomas Werther: Vergessene Geschäfte, "
                        "verlorene Geschichte, Marburg 1992.").startswith("Barbara Händler-Lachmann/Thomas Werther: Vergessene")


def test_case_citations_inside_argument_are_each_a_citation():
    note = ("There is no support for the determination that the Ninth Circuit implicitly overruled its holding in "
            "Verdugo-Gonzalez in its more recent decision in Lopez-Valencia, 798 F.3d 863. See Prieto-Hernandez v. "
            "Lynch, 653 F. App’x 547, 549 (9th Cir. 2016) (citing Verdugo-Gonzalez, 581 F.3d at 1061–62, in support "
            "of its holding that the conviction is a theft offense).")
    got = [c.split(",")[0] for c in _citations(note)]
    assert got == ["Lopez-Valencia", "Prieto-Hernandez v. Lynch", "Verdugo-Gonzalez"]


def test_cases_named_in_prose_keep_their_names():
    note = ("For example, the First Circuit concluded in Swaby v. Yates that a Rhode Island drug statute was divisible "
            "by the type of drug. 847 F.3d 62, 68 (1st Cir. 2017). Likewise, the Ninth Circuit in Coronado v. Holder "
            "determined that a California drug statute was divisible. 759 F.3d 977, 985 (9th Cir. 2014).")
    assert _citations(note) == ["Swaby v. Yates", "Coronado v. Holder"]


def test_a_note_cut_inside_a_bracket_goes_on_where_the_bracket_closes():
    text = ("Body text of the decision.1\n"
            "1 Likewise, the Ninth Circuit in Coronado v. Holder determined that a California drug statute was "
            "divisible because of its schedules. 759 F.3d 977, 985 (9th\n"
            " 445\n\n"
            "Cite as 28 I&N Dec. 437 (BIA 2022)\n"
            "The next page of the decision goes on with its argument here.\n"
            "Cir. 2014) (citations omitted). But see Johnson v. Barr, 967 F.3d 1103, 1109 (10th Cir. 2020).\n")
    notes = extract_article(text).footnotes
    assert any(n.raw.startswith("Johnson v. Barr") for n in notes)


def test_a_footnote_rule_opens_the_notes_of_a_page():
    text = ("expectations of privacy are entitled to protection,1 the\n"
            "——————\n"
            "  1 JUSTICE KENNEDY believes that there is such a rubric—the “proper-\n\n"
            "ty-based concepts” that Katz purported to move beyond. Post, at 3. JUSTICE THOMAS would have us return to an\n"
            "\f\n"
            "Court's opinion goes on here with more text of its own\n"
            "——————\n"
            "exclusively property-based approach. Katz of course “discredited” that premise, 389 U. S., at\n"
            "353, see, e.g., United States v. Jones, 565 U. S. 400, 411 (2012).\n")
    notes = extract_article(text).footnotes
    assert {n.footnote for n in notes} == {1}
    assert any(n.raw.startswith("United States v. Jones") for n in notes)


def test_running_heads_of_pdf_pages_are_dropped():
    from citekeeper.extract.segment import _drop_running_heads

    lines = ["\f4          GEORGIA v. RANDOLPH", "", "     Opinion of the Court", "", "Body text.", "",
             "\f     Cite as: 547 U. S. ____ (2006)      5", "", "     Opinion of the Court", "", "More body.",
             "\f6          GEORGIA v. RANDOLPH", "", "     Opinion of the Court", "", "12 Ibid."]
    out = _drop_running_heads(lines)
    assert out[0] == out[2] == out[8] == out[11] == out[13] == ""
    assert out[4] == "Body text." and out[15] == "12 Ibid."


def test_a_note_of_one_line_and_its_rest_under_a_blank_line():
    text = ("Text of the opinion.1\n——————\n"
            "  1 The parties suggest as an alternative to their primary submissions\n\n"
            "that the acquisition of CSLI becomes a search only if it extends beyond a limited period. See Reply Brief "
            "12 (proposing a 24-hour cutoff); Brief for United States 55–56 (suggesting a seven-day cutoff). As part "
            "of its argument, the Government treats the seven days as the pertinent period. Brief for United States 56.\n")
    notes = extract_article(text).footnotes
    assert [n.raw[:29] for n in notes] == ["Reply Brief 12 (proposing a 2", "Brief for United States 55–56", "Brief for United States 56"]
    assert notes[2].repeats == notes[1].id and notes[2].get("page") == "56"


def test_us_code_sections_in_argument_and_german_statutes_apart():
    note = ("Within subbasins 1, 2, and 4, water was fully apportioned to a single State. See Compact §5.01(b), id., at "
            "22–23 (apportioning water of subbasin 1 to Oklahoma); §5.02(b), id., at 23 (same for Texas); §5.04(b), id., "
            "at 24 (same for Texas with respect to subbasin 4).")
    assert [strip_signal(c).split(",")[0] for c in _citations(note)] == ["Compact §5.01(b)", "§5.02(b)", "§5.04(b)"]
    assert len(_citations("Vgl. § 4 Abs. 2 des Gesetzes über die Bibliotheken und § 8 Abs. 1 Bibliotheksgesetz.")) <= 2


def test_geometry_notes_numbered_in_sequence_win():
    from citekeeper.extract.documents.layout import Block
    from citekeeper.extract.documents.pdfextract import _numbered_in_sequence

    assert _numbered_in_sequence([Block("footnote", "x", n) for n in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13)])
    assert not _numbered_in_sequence([Block("footnote", "x", n) for n in (3, 9, 14)])


def test_a_long_run_of_capitalised_words_is_no_case_name():
    # No "v." and no reporter after forty capitalised words: nothing to cut out (and no quadratic search).
    note = ("Aa Bb Cc Dd Ee Ff Gg Hh Ii Jj " * 40) + "and so on, 12 U. S. 3, in a sentence of argument that goes on."
    assert len(_citations(note)) <= 2


@pytest.mark.parametrize(
    "note",
    ["Interview B3_Transkript, Pos. 61.", "Interview mit Anna Meier, geführt am 3. Mai 2019.",
     "Vgl. Interview B4_Transkript: ,,[...] und da habe ich vielleicht einen anderen Zugang, als ein reiner "
     "Wissenschaftler - mir geht es auch immer um die erinnerungskulturelle Bedeutung oder die erinnerungskulturelle "
     "Sinnstiftung hier in diesem Gemeinwesen, die steht für mich nicht an erster Stelle, sondern danach kommt "
     "erst die wissenschaftliche Auswertung [...]”."],
)
def test_interviews_cite(note):
    assert holds_citation(note)


@pytest.mark.parametrize(
    ("note", "n"),
    [
        ("Ср.: Raeff M. The Well-Ordered Police State: Social and Institutional Change through Law in the Germanies "
         "and Russia, 1600–1800. New Haven; London, 1983. P. 205–210.", 1),
        ("Писарькова Л. Ф. Государственное управление России: эволюция бюрократической системы. М.: РОССПЭН, 2007. "
         "С. 410–415.", 1),
        ("Siehe etwa Anne Baillot, Anna Busch (Hg.): Editionen als Quelle, Berlin 2015; ferner Elena Pierazzo: Digital "
         "Scholarly Editing. Theories, Models and Methods, Farnham 2015.", 2),
        ("So auch Gabler, Theorizing (wie Anm. 7), S. 50; anders hingegen Sahle 2013, S. 30.", 2),
    ],
)
def test_places_subtitles_and_author_year_after_a_lead_in(note, n):
    got = _citations(note)
    assert len(got) == n
    if n == 2 and "Sahle" in note:
        assert got[1].startswith("Sahle 2013")


def test_company_forms_in_case_names_and_in_re():
    note = ("Other courts agree. See Bjorgung v. Whitetail Resort, LP, 550 F.3d 263, 268 (3d Cir. 2008); Metcalfe v. "
            "Renaissance Marine, Inc., 566 F.3d 324, 329 (3d Cir. 2009); In re Burlington Coat Factory Securities "
            "Litigation, 114 F.3d 1410, 1426 (3d Cir. 1997), which the District Court did not address at all.")
    got = [strip_signal(c).split(",")[0].split("See ")[-1] for c in _citations(note)]
    assert got == ["Bjorgung v. Whitetail Resort", "Metcalfe v. Renaissance Marine", "In re Burlington Coat Factory Securities Litigation"]


def test_a_superscript_drawn_apart_becomes_its_lines_marker():
    from citekeeper.extract.documents.pdf import Line, _attach_superscripts

    body = [Line(1, "text of the body line one", 144, 467, 270, 282, 12.0),
            Line(1, "1", 181, 183, 531, 536, 7.0),
            Line(1, "After the defendants filed oppositions", 184, 467, 532, 543, 12.0),
            Line(1, "another body line", 144, 467, 550, 561, 12.0)]
    out = _attach_superscripts(body)
    assert [ln.text for ln in out] == ["text of the body line one", "After the defendants filed oppositions", "another body line"]
    assert out[1].marker == "1"


def test_a_subtitle_colon_after_a_signal_and_an_author():
    note = ("See Joseph L. Sax, The Public Trust Doctrine, 68 MICH. L. REV. 471, 475–78 (1970); see also Carol Rose, "
            "The Comedy of the Commons: Custom, Commerce, and Inherently Public Property, 53 U. CHI. L. REV. 711 (1986).")
    assert strip_signal(_citations(note)[1]).startswith("Carol Rose")


def test_a_note_printed_into_a_body_line_with_its_number_glued():
    text = ("Ein Kommunalarchiv beabsichtigte, Register online zu stellen.1\n\n"
            "1 Forschungsverbund Provenienzforschung Bayern, Jahresbericht 2019, München 2020, S. 4.\n\n"
            "Die Archive stehen damit vor einer neuen Lage, die hier nur skizziert werden kann und die weiter\n"
            "unten an zwei Beispielen genauer beschrieben wird, bevor die Folgen erörtert werden.\n\n"
            "II. Datenschutz: Welche Schutzfristen gelten im Netz?\n"
            "Der Fall hat in der Archivcommunity für Aufsehen gesorgt: Ein großes bayerisches\n"
            "Kommunalarchiv beabsichtigte, Personenstandsregister und polizeiliche Meldebögen,\n"
            "bei Familienforschern beliebt, zu digitalisieren. In den Personenstands2 Z.B.: im Rahmen des Projekts „Moderner "
            "Zugang zu historischen Quellen“, abrufbar unter: http://www.portafontium.de/article, zuletzt abgerufen am 30.3.2020.\n"
            "3 Zusammenfassend siehe: Rehm, Nicht nur Archivgesetze, in: Becker/Rehm, Archivgesetze, 2019, S. 11 ff.\n")
    notes = extract_article(text).footnotes
    assert [n.footnote for n in notes] == [1, 2, 3]
    text2 = text.replace("Personenstands2 Z.B.: im Rahmen", "Personenstands2 ist das so, und im Jahr 2019 war").replace(
        "„Moderner Zugang zu historischen Quellen“, abrufbar unter: http://www.portafontium.de/article, zuletzt abgerufen am 30.3.2020.",
        "der Stadt noch nichts geschehen, wie Meier meinte.")
    assert 2 not in [n.footnote for n in extract_article(text2).footnotes]


def test_a_note_whose_number_was_lost_in_a_body_line():
    text = ("I. Introduction\nThe KlimaSeniorinnen case has been widely discussed in the\n"
            "media or through academic outlets, and in the following essay I will focus on\n"
            "the issues that seem worth highlighting, the muchECtHR 09.04.2024, Verein KlimaSeniorinnen Schweiz / "
            "Switzerland, application no 53600/20. The ECtHR issued decisions on two other cases on the same day: "
            "ECtHR 09.04.2024, Duarte Agostinho and Others / Portugal, application no 39371/20 and ECtHR 09.04.2024, "
            "Carême / France, application no 7189/21. For a comparative discussion see Pedersen, Climate Change and the "
            "ECHR, EJIL:Talk!, 11.04.2024, https://www.ejiltalk.org/climate-change/.\n"
            "2\nTo name only a few examples: Bähr/Brunner, KlimaSeniorinnen, Journal of Human Rights 9:2 (2018) 194 ff.\n")
    notes = extract_article(text).footnotes
    first = [n.raw[:16] for n in notes if n.footnote == 1]
    assert first[:3] == ["ECtHR 09.04.2024"] * 3 and any(n.raw.startswith("Pedersen") for n in notes)


def test_chicago_short_forms_strung_by_semicolons():
    assert _citations("Young and Garside, Metropolitan London, 40; Davis, Reforming London, 30.") == [
        "Young and Garside, Metropolitan London, 40", "Davis, Reforming London, 30."]


def test_a_co_author_before_and_is_the_first_author():
    note = ("On the divisions within the movement see Ken Young and Patricia L. Garside, Metropolitan London: Politics "
            "and Urban Change, 1837–1981 (London: Edward Arnold, 1982), 33.")
    assert strip_signal(_citations(note)[0]).startswith("Ken Young and Patricia")


@pytest.mark.parametrize(
    ("note", "n"),
    [("Zustimmend Mosler in ZellKomm3 § 105 ArbVG Rz 12; aA Felten, ZAS 2015, 100.", 2),
     ("ErläutRV 1563 BlgNR 25. GP 4.", 1)],
)
def test_austrian_stances_and_materials(note, n):
    assert holds_citation(note) and len(_citations(note)) == n


@pytest.mark.parametrize(
    "note",
    ["Leistner, in: Schricker/Loewenheim, 6. Aufl. 2020, § 4 UrhG, Rn. 38.",
     "Meier u. a., in: Müller (Hrsg.), Handbuch der Stadtforschung, Berlin 2019, S. 45-67.",
     "Smith, in: Jones (ed.), The Law of Contract, 3rd ed. 2018, para. 4.12."],
)
def test_an_author_before_in_colon_is_the_author_not_a_lead_in(note):
    """German commentaries and edited volumes ("Autor, in: Hrsg., Werk"): the name before
    "in:" is the contribution's author; the citation must keep it."""
    assert citing_part(note) == note and _citations(note)[0] == note
