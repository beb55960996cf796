#!/usr/bin/env python3
"""CPU of ``citekeeper check`` source trees A/B on the linkfarm: the whole tree and the parent alone.

    flock /tmp/bench.lock python3 benchmarks/convert/parent_ab.py --variant head=/tmp/head/src \\
        --variant new=src [--sets load50k,load10k] [--reps 4] [--port 18855]

Each rep runs every variant once, in turn (interleaved, so a change of the machine's load
hits each alike).  A variant is a ``src`` folder run by the tools venv's Python
(``benchmarks/_work/tools/venv``: uvloop, as ``vs_lychee.py`` runs it) with the folder
first on ``sys.path``, byte-compiled first.  Measured per run: wall time; CPU of the whole
process tree (user + sys of the children, ``os.times``); the parent's own CPU and that of
its reaped children (shards and readers), read by the wrapper just before the CLI's
``os._exit`` (``getrusage``); the farm's CPU for the run (``/proc/<pid>/stat``).  Every
run must report every link ok.  Prints the medians per set and variant and writes
``parent_ab.json`` under ``--work``.  Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks" / "linkcheck"))
from vs_lychee import admin, env_for, gen, start_farm  # noqa: E402  (the farm helpers, one copy)

TICKS = os.sysconf("SC_CLK_TCK")
SIZES = {"load10k": (10000, 20), "load50k": (50000, 200), "load100k": (100000, 200)}
WRAPPER = """#!{python}
import os, resource, sys
sys.path.insert(0, {src!r})
_exit = os._exit
def _report(code):
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    os.write(2, ("\\nPARENT_AB %.3f %.3f\\n" % (s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime)).encode())
    _exit(code)
os._exit = _report
from citekeeper.cli import run
sys.exit(run())
"""


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def one(binary: Path, bib: Path, port: int, farm_pid: int) -> dict:
    admin(port, "reset")
    f0, t0, b0 = proc_cpu(farm_pid), time.perf_counter(), os.times()
    p = subprocess.run([str(binary), "check", str(bib), "--format", "json", "--allow-private", "--no-cache",
                        "--no-progress"], capture_output=True, env=env_for(port))
    wall, b1 = time.perf_counter() - t0, os.times()
    row = {"wall": round(wall, 3), "farm_cpu": round(proc_cpu(farm_pid) - f0, 3),
           "cpu": round(b1.children_user - b0.children_user + b1.children_system - b0.children_system, 3)}
    for line in p.stderr.decode(errors="replace").splitlines():
        if line.startswith("PARENT_AB "):
            _, own, kids = line.split()
            row["parent_cpu"], row["children_cpu"] = float(own), float(kids)
    try:
        by = json.loads(p.stdout)["summary"]["by_status"]
        row["ok"] = by.get("ok", 0)
    except (ValueError, KeyError):
        row["error"] = p.stderr.decode(errors="replace")[-300:]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", required=True, help="NAME=SRC (repeatable)")
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "parent_ab"))
    ap.add_argument("--port", type=int, default=18855)
    ap.add_argument("--sets", default="load50k")
    ap.add_argument("--reps", type=int, default=4)
    a = ap.parse_args()
    work = Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    python = Path(a.tools).resolve() / "venv" / "bin" / "python3"
    variants = {}
    for v in a.variant:
        name, src = v.split("=", 1)
        subprocess.run([str(python), "-m", "compileall", "-q", src], check=True, stdout=subprocess.DEVNULL)
        path = work / f"citekeeper-{name}"
        path.write_text(WRAPPER.format(python=python, src=str(Path(src).resolve())))
        path.chmod(0o755)
        variants[name] = path
    farm = start_farm(Path(a.farm).resolve(), a.port, work)
    rows: dict[str, dict[str, list[dict]]] = {}
    try:
        for s in a.sets.split(","):
            if not (data / f"{s}.bib").exists():
                gen(Path(a.farm).resolve(), a.port, data, s, *SIZES[s], [])
        for rep in range(a.reps):
            for s in a.sets.split(","):
                for name, binary in variants.items():
                    row = one(binary, data / f"{s}.bib", a.port, farm.pid)
                    row["load1"] = round(os.getloadavg()[0], 2)
                    rows.setdefault(s, {}).setdefault(name, []).append(row)
                    print(rep, s, name, row, flush=True)
    finally:
        farm.terminate()
        farm.wait()
    (work / "parent_ab.json").write_text(json.dumps(rows, indent=1))
    print("\n| set | variant | wall s | tree CPU s | parent CPU s | children CPU s | farm CPU s | CPU reps |")
    print("|---|---|---|---|---|---|---|---|")
    for s, by in rows.items():
        for name, rs in by.items():
            def med(k: str, rs: list[dict] = rs) -> str:
                xs = [r[k] for r in rs if k in r]
                return f"{statistics.median(xs):.2f}" if xs else "-"
            reps = " / ".join(f"{r['cpu']:.2f}" for r in rs)
            print(f"| {s} | {name} | {med('wall')} | {med('cpu')} | {med('parent_cpu')} | {med('children_cpu')}"
                  f" | {med('farm_cpu')} | {reps} |")


if __name__ == "__main__":
    main()
