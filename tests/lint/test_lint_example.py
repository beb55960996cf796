"""The example article gives exactly the problems an editor lists by reading it.

The expected set below was written by hand from the article text (line numbers are the
article's own), not copied from lint's output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citekeeper.lint import lint_text
from citekeeper.lint.document import from_article
from citekeeper.lint.rules.citations import body_citations

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"
TODAY = dt.date(2024, 7, 1)

# (rule, severity, line, footnote, key)
EXPECTED = {
    # ³⁹ ... April 24, 2023 ... (accessed: 05.02.2023)
    ("date-accessed-before-issued", "error", 262, 39, "momentum2023asean"),
    # ?ysclid=… in footnotes 7, 24, 34; ysclid and utm_* in footnote 32
    ("url-tracking", "warning", 110, 7, "order2005government"),
    ("url-tracking", "warning", 200, 24, "mosyakov2021complicated"),
    ("url-tracking", "warning", 230, 32, "delegation2019national"),
    ("url-tracking", "warning", 236, 34, "representatives2020russia"),
    # ³⁰ ... // RIA Novosti ... URL: <https://tass.ru/politika/4503068>
    ("url-outlet-host", "warning", 226, 30, "foreign2017ministers"),
    # <https://www.doi.org/…> in Bunthorn (2022) and Kanaev & Korolev (2019)
    ("doi-resolver", "warning", 289, None, "bunthorn2022small"),
    ("doi-resolver", "warning", 295, None, "kanaev2019greater"),
    # ¹⁵ a web.archive.org capture, no date in the citation
    ("url-archive-capture", "info", 148, 15, "parispeace"),
    # ¹⁶ "Chairmanship 2022" but …/cambodia-s-asean-chairmanship-2021-priorities-…
    ("url-title-year", "warning", 150, 16, "cambodias2022asean"),
}


@pytest.fixture(scope="module")
def text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def findings(text: str):
    return lint_text(text, "example.txt", today=TODAY)


def test_exactly_the_listed_problems(findings) -> None:
    got = {(f.rule, f.severity, f.line, f.footnote, f.key) for f in findings}
    assert got == EXPECTED
    assert len(findings) == len(EXPECTED)


def test_every_in_text_citation_has_its_entry(text: str) -> None:
    doc = from_article(text, "example.txt", TODAY)
    cites = {(c.names, c.year) for c in body_citations(doc)}
    # the tricky shapes, read off the body by hand
    for expected in [
        (("Titarenko",), "2008"),
        (("Bogaturov",), "1997"),
        (("Voskressenski",), "2010"),
        (("Voskressenski",), "2020"),
        (("Bektimirova",), "2015"),
        (("Bektimirova",), "2016"),
        (("Mosyakov",), "2010"),
        (("Koldunova",), "2015"),
        (("Koldunova",), "2017"),
        (("Kostyunina",), "2017"),
        (("Kostyunina",), "2019"),
        (("Kanaev",), "2017"),
        (("Kanaev", "Korolev"), "2019"),
        (("Lokshin", "Kobelev", "Mazyrin"), "2019"),
        (("Ponka", "Belchenko", "Trusova"), "2017"),
        (("Jones",), "2012"),
        (("Jones",), "2007"),
        (("Keo",), "2012"),
        (("Var",), "2021"),
    ]:
        assert expected in cites
    # N.P. Maletin is cited by footnote ¹, not author-date; "For citation: …(2024)" is not a citation
    assert not any(c.names and c.names[0] in ("Maletin", "Yuok", "Pichkhun") for c in body_citations(doc))


def test_no_reference_is_reported_uncited_or_missing(findings) -> None:
    rules = {f.rule for f in findings}
    assert not rules & {"citation-missing-entry", "citation-year-mismatch", "citation-name-mismatch",
                        "reference-never-cited", "citation-page-out-of-range"}


def test_footnote_markers_all_present_in_order(text: str) -> None:
    from citekeeper.lint.rules.citations import check

    doc = from_article(text, "example.txt", TODAY)
    assert [f for f in check(doc) if f.rule.startswith("footnote")] == []


def test_editorial_dates_are_read(text: str) -> None:
    doc = from_article(text, "example.txt", TODAY)
    assert doc.editorial["received"][0].iso() == "2024-02-08"
    assert doc.editorial["accepted"][0].iso() == "2024-06-26"
    assert doc.editorial["accepted"][1] == 282


def test_fixes_are_the_safe_rewrites(findings) -> None:
    fixes = {f.footnote or f.key: f.fix.new for f in findings if f.fix}
    assert fixes[34] == "https://ria.ru/20200527/1572040026.html"
    assert fixes[32].endswith("kambodzhii-v-mgimo")
    assert fixes["bunthorn2022small"] == "https://doi.org/10.47305/JLIA2281116b"
