#!/usr/bin/env python3
"""The parent's CPU and wall time from exec to its first list sent to the checking shards,
A/B between checkouts, interleaved.

    python benchmarks/linkcheck/first_send.py --peers head=/tmp/src-head/src,new=src \\
        [--bib benchmarks/_work/trace_rounds/data/load10k.bib] [--reps 21]

Why CPU: on a machine shared with other jobs the wall time from exec to the first request
moves by tens of milliseconds from run to run (``trace_rounds.py``), while the CPU the
parent spends to get there -- the interpreter, the imports, the options, the fork, the
first list -- hardly does.  Each run is the tools venv's console script, with
``links.shard.Shards.send`` wrapped (in this benchmark only) to write
``time.process_time()`` (the parent's CPU since exec) and the wall time since the run was
started at its first call, then end the process: no request is needed, so no farm runs;
the shards, forked, are killed with it.  Medians of ``--reps``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

WRAPPER = r"""
import os, sys, time
from citekeeper.links import shard

def first(self, targets, keys, _send=shard.Shards.send):
    cpu = time.process_time()
    wall = time.time() - float(os.environ["FIRST_SEND_T0"])
    os.write(int(os.environ["FIRST_SEND_FD"]), f"{cpu * 1e3:.2f} {wall * 1e3:.2f} {len(targets)}\n".encode())
    for p in self.procs:  # a shard holds its own inbox open: it would wait for the parent forever
        os.kill(p.pid, 9)
    os._exit(0)

shard.Shards.send = first
sys.argv = ["citekeeper", *sys.argv[1:]]
from citekeeper.cli import run
run()
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--bib", default=str(REPO / "benchmarks" / "_work" / "trace_rounds" / "data" / "load10k.bib"))
    ap.add_argument("--reps", type=int, default=21)
    ap.add_argument("--peers", required=True, help="NAME=PYTHONPATH of a checkout's src, comma-separated")
    a = ap.parse_args()
    py = str(Path(a.tools) / "venv" / "bin" / "python")
    peers = [p.partition("=") for p in a.peers.split(",")]
    for _, _, path in peers:  # as a wheel install leaves it (PYTHONDONTWRITEBYTECODE is set here)
        subprocess.run([py, "-m", "compileall", "-q", path], check=False, stdout=subprocess.DEVNULL)
    rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for rep in range(a.reps):
        for name, _, path in (peers if rep % 2 == 0 else peers[::-1]):
            r, w = os.pipe()
            env = {**os.environ, "PYTHONPATH": path, "FIRST_SEND_FD": str(w), "FIRST_SEND_T0": repr(time.time())}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([py, "-c", WRAPPER, "check", a.bib, "--format", "json", "--allow-private", "--no-cache",
                            "--no-progress"], env=env, pass_fds=(w,), check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(w)
            line = os.read(r, 200).decode().split()
            os.close(r)
            if line:
                rows[name].append((float(line[0]), float(line[1])))
    print(f"medians of {a.reps}, load {os.getloadavg()[0]:.2f}: parent's CPU / wall from exec to its first send (ms)")
    for name, xs in rows.items():
        print(f"| {name} | {statistics.median(c for c, _ in xs):.1f} | {statistics.median(w for _, w in xs):.1f} |"
              f" {len(xs)} runs |")


if __name__ == "__main__":
    sys.exit(main())
