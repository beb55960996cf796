#!/usr/bin/env python3
"""Start-up and exit of ``citekeeper check``, A/B between checkouts, seen from the farm.

    flock /tmp/bench.lock python benchmarks/linkcheck/startup_ab.py \\
        --peers head=/tmp/src-head/src,new=src [--n 400 --hosts 20] [--reps 15]

A small set (``--n`` links over ``--hosts`` load hosts, 4 per host: 400 over 20 is
five rounds of the farm's 50 ms) makes each run last ~0.5 s, so the parts that do not
grow with the input -- exec -> first request, every host's first and 4th request, last
answer -> exit -- get many interleaved reps in the time one load10k run takes.  The
farm is ``trace_rounds.py``'s (the linkfarm's own code, its middleware wrapped to keep
each request's arrival and answer); the numbers are its ``analyse``'s, plus the CPU
(user + sys) of the client's process tree.  Each peer is ``NAME=PYTHONPATH`` (a
checkout's ``src``, byte-compiled first) run through the tools venv's ``citekeeper``
console script, as ``vs_lychee.py`` runs it; ``lychee`` is the peer itself.  Only
loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trace_rounds import analyse, get, start
from vs_lychee import env_for, gen

REPO = Path(__file__).resolve().parents[2]
KEYS = ("start", "hosts_started_by", "slots_started_by", "end", "exit", "wall", "cpu")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18790)
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "startup_ab"))
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--peers", default="citekeeper,lychee",
                    help="citekeeper (the venv's), lychee, or NAME=PYTHONPATH of a checkout's src")
    ap.add_argument("--args", default="", help="extra arguments for citekeeper check (split on spaces)")
    a = ap.parse_args()
    farm, tools, work = Path(a.farm).resolve(), Path(a.tools).resolve(), Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    venv = tools / "venv" / "bin"
    peers = [p.partition("=") for p in a.peers.split(",")]
    for _, _, path in peers:
        if path:  # as a wheel install leaves it (PYTHONDONTWRITEBYTECODE is set here)
            subprocess.run([str(venv / "python"), "-m", "compileall", "-q", path], check=False,
                           stdout=subprocess.DEVNULL)
    proc = start(farm, a.port, work)
    name_set = f"s{a.n}x{a.hosts}"
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    try:
        gen(farm, a.port, data, name_set, a.n, a.hosts, [])
        for rep in range(a.reps):
            order = peers if rep % 2 == 0 else peers[::-1]  # interleaved, each first in turn
            for name, _, path in order:
                env = env_for(a.port)
                if name == "lychee":
                    cmd = [str(venv / "lychee"), "--no-progress", "--format", "json", "-v",
                           "--max-concurrency", "512", "--host-concurrency", "4",
                           "--host-request-interval", "0ms", "--max-retries", "2", "--retry-wait-time", "1",
                           "--timeout", "3", "--max-redirects", "10", "--accept", "100..=103,200..=299",
                           "--", str(data / f"{name_set}.md")]
                else:
                    cmd = [str(venv / "citekeeper"), "check", str(data / f"{name_set}.bib"),
                           "--format", "json", "--allow-private", "--no-cache", *a.args.split()]
                    if path:
                        env["PYTHONPATH"] = path
                get(a.port, "reset")
                c0 = os.times()
                t0 = time.time()
                p = subprocess.run(cmd, capture_output=True, env=env, check=False)
                t_exit = time.time()
                c1 = os.times()
                trace = get(a.port, "trace")
                assert isinstance(trace, list)
                row = analyse(trace, t0, t_exit)
                row["cpu"] = (c1.children_user - c0.children_user + c1.children_system - c0.children_system) * 1e3
                row["rc"] = p.returncode
                rows[name].append(row)
                print(f"rep {rep} {name}: " + " ".join(f"{k} {row[k]:.1f}" for k in KEYS) + f" rc {p.returncode}",
                      flush=True)
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\nmedians of {a.reps} (ms), {name_set}, load {os.getloadavg()[0]:.2f}:\n| peer | " + " | ".join(KEYS) + " |")
    print("|---|" + "---|" * len(KEYS))
    for name, rs in rows.items():
        print(f"| {name} | " + " | ".join(f"{statistics.median(r[k] for r in rs):.1f}" for k in KEYS) + " |")
    (work / "startup_ab.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
