"""Shared records for the format tests: one populated ``Reference`` per item type Zotero must get right."""

from __future__ import annotations

from pathlib import Path

from citekeeper.model import Date, Name, Origin, Reference

DATA = Path(__file__).parent / "data"


def make(ref_type: str, **fields: str) -> Reference:
    ref = Reference(id=f"key-{ref_type}", type=ref_type, fields=dict(fields))
    ref.names["author"] = [Name(family="Bektimirova", given="N. N."), Name(literal="ASEAN Secretariat")]
    ref.dates["issued"] = Date(2015, 3, 7)
    ref.set("title", "Traditional factors in Cambodia's foreign policy")
    ref.set("language", "ru")
    ref.identifiers["EDN"] = "UNZFTH"
    ref.origin = Origin(kind="footnote", number=3)
    return ref


def sample_references() -> list[Reference]:
    """Every Zotero type the issue names, each with the fields Zotero has for it."""
    article = make("article-journal", **{"container-title": "South East Asia", "volume": "8",
                                         "issue": "26", "page": "114–137", "DOI": "10.1080/0951274070167"})
    book = make("book", publisher="LAP LAMBERT", **{"publisher-place": "Saarbrücken", "edition": "2",
                                                    "number-of-pages": "320", "ISBN": "978-3-659-00000-0"})
    book.names["editor"] = [Name(family="Voskressenski", given="A. D.")]
    chapter = make("chapter", publisher="ISEAS Publishing", page="89–104",
                   **{"container-title": "Southeast Asian Affairs 2023", "publisher-place": "Singapore"})
    chapter.names["editor"] = [Name(family="Hoang", given="Thi Ha"), Name(family="Singh", given="D.")]
    thesis = make("thesis", genre="MA thesis", publisher="Chulalongkorn University",
                  **{"publisher-place": "Bangkok", "URL": "https://www.academia.edu/33214683/x"})
    webpage = make("webpage", **{"container-title": "International Center for Not-for-Profit Law",
                                 "URL": "https://www.icnl.org/x.pdf"})
    webpage.dates["accessed"] = Date(2024, 2, 5)
    newspaper = make("article-newspaper", **{"container-title": "Rossiyskaya Gazeta", "URL": "https://rg.ru/x"})
    newspaper.dates["accessed"] = Date(2024, 2, 5)
    report = make("report", number="WP-7", genre="Working paper", publisher="ISEAS",
                  **{"publisher-place": "Singapore"})
    document = make("document", publisher="ASEAN", **{"URL": "https://asean.org/x"})
    statute = make("legislation", number="2150-R", **{"container-title": "Consultant Plus",
                                                      "URL": "https://rulaws.ru/x"})
    statute.dates["accessed"] = Date(2024, 2, 5)
    conference = make("paper-conference", publisher="BSU publ.", page="80–84",
                      **{"container-title": "Proceedings of the XIII conference", "publisher-place": "Minsk"})
    conference.names["editor"] = [Name(family="Dostanko", given="E. A.")]
    return [article, book, chapter, thesis, webpage, newspaper, report, document, statute, conference]


def by_type(refs: list[Reference]) -> dict[str, Reference]:
    return {r.type: r for r in refs}
