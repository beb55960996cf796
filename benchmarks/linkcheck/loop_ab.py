#!/usr/bin/env python3
"""CPU and wall time of ``citekeeper check`` variants on the linkfarm, interleaved.

    python benchmarks/linkcheck/loop_ab.py [--sets load50k,load10k] [--reps 4]
        [--variant NAME[:KEY=VALUE,...][@REV]] ... [--farm ../shared/linkfarm] [--port 18731]

Each ``--variant`` is a label, the environment it runs with (e.g.
``asyncio:CITEKEEPER_EVENT_LOOP=asyncio``) and optionally a git revision whose
``src/`` is exported (``git archive``) to the work folder and put first on
``PYTHONPATH`` (e.g. ``head@HEAD``); without one it runs this checkout.  Reps are
interleaved (variant A, B, C, then A, B, C again ...), so a change of load hits every
variant alike; the medians of CPU and wall are printed per set and variant.

CPU is user + system of the whole process tree (``os.times()`` of the children: the
parent, its shards and its readers, which it reaps before exiting); ``farm_cpu`` is what the farm
process spent serving that run (``/proc/<pid>/stat``), so the two together are what
the two cores had to do.  Every run must report every target ``ok`` or it counts as
a failure.  Only loopback addresses are contacted.  Run it under
``flock /tmp/bench.lock`` when others share the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vs_lychee import admin, env_for, gen, start_farm

REPO = Path(__file__).resolve().parents[2]
TICKS = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def export(rev: str, work: Path) -> Path:
    """``src/`` of ``rev`` under ``work/src-<rev>``, byte-compiled."""
    sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.strip()
    dest = work / f"src-{sha}"
    if not dest.exists():
        tar = work / f"{sha}.tar"
        subprocess.run(["git", "archive", "-o", str(tar), sha, "src"], cwd=REPO, check=True)
        with tarfile.open(tar) as t:
            t.extractall(dest, filter="data")
        tar.unlink()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "src")], check=False,
                   stdout=subprocess.DEVNULL)
    return dest / "src"


def run_one(cmd: list[str], env: dict[str, str], port: int, farm_pid: int) -> dict:
    admin(port, "reset")
    f0 = proc_cpu(farm_pid)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    farm = proc_cpu(farm_pid) - f0
    return {"wall": wall, "out": out, "err": err, "rc": p.returncode, "farm_cpu": farm}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18731)
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "loop_ab"))
    ap.add_argument("--sets", default="load50k")
    ap.add_argument("--reps", type=int, default=4)
    ap.add_argument("--variant", action="append", default=[])
    a = ap.parse_args()
    work = Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    variants: list[tuple[str, dict[str, str], Path | None]] = []
    for spec in a.variant or ["this"]:
        spec, _, rev = spec.partition("@")
        name, _, envs = spec.partition(":")
        env = dict(kv.split("=", 1) for kv in envs.split(",") if kv)
        variants.append((name, env, export(rev, work) if rev else None))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=False,
                   stdout=subprocess.DEVNULL)
    farm = start_farm(Path(a.farm).resolve(), a.port, work)
    sizes = {"load10k": (10000, 20), "load50k": (50000, 200), "load100k": (100000, 200)}
    rows: dict[tuple[str, str], list[dict]] = {}
    try:
        for s in a.sets.split(","):
            if not (data / f"{s}.bib").exists():
                gen(Path(a.farm).resolve(), a.port, data, s, *sizes[s], [])
        for rep in range(a.reps):
            for s in a.sets.split(","):
                for name, extra, src in variants:
                    env = {**env_for(a.port), **extra}
                    if src is not None:
                        env["PYTHONPATH"] = str(src)
                    cmd = [sys.executable, "-m", "citekeeper", "check", str(data / f"{s}.bib"), "--format", "json",
                           "--allow-private", "--no-cache", "--no-progress"]
                    load = os.getloadavg()[0]
                    before = os.times()
                    r = run_one(cmd, env, a.port, farm.pid)
                    after = os.times()
                    cpu = (after.children_user - before.children_user) + (after.children_system
                                                                         - before.children_system)
                    try:
                        by = json.loads(r["out"])["summary"]["by_status"]
                    except (ValueError, KeyError):
                        by = {"error": r["err"].decode(errors="replace")[-300:]}
                    row = {"wall": round(r["wall"], 3), "cpu": round(cpu, 3), "farm_cpu": round(r["farm_cpu"], 3),
                           "load1": round(load, 2), "by_status": by}
                    rows.setdefault((s, name), []).append(row)
                    print(f"rep {rep} {s} {name}: wall {row['wall']:.2f} s cpu {row['cpu']:.2f} s"
                          f" farm {row['farm_cpu']:.2f} s load {load:.2f} {by}", flush=True)
    finally:
        farm.terminate()
        farm.wait(10)
    print("\n| set | variant | median wall s | median CPU s | median farm CPU s | CPU reps |")
    print("|---|---|---|---|---|---|")
    summary = {}
    for (s, name), rs in rows.items():
        w = statistics.median(r["wall"] for r in rs)
        c = statistics.median(r["cpu"] for r in rs)
        f = statistics.median(r["farm_cpu"] for r in rs)
        reps = " / ".join(f"{r['cpu']:.2f}" for r in rs)
        print(f"| {s} | {name} | {w:.2f} | {c:.2f} | {f:.2f} | {reps} |")
        summary[f"{s}/{name}"] = {"median_wall": w, "median_cpu": c, "median_farm_cpu": f, "reps": rs}
    (work / "loop_ab.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
