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


def _count_reads(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[int]:
    """How many times ``path``'s bytes are read (every reader goes through Path.read_bytes)."""
    reads = [0]
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        if self.resolve() == path.resolve():
            reads[0] += 1
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_a_bib_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    reads = _count_reads(monkeypatch, path)
    doc = document.load(path, dt.date(2026, 12, 1))
    assert reads[0] == 1
    assert [r.id for r in doc.references] == ["Syslo84", "two"]
    assert doc.bib["two"]["url"].line == 14


def test_a_csl_json_is_read_once_and_items_have_their_lines(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    path = tmp_path / "lib.json"
    items = [{"id": "a", "type": "book", "title": "A"},
             {"id": "b", "citation-key": "bee", "type": "webpage", "title": "B",
              "URL": "https://ex.org/b", "citekeeper": {"origin": {"kind": "footnote", "number": 3,
                                                                    "line_start": 77}}}]
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    reads = _count_reads(monkeypatch, path)
    doc = document.load(path, dt.date(2026, 12, 1))
    assert reads[0] == 1
    by_id = {r.id: r for r in doc.all_refs}
    assert doc.line_of(by_id["a"]) == 2
    # the citation-key names the item; its line is in this file, not its article's line 77
    assert doc.line_of(by_id["bee"]) == 7
    url_line = doc.text.split("\n").index('    "URL": "https://ex.org/b",') + 1
    assert doc.line_of(by_id["bee"], "https://ex.org/b") == url_line


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


def test_ris_entries_have_their_lines_and_a_value_is_found_in_its_own_entry(tmp_path: Path) -> None:
    path = tmp_path / "lib.ris"
    path.write_text("TY  - JOUR\nTI  - One\nER  - \n\nTY  - BOOK\nTI  - Two\nUR  - https://ex.org/b\nER  - \n",
                    encoding="utf-8")
    doc = document.load(path, dt.date(2026, 12, 1))
    one, two = doc.references
    assert (doc.line_of(one), doc.line_of(two)) == (1, 5)
    assert doc.line_of(two, "https://ex.org/b") == 7
    assert doc.line_of(one, "https://ex.org/b") == 1  # not found in its own entry: its first line


def test_an_article_is_read_once_through_the_one_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "article.txt"
    path.write_text("A Title\n\nReceived: 08.02.2024\n\nText [1].\n\nReferences\n\n"
                    "1. Smith J. A book. Moscow: Nauka, 2001. 200 p.\n", encoding="utf-8")
    reads = _count_reads(monkeypatch, path)
    doc = document.load(path, dt.date(2026, 12, 1))
    assert reads[0] == 1
    assert doc.is_article and len(doc.references) == 1 and doc.editorial["received"][1] == 3
