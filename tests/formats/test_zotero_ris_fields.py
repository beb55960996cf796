"""RIS keeps what Zotero's RIS.js reads: keywords (KW), BibLaTeX's annotation (N1), a
program's version (ET) and a work's number of volumes (NV) -- all lost before the sweep."""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import dumps, read_file
from citekeeper.model import Reference


def _ref(csl_type: str, **fields: str) -> Reference:
    ref = Reference(id="k", type=csl_type)
    ref.set("title", "A title")
    for k, v in fields.items():
        ref.set(k.replace("_", "-"), v)
    return ref


def _round_trip(tmp_path: Path, ref: Reference) -> Reference:
    path = tmp_path / "x.ris"
    path.write_text(dumps([ref], "ris"), encoding="utf-8")
    (back,) = read_file(path).references
    return back


def test_keywords_one_kw_each(tmp_path: Path) -> None:
    ref = _ref("book", keyword="primary, rivers; law")
    text = dumps([ref], "ris")
    assert [ln for ln in text.splitlines() if ln.startswith("KW")] == ["KW  - primary", "KW  - rivers", "KW  - law"]
    assert _round_trip(tmp_path, ref).get("keyword") == "primary, rivers, law"


def test_kw_continuation_lines_are_separate_keywords(tmp_path: Path) -> None:
    path = tmp_path / "endnote.ris"
    path.write_text("TY  - JOUR\nTI  - T\nKW  - Keyword1, Keyword2\nKeyword4\nKW  - rat\nER  -\n", encoding="utf-8")
    (ref,) = read_file(path).references
    assert ref.get("keyword") == "Keyword1, Keyword2, Keyword4, rat"


def test_annote_version_volumes(tmp_path: Path) -> None:
    book = _round_trip(tmp_path, _ref("book", annote="Read for chapter 2.", number_of_volumes="3"))
    assert "Read for chapter 2." in book.get("note") and book.get("number-of-volumes") == "3"
    program = _round_trip(tmp_path, _ref("software", version="2.1.0"))
    assert program.get("version") == "2.1.0" and not program.get("edition")
