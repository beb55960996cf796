"""A second article in the example's layout (author-date body, GOST footnotes, APA list),
written for this test with a hand-made list of problems and many correct look-alikes."""

from __future__ import annotations

import datetime as dt

from citekeeper.lint import lint_text

ARTICLE = """\
Introduction

Russia's policy in the region (2014–2020) has been studied by A.B. Smirnov (2015) and by
Lee, Park and Kim (Lee, Park & Kim, 2019, p. 80). Vladimir Putin (2017) spoke of it in Sochi,
and an area of 40 km² was set aside.¹ Many authors agree (Orlov et al., 2020; Ivanov, 2018).

The treaty (Petrova, 2021, pp. 15–18) was signed,² commented on³ and published.⁴ A ghost note.⁵

¹ Ivanova I.I. Borders // Journal of Borders. 2019. No. 4. P. 10–20. (In Russian).

² Treaty Signed // TASS. March 3, 2020. (In Russian). URL: https://ria.ru/20200303/1565.html (accessed: 05.02.2024).

³ Ibid.

⁴ Treaty Text // The President of Russia. March 4, 2020. (In Russian). URL: http://www.kremlin.ru/acts/1?fbclid=IwAR0abc (accessed: 05.02.2025).

Received / Поступила в редакцию: 08.02.2024

Accepted / Принята к публикации: 26.06.2024

References

- Lee, S., Park, J., & Kim, H. (2019). Russia in Asia. *Pacific Review*, 32(1), 10–30. http://dx.doi.org/10.1080/0951.2019.1
- Orlov, O., Popov, P., & Sokolov, S. (2020). Regional order. *Asian Survey*, 60(2), 300–320. https://doi.org/10.1525/as.2020.60.2.300
- Orlov, O., Popov, P., & Sokolov, S. (2020). Regional order (reprint). *Asian Survey*, 60(2), 300–320. https://doi.org/10.1525/AS.2020.60.2.300
- Petrova, M. (2021). *The treaty and its makers*. Moscow: Nauka. (In Russian).
- Smirnov, A. B. (2016). Russia's pivot. *International Affairs*, 5–19. (In Russian).
- Zhukov, V. (2011). *Old policy*. Moscow: Mysl. (In Russian).
"""

# Read off the text above by hand: (rule, line, key or footnote)
EXPECTED = {
    ("citation-year-mismatch", 3, "smirnov2016russias"),  # Smirnov (2015), listed for 2016
    ("citation-page-out-of-range", 4, "lee2019russia"),  # p. 80 of pages 10–30
    ("citation-missing-entry", 5, None),  # Ivanov, 2018: no entry
    ("footnote-marker-without-note", 7, 5),  # ⁵ but no note 5
    ("url-outlet-host", 11, 2),  # TASS named, ria.ru linked
    ("url-tracking", 15, 4),  # fbclid
    ("date-accessed-future", 15, 4),  # accessed 2025, "today" is 2024-07-01
    ("doi-resolver", 23, "lee2019russia"),  # http://dx.doi.org/
    ("duplicate-doi", 25, "orlov2020regionala"),  # the same DOI, other case
    ("reference-never-cited", 28, "zhukov2011old"),
    ("field-missing", 27, "smirnov2016russias"),  # journal article without volume or issue
}


def test_every_listed_problem_and_nothing_else() -> None:
    findings = lint_text(ARTICLE, "a2.txt", today=dt.date(2024, 7, 1))
    got = {(f.rule, f.line, f.key if f.footnote is None else f.footnote) for f in findings}
    assert got == EXPECTED
    assert len(findings) == len(EXPECTED)
