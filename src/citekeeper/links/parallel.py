"""Reading a large .bib for ``check``: for its links only, in the checking parent
(``LinksRead``), or in pieces by worker processes while the first pieces' links are
already being checked.

With checking shards (``runner.check_files``), a UTF-8 .bib is read by ``LinksRead``
(``formats.bibtex.links_of``: no record built for a plain entry) between turns of the
parent's event loop: on the link farm's 50,000 entries that is 0.64-0.70 s of CPU where
the workers took 1.2 s and the parent 0.3 s more to scan, unpickle and absorb
(benchmarks/linkcheck/parent.md, fifth session).  The workers below still read a large
.bib when there is one checking process, or the file is not UTF-8 or has CR line ends.

Why: reading is a large part of ``check``'s CPU on a large bibliography.  The one
reader (``formats.bibtex.loads``) projected to what ``check`` reads (``CHECK_FIELDS``)
takes 0.74 s of CPU for the link farm's 50,000 entries (1.0 s read in full), and
collecting their links 0.36 s more; in the 6.6 s of CPU a whole ``check`` of them
takes, the two workers are about 1.2 s.  Read here instead, in the checking process
between turns of its event loop (``ReadPool(workers=False)``), the CPU was the same
(6.62 s against 6.64 s, medians of 3) and the wall time worse (9.9-14.8 s against
8.3-13.0 s): that process also sends the links to the checking shards and takes their
results, and every piece read there holds them up.  Measured in
benchmarks/convert/README.md ("Reading for check").

The text is cut only between entries (a line that starts with ``@``) and only when
no entry depends on another (no ``@string``, ``crossref`` or ``xdata``); each piece
goes through the same reader, told the line it starts on (``first_line``), so the
result is the reader's result for the whole file.  The workers are forked before the
event loop starts (``ReadPool``), so they start in milliseconds and need not import
the reader again; each gets its piece's text from the parent.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import concurrent.futures

    from citekeeper.links.collect import Collector

PARALLEL_BYTES = 512 * 1024  # smaller .bib files are read in this process (about 4,000 entries)
PIECES_PER_JOB = 4
WORKERS = True  # read pieces in worker processes (``ReadPool``); False: in the checking process
# Without workers, a piece is read between two turns of the event loop: small ones (about
# 40 ms of reading each) keep the links going out to the shards meanwhile.
INLINE_PIECE = 256 * 1024
_DEPENDS = re.compile(r"(?im)^\s*@\s*string\b|\b(?:crossref|xdata)\s*=")
# What ``Collector.add`` reads of a record besides id, origin and verbatim text: the reader
# builds only these (``formats.bibtex.PROJECTED``), 0.49 s -> 0.05 s of the 1.0 s that
# reading the link farm's 50,000 entries took (benchmarks/convert/README.md).
CHECK_FIELDS = frozenset({"URL", "DOI", "issued", "accessed"})


@dataclass
class Piece:
    """The links one piece holds (a ``Collector.state()``), its lines already the file's.

    The worker collects them itself: sending back the references (4 KB each, with
    their verbatim text) let the parent hold every finished piece at once -- 620 MB
    for 100,000 entries -- where the collected links take a tenth of that.
    """

    collected: tuple[list[tuple[str, str]], dict, dict, dict]
    unparsed: int
    problems: list[str]
    warnings: list[str]
    whole_file: bool = False  # a whole file's (``LinksRead``): its warnings go where a whole read's go


def depends(text: str) -> bool:
    """Does an entry of ``text`` depend on another (``@string``, ``crossref``, ``xdata``)?

    The regular expression runs only when one of the words is there at all: on its
    own it took 0.27 s on a 7 MB .bib, the lower-cased text and three ``in`` 0.02 s.
    """
    low = text.lower()
    if "string" not in low and "crossref" not in low and "xdata" not in low:
        return False
    return _DEPENDS.search(text) is not None


def pieces_of(text: str, n: int) -> list[tuple[int, int, int]] | None:
    """``(start, end, lines before start)`` of about ``n`` pieces cut between entries,
    or None when the text must be read whole.

    Each cut is the first entry start (a line beginning with ``@``) after an even
    share of the text: a ``find`` per piece, where listing every entry start first
    cost 0.3 s on 50,000 entries, in the process that checks the links meanwhile.
    """
    if n < 2 or text.count("\n@") + text.startswith("@") < 2 * n or depends(text):
        return None
    cuts = [0]
    for i in range(1, n):
        j = text.find("\n@", max(cuts[-1], len(text) * i // n))
        if j < 0:
            break
        if j + 1 > cuts[-1]:
            cuts.append(j + 1)
    cuts.append(len(text))
    out = []
    line = 0
    for a, b in itertools.pairwise(cuts):
        out.append((a, b, line))
        line += text.count("\n", a, b)
    return out


def _read_piece(path: str, text: str, line0: int, resolvers: frozenset[str],
                archive_hosts: frozenset[str]) -> Piece:
    """One piece (``text``, lines ``line0`` + 1 on of ``path``) through the one reader, its
    links collected.

    The reader projects (``fields=CHECK_FIELDS``: only what ``Collector.add`` reads), and
    the whole piece runs with the cyclic collector paused, as the reader itself does:
    collecting 50,000 records' links took 0.66 s CPU with it on, 0.36 s paused.  The text
    comes from the parent, which has it already: a worker that read and decoded the whole
    file for its slice spent 13 ms on each of 8 pieces of the 7 MB file.
    """
    from citekeeper.formats import bibtex
    from citekeeper.formats.bulk import gc_paused
    from citekeeper.links.collect import Collector

    with gc_paused():
        bib = bibtex.loads(text, file=path, fields=CHECK_FIELDS, first_line=line0 + 1)
        c = Collector(resolvers, archive_hosts)
        for ref in bib.references:
            c.add(ref)
        for b in bib.failed:
            c.add_text(f"(unparsed block at line {b.line})", b.file or path, b.line, b.raw)
        return Piece(c.state(), len(bib.failed), [str(p) for p in bib.problems], bib.warnings)


class LinksRead:
    """A .bib read for its links only, a slice at a time, into one ``Collector`` (``runner._scan``).

    Each plain entry goes from the split's fields straight to the collector
    (``formats.bibtex.links_of``, ``Collector.add_entry``); a block that is not plain is
    read by the projected reader, as a piece is (``_read_piece``), in the file's order.
    ``piece()`` then gives what a reading worker would have sent for the whole file.
    Why: the two reading workers took 1.2 s of CPU on the link farm's 50,000 entries
    (the projected reader, collecting, pickling the citations back) and the parent
    0.14 s more to unpickle and absorb them (and 0.16 s to scan the text for the shards
    first); this reads them in the parent, between turns of its event loop, in 0.67 s,
    and the whole run's CPU fell 5.66 -> 5.11 s (benchmarks/linkcheck/parent.md).
    """

    def __init__(self, path: str, text: str, collector: Collector) -> None:
        from citekeeper.formats import bibtex

        self.path = path
        self.collector = collector
        self.unparsed = 0
        self.problems: list[str] = []
        self.warnings: list[str] = []  # the split's (blocks read leniently)
        self._entry_warnings: list[str] = []  # the entries' own (undefined macros, repeated fields)
        self._blocks = bibtex.links_of(text, path)
        self._text: str | None = text  # until it is read: a file with ``@string`` is read in full

    def read(self, chars: int) -> list[tuple[str, str]] | None:
        """Read on until about ``chars`` characters of entries are read; the keys seen for the
        first time, or None once the file is read."""
        from citekeeper.formats.bulk import gc_paused

        c = self.collector
        add_entry = c.add_entry
        path = self.path
        new: list[tuple[str, str]] = []
        done = 0
        if self._text is None:
            return None
        from citekeeper.formats.bibtex import Dependent

        with gc_paused():
            try:
                for item in self._blocks:
                    if isinstance(item, tuple):
                        key, line, raw, url, doi, issued, accessed = item
                        new += add_entry(key, path, line, raw, url, doi, issued, accessed)
                        done += len(raw)
                    else:
                        new += self._add_read(item)
                        done += 1024
                    if done >= chars:
                        return new
            except Dependent:
                return self.read_whole()
        self._text = None
        return new if new or done else None

    def read_whole(self) -> list[tuple[str, str]]:
        """The file read in full after all (an entry depends on another): what was collected
        so far is dropped and collected again from the projected read of the whole text;
        returns every key (those already sent are not sent again: ``Run.prepare``)."""
        from citekeeper.formats import bibtex

        text, self._text = self._text, None
        assert text is not None
        c = self.collector
        c.order, c.cites, c.captures, c.fetch = [], {}, {}, {}
        self.unparsed, self.problems, self.warnings, self._entry_warnings = 0, [], [], []
        return self._add_read(bibtex.loads(text, self.path, fields=CHECK_FIELDS))

    def _add_read(self, bib: Any) -> list[tuple[str, str]]:
        c = self.collector
        new: list[tuple[str, str]] = []
        for ref in bib.references:
            new += c.add(ref)
        for b in bib.failed:
            new += c.add_text(f"(unparsed block at line {b.line})", b.file or self.path, b.line, b.raw)
        self.unparsed += len(bib.failed)
        self.problems += [str(p) for p in bib.problems]
        n = bib.split_warnings
        self.warnings += bib.warnings[:n]
        self._entry_warnings += bib.warnings[n:]
        return new

    def piece(self) -> Piece:
        """The whole file's ``Piece``: its problems, then its warnings in the order the reader
        gives them for the whole file (the split's first, then the entries' own)."""
        return Piece(self.collector.state(), self.unparsed, self.problems, self.warnings + self._entry_warnings,
                     whole_file=True)


def _warm() -> int:
    import citekeeper.formats.bibtex  # noqa: F401  (the reader's 60 ms of imports, in the worker)

    return os.getpid()


class ReadPool:
    """Worker processes for reading, forked before the event loop (see module docstring).

    The workers import the reader themselves, while the parent goes on: importing it
    in the parent first held the first request back by 60 ms (the parent itself never
    reads a large .bib: its pieces go to the workers).  ``workers=False`` reads the
    pieces in this process instead, one as each is asked for (``read_pieces``).
    """

    def __init__(self, jobs: int, workers: bool | None = None) -> None:
        self.jobs = jobs
        self.workers = WORKERS if workers is None else workers
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        if not self.workers:
            return
        import concurrent.futures  # here, not before the checking shards are forked (3 ms)
        import multiprocessing  # likewise: only the reading workers need it

        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
        for _ in range(jobs):
            self.pool.submit(_warm)  # forks the workers now, before the event loop

    def submit(self, path: str, text: str, line0: int, resolvers: frozenset[str],
               archive_hosts: frozenset[str]) -> concurrent.futures.Future[Piece]:
        """A piece read by a worker, or -- without workers -- read here and now."""
        if self.pool is not None:
            return self.pool.submit(_read_piece, path, text, line0, resolvers, archive_hosts)
        import concurrent.futures

        done: concurrent.futures.Future[Piece] = concurrent.futures.Future()
        done.set_result(_read_piece(path, text, line0, resolvers, archive_hosts))
        return done

    def close(self, wait: bool = False) -> None:
        """Stop the workers.  ``wait`` (the run ended normally, every piece read): the idle
        workers are joined, 3 ms; without it (interrupted) a worker reading a piece is not
        waited for.  A worker still alive when the command ends makes the CLI take
        Python's full exit (``cli.run``: the executor's thread joined at exit, the heap
        freed object by object) instead of a flush and ``os._exit``: on 10,000 links that
        happened in one run of two, tens of milliseconds after the report.
        """
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)


def jobs_for(paths: list[str | Path], jobs: int) -> int:
    """How many reading processes ``paths`` deserve: 1 for small inputs."""
    from citekeeper.formats import format_for

    size = 0
    for p in paths:
        if format_for(p) == "bibtex":
            with contextlib.suppress(OSError):
                size = max(size, os.path.getsize(p))
    if size < PARALLEL_BYTES:
        return 1
    return jobs or os.cpu_count() or 1


def read_pieces(pool: ReadPool, path: str, text: str, resolvers: frozenset[str] = frozenset(),
                archive_hosts: frozenset[str] = frozenset()) -> Iterator[Any] | None:
    """Futures of the pieces of ``path`` (whose text is ``text``), or None to read it whole.

    With workers every piece is submitted at once; without, each is read when the runner
    asks for the next (between two turns of its event loop).
    """
    n = pool.jobs * PIECES_PER_JOB if pool.pool is not None else max(2, len(text) // INLINE_PIECE)
    cuts = pieces_of(text, n)
    if cuts is None:
        return None
    if pool.pool is None:
        return (pool.submit(path, text[a:b], line0, resolvers, archive_hosts) for a, b, line0 in cuts)
    return _drain(collections.deque(pool.submit(path, text[a:b], line0, resolvers, archive_hosts)
                                    for a, b, line0 in cuts))


def _drain(futures: collections.deque[concurrent.futures.Future[Piece]]) -> Iterator[Any]:
    """Hand out the futures one by one, keeping no reference to those handed out: a
    piece's references are freed as soon as the runner has collected its links
    (holding them all cost 6 KB per entry, 330 MB on 50,000)."""
    while futures:
        yield futures.popleft()
