"""What a sharded run starts besides its shards: reading workers only for a file the
parent does not read for its links itself (``runner._links_only``)."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest
from linkservers import LocalWeb

from citekeeper.links import parallel
from citekeeper.links.runner import CheckOptions, check_files

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def _bib(path: Path, web: LocalWeb, n: int, encoding: str) -> Path:
    title = "\u0418\u0441\u0442\u043e\u0440\u0438\u044f \u0433\u043e\u0440\u043e\u0434\u0430"  # Russian
    path.write_bytes("".join(f"@misc{{e{i},\n  title = {{{title} {i}}},\n  url = {{{web.url(f'/ok/s{i}')}}}\n}}\n\n"
                             for i in range(n)).encode(encoding))
    return path


@needs_fork
@pytest.mark.parametrize(("encoding", "workers"), [("utf-8", 0), ("cp1251", 1)])
def test_reading_workers_only_for_a_file_the_parent_does_not_read(
        web: LocalWeb, options: CheckOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        encoding: str, workers: int) -> None:
    p = _bib(tmp_path / "refs.bib", web, 60, encoding)
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # checked by shards, as a large .bib
    started: list[int] = []
    real = parallel.ReadPool.__init__

    def spy(self: parallel.ReadPool, jobs: int, workers: bool | None = None) -> None:
        started.append(jobs)
        real(self, jobs, workers)

    monkeypatch.setattr(parallel.ReadPool, "__init__", spy)
    rep = check_files([p], dataclasses.replace(options, archive_mode="none", jobs=2))
    assert rep.summary()["by_status"]["ok"] == 60
    assert len(started) == workers
