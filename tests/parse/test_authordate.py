"""Author-date (APA-like) entries: one test per rule, on the example's real entries."""

from __future__ import annotations

import pytest

from citekeeper.model import Date, Name
from citekeeper.parse import parse_list_entry
from citekeeper.parse.authordate import parse_authordate, split_names


def test_journal_article_with_issue_only_edn_and_language():
    ref = parse_authordate(
        "Bektimirova, N. N. (2015). Traditional factors in Cambodia's foreign policy in the contemporary era. "
        "*South East Asia: Actual Problems of Development*, (26), 114–137. (In Russian). EDN: UNZFTH"
    )
    assert ref.type == "article-journal"
    assert ref.authors == [Name(family="Bektimirova", given="N. N.")]
    assert ref.title == "Traditional factors in Cambodia's foreign policy in the contemporary era"
    assert ref.get("container-title") == "South East Asia: Actual Problems of Development"
    assert ref.get("issue") == "26" and not ref.get("volume")
    assert ref.get("page") == "114–137"
    assert ref.get("language") == "ru"
    assert ref.identifiers == {"EDN": "UNZFTH"}
    assert ref.issued.year == 2015


def test_www_doi_url_is_bare_doi_and_edn_after_semicolon():
    ref = parse_authordate(
        "Kanaev, E. A., & Korolev, A. S. (2019). Greater Eurasia, Indo-Pacific region and Russia — ASEAN relations. "
        "*Outlines of Global Transformations: Politics, Economics, Law*, 12(1), 26–43. (In Russian). "
        "<https://www.doi.org/10.23932/2542-0240-2019-12-1-26-43>; EDN: LRLAQV"
    )
    assert ref.doi == "10.23932/2542-0240-2019-12-1-26-43"
    assert ref.identifiers["EDN"] == "LRLAQV"
    assert [n.family for n in ref.authors] == ["Kanaev", "Korolev"]
    assert (ref.get("volume"), ref.get("issue")) == ("12", "1")


def test_book_with_place_and_publisher():
    ref = parse_authordate(
        "Bogaturov, A. D. (1997). *The great powers in the Pacific Ocean. History and theory of international "
        "relations in East Asia after World War II (1945–1995)*. Moscow: Suita publ. (In Russian). EDN: TOHSEH"
    )
    assert ref.type == "book"
    assert ref.title.startswith("The great powers in the Pacific Ocean. History")
    assert ref.get("publisher-place") == "Moscow"
    assert ref.get("publisher") == "Suita publ."


def test_chapter_in_edited_book():
    ref = parse_authordate(
        "Lin, J. (2023). Cambodia's ASEAN chairmanship in 2022: Rising above doubts and pushing through a difficult "
        "year. In Thi Ha Hoang & D. Singh (Eds.), *Southeast Asian Affairs 2023* (pp. 89–104). Singapore: ISEAS "
        "Publishing. <https://doi.org/10.1355/9789815104189-007>"
    )
    assert ref.type == "chapter"
    assert ref.get("container-title") == "Southeast Asian Affairs 2023"
    assert ref.names["editor"] == [Name(family="Hoang", given="Thi Ha"), Name(family="Singh", given="D.")]
    assert ref.get("page") == "89–104"
    assert ref.get("publisher") == "ISEAS Publishing"
    assert ref.doi == "10.1355/9789815104189-007"


def test_thesis_with_bracket_genre_and_retrieved_from():
    ref = parse_authordate(
        "Keo, Duong. (2012). *Role of ASEAN in Cambodia conflict: Road towards peace agreement (1979–1991)* "
        "[MA thesis]. Bangkok: Chulalongkorn University. Retrieved from "
        "https://www.academia.edu/33214683/ASEAN_Role_in_Cambodian_Conflict_Road_towards_Peace_Agreement_1979_1989_pdf"
    )
    assert ref.type == "thesis"
    assert ref.get("genre") == "MA thesis"
    assert ref.authors == [Name(family="Keo", given="Duong")]
    assert ref.get("publisher") == "Chulalongkorn University"
    assert ref.url.startswith("https://www.academia.edu/33214683/")


def test_editor_as_author():
    ref = parse_authordate(
        "Voskressenski, A. D. (Ed.). (2010). *'Greater East Asia': World politics and regional transformations*. "
        "Moscow: MGIMO-Universitet publ. (In Russian). EDN: PJBXVZ"
    )
    assert not ref.authors
    assert ref.names["editor"] == [Name(family="Voskressenski", given="A. D.")]
    assert ref.type == "book"


def test_without_italics_falls_back_on_punctuation():
    ref = parse_authordate("Michalski, R. (1983). A theory and methodology of inductive learning. Artificial Intelligence, 20, 111-161.")
    assert ref.type == "article-journal"
    assert ref.get("container-title") == "Artificial Intelligence"
    assert (ref.get("volume"), ref.get("page")) == ("20", "111–161")


@pytest.mark.parametrize(
    "doi_form",
    ["https://doi.org/10.1000/xyz123", "https://www.doi.org/10.1000/xyz123", "doi:10.1000/xyz123", "DOI: 10.1000/xyz123"],
)
def test_doi_forms(doi_form):
    ref = parse_authordate(f"Smith, J. (2020). Title. *Journal Name*, 12(3), 45–67. {doi_form}")
    assert ref.doi == "10.1000/xyz123"


def test_institutional_author():
    assert split_names("World Health Organization.") == [Name(literal="World Health Organization")]


def test_not_author_date_returns_none():
    assert parse_authordate("Title // Site. 2020. URL: https://x.org") is None


def test_volume_after_journal_without_comma():
    ref = parse_authordate(
        "Parent, A., and Hazrati, L.-N. (1995). Functional anatomy of the basal ganglia. I. The cortico-basal "
        "ganglia-thalamo-cortical loop. Brain Research Reviews 20, 91–127."
    )
    assert ref.get("container-title") == "Brain Research Reviews"
    assert (ref.get("volume"), ref.get("page")) == ("20", "91–127")
    assert ref.title.endswith("thalamo-cortical loop")


def test_quoted_title_and_vol_label():
    ref = parse_authordate(
        "Holmberg, S.R. & K.B. Morgan (2003). “Franchise turnover and failure: New research and perspectives”, "
        "Journal of Business Venturing, Vol. 18 (3), 403 – 418."
    )
    assert ref.title == "Franchise turnover and failure: New research and perspectives"
    assert ref.get("container-title") == "Journal of Business Venturing"
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("18", "3", "403–418")


def test_edition_and_abbreviated_place():
    ref = parse_authordate(
        "Howitt, D., & Cramer, D. (2008). Introduction to research methods in psychology (2nd ed.). "
        "Harlow, England: FT Prentice Hall."
    )
    assert ref.title == "Introduction to research methods in psychology"
    assert ref.get("edition") == "2nd ed."
    ref = parse_authordate("Иванников, В. А. (2006). Психологические механизмы волевой регуляции. СПб.: Питер.")
    assert (ref.type, ref.get("publisher-place"), ref.get("publisher")) == ("book", "СПб.", "Питер")


def test_year_at_the_end_is_not_author_date():
    assert parse_authordate("1 Suntola, T. \"Atomic Layer Epitaxy\". Thin Solid Films 216, 84-89, (1992).") is None


def test_institution_year_title_then_gost_publication_areas():
    # "(2022). Title. Jakarta, 2022. 250 p.": the areas after the title are a place and a page
    # count (read by parse.gost's area reader), not the end of the title
    ref = parse_authordate("ASEAN Secretariat (2022). ASEAN Statistical Yearbook 2022. Jakarta, 2022. 250 p.")
    assert ref.authors == [Name(literal="ASEAN Secretariat")]
    assert ref.title == "ASEAN Statistical Yearbook 2022"
    assert ref.get("publisher-place") == "Jakarta"
    assert ref.get("number-of-pages") == "250"
    assert ref.issued == Date(2022)
    assert ref.type == "book"


@pytest.mark.parametrize(
    ("text", "editors", "book"),
    [
        ("Lefebvre, H. (1968). Le droit à la ville. Dans J. Dupont (dir.), La ville (p. 45-67). Paris : Anthropos.",
         ["Dupont, J."], "La ville"),
        ("Silva, J. (2015). A cidade. Em M. Souza (Org.), Urbanismo (pp. 10-20). São Paulo: Contexto.", ["Souza, M."], "Urbanismo"),
        ("García, L. (2010). La ciudad. En P. Pérez (Ed.), Urbanismo (pp. 10-20). Madrid: Akal.", ["Pérez, P."], "Urbanismo"),
    ],
)
def test_chapters_in_french_portuguese_spanish(text, editors, book):
    ref = parse_list_entry(text)
    assert (ref.type, [n.display() for n in ref.names["editor"]], ref.get("container-title")) == ("chapter", editors, book)


def test_french_dir_editors_head():
    ref = parse_list_entry("Martin, P. et Durand, M. (dir.). (2010). Les politiques urbaines. Paris : La Découverte.")
    assert [n.display() for n in ref.names["editor"]] == ["Martin, P.", "Durand, M."] and not ref.names.get("author")


def test_chapter_book_volume_before_its_pages():
    ref = parse_list_entry("Py, J., & Somat, A. (1991). Normativité. In J. -L. Beauvois & R. -V. Joule (Eds.), "
                           "Perspectives cognitives et conduites sociales, 3 (pp. 167-193). Cousset: DelVal.")
    assert (ref.get("container-title"), ref.get("volume"), ref.get("page")) == ("Perspectives cognitives et conduites sociales", "3", "167-193")
    ref = parse_list_entry("Lin, J. (2023). Title. In D. Singh (Ed.), *Southeast Asian Affairs 2023* (pp. 89–104). Singapore: ISEAS.")
    assert (ref.get("container-title"), ref.get("volume")) == ("Southeast Asian Affairs 2023", "")
