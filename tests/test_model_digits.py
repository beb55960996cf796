"""Dates whose parts are digits to ``str.isdigit`` but no number to ``int``: superscripts
(``²``, ``³``), circled digits (``①``).  ``isdigit`` let them through to ``int()``, so one such
part in a CSL-JSON date or season stopped render, lint and export with "internal error:
ValueError" (exit 70).  They are read as what they are: not a number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.model import Date

ODD = ["\u00b2", "\u00b3", "\u2460", "2\u00b9", "--5"]


@pytest.mark.parametrize("odd", ODD)
def test_a_date_part_that_is_no_number_is_dropped(odd: str) -> None:
    d = Date.from_csl({"date-parts": [[2019, odd, 4]]})
    assert d.year == 2019 and d.month is None
    assert Date.from_csl({"date-parts": [[odd]], "raw": "spring"}).year is None


@pytest.mark.parametrize("odd", ODD)
def test_a_season_that_is_no_number_is_kept_as_written(odd: str) -> None:
    d = Date.from_csl({"date-parts": [[2019]], "season": odd})
    assert d.season == odd
    assert d.to_csl()["season"] == odd
    assert d.iso().startswith("2019")


def test_negative_years_still_count() -> None:
    assert Date.from_csl({"date-parts": [["-333", 5]]}).parts == [-333, 5]


def test_decimal_digits_of_other_scripts_still_count() -> None:
    d = Date.from_csl({"date-parts": [["\u0662\u0660\u0661\u0669", "\u0663"]], "season": "\u0662"})
    assert (d.year, d.month, d.season) == (2019, 3, "\u0662")
    assert d.to_csl()["season"] == 2


@pytest.mark.parametrize("command", [["render"], ["lint"], ["export", "--to", "biblatex"]])
def test_commands_read_such_dates(tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "odd.json"
    p.write_text(json.dumps([
        {"id": "a", "type": "book", "title": "One", "publisher": "P", "issued": {"date-parts": [[2019, "\u00b3"]]}},
        {"id": "b", "type": "book", "title": "Two", "publisher": "P",
         "issued": {"date-parts": [[2020]], "season": "\u00b2"}},
    ]), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main([command[0], str(p), *command[1:]])
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert exc.value.code in (0, 1)
