#!/usr/bin/env python3
"""Whole ``citekeeper check`` runs of several source trees against lychee, interleaved, on the linkfarm.

    python3 benchmarks/convert/check_ab.py --variant base=/tmp/old/src --variant new=src
        [--sets load50k] [--reps 3] [--port 18720] [--work benchmarks/_work/check_ab]

What ``benchmarks/linkcheck/vs_lychee.py`` does for one tree, for several, so a change to
the reader is measured against the tree before it *and* against lychee in the same run
(the machine is shared: only same-run ratios mean anything).  Each rep runs every variant
and lychee once, in turn (``bench.py speed --reps 1`` of ``../shared/linkfarm`` per
variant, which runs citekeeper then lychee), so lychee is measured once per variant per
rep.  A variant is a ``src`` folder; it is run by the tools venv's Python with that folder
first on ``sys.path`` (``benchmarks/_work/tools/venv``, which has lychee; a wrapper script
per variant is written under ``--work``).  Prints, per set and variant, the median wall
time and CPU seconds of citekeeper and of lychee in the same reps, and their ratios.
Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _vs_lychee():  # the farm helpers of benchmarks/linkcheck/vs_lychee.py (one copy of them)
    spec = importlib.util.spec_from_file_location("vs_lychee", REPO / "benchmarks" / "linkcheck" / "vs_lychee.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def wrapper(work: Path, name: str, src: Path, python: Path) -> Path:
    path = work / f"citekeeper-{name}"
    path.write_text(f"#!{python}\nimport sys\nsys.path.insert(0, {str(src)!r})\n"
                    "from citekeeper.cli import run\nsys.exit(run())\n")
    path.chmod(0o755)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", required=True, help="NAME=SRC (repeatable)")
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "check_ab"))
    ap.add_argument("--port", type=int, default=18720)
    ap.add_argument("--sets", default="load50k")
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    vl = _vs_lychee()
    farm, tools, work = Path(a.farm).resolve(), Path(a.tools).resolve(), Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    python = tools / "venv" / "bin" / "python3"
    variants = {n: wrapper(work, n, Path(s).resolve(), python)
                for n, s in (v.split("=", 1) for v in a.variant)}
    for v in a.variant:  # byte code written before the first rep, not during it
        subprocess.run([str(python), "-m", "compileall", "-q", v.split("=", 1)[1]], check=True)
    sizes = {"load10k": (10000, 20), "load50k": (50000, 200), "load100k": (100000, 200)}
    proc = vl.start_farm(farm, a.port, work)
    runs: dict[str, list[dict]] = {}
    try:
        for s in a.sets.split(","):
            vl.gen(farm, a.port, data, s, sizes[s][0], sizes[s][1], [])
        for rep in range(a.reps):
            for name, binary in variants.items():
                out = work / f"rep{rep}-{name}"
                out.mkdir(exist_ok=True)
                subprocess.run([sys.executable, str(farm / "bench.py"), "speed", "--peers", "citekeeper,lychee",
                                "--port", str(a.port), "--data", str(data), "--work", str(out), "--tools",
                                str(tools), "--citekeeper", str(binary), "--sets", a.sets, "--reps", "1"],
                               check=True, stdout=subprocess.DEVNULL)
                got = json.loads((out / "speed-runs.json").read_text())
                for key, rs in got.items():
                    sset, peer = key.split(" ", 1)
                    for r in rs:
                        runs.setdefault(f"{sset} {name} {peer}", []).append({**r, "load1": r.get("load1")})
                print(f"rep {rep} {name}: " + "; ".join(f"{k} {v[0]['wall']} s wall {v[0]['cpu_s']} s CPU"
                                                       f" right {v[0]['right']}" for k, v in got.items()),
                      file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(10)
    (work / "check_ab.json").write_text(json.dumps(runs, indent=1))
    print("| set | variant | citekeeper wall (median) | lychee wall | wall ratio | citekeeper CPU s | lychee CPU s |"
          " CPU ratio | citekeeper walls | right | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for s in a.sets.split(","):
        for name in variants:
            ck, ly = runs.get(f"{s} {name} citekeeper", []), runs.get(f"{s} {name} lychee", [])
            if not ck or not ly:
                continue
            cw, lw = statistics.median(r["wall"] for r in ck), statistics.median(r["wall"] for r in ly)
            cc, lc = statistics.median(r["cpu_s"] for r in ck), statistics.median(r["cpu_s"] for r in ly)
            loads = [r["load1"] for r in ck if r.get("load1") is not None]
            print(f"| {s} | {name} | {cw:.2f} | {lw:.2f} | {cw / lw:.2f} | {cc:.2f} | {lc:.2f} | {cc / lc:.2f} |"
                  f" {' / '.join(str(r['wall']) for r in ck)} | {min(r['right'] for r in ck)} |"
                  f" {min(loads, default=0):.1f}-{max(loads, default=0):.1f} |")
    print(f"\nload average (1 min) now: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
