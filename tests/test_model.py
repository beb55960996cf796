"""The record is lossless: dates (ranges, EDTF), names (both particles, other keys) survive CSL."""

from __future__ import annotations

import pytest

from citekeeper.model import Date, Name, Reference


@pytest.mark.parametrize(
    "text",
    ["2019", "2024-02-05", "2019/2020", "2004-03-03/2005-08-09", "2019~", "2019?", "2019%",
     "2017-11-16T14:45:04", "2019/..", "2019/", "../2020", "2019-21", "-0044-03-15", "2019?/2020~"],
)
def test_edtf_dates_round_trip_through_text_and_csl(text: str) -> None:
    d = Date.from_iso(text)
    assert d.year is not None or d.end is not None
    assert d.iso() == text
    assert Date.from_csl(d.to_csl()) == d


def test_range_parts_and_flags() -> None:
    d = Date.from_iso("2004-03-03/2005-08-09")
    assert (d.year, d.month, d.day) == (2004, 3, 3)
    assert d.end == Date(2005, 8, 9)
    assert d.to_csl() == {"date-parts": [[2004, 3, 3], [2005, 8, 9]]}
    assert Date.from_iso("2019~").circa and Date.from_iso("2019?").uncertain
    assert Date.from_iso("2019-22").season == "2"


@pytest.mark.parametrize("text", ["2019-13", "n.d.", "199X", "forthcoming", "2024-2-30x"])
def test_what_is_no_date_stays_a_literal(text: str) -> None:
    d = Date.from_iso(text)
    assert d.year is None and d.literal == text and d.iso() == text


def test_csl_dates_with_season_circa_and_literal() -> None:
    assert Date.from_csl({"date-parts": [[1999]], "season": 3, "circa": True}) == Date(1999, circa=True, season="3")
    assert Date.from_csl({"literal": "Spring 1999"}).to_csl() == {"literal": "Spring 1999"}
    assert Date.from_csl({"raw": "2019/2020"}) == Date(2019, end=Date(2020))
    assert Date.from_csl("2024-02") == Date(2024, 2)


def test_names_keep_both_particles_and_other_keys() -> None:
    data = {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van", "comma-suffix": True}
    name = Name.from_csl(data)
    assert name.dropping_particle == "van" and not name.particle
    assert name.to_csl() == data
    gogh = Name.from_csl({"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"})
    assert gogh.particle == "van" and gogh.to_csl()["non-dropping-particle"] == "van"
    hash(name)  # names stay hashable


def test_snapshot_tells_an_edited_record() -> None:
    ref = Reference(id="a", type="book", fields={"title": "T"})
    before = ref.snapshot()
    assert ref.snapshot() == before
    ref.set("DOI", "10.1/x")
    assert ref.snapshot() != before
