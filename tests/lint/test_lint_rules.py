"""Dates, URLs, duplicates and missing fields, on real citation strings."""

from __future__ import annotations

import datetime as dt

from citekeeper.lint import lint_text
from citekeeper.lint.rules.urls import strip_tracking
from citekeeper.parse.outlets import host_matches, name_resembles_host, outlet_for_host

TODAY = dt.date(2024, 7, 1)


def _notes(*notes: str, tail: str = "") -> str:
    """A footnoted article: one body line with markers, then the notes."""
    sup = "¹²³⁴⁵⁶⁷⁸⁹"
    body = "Body " + " ".join(f"point.{sup[i]}" for i in range(len(notes)))
    return body + "\n\n" + "\n\n".join(f"{sup[i]} {n}" for i, n in enumerate(notes)) + "\n" + tail


def _rules(text: str) -> list[tuple[str, int | None, str]]:
    return [(f.rule, f.footnote, f.severity) for f in lint_text(text, "n.txt", today=TODAY)]


# -- dates ---------------------------------------------------------------------
def test_access_before_publication_future_and_after_acceptance() -> None:
    text = _notes(
        "Talks Held // Khmer Times. April 24, 2023. URL: https://www.khmertimeskh.com/1/talks/ (accessed: 05.02.2023).",
        "Talks Again // Khmer Times. April 24, 2023. URL: https://www.khmertimeskh.com/2/again/ (accessed: 05.02.2025).",
        "Talks Later // Khmer Times. May 2, 2024. URL: https://www.khmertimeskh.com/3/later/ (accessed: 28.06.2024).",
        "Talks Earlier // Khmer Times. May 2, 2024. URL: https://www.khmertimeskh.com/4/earlier/ (accessed: 20.06.2024).",
        tail="\nReceived / Поступила в редакцию: 08.02.2024\n\nAccepted / Принята к публикации: 26.06.2024\n",
    )
    assert sorted(_rules(text)) == [
        ("date-accessed-after-accepted", 3, "warning"),
        ("date-accessed-before-issued", 1, "error"),
        ("date-accessed-future", 2, "error"),
    ]


def test_year_only_publication_is_compared_by_year() -> None:
    text = _notes("Report // ASEAN. 2023. URL: https://asean.org/report/ (accessed: 05.02.2023).")
    assert _rules(text) == []


def test_impossible_date() -> None:
    text = _notes("Report // ASEAN. 2023. URL: https://asean.org/report/ (accessed: 35.02.2024).")
    assert ("date-impossible", 1, "error") in _rules(text)


# -- URLs ------------------------------------------------------------------------
def test_strip_tracking_keeps_other_parameters_and_fragment() -> None:
    assert strip_tracking("https://x.org/a?id=1&utm_source=y&ysclid=z#top") == (
        "https://x.org/a?id=1#top", ["utm_source", "ysclid"])
    assert strip_tracking("https://x.org/a?fbclid=1") == ("https://x.org/a", ["fbclid"])
    assert strip_tracking("https://x.org/a?id=1") == ("https://x.org/a?id=1", [])
    assert strip_tracking("https://x.org/more.htm?id=12083979@egNews")[1] == []


def test_doi_resolvers() -> None:
    text = """\
Body (Doe, 2020; Roe, 2021; Moe, 2022).

References

- Doe, J. (2020). One. *Journal*, 1(1), 1–2. http://dx.doi.org/10.1000/one
- Roe, J. (2021). Two. *Journal*, 1(2), 3–4. https://doi.org/10.1000/two
- Moe, J. (2022). Three. *Journal*, 1(3), 5–6. https://www.tandfonline.com/doi/full/10.1080/0000.2022.1
"""
    found = {(f.rule, f.key): f for f in lint_text(text, "d.txt", today=TODAY)}
    assert set(found) == {("doi-resolver", "doe2020one"), ("url-contains-doi", "moe2022three")}
    assert found["doi-resolver", "doe2020one"].fix.new == "https://doi.org/10.1000/one"
    assert found["url-contains-doi", "moe2022three"].severity == "info"


def test_outlet_against_host() -> None:
    text = _notes(
        "Ministers Meet // RIA Novosti. August 24, 2017. URL: https://tass.ru/politika/4503068 (accessed: 05.03.2024).",
        "Ministers Meet // Interfax. August 24, 2017. URL: https://www.interfax.ru/world/1 (accessed: 05.03.2024).",
        "Ministers Meet // Regional Herald. August 24, 2017. URL: https://ria.ru/20170824/1.html (accessed: 05.03.2024).",
        "Ministers Meet // Neftegaz.RU. August 24, 2017. URL: https://neftegaz.ru/news/1/ (accessed: 05.03.2024).",
    )
    assert sorted(r for r in _rules(text) if r[0] == "url-outlet-host") == [
        ("url-outlet-host", 1, "warning"),
        ("url-outlet-host", 3, "warning"),
    ]


def test_name_versus_host_similarity() -> None:
    assert name_resembles_host("Khmer Times", "www.khmertimeskh.com")
    assert name_resembles_host("Rossiyskaya Gazeta", "rg.ru")
    assert name_resembles_host("Konrad Adenauer Stiftung", "www.kas.de")
    assert not name_resembles_host("RIA Novosti", "tass.ru")
    assert host_matches("The Ministry of Defence of the Russian Federation", "function.mil.ru")
    assert outlet_for_host("russian.news.cn") == "xinhua"


def test_archive_capture_reports_original_and_date() -> None:
    text = _notes("Peace Agreements // Info Center. URL: https://web.archive.org/web/20140923163627/"
                  "http://www.cambodia.org/facts/ (accessed: 05.02.2024).")
    found = [f for f in lint_text(text, "w.txt", today=TODAY) if f.rule == "url-archive-capture"]
    assert len(found) == 1 and found[0].severity == "info"
    assert "2014-09-23 16:36:27" in found[0].message
    assert "http://www.cambodia.org/facts/" in found[0].message
    assert "no date" in found[0].message


def test_title_year_against_url_slug() -> None:
    text = _notes(
        "Chairmanship 2022: Priorities and Challenges // Some Foundation. 2022. URL: "
        "https://example.org/content/chairmanship-2021-priorities-and-challenges (accessed: 05.02.2024).",
        "A Job Well Done: Chair in 2012 // Forum. January 19, 2013. URL: "
        "https://forum.org/2013/01/19/a-job-well-done-chair-in-2012/ (accessed: 05.02.2024).",
    )
    assert [r for r in _rules(text) if r[0] == "url-title-year"] == [("url-title-year", 1, "warning")]


# -- duplicates and fields ------------------------------------------------------
def test_duplicates_in_the_reference_list() -> None:
    text = """\
Body (Doe, 2020; Doe, 2020; Roe, 2021; Roe, 2021; Poe, 2019).

References

- Doe, J. (2020). One. *Journal*, 1(1), 1–2. https://doi.org/10.1000/one
- Doe, J. (2020). One again. *Journal*, 1(1), 1–2. https://doi.org/10.1000/ONE
- Roe, J. (2021). Page. *Site*. Retrieved from https://www.site.org/page/?utm_source=x
- Roe, J. (2021). Page copy. *Site*. Retrieved from http://site.org/page
- Poe, J. (2019). The long title of a study of trade in Asia. *Journal*, 2(1), 1–9.
- Poe, J. (2019). The long title of a study of trade in Asia!. *Journal*, 2(1), 1–9.
"""
    dups = sorted((f.rule, f.line) for f in lint_text(text, "dup.txt", today=TODAY) if f.rule.startswith("duplicate"))
    assert dups == [("duplicate-doi", 6), ("duplicate-title", 10), ("duplicate-url", 8)]


def test_missing_fields_by_type() -> None:
    text = """\
Body (Doe, 2020; Roe, 2021; Poe, 2019).

References

- Doe, J. (2020). An article. *Journal of Things*.
- Roe, J. (2021). *A book*.
- Poe, J. (2019). *A good book*. London: Routledge.
"""
    found = {f.key: f.message for f in lint_text(text, "f.txt", today=TODAY) if f.rule == "field-missing"}
    assert set(found) == {"doe2020article", "roe2021book"}
    assert "volume or issue" in found["doe2020article"]
    assert "publisher" in found["roe2021book"]


def test_outlet_names_in_cyrillic_and_organisations_never_flagged() -> None:
    text = _notes(
        "Встреча министров // РИА Новости. 24.08.2017. URL: https://ria.ru/20170824/1.html (дата обращения: 05.03.2024).",
        "Statement // United Nations. 2017. URL: https://www.mfa.gov.sg/statement (accessed: 05.03.2024).",
    )
    assert [r for r in _rules(text) if r[0] == "url-outlet-host"] == []


def test_access_date_required_only_where_online_sources_are_dated() -> None:
    dated = _notes(
        "Page One // Site. 2020. URL: https://site.org/1 (accessed: 05.03.2024).",
        "Page Two // Site. 2020. URL: https://site.org/2 (accessed: 05.03.2024).",
        "Page Three // Site. 2020. URL: https://site.org/3",
    )
    assert [r for r in _rules(dated) if r[0] == "field-missing"] == [("field-missing", 3, "warning")]
    apa = """\
Body (Doe, 2020; Roe, 2021).

References

- Doe, J. (2020). *Page one*. Site. https://site.org/1
- Roe, J. (2021). *Page two*. Site. https://site.org/2
"""
    assert [f for f in lint_text(apa, "apa.txt", today=TODAY) if f.rule == "field-missing"] == []


def test_numbered_parts_are_not_duplicates() -> None:
    text = """\
Body (Doe, 2020a; Doe, 2020b).

References

- Doe, J. (2020a). Russia and ASEAN in the new era: Part 1. *Journal*, 1(1), 1–20.
- Doe, J. (2020b). Russia and ASEAN in the new era: Part 2. *Journal*, 1(2), 21–40.
"""
    assert [f for f in lint_text(text, "p.txt", today=TODAY) if f.rule.startswith("duplicate")] == []


def test_archive_today_capture() -> None:
    text = _notes("Page // Site. 2020. URL: https://archive.ph/AbC12 (accessed: 05.02.2024).")
    assert _rules(text) == [("url-archive-capture", 1, "info")]
