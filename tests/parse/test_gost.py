"""GOST R 7.0.5-style footnote citations: one test per rule, on the example's real strings."""

from __future__ import annotations

import pytest

from citekeeper.model import Date, Name
from citekeeper.parse import parse_citation, parse_list_entry
from citekeeper.parse.gost import parse_gost, split_citations


def test_book_with_place_publisher_year_and_edn():
    ref = parse_gost(
        "Maletin N. P. Cambodia's Foreign Policy 1953–1998 : Student Book. Moscow : MGIMO Universitet publ., 2004. "
        "(In Russian). EDN: QOXNHB"
    )
    assert ref.type == "book"
    assert ref.authors == [Name(family="Maletin", given="N. P.")]
    assert ref.title == "Cambodia's Foreign Policy 1953–1998: Student Book"
    assert ref.get("publisher-place") == "Moscow"
    assert ref.get("publisher") == "MGIMO Universitet publ."
    assert ref.issued == Date(2004)
    assert ref.identifiers == {"EDN": "QOXNHB"}


def test_web_page_with_date_url_and_access_date():
    ref = parse_gost(
        "1971 Zone of Peace, Freedom and Neutrality Declaration // International Center for Not-for-Profit Law. "
        "November 27, 1971. URL: https://www.icnl.org/wp-content/uploads/Transnational_zone.pdf (accessed: 05.02.2024)."
    )
    assert ref.type == "webpage"
    assert ref.title == "1971 Zone of Peace, Freedom and Neutrality Declaration"
    assert ref.get("container-title") == "International Center for Not-for-Profit Law"
    assert ref.issued == Date(1971, 11, 27)
    assert ref.accessed == Date(2024, 2, 5)
    assert ref.url == "https://www.icnl.org/wp-content/uploads/Transnational_zone.pdf"
    assert not ref.get("issue")


def test_chapter_with_ed_by_and_page():
    ref = parse_gost(
        "Bogaturov A.D. Leadership and Criteria of Leadership in the World System // Modern World Politics: Applied "
        "Analysis: Training Manual / ed. by A. D. Bogaturov. Moscow: Aspect Press publ., 2009. P. 161. (In Russian)."
    )
    assert ref.type == "chapter"
    assert ref.authors == [Name(family="Bogaturov", given="A. D.")]
    assert ref.names["editor"] == [Name(family="Bogaturov", given="A. D.")]
    assert ref.get("container-title") == "Modern World Politics: Applied Analysis: Training Manual"
    assert ref.get("page") == "161"
    assert ref.get("publisher") == "Aspect Press publ."
    assert ref.get("language") == "ru"


def test_newspaper_article_from_outlet_and_italic_markup():
    ref = parse_gost(
        "Belouza A. Leaders of Russia and ASEAN Countries Adopt Statement on Strategic Partnership // *Rossiyskaya "
        "Gazeta*. November 14, 2018. (In Russian). URL: <https://rg.ru/2018/11/14/lidery.html> (accessed: 05.02.2024)."
    )
    assert ref.type == "article-newspaper"
    assert ref.get("container-title") == "Rossiyskaya Gazeta"
    assert ref.issued == Date(2018, 11, 14)
    assert not ref.get("issue")


def test_journal_issue_no():
    ref = parse_gost(
        "Sokhon P. Cambodia and Russia: 60 Years of Strong and Dynamic Partnership // The International Affairs. "
        "2016. No. 6. (In Russian). URL: <https://interaffairs.ru/jauthor/material/1494> (accessed: 05.03.2024)."
    )
    assert ref.type == "article-journal"
    assert ref.get("issue") == "6"
    assert ref.get("container-title") == "The International Affairs"


def test_legal_act_with_number_and_date_in_title():
    ref = parse_gost(
        "Order of the Board of the Eurasian Economic Commission Dated May 10, 2016 No. 56 \"On the Draft\" // "
        "Alta-Soft. May 10, 2016. (In Russian). URL: <https://www.alta.ru/tamdoc/16r00056/> (accessed: 05.03.2024)."
    )
    assert ref.type == "legislation"
    assert ref.get("number") == "56"
    assert ref.issued == Date(2016, 5, 10)


def test_implausible_access_date_is_kept_as_printed():
    ref = parse_gost(
        "The Momentum of ASEAN — Russia Cooperation Continues to Rise // Khmer Times. April 24, 2023. "
        "URL: <https://www.khmertimeskh.com/501278052/x/> (accessed: 05.02.2023)."
    )
    assert ref.accessed == Date(2023, 2, 5)
    assert ref.issued == Date(2023, 4, 24)


def test_see_signal_and_two_citations_in_one_footnote():
    text = (
        "See: Order of the Government of the Russian Federation of December 9, 2005 No. 2150-R “On the Signing” "
        "// Consultant Plus. 2005. (In Russian). URL: <https://rulaws.ru/x/?ysclid=ls8y3> (accessed: 05.02.2024); "
        "Comprehensive Action Program for 2005–2015 // The President of Russia. December 13, 2005. (In Russian). "
        "URL: <http://www.kremlin.ru/supplement/3708> (accessed: 05.02.2024)."
    )
    parts = split_citations(text)
    assert len(parts) == 2
    first, second = (parse_gost(p) for p in parts)
    assert first.title.startswith("Order of the Government")
    assert first.issued == Date(2005, 12, 9)
    assert first.url == "https://rulaws.ru/x/?ysclid=ls8y3"
    assert second.get("container-title") == "The President of Russia"


def test_semicolon_inside_a_title_does_not_split():
    assert len(split_citations("War; Peace and Other Essays // Site. 2020.")) == 1


def test_cyrillic_journal_article():
    ref = parse_gost(
        "Смирнов А. Б. Россия и АСЕАН // Международная жизнь. 2019. № 5. С. 12–25. URL: https://interaffairs.ru/x "
        "(дата обращения: 12.03.2020)."
    )
    assert ref.authors == [Name(family="Смирнов", given="А. Б.")]
    assert (ref.get("issue"), ref.get("page")) == ("5", "12–25")
    assert ref.accessed == Date(2020, 3, 12)


def test_several_authors_joined_with_and():
    ref = parse_gost(
        "Gustafsson F., Gunnarsson F., and Nordlund P-J. Particle filters // IEEE Trans. on Signal Processing. "
        "2002. Vol. 50. No. 2. P. 425–437."
    )
    assert [n.family for n in ref.authors] == ["Gustafsson", "Gunnarsson", "Nordlund"]
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("50", "2", "425–437")


def test_prose_is_not_gost():
    assert parse_gost("This is just a sentence about 2019.") is None


def test_acronym_container_is_not_a_month():
    ref = parse_gost("Лаппо-Данилевский А., Мальберг В. Древности Южной России // МАР. 1894. Т. 13.")
    assert ref.get("container-title") == "МАР"
    assert ref.issued == Date(1894)
    assert ref.get("volume") == "13"


def test_authors_without_commas_and_author_year_label():
    ref = parse_gost("Дмитриев С.П. Шимелевич Л.И. Обобщенный фильтр // Автоматика и телемеханика. 1979. № 4. С. 50–55.")
    assert [n.family for n in ref.authors] == ["Дмитриев", "Шимелевич"]
    ref = parse_gost("Степанов, Торопов, 2015а – Степанов О.А., Торопов А.Б. Методы // Гироскопия и навигация. 2015. № 3 (90).")
    assert ref.title == "Методы"
    assert [n.family for n in ref.authors] == ["Степанов", "Торопов"]


# -- institutional authors and publication areas after a title (GOST / ISO 690 in English and
# Russian): "Place, Year." / "Place: Publisher, Year." / "N p." are areas, never a container
_AREAS_CASES = [
    (
        "ASEAN Secretariat. ASEAN Statistical Yearbook 2022. Jakarta, 2022. 250 p. "
        "URL: https://www.aseanstats.org/publication/asyb-2022/",
        "ASEAN Secretariat", "ASEAN Statistical Yearbook 2022", "Jakarta", "", 2022, "250",
    ),
    (
        "Asian Development Bank. Key Indicators for Asia and the Pacific 2021. Manila, 2021. 380 pp.",
        "Asian Development Bank", "Key Indicators for Asia and the Pacific 2021", "Manila", "", 2021, "380",
    ),
    (
        "United Nations Conference on Trade and Development. World Investment Report 2023. Geneva: United Nations, "
        "2023. 190 p. ISBN 978-92-1-002884-6.",
        "United Nations Conference on Trade and Development", "World Investment Report 2023", "Geneva",
        "United Nations", 2023, "190",
    ),
    (
        "ASEAN Secretariat. ASEAN Economic Community : Blueprint 2025. Jakarta, 2015. 40 p.",
        "ASEAN Secretariat", "ASEAN Economic Community: Blueprint 2025", "Jakarta", "", 2015, "40",
    ),
    (
        "World Health Organization. Global Tuberculosis Report 2021. Geneva: World Health Organization, 2021. 57 p.",
        "World Health Organization", "Global Tuberculosis Report 2021", "Geneva", "World Health Organization", 2021, "57",
    ),
    (
        "International Monetary Fund. World Economic Outlook: Countering the Cost-of-Living Crisis. Washington, DC: "
        "IMF, 2022. 186 p. URL: https://www.imf.org/en/Publications/WEO",
        "International Monetary Fund", "World Economic Outlook: Countering the Cost-of-Living Crisis",
        "Washington, DC", "IMF", 2022, "186",
    ),
    (
        "Федеральная служба государственной статистики. Российский статистический ежегодник. М.: Росстат, 2022. 691 с.",
        "Федеральная служба государственной статистики", "Российский статистический ежегодник", "М.", "Росстат", 2022,
        "691",
    ),
    (
        "Министерство экономического развития Российской Федерации. Прогноз социально-экономического развития на "
        "2023 год. М., 2022. 120 с. URL: https://www.economy.gov.ru/material/file/prognoz.pdf",
        "Министерство экономического развития Российской Федерации",
        "Прогноз социально-экономического развития на 2023 год", "М.", "", 2022, "120",
    ),
]


@pytest.mark.parametrize("parse", [parse_list_entry, parse_citation], ids=["list", "footnote"])
@pytest.mark.parametrize(("text", "author", "title", "place", "publisher", "year", "pages"), _AREAS_CASES)
def test_institution_title_and_publication_areas(parse, text, author, title, place, publisher, year, pages):
    ref = parse(text)
    assert ref.authors == [Name(literal=author)]
    assert ref.title == title
    assert ref.get("publisher-place") == place
    assert ref.get("publisher") == publisher
    assert ref.issued == Date(year)
    assert ref.get("number-of-pages") == pages
    assert not ref.get("container-title")
    assert ref.type in ("book", "report")
    assert bool(ref.url) == ("URL:" in text)


@pytest.mark.parametrize("parse", [parse_list_entry, parse_citation], ids=["list", "footnote"])
def test_title_with_an_institution_word_and_no_title_after_it_is_not_an_author(parse):
    # "National" is an institution's word, but areas follow the first sentence at once:
    # that sentence is the title, and the book has no author
    ref = parse("National Interests of Russia in Southeast Asia. Moscow, 2019. 210 p.")
    assert not ref.authors
    assert ref.title == "National Interests of Russia in Southeast Asia"
    assert ref.get("publisher-place") == "Moscow"
    assert ref.get("number-of-pages") == "210"
    assert ref.type == "book"


def test_institution_before_a_journal_article_is_left_alone():
    # only a title followed by areas makes the head an author: "//" puts it in the container
    ref = parse_gost("World Bank. Poverty and Shared Prosperity // Finance and Development. 2020. Vol. 57, No. 4. P. 10–13.")
    assert ref.get("container-title") == "Finance and Development"
    assert ref.get("volume") == "57"


@pytest.mark.parametrize("parse", [parse_list_entry, parse_citation], ids=["list", "footnote"])
@pytest.mark.parametrize(
    "text",
    [
        "Ministry of Foreign Affairs of Japan. Diplomatic Bluebook 2023. Tokyo, 2023. "
        "URL: https://www.mofa.go.jp/policy/other/bluebook/2023/",
        "Smith J. Rural Health in Kenya. Nairobi, 2019. Available from: https://example.org/report.pdf",
    ],
)
def test_place_of_publication_with_a_link_is_not_a_web_page(parse, text):
    ref = parse(text)
    assert ref.type == "book"
    assert ref.get("publisher-place") in ("Tokyo", "Nairobi")
    assert not ref.get("container-title")
    assert ref.url


def test_page_count_with_a_latin_c_for_the_cyrillic_one():
    ref = parse_citation("Крушинский Л.В. Биологические основы рассудочной деятельности. М., 2009. 272 c.")
    assert ref.get("publisher-place") == "М."
    assert ref.get("number-of-pages") == "272"
    assert ref.issued == Date(2009)
    assert not ref.get("container-title")
    assert ref.type == "book"


def test_unpublished_report_with_only_a_place_is_a_report():
    # a place and a year, no publisher: "Отчет" (report) in the title names the type
    ref = parse_citation("Чижевский А.А. Отчет об археологических работах в Алексеевском р-не Татарстана в 1998 г. Казань, 1999.")
    assert ref.get("publisher-place") == "Казань"
    assert ref.type == "report"


def test_institution_named_before_the_page_count_is_the_publisher():
    ref = parse_list_entry(
        "World Health Organization (2008) Guidelines for the programmatic management of drug resistant "
        "tuberculosis - emergency update. World Health Organization 247 p."
    )
    assert ref.title == "Guidelines for the programmatic management of drug resistant tuberculosis - emergency update"
    assert ref.get("publisher") == "World Health Organization"
    assert ref.get("number-of-pages") == "247"


def test_list_entry_title_with_spaced_colon_and_publisher():
    ref = parse_list_entry(
        "ASEAN Secretariat. ASEAN Economic Community : Blueprint 2025. Jakarta: ASEAN Secretariat, 2015. 40 p."
    )
    assert ref.authors == [Name(literal="ASEAN Secretariat")]
    assert ref.title == "ASEAN Economic Community: Blueprint 2025"
    assert (ref.get("publisher-place"), ref.get("publisher"), ref.get("number-of-pages")) == ("Jakarta", "ASEAN Secretariat", "40")
    assert ref.issued == Date(2015)


@pytest.mark.parametrize("parse", [parse_citation, parse_list_entry])
def test_title_then_isbd_imprint_without_author_is_a_book(parse):
    ref = parse("ASEAN Statistical Yearbook 2022. Jakarta : ASEAN Secretariat, 2022. 250 p.")
    assert ref.type == "book"
    assert ref.title == "ASEAN Statistical Yearbook 2022"
    assert (ref.get("publisher-place"), ref.get("publisher"), ref.issued) == ("Jakarta", "ASEAN Secretariat", Date(2022))


def test_french_iso690_name_first_is_not_read_as_a_title_with_imprint():
    # the spaced colon is French typography too: the imprint mark holds only after a first-sentence title
    assert parse_gost("PERRIN, Louis F. Le système immunitaire. Evreux : FLAMMARION, 1997. 127 p. (Dominos).") is None


@pytest.mark.parametrize(
    "text",
    [
        "Rediscovering Identity : Report of the Valdai Discussion Club / ed. by S. A. Karaganov. "
        "Moscow : Valdai Discussion Club publ., 2018. 52 p. (In Russian).",
        "Россия и АСЕАН : аналитический доклад / под ред. В. В. Сумского. М. : МГИМО-Университет, 2016. 64 с.",
    ],
)
def test_a_subtitle_naming_a_report_makes_a_report(text):
    assert parse_citation(text).type == "report"


def test_sociology_volume_issue_colon_pages_after_a_moved_year():
    ref = parse_list_entry("Радаев В. В. 2010a. Рынок как цепь обменов. Экономическая социология. 10 (1): 13-36.")
    assert (ref.type, ref.title, ref.get("container-title")) == ("article-journal", "Рынок как цепь обменов", "Экономическая социология")
    assert (ref.get("volume"), ref.get("issue"), ref.get("page"), ref.issued.year) == ("10", "1", "13–36", 2010)


def test_volume_letter_without_its_dot():
    ref = parse_list_entry("Левин Б.Р. Теоретические основы статистической радиотехники. Т 2. - М.: Сов. радио, 1966.")
    assert (ref.title, ref.get("volume"), ref.get("publisher")) == ("Теоретические основы статистической радиотехники", "2", "Сов. радио")


def test_spelled_out_editorship_without_a_slash():
    ref = parse_list_entry(
        "Литинский В.А. Опыт применения // Морские гравиметрические исследования. Сборник статей под редакцией проф. "
        "В.В. Федынского. М.: Изд-во Московского Университета, 1972. С. 127–142."
    )
    assert ref.get("container-title") == "Морские гравиметрические исследования. Сборник статей"
    assert [n.family for n in ref.names["editor"]] == ["Федынского"]


def test_editorial_board_with_chief_editor_and_et_al():
    ref = parse_citation(
        "Чувилов И. А. Внешняя политика Камбоджи // Международные отношения: история, теория, практика : материалы "
        "XIII науч.-практ. конф. / редкол.: Е. А. Достанко (гл. ред.) [и др.]. Минск : БГУ, 2023. С. 80–84."
    )
    assert ref.get("container-title") == "Международные отношения: история, теория, практика: материалы XIII науч.-практ. конф"
    assert ref.names["editor"] == [Name(family="Достанко", given="Е. А.")] and ref.truncated == ["editor"]


def test_russian_newspaper_names_are_outlets():
    ref = parse_citation("Индонезия отказалась от покупки российских истребителей // Коммерсантъ. 2021. 23 дек.")
    assert (ref.type, ref.get("container-title")) == ("article-newspaper", "Коммерсантъ")


@pytest.mark.parametrize(
    ("text", "title", "edition"),
    [
        ("Анучин О.Н., Емельянцев Г.И. Интегрированные системы навигации: Изд. 2-е, перераб. и дополн. / Под общ. ред. "
         "В.Г.Пешехонова. - СПб.: ЦНИИ «Электроприбор», 2003. - 389 с.", "Интегрированные системы навигации", "Изд. 2-е, перераб. и дополн."),
        ("Анучин О.Н. Интегрированные системы навигации (2-е изд., допол.). СПб: ЦНИИ «Электроприбор», 2003. 390 с.",
         "Интегрированные системы навигации", "2-е изд., допол."),
    ],
)
def test_edition_after_a_colon_or_in_parentheses_and_capital_pod_red(text, title, edition):
    ref = parse_list_entry(text)
    assert (ref.title, ref.get("edition").rstrip(".")) == (title, edition.rstrip("."))


def test_material_designation_is_no_part_of_the_title():
    ref = parse_citation("Иванов И. И. Название [Электронный ресурс] // Сайт. 2020. URL: http://x.ru (дата обращения: 01.02.2021).")
    assert ref.title == "Название"
