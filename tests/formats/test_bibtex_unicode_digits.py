"""Digits that ``str.isdigit`` accepts but ``int()`` does not (superscripts, circled numbers).

A .bib with ``month = {²}`` or ``footnote = {³}`` stopped ``export`` and ``convert`` with an
internal error (exit 70): the reader tested ``isdigit`` and then called ``int``.  Found by
fuzzing in the fifth session; such a value is not a number, so it is kept as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.formats import read_file

BIB = """@article{a,
  author = {Meier, Karl},
  title = {Ein Titel},
  journal = {Zeitschrift},
  year = {2019},
  month = {%s},
  footnote = {%s},
}
"""


@pytest.mark.parametrize("odd", ["²", "③", "٣"])
def test_odd_digits_read_and_exported(tmp_path: Path, odd: str, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(BIB % (odd, odd), encoding="utf-8")
    refs = read_file(bib).references
    assert len(refs) == 1
    issued = refs[0].dates.get("issued")
    assert issued is not None and issued.year == 2019
    # '٣' (Arabic-Indic three) is a decimal digit: int() reads it as 3, a real month
    assert issued.month == (3 if odd == "٣" else None)
    out = tmp_path / "a.json"
    with pytest.raises(SystemExit) as done:
        main(["export", str(bib), "--to", "csl-json", "--output", str(out)])
    assert done.value.code in (0, None), capsys.readouterr().err
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items[0]["issued"]["date-parts"][0][0] == 2019
