"""JSON rows encoded while the shards check (``Run.encode_ahead``, ``Report.rows``): the
report written from them is the report written without them."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest
from linkservers import LocalWeb

from citekeeper.links import parallel, report, runner
from citekeeper.links.runner import CheckOptions, check_files

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def _bib(tmp_path: Path, web: LocalWeb, n: int) -> Path:
    parts = []
    for i in range(n):
        url = web.url("/404") if i % 50 == 7 else web.url(f"/ok/row{i}")
        parts.append(f"@misc{{e{i},\n  url = {{{url}}},\n  urldate = {{2021-0{1 + i % 9}-01}}\n}}\n\n")
    parts.append(f"@misc{{again,\n  url = {{{web.url('/ok/row1')}}}\n}}\n")  # a second citation of one target
    p = tmp_path / "rows.bib"
    p.write_text("".join(parts))
    return p


@needs_fork
def test_rows_encoded_ahead_give_the_same_json(web: LocalWeb, options: CheckOptions, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    p = _bib(tmp_path, web, 700)  # over 500 findings: the streamed layout
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # checked by shards, as a large .bib
    opts = dataclasses.replace(options, archive_mode="none", jobs=2)
    rep = check_files([p], opts, json_rows=True)
    assert len(rep.findings) == 701
    ahead = [f for f in rep.findings if rep.rows.get(id(f), (None,))[0] is f]
    assert len(ahead) > 600  # the ok ones, encoded as they came
    with_rows = "".join(report.iter_json(rep))
    rep.rows = {}
    assert with_rows == "".join(report.iter_json(rep))


@needs_fork
def test_rows_ahead_stop_at_the_cap_and_only_when_asked(web: LocalWeb, options: CheckOptions, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    p = _bib(tmp_path, web, 300)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)
    opts = dataclasses.replace(options, archive_mode="none", jobs=2)
    assert check_files([p], opts).rows == {}
    monkeypatch.setattr(runner, "ROWS_AHEAD", 50)
    rep = check_files([p], opts, json_rows=True)
    assert 50 <= len(rep.rows) <= 52  # a target's citations are encoded together
