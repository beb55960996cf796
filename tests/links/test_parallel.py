"""Reading a large .bib in pieces in worker processes gives the reader's own result."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from linkservers import LocalWeb

from citekeeper.links import parallel
from citekeeper.links.runner import CheckOptions, check_files


def _bib(tmp_path: Path, web: LocalWeb, n: int) -> Path:
    p = tmp_path / "big.bib"
    parts = []
    for i in range(n):
        url = web.url("/404") if i % 7 == 0 else web.url(f"/ok/par-{i}")
        parts.append(f"@misc{{e{i},\n  title = {{Entry {i}}},\n  url = {{{url}}},\n"
                     f"  urldate = {{2021-0{1 + i % 9}-01}}\n}}\n\n")
    parts.append("@article{broken, title = {x\n  url = {" + web.url("/410") + "}\n\n")
    p.write_text("".join(parts))
    return p


def test_pieces_are_cut_between_entries_only() -> None:
    text = "".join(f"@misc{{k{i},\n  url = {{https://ex.org/{i}}}\n}}\n" for i in range(40))
    cuts = parallel.pieces_of(text, 4)
    assert cuts is not None and len(cuts) == 4
    assert all(text[a] == "@" for a, _, _ in cuts)
    assert sum(b - a for a, b, _ in cuts) == len(text)
    assert [line for _, _, line in cuts] == [text[:a].count("\n") for a, _, _ in cuts]
    assert parallel.pieces_of('@string{x = "y"}\n' + text, 4) is None  # entries depend on it
    assert parallel.pieces_of(text.replace("}\n}", "},\n  crossref = {k0}\n}", 1), 4) is None


def test_parallel_reading_gives_the_same_findings(web: LocalWeb, options: CheckOptions, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    p = _bib(tmp_path, web, 60)
    one = check_files([p], dataclasses.replace(options, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # make this small file "large"
    two = check_files([p], dataclasses.replace(options, jobs=2))
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert len(two.findings) == 61 and two.exit_code == 1
    assert any(f.citation.line and f.citation.line > 300 for f in two.findings)  # lines are the file's
