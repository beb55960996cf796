"""RIS dates: ranges, seasons and qualifiers survive, untagged junk never joins a date.

What ``DA`` holds is what Zotero's ``RIS.js`` keeps: ``dateRIStoZotero`` turns
``YYYY/MM/DD/`` into parts and returns any other value verbatim, which Zotero's date field
then reads (an EDTF interval as a range, ``Spring 2019`` as a season).
"""

from __future__ import annotations

import pytest

from citekeeper.formats import ris
from citekeeper.model import Date, Reference


def _article(issued: Date) -> Reference:
    ref = Reference(type="article-journal")
    ref.set("title", "Seasonal variation of river discharge")
    ref.set("container-title", "Journal of Hydrology")
    ref.dates["issued"] = issued
    return ref


def _tags(text: str, tag: str) -> list[str]:
    return [line[6:] for line in text.split("\r\n") if line.startswith(f"{tag}  - ")]


@pytest.mark.parametrize(
    ("issued", "da", "py"),
    [
        (Date.from_iso("2011-05-25/2012-06-26"), "2011-05-25/2012-06-26", "2011"),
        (Date.from_iso("2019/2020"), "2019/2020", "2019"),
        (Date.from_iso("2019-03/2019-05"), "2019-03/2019-05", "2019"),
        (Date(2019, season="1"), "Spring 2019", "2019"),
        (Date(2019, season="4"), "Winter 2019", "2019"),
        (Date(2019, season="Michaelmas"), "Michaelmas 2019", "2019"),
        (Date.from_iso("1850~"), "1850~", "1850"),
        (Date.from_iso("1850?"), "1850?", "1850"),
        (Date(2020, 5, 3), "2020/05/03/", "2020"),
        (Date(2020), "2020///", "2020"),
    ],
)
def test_issued_date_written_and_read_back(issued: Date, da: str, py: str) -> None:
    text = ris.dumps([_article(issued)])
    assert _tags(text, "DA") == [da]
    assert _tags(text, "PY") == [py]
    back = ris.loads(text)
    assert not back.problems
    assert back.references[0].dates["issued"] == issued


def test_range_is_not_cut_to_its_start() -> None:
    # the defect: 2011-05-25/2012-06-26 came out as DA 2011/05/25/
    text = ris.dumps([_article(Date.from_iso("2011-05-25/2012-06-26"))])
    assert "2011/05/25" not in text


@pytest.mark.parametrize(
    ("da", "iso"),
    [
        ("1995-96", "1995/1996"),  # a condensed range, as Zotero's parseEDTF reads it
        ("2019-21", "2019/2021"),
        ("1995–1996", "1995/1996"),
        ("2019-05", "2019-05"),  # a month, not a range
        ("Fall 2019", "2019-23"),
        ("2019 Summer", "2019-22"),
        ("2015///", "2015"),
        ("2015/07//", "2015-07"),
    ],
)
def test_other_programs_dates(da: str, iso: str) -> None:
    text = f"TY  - JOUR\nTI  - A title\nDA  - {da}\nER  - \n"
    assert ris.loads(text).references[0].dates["issued"].iso() == iso


def test_month_name_is_not_a_season() -> None:
    text = "TY  - JOUR\nTI  - A title\nDA  - May 2019\nER  - \n"
    assert ris.loads(text).references[0].dates["issued"].season == ""


def test_untagged_line_after_py_is_not_glued_into_the_date() -> None:
    text = "TY  - JOUR\nTI  - A title\nPY  - 2020\nEndNote garbage line\nVL  - 12\nER  - \n"
    result = ris.loads(text, "library.ris")
    ref = result.references[0]
    assert ref.dates["issued"] == Date(2020)
    assert ref.get("volume") == "12"
    assert ref.get("note") == "EndNote garbage line"  # kept verbatim
    assert [(p.file, p.line) for p in result.problems] == [("library.ris", 4)]
    assert "PY" in str(result.problems[0])


def test_untagged_lines_after_a_number_are_kept_in_order() -> None:
    text = "TY  - JOUR\nTI  - A title\nVL  - 12\nfirst stray line\nsecond stray line\nER  - \n"
    result = ris.loads(text)
    ref = result.references[0]
    assert ref.get("volume") == "12"
    assert ref.get("note") == "first stray line\nsecond stray line"
    assert [p.line for p in result.problems] == [4]


def test_a_wrapped_title_is_still_one_title() -> None:
    text = "TY  - JOUR\nT1  - Blood-brain barrier breach following\ncortical contusion in the rat\nPY  - 1996\nER  - \n"
    result = ris.loads(text)
    assert result.references[0].title == "Blood-brain barrier breach following cortical contusion in the rat"
    assert not result.problems


def test_dates_without_a_tag_go_to_extra_and_come_back() -> None:
    ref = _article(Date(2019, season="3"))
    ref.dates["original-date"] = Date.from_iso("1850/1852")
    ref.dates["event-date"] = Date.from_iso("2018-09-03/2018-09-07")
    text = ris.dumps([ref])
    assert _tags(text, "M2") == ["original-date: 1850/1852", "event-date: 2018-09-03/2018-09-07"]
    back = ris.loads(text).references[0]
    assert back.dates == ref.dates
    assert back.get("note") == ""
