#!/usr/bin/env python3
"""A projected read against the full read on every .bib of ``../shared/realbib``: same results, less CPU.

    python3 benchmarks/convert/bench_projection.py [--realbib ../shared/realbib] [--reps 3]
        [--fields URL,DOI,issued,accessed] [extra.bib ...]

For each file: ``formats.read_file(path)`` and ``formats.read_file(path, fields=...)``
(default: what ``check`` asks for, ``links.parallel.CHECK_FIELDS``).  Every entry's
``bibtex.projection`` (id, type, the projected fields and dates, origin, verbatim text)
must be equal in both, and so must the problems, warnings, failed blocks and kept blocks;
any difference is printed and the script exits 1.  CPU seconds (``time.process_time``,
median of ``--reps``, the two reads interleaved) per file and in total.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from citekeeper import formats
from citekeeper.formats import bibtex
from citekeeper.links.parallel import CHECK_FIELDS

REPO = Path(__file__).resolve().parents[2]


def differences(full: formats.ReadResult, proj: formats.ReadResult) -> list[str]:
    """What the projected read gave otherwise than the full one (nothing, if it is right)."""
    out = []
    if len(full.references) != len(proj.references):
        out.append(f"{len(full.references)} records read in full, {len(proj.references)} projected")
    for a, b in zip(full.references, proj.references, strict=False):
        if bibtex.projection(a) != bibtex.projection(b):
            out.append(f"entry {a.id!r} (line {a.origin.line_start if a.origin else '?'}): "
                       f"{bibtex.projection(a)[:4]} != {bibtex.projection(b)[:4]}")
    for what in ("warnings", "blocks"):
        if getattr(full, what) != getattr(proj, what):
            out.append(f"{what} differ")
    if [str(p) for p in full.problems] != [str(p) for p in proj.problems]:
        out.append("problems differ")
    if [(f.line, f.raw, f.reason) for f in full.failed] != [(f.line, f.raw, f.reason) for f in proj.failed]:
        out.append("failed blocks differ")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("extra", nargs="*", help="more .bib files (the link farm's load50k.bib ...)")
    ap.add_argument("--realbib", default=str(REPO / ".." / "shared" / "realbib"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--fields", default=",".join(sorted(CHECK_FIELDS)))
    a = ap.parse_args()
    fields = frozenset(a.fields.split(","))
    paths = sorted(Path(a.realbib).glob("*.bib")) + [Path(p) for p in a.extra]
    print(f"fields: {', '.join(sorted(fields))}\n")
    print("| file | entries | differing | full read CPU s | projected CPU s | ratio |")
    print("|---|---|---|---|---|---|")
    entries = bad = 0
    tf = tp = 0.0
    for path in paths:
        full_t, proj_t = [], []
        for _ in range(a.reps):
            t = time.process_time()
            full = formats.read_file(path)
            full_t.append(time.process_time() - t)
            t = time.process_time()
            proj = formats.read_file(path, fields=fields)
            proj_t.append(time.process_time() - t)
        diff = differences(full, proj)
        for d in diff[:5]:
            print(f"  {path.name}: {d}", file=sys.stderr)
        f, p = statistics.median(full_t), statistics.median(proj_t)
        n = len(full.references)
        entries += n
        bad += len(diff)
        tf += f
        tp += p
        print(f"| {path.name} | {n} | {len(diff)} | {f:.3f} | {p:.3f} | {p / f if f else 0:.2f} |")
    print(f"| **all {len(paths)} files** | **{entries}** | **{bad}** | {tf:.3f} | {tp:.3f} | {tp / tf if tf else 0:.2f} |")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
