#!/usr/bin/env python3
"""The links-only read of ``check`` against the projected reader, file by file: same links, lines, keys, dates.

    python3 benchmarks/convert/links_of.py [FILE.bib ...] [--farm ../shared/linkfarm] [--reps 5]

Without files: every .bib of ``../shared/realbib``, every .bib under ``tests/``, and the
link farm's sets made by ``farm.py gen`` (load10k, load50k, behaviours with a 0.1 mix
and the 29 behaviours, shuffled) into ``benchmarks/_work/links_of``.

For each file ``check`` would read for its links only (``runner._links_only``: UTF-8, no
CR, no ``@string``/``crossref``/``xdata``; the others are read in full and counted as
such), it compares what ``parallel.LinksRead`` collects (read the way the runner reads
it, a 128 KB slice per call) with the full read's (``formats.read_file``, then
``Collector.add``, as ``check`` reads a small file) and with what a reading worker sent
(``parallel._read_piece``, the projected reader): the ``Collector`` state -- each target
in first-cited order, every citation's key, file, line, field and dates, the archive
captures and credentialed fetch URLs -- and the unparsed-block count, the problems and
the warnings in order.  A report is built from nothing else, so
equal states give byte-identical reports (the tests compare whole reports too:
``tests/links/test_links_read.py``).  Exits 1 on any difference.

It also times both over each file (CPU, median of ``--reps``) and prints how many of
the entries took the links-only path (the rest went through the reader).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from citekeeper.formats import bibtex, read_file  # noqa: E402
from citekeeper.links import parallel  # noqa: E402
from citekeeper.links.collect import Collector  # noqa: E402
from citekeeper.textio import read_text  # noqa: E402

SLICE = 128 * 1024  # runner.SCAN_SLICE


def links_read(path: str, text: str) -> parallel.Piece:
    reader = parallel.LinksRead(path, text, Collector())
    while reader.read(SLICE) is not None:
        pass
    return reader.piece()


def full_read(path: Path) -> parallel.Piece:
    """The file read in full (``formats.read_file``, as ``check`` reads a small file), collected."""
    res = read_file(path)
    c = Collector()
    for ref in res.references:
        c.add(ref)
    for b in res.failed:
        c.add_text(f"(unparsed block at line {b.line})", b.file or str(path), b.line, b.raw)
    return parallel.Piece(c.state(), len(res.failed), [str(p) for p in res.problems], res.warnings)


def cpu(fn, reps: int) -> float:
    ts = []
    for _ in range(reps):
        t0 = time.process_time()
        fn()
        ts.append(time.process_time() - t0)
    return statistics.median(ts)


def farm_sets(farm: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sets = [("load10k", ["-n", "10000", "--hosts", "20"]), ("load50k", ["-n", "50000", "--hosts", "200"]),
            ("mixed", ["-n", "3000", "--mix", "load=0.9,behaviours=0.1", "--with-behaviours", "--shuffle"])]
    for name, args in sets:
        if not (out / f"{name}.bib").exists():
            subprocess.run([sys.executable, str(farm / "farm.py"), "gen", "--port", "18855", *args,
                            "--out", str(out), "--name", name], check=True, stdout=subprocess.DEVNULL)
    return [out / f"{name}.bib" for name, _ in sets]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    files = [Path(f) for f in a.files]
    if not files:
        files = sorted((REPO / ".." / "shared" / "realbib").glob("*.bib")) + sorted((REPO / "tests").rglob("*.bib"))
        files += farm_sets(Path(a.farm).resolve(), REPO / "benchmarks" / "_work" / "links_of")
    bad = 0
    print("| file | entries | links-only | targets | citations | same | reader CPU s | links-only CPU s |")
    print("|---|---|---|---|---|---|---|---|")
    for f in files:
        name = f.name
        tf = read_text(f)
        text = tf.text
        if tf.encoding != "utf-8" or "\r" in text or parallel.depends(text):
            print(f"| {name} | | read in full | | | | | |")
            continue
        full = full_read(f)
        fast = links_read(str(f), text)
        same = (full.collected == fast.collected and full.unparsed == fast.unparsed
                and full.problems + full.warnings == fast.problems + fast.warnings)
        piece = parallel._read_piece(str(f), text, 0, frozenset(), frozenset())
        same = same and piece.collected == fast.collected
        bad += not same
        plain = sum(isinstance(x, tuple) for x in bibtex.links_of(text, str(f)))
        entries = len(bibtex.loads(text, str(f), fields=parallel.CHECK_FIELDS).references)
        cites = sum(len(v) for v in full.collected[1].values())
        t_full = cpu(lambda f=f, text=text: parallel._read_piece(str(f), text, 0, frozenset(), frozenset()), a.reps)
        # (timed: the projected reader, as the reading workers ran it; the full read is slower)
        t_fast = cpu(lambda f=f, text=text: links_read(str(f), text), a.reps)
        print(f"| {name} | {entries} | {plain} | {len(full.collected[0])} | {cites} | {'yes' if same else '**NO**'}"
              f" | {t_full:.3f} | {t_fast:.3f} |", flush=True)
    print(f"\n{bad} file(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
