"""In-text citations and footnote markers, on small articles written for the purpose."""

from __future__ import annotations

import datetime as dt

from citekeeper.lint import lint_text
from citekeeper.lint.rules.citations import find_citations

TODAY = dt.date(2024, 7, 1)

ARTICLE = """\
Introduction

Trade grew fast (Smith, 2019a, p. 12) and later slowed (Smith, 2019b). Brown et al. (2018)
disagree, as does J.K. Lee (2021; Lee & Park, 2020). The treaty of the period (1991–1995) and
the reforms (January 2019) are well known. Jonson (2017) and Garcia (2015, p. 300) argue
otherwise (Nobody, 2011; Smith, 2019a). Then came Patel (2012).

Pages are also cited (Brown, Green & White, 2018, pp. 40-45), see also the Charter (2007).

References

- Smith, A. (2019a). Trade in Asia. *Journal of Trade*, 4(2), 10–20.
- Smith, A. (2019b). Trade slows. *Journal of Trade*, 4(3), 30–40.
- Brown, B., Green, C., & White, D. (2018). Views. *Asian Survey*, 58(1), 1–30.
- Lee, J. K. (2021). *A book*. London: Routledge.
- Lee, J. K., & Park, S. (2020). Another. *Pacific Affairs*, 93(2), 100–120.
- Johnson, M. (2017). A study. *World Politics*, 69(1), 1–25.
- Garcia, L. (2015). Pages. *Review of Politics*, 77(2), 200–250.
- Patel, R. (2013). Late. *Politics*, 33(1), 1–10.
- Unused, Q. (2010). Never cited. *Politics*, 30(1), 5–15.
"""


def _by_rule(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in lint_text(text, "a.txt", today=TODAY):
        out.setdefault(f.rule, []).append(f)
    return out


def test_citation_shapes() -> None:
    cites = find_citations(
        "M.L. Titarenko (2008) and Voskressenski (2010; 2020), E.A. Kanaev (2017; Kanaev & Korolev, 2019), "
        "(Lokshin, Kobelev & Mazyrin, 2019), (Jones, 2012, p. 97) and Smith et al. (2019a).",
        10,
    )
    got = [(c.names, c.et_al, c.year, c.locator) for c in cites]
    assert got == [
        (("Titarenko",), False, "2008", None),
        (("Voskressenski",), False, "2010", None),
        (("Voskressenski",), False, "2020", None),
        (("Kanaev",), False, "2017", None),
        (("Kanaev", "Korolev"), False, "2019", None),
        (("Lokshin", "Kobelev", "Mazyrin"), False, "2019", None),
        (("Jones",), False, "2012", (97, 97)),
        (("Smith",), True, "2019a", None),
    ]
    assert all(c.line == 10 for c in cites)


def test_parentheses_that_are_not_citations() -> None:
    text = (
        "The Bali Action Plan of the III Accord (2013–2017), the reforms (January 2019), "
        "the Charter (2007), growth (in 1999) and For citation: Doe, J. (2024)."
    )
    assert find_citations(text, 1) == []
    assert find_citations("For citation: Pichkhun, P., & Yuok, O. (2024). Title.", 1) == []


def test_problems_found_with_lines_and_keys() -> None:
    found = _by_rule(ARTICLE)
    assert [(f.line, f.key) for f in found["citation-name-mismatch"]] == [(5, "johnson2017study")]
    assert [(f.line, f.key) for f in found["citation-missing-entry"]] == [(6, None)]
    assert "Nobody (2011)" in found["citation-missing-entry"][0].message
    assert [(f.line, f.key) for f in found["citation-year-mismatch"]] == [(6, "patel2013late")]
    assert "2013" in found["citation-year-mismatch"][0].message
    pages = sorted((f.line, f.key) for f in found["citation-page-out-of-range"])
    assert pages == [(5, "garcia2015pages"), (8, "brown2018views")]
    # Johnson and Patel were meant by the mis-cited ones: only Unused is never cited
    assert [f.key for f in found["reference-never-cited"]] == ["unused2010never"]
    assert all(f.severity == "error" for r in ("citation-missing-entry", "citation-name-mismatch",
                                                 "citation-year-mismatch") for f in found[r])


def test_a_clean_article_gives_nothing() -> None:
    text = """\
Body

As Smith (2019a) and Smith (2019b) show, and others agree (Brown, Green & White, 2018, p. 12).

References

- Smith, A. (2019a). Trade in Asia. *Journal of Trade*, 4(2), 10–20.
- Smith, A. (2019b). Trade slows. *Journal of Trade*, 4(3), 30–40.
- Brown, B., Green, C., & White, D. (2018). Views. *Asian Survey*, 58(1), 1–30.
"""
    assert lint_text(text, "ok.txt", today=TODAY) == []


def test_unlettered_entries_get_letters_in_list_order() -> None:
    text = """\
Body

First (Smith, 2019a), then (Smith, 2019b), then (Smith, 2019c).

References

- Smith, A. (2019). Trade in Asia. *Journal of Trade*, 4(2), 10–20.
- Smith, A. (2019). Trade slows. *Journal of Trade*, 4(3), 30–40.
"""
    found = lint_text(text, "x.txt", today=TODAY)
    assert [f.rule for f in found] == ["citation-year-mismatch"]
    assert "Smith (2019c)" in found[0].message
    assert "2019a, 2019b" in found[0].message


FOOTNOTED = """\
Body text cites a source.¹ Another point.³ And again.² A fourth.⁴ A repeat.⁴ A ghost.⁹

¹ Doe J. A Book. Moscow: Nauka, 2001. 200 p.

² Roe R. Another Book. Moscow: Nauka, 2002. 100 p.

³ Poe P. A Third Book. Moscow: Nauka, 2003. 100 p.

⁴ Loe L. A Fourth Book. Moscow: Nauka, 2004. 100 p.

⁵ Moe M. A Fifth Book. Moscow: Nauka, 2005. 100 p.
"""


def test_footnote_markers() -> None:
    found = {(f.rule, f.footnote, f.line, f.severity) for f in lint_text(FOOTNOTED, "fn.txt", today=TODAY)
             if f.rule.startswith("footnote")}
    assert found == {
        ("footnote-marker-order", 2, 1, "warning"),
        ("footnote-marker-duplicated", 4, 1, "warning"),
        ("footnote-marker-without-note", 9, 1, "error"),
        ("footnote-without-marker", 5, 11, "warning"),
    }


def test_square_brackets_and_cyrillic_names() -> None:
    text = """\
Введение

Как показано [Иванов, 2019, с. 12; Петров 2020: 45], и И.И. Иванов (2019) согласен [Сидоров и др., 2018].

References

- Ivanov, I. I. (2019). Issledovanie. *Zhurnal*, 4(2), 10–20. (In Russian).
- Petrov, P. P. (2020). *Kniga*. Moscow: Nauka. (In Russian).
- Sidorov, S., Kozlov, K., & Orlov, O. (2018). Stat'ya. *Vestnik*, 3(1), 1–9. (In Russian).
"""
    assert lint_text(text, "ru.txt", today=TODAY) == []


def test_numeric_style_article_is_not_judged_as_author_date() -> None:
    text = """\
Body

As Smith (2019) found [1], and others [2, 3], see also [4].

References

1. Smith, A. (2018). Trade. *Journal*, 4(2), 10–20.
2. Doe, J. (2017). Other. *Journal*, 3(2), 10–20.
"""
    rules = {f.rule for f in lint_text(text, "num.txt", today=TODAY)}
    assert not rules & {"citation-missing-entry", "citation-year-mismatch", "reference-never-cited"}


def test_author_lists_and_proper_nouns() -> None:
    text = """\
Body

Leaders met (Smith & Doe, 2019). Later Vladimir Putin (2017) and ASEAN (2015) spoke, and Hun Sen (2016) too.
Kanaev (2019) agrees.

References

- Smith, A., Doe, B., & Roe, C. (2019). Trade. *Journal*, 4(2), 10–20.
- Kanaev, E. A., & Korolev, A. S. (2019). Greater Eurasia. *Outlines*, 12(1), 26–43.
"""
    found = [(f.rule, f.severity, f.line, f.key) for f in lint_text(text, "x.txt", today=TODAY)]
    assert found == [
        ("citation-authors-mismatch", "warning", 3, "smith2019trade"),
        ("citation-authors-mismatch", "warning", 4, "kanaev2019greater"),
    ]


def test_powers_are_not_footnote_markers() -> None:
    text = (
        "An area of 5 km² and 3 m³ was cleared.¹ Then more.²\n\n"
        "¹ Doe J. A Book. Moscow: Nauka, 2001. 200 p.\n\n² Roe R. Another Book. Moscow: Nauka, 2002. 100 p.\n"
    )
    assert lint_text(text, "u.txt", today=TODAY) == []


def test_topic_words_before_a_year_are_not_citations() -> None:
    text = """\
Body

Russia is large. Russia trades with China. The summit between Russia and China (2019) was held.
Smith (2018) disagrees.

References

- Doe, J. (2020). Trade. *Journal*, 4(2), 10–20.
- Roe, J. (2021). More. *Journal*, 4(3), 21–30.
"""
    found = [(f.rule, f.line) for f in lint_text(text, "t.txt", today=TODAY) if f.rule.startswith("citation")]
    assert found == [("citation-missing-entry", 4)]


def test_possessives_places_and_acronyms() -> None:
    text = """\
Body

Haacke's (2003) account is standard. Singapore (1965) became independent. Growth was 5% (ADB, 2020).
The ASEAN Charter (2007) codified it, as Lee Kuan Yew (2000) wrote (Haacke, 2003, p. 7).

References

- Haacke, J. (2003). *ASEAN's diplomatic and security culture*. London: RoutledgeCurzon.
"""
    assert lint_text(text, "p.txt", today=TODAY) == []
