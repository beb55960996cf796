"""A .bib read in pieces for ``check`` (``links/parallel.py``: projected, from each piece's
first line, in worker processes or in the checking process) gives what collecting the
links of the one reader's full read of the whole file gives: the same targets, citations
(keys, files, lines, fields, dates), warnings and problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper import formats
from citekeeper.links import parallel
from citekeeper.links.collect import Collector


def _bib(n: int) -> str:
    parts = []
    for i in range(n):
        extra = "  doi = {10.1234/piece." + str(i) + "},\n" if i % 5 == 0 else ""
        if i % 11 == 0:
            extra += "  note = {see https://note.example/" + str(i) + " too},\n"
        if i % 13 == 0:
            extra += "  url = {https://again.example/},\n"  # a repeated field: a warning
        parts.append(f"@online{{e{i},\n  title = {{Entry {i}}},\n  url = {{https://ex.org/{i % 37}}},\n{extra}"
                     f"  urldate = {{2021-0{1 + i % 9}-01}},\n  date = {{20{10 + i % 9}}}\n}}\n\n")
        if i == 40:
            parts.append("% a comment between entries, https://comment.example/\n\n")
        if i == 70:
            parts.append("@article{broken, title = {x\n  url = {https://broken.example/}\n\n")  # read leniently
        if i == 90:
            parts.append("@article{lost\n  title = no comma\n  doi = 10.1234/lost\n\n")  # a failed block
    return "".join(parts)


def _full(path: Path) -> tuple[tuple, list[str], list[str]]:
    res = formats.read_file(path)
    c = Collector()
    for ref in res.references:
        c.add(ref)
    for b in res.failed:
        c.add_text(f"(unparsed block at line {b.line})", b.file or str(path), b.line, b.raw)
    return c.state(), [str(p) for p in res.problems], res.warnings


@pytest.mark.parametrize("workers", [True, False], ids=["workers", "in-process"])
def test_pieces_give_the_full_reads_links(tmp_path: Path, workers: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.bib"
    path.write_text(_bib(120), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    monkeypatch.setattr(parallel, "INLINE_PIECE", 1024)  # several pieces of this small file
    pool = parallel.ReadPool(2, workers=workers)
    try:
        futures = parallel.read_pieces(pool, str(path), text)
        assert futures is not None
        c = Collector()
        problems: list[str] = []
        warnings: list[str] = []
        pieces = 0
        for fut in futures:
            piece = fut.result(timeout=60)
            c.absorb(piece.collected)
            problems += piece.problems
            warnings += piece.warnings
            pieces += 1
    finally:
        pool.close()
    state, full_problems, full_warnings = _full(path)
    assert pieces >= 4
    # the same targets and citations; only the first-cited order differs, where a failed
    # block's links come after its piece's entries rather than after the whole file's
    order, cites, captures, fetch = state
    assert sorted(c.order) == sorted(order) and len(order) > 40
    assert {k: sorted(v, key=repr) for k, v in c.cites.items()} == {k: sorted(v, key=repr) for k, v in cites.items()}
    assert (c.captures, c.fetch) == (captures, fetch)
    assert problems == full_problems and len(problems) == 1
    # the same warnings, lines the file's (the reader lists a file's lenient reads first)
    assert sorted(warnings) == sorted(full_warnings) and len(warnings) >= 9
    lines = [cite.line for cites in c.cites.values() for cite in cites]
    assert max(line or 0 for line in lines) > text[: text.index("@online{e100,")].count("\n")


def test_a_file_whose_entries_depend_on_each_other_is_read_whole() -> None:
    pool = parallel.ReadPool(2, workers=False)
    text = '@string{x = "y"}\n' + _bib(40)
    assert parallel.read_pieces(pool, "x.bib", text) is None
