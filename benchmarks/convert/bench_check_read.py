#!/usr/bin/env python3
"""CPU of what ``citekeeper check`` spends reading a large .bib, per source tree, interleaved.

    python3 benchmarks/convert/bench_check_read.py FILE.bib [--src NAME=PATH ...] [--reps 5]
        [--modes workers,inprocess] [--json out.json]

``--src`` names a source tree to import ``citekeeper`` from (``base=/tmp/old/src``); the
default is this checkout's ``src``.  For each rep, each source tree and each mode, a fresh
process (so nothing is cached from the rep before) does what ``check`` does with a large
.bib (``links/runner.read_inputs`` with a ``ReadPool``):

* ``workers``: the reading workers of ``links/parallel.py`` (one per core, forked before
  reading), every piece read and its links collected there, the pieces absorbed by a
  ``Collector`` in the parent as the runner does.  CPU = the workers' (``RUSAGE_CHILDREN``
  after the pool is shut down) + the parent's from forking to the last piece absorbed.
* ``inprocess``: the same pieces through the same function in the parent itself
  (``ReadPool(jobs, workers=False)``): no worker at all.  Skipped for a tree without it.

Prints medians (CPU seconds, wall seconds, entries, distinct targets; the targets must be
the same in every run) and the load average before each rep.  Reads the file only: no
network.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from citekeeper.links import parallel
from citekeeper.links.collect import Collector
from citekeeper.textio import read_text

path, mode, jobs = sys.argv[2], sys.argv[3], int(sys.argv[4])
import citekeeper.formats.bibtex  # noqa: F401  (imports are not reading; check has them loaded too)
r0 = resource.getrusage(resource.RUSAGE_SELF)
w0 = time.perf_counter()
text = read_text(path, max_bytes=os.path.getsize(path)).text
c = Collector()
try:
    pool = parallel.ReadPool(jobs) if mode == "workers" else parallel.ReadPool(jobs, workers=False)
except TypeError:
    print(json.dumps(None))  # a tree without reading in the checking process
    raise SystemExit(0)
for fut in parallel.read_pieces(pool, path, text):
    c.absorb(fut.result().collected)
if pool.pool is not None:
    pool.pool.shutdown(wait=True)
wall = time.perf_counter() - w0
r1 = resource.getrusage(resource.RUSAGE_SELF)
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
parent = r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime
children = ch.ru_utime + ch.ru_stime
print(json.dumps({"cpu": parent + children, "parent": parent, "children": children, "wall": wall,
                  "targets": len(c.order), "citations": sum(len(v) for v in c.cites.values())}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bib")
    ap.add_argument("--src", action="append", default=[], help="NAME=PATH of a source tree (repeatable)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--modes", default="workers,inprocess")
    ap.add_argument("--json")
    a = ap.parse_args()
    srcs = dict(s.split("=", 1) for s in a.src) or {"this": str(REPO / "src")}
    modes = a.modes.split(",")
    runs: dict[str, list[dict]] = {}
    for rep in range(a.reps):
        load = os.getloadavg()[0]
        for name, src in srcs.items():
            for mode in modes:
                out = subprocess.run([sys.executable, "-c", _CHILD, src, a.bib, mode, str(a.jobs)],
                                     check=True, capture_output=True, text=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                if r is None:
                    continue
                r["load1"] = load
                runs.setdefault(f"{name} {mode}", []).append(r)
                print(f"rep {rep} {name} {mode}: {r}", file=sys.stderr)
    print("| source, mode | CPU s (median) | parent | workers | wall s | targets | citations | reps (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for k, rs in runs.items():
        def med(f: str, rs: list[dict] = rs) -> float:
            return statistics.median(r[f] for r in rs)
        cpus = " / ".join(f"{r['cpu']:.2f}" for r in rs)
        print(f"| {k} | {med('cpu'):.2f} | {med('parent'):.2f} | {med('children'):.2f} | {med('wall'):.2f} |"
              f" {rs[0]['targets']} | {rs[0]['citations']} | {cpus} |")
    loads = [r["load1"] for rs in runs.values() for r in rs]
    print(f"\nload average (1 min) before the reps: {min(loads):.1f}-{max(loads):.1f}")
    if a.json:
        Path(a.json).write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
