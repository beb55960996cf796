"""``lint.document.load``: one read through ``formats.read_file``, the same fields and
lines as a scan of the text would give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citekeeper.formats import read_file
from citekeeper.lint import document
from citekeeper.lint.document import _verbatim_fields, bib_fields

BIB = """\
% a library with what real ones have
@string{tcs = "Theoretical Computer Science"}

@article{Syslo84,
  title   = {Pages 1029-1033 of a {Nested} title},
  journal = tcs,
  note    = "see " # tcs,
  author  = {Sys{\\l}o, Maciej and
             Proskurowski, A.},
  pages   = {1029-1033},
  year    = 1984,
}

@Misc{two,title={One line},url={https://ex.org/?utm_source=x},urldate={2020-01-01}}
"""


def test_a_bib_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")

    def second_read(*_: object) -> str:
        raise AssertionError("lint read the file a second time")

    monkeypatch.setattr(document, "_read_again", second_read)
    doc = document.load(path, dt.date(2026, 12, 1))
    assert [r.id for r in doc.references] == ["Syslo84", "two"]
    assert doc.bib["two"]["url"].line == 14


def test_verbatim_fields_equal_a_scan_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    refs = read_file(path).references
    fields = _verbatim_fields(refs)
    assert fields is not None
    assert fields == bib_fields(BIB)
    assert fields["Syslo84"]["pages"].line == 10  # not line 5, where the title repeats the value
    assert not fields["Syslo84"]["journal"].literal and not fields["Syslo84"]["note"].literal
    assert fields["Syslo84"]["@type"].value == "article"


def test_a_repeat_is_known_by_reference_repeats_not_by_warning_text() -> None:
    from citekeeper.lint.document import is_repeat
    from citekeeper.model import Reference

    full = Reference(type="book", id="meier2010")
    assert not is_repeat(full)
    short = Reference(type="book", repeats="meier2010")  # as read back from CSL-JSON: no warnings
    assert is_repeat(short)
    worded = Reference(type="book", warnings=["'Ibid.' repeats the previous citation (meier2010)"])
    assert not is_repeat(worded)
