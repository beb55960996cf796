"""Tagged tokens -> Reference: names, dates, DOI, page ranges and the inferred type."""

from __future__ import annotations

from citekeeper.parse.crf.fields import clean_title, split_names, to_reference


def _tagged(parts: list[tuple[str, str]], conf: float = 0.99) -> list[tuple[str, str, float]]:
    return [(t, lab, conf) for text, lab in parts for t in text.split()]


def test_names_in_common_orders():
    def show(s: str) -> list[str]:
        return [n.display() for n in split_names(s)]

    assert show("Bektimirova, N. N., & Dweck, C.") == ["Bektimirova, N. N.", "Dweck, C."]
    assert show("J. P. Collman, J. P. Brauman and T. J. Collins") == [
        "Collman, J. P.", "Brauman, J. P.", "Collins, T. J."]
    assert show("Иванов И. И., Петров П. П.") == ["Иванов, И. И.", "Петров, П. П."]
    assert show("Hamer CJ, Smith A.") == ["Hamer, C. J.", "Smith, A."]
    assert show("Smith, John, and Mary Doe") == ["Smith, John", "Doe, Mary"]
    assert show("van der Berg, A., Smith, B. C., et al.")[0] == "van der Berg, A."


def test_article_fields_and_type():
    ref = to_reference(_tagged([
        ("Smith, J.", "author"), ("(2019).", "date"), ("“A title.”", "title"),
        ("Some Journal,", "container-title"), ("12(3),", "volume"), ("pp. 45-67.", "page"),
        ("doi:10.1000/xyz.1.", "doi"),
    ]))
    assert ref.type == "article-journal"
    assert (ref.title, ref.get("container-title")) == ("A title", "Some Journal")
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("12", "3", "45–67")
    assert ref.doi == "10.1000/xyz.1"
    assert ref.issued.year == 2019
    assert ref.provenance["title"] == ("model", 0.99)


def test_types_from_labels():
    book = to_reference(_tagged([("Doe, A.", "author"), ("A book.", "title"),
                                 ("London:", "publisher-place"), ("Verso,", "publisher"), ("2001.", "date")]))
    assert book.type == "book" and book.get("publisher-place") == "London"
    chapter = to_reference(_tagged([("Doe, A.", "author"), ("A chapter.", "title"), ("In", "editor"),
                                    ("B. Roe (Ed.),", "editor"), ("The book", "container-title"),
                                    ("(pp. 1–9).", "page"), ("Oxford:", "publisher-place"), ("OUP.", "publisher")]))
    assert chapter.type == "chapter" and chapter.names["editor"][0].family == "Roe"
    thesis = to_reference(_tagged([("Doe, A.", "author"), ("A thesis.", "title"), ("PhD thesis,", "genre"),
                                   ("MIT,", "publisher"), ("2001.", "date")]))
    assert thesis.type == "thesis"
    web = to_reference(_tagged([("A page.", "title"), ("URL: https://example.org/a", "url"),
                                ("(accessed: 05.02.2024).", "note")]))
    assert web.type == "webpage" and web.url == "https://example.org/a"
    assert web.accessed.iso() == "2024-02-05"


def test_vancouver_compact_volume():
    ref = to_reference(_tagged([("Roe B.", "author"), ("Rivers.", "title"), ("Nature.", "container-title"),
                                ("2019;14(3):153-60.", "date")]))
    assert (ref.issued.year, ref.get("volume"), ref.get("issue"), ref.get("page")) == (2019, "14", "3", "153–60")


def test_clean_title_keeps_question_mark():
    assert clean_title("Why rivers flow?") == "Why rivers flow?"
    assert clean_title("«Название».") == "Название"
    assert clean_title("“Dialogue partnerships” in ASEAN's relations.") == "“Dialogue partnerships” in ASEAN's relations"
    assert clean_title("Policy 1953–1998 : Student Book.") == "Policy 1953–1998: Student Book"
    assert clean_title("Attention is all you need,”") == "Attention is all you need"


def test_organisations_and_multiword_family_names():
    assert split_names("World Health Organization.")[0].literal == "World Health Organization"
    name = split_names("Nguyen Van A.")[0]
    assert (name.family, name.given) == ("Nguyen Van", "A.")
    assert split_names("Kahneman, Daniel.")[0].given == "Daniel"


def test_gost_book_length_and_abbreviated_place():
    ref = to_reference(_tagged([("Сидоров В. П.", "author"), ("Внешняя политика.", "title"),
                                ("М. :", "publisher-place"), ("Наука,", "publisher"), ("2012.", "date"),
                                ("256 с.", "page")]))
    assert ref.get("publisher-place") == "М."
    assert ref.get("number-of-pages") == "256" and not ref.get("page")
    assert ref.type == "book"


def test_volume_issue_pages_without_spaces():
    ref = to_reference(_tagged([("Wang L.", "author"), ("(2019)", "date"), ("A survey.", "title"),
                                ("J. Mach. Learn. Res.", "container-title"), ("20(1):1-48", "page")]))
    assert (ref.get("volume"), ref.get("issue"), ref.get("page")) == ("20", "1", "1–48")


def test_year_that_opens_a_title():
    ref = to_reference(_tagged([("1991", "date"), ("Paris Peace Agreements", "title"), ("//", "other"),
                                ("Cambodia Center.", "container-title"), ("2016.", "date")]))
    assert ref.title == "1991 Paris Peace Agreements" and ref.issued.year == 2016
