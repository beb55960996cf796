"""Identifier, date and language helpers shared by the style parsers."""

from __future__ import annotations

import pytest

from citekeeper.model import Date
from citekeeper.parse.common import clean_doi, parse_date, take_accessed, take_language, take_url


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("November 14, 2018", Date(2018, 11, 14)),
        ("05.02.2024", Date(2024, 2, 5)),
        ("14 ноября 2018 г.", Date(2018, 11, 14)),
        ("2016", Date(2016)),
        ("2021-06-24", Date(2021, 6, 24)),
        ("March 2011", Date(2011, 3)),
        ("31.13.2020", Date(literal="31.13.2020")),
    ],
)
def test_parse_date(printed, expected):
    assert parse_date(printed) == expected


def test_clean_doi_keeps_inner_parentheses():
    assert clean_doi("https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0.") == (
        "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
    )
    assert clean_doi("<https://www.doi.org/10.47305/JLIA2281116b>") == "10.47305/JLIA2281116b"


def test_take_url_after_label_and_access_date():
    url, rest = take_url("Site. URL: <https://x.org/a?b=1&c=2> (accessed: 05.02.2024).")
    assert url == "https://x.org/a?b=1&c=2"
    accessed, rest = take_accessed(rest)
    assert accessed == Date(2024, 2, 5)
    assert "accessed" not in rest and "URL" not in rest


def test_language_marker():
    assert take_language("Title. (In Russian).")[0] == "ru"
    assert take_language("Title (на русском яз.)")[0] == "ru"
    assert take_language("Title (In Klingon).")[0] == ""


def test_an_unclosed_access_date_does_not_swallow_the_next_entry():
    from citekeeper.parse.common import take_accessed

    date, rest = take_accessed("T (accessed: 05/02/2024).")
    assert date is not None and date.year == 2024 and rest == "T"  # a slash date is still a date
    date, rest = take_accessed("Smith A. // . Moscow : Nauka, 1500. (accessed: Smith A. // { 24(3). Moscow")
    assert date is None and rest.endswith("Moscow")
