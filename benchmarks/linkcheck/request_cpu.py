#!/usr/bin/env python3
"""CPU of the request path alone: one ``Checker`` on one event loop, as a shard runs it.

    python benchmarks/linkcheck/request_cpu.py [--links 40000] [--reps 5]
        [--variant NAME[:KEY=VALUE,...][@REV]] ... [--farm ../shared/linkfarm] [--port 18732]

Checks the first ``--links`` links of ``load50k`` (200 hosts) against the farm in one
process with a shard's share of the limits (256 in flight, 4 per host) and prints the
process's CPU seconds for them (``time.process_time``, after a warm-up of 400 links
that opens the connections).  No reading, no parent, no result pipe: what is left is
transport, limits, scheduling and judging, so a change there shows at a few percent
where ``loop_ab.py``'s whole-tree CPU (noisier, ~6 s) would hide it.  Variants as in
``loop_ab.py`` (``head@HEAD`` runs ``git archive HEAD``'s ``src``; ``name=/path/src`` a
copy of a checkout's ``src``), interleaved;
``CITEKEEPER_EVENT_LOOP=asyncio`` in a variant runs asyncio's loop, else uvloop's
(what a shard chooses, ``links.shard.loop_factory``).  Loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loop_ab import export
from vs_lychee import env_for, gen, start_farm

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import asyncio, json, re, sys, time
from citekeeper.links import shard
from citekeeper.links.checker import Checker
from citekeeper.links.options import HttpSettings
from citekeeper.links.verdict import Target
import citekeeper.links.judge  # imported before the clock starts, as in a warm shard

urls = re.findall(r"url = \{(.*?)\}", open(sys.argv[1]).read())[: int(sys.argv[2]) + 400]


async def main() -> None:
    async with Checker(HttpSettings(allow_private=True, max_connections=256)) as c:
        await c.check_all([Target("url", u) for u in urls[:400]])
        targets = [Target("url", u) for u in urls[400:]]
        c0, t0 = time.process_time(), time.perf_counter()
        res = await c.check_all(targets)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        ok = sum(r.status.value == "ok" for r in res.values())
        print(json.dumps({"cpu": cpu, "wall": wall, "ok": ok, "links": len(targets)}))


with asyncio.Runner(loop_factory=shard.loop_factory()) as r:
    r.run(main())
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18732)
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "request_cpu"))
    ap.add_argument("--links", type=int, default=40000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--variant", action="append", default=[])
    a = ap.parse_args()
    work = Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    variants = []
    for spec in a.variant or ["this"]:
        if "=" in spec.split(":", 1)[0]:  # NAME=/path/to/src: a copy of a checkout's src
            name, src = spec.split("=", 1)
            variants.append((name, {}, Path(src)))
            continue
        spec, _, rev = spec.partition("@")
        name, _, envs = spec.partition(":")
        env = dict(kv.split("=", 1) for kv in envs.split(",") if kv)
        variants.append((name, env, export(rev, work) if rev else None))
    farm = start_farm(Path(a.farm).resolve(), a.port, work)
    rows: dict[str, list[dict]] = {}
    try:
        if not (data / "load50k.bib").exists():
            gen(Path(a.farm).resolve(), a.port, data, "load50k", 50000, 200, [])
        for rep in range(a.reps):
            for name, extra, src in variants:
                env = {**env_for(a.port), **extra}
                if src is not None:
                    env["PYTHONPATH"] = str(src)
                out = subprocess.run([sys.executable, "-c", CHILD, str(data / "load50k.bib"), str(a.links)],
                                     capture_output=True, text=True, env=env, check=True).stdout
                row = json.loads(out.strip().splitlines()[-1])
                row["load1"] = round(os.getloadavg()[0], 2)
                rows.setdefault(name, []).append(row)
                print(f"rep {rep} {name}: cpu {row['cpu']:.3f} s wall {row['wall']:.2f} s"
                      f" ok {row['ok']}/{row['links']} load {row['load1']}", flush=True)
    finally:
        farm.terminate()
        farm.wait(10)
    print("\n| variant | median CPU s | us per link | CPU reps |")
    print("|---|---|---|---|")
    for name, rs in rows.items():
        c = statistics.median(r["cpu"] for r in rs)
        reps = " / ".join(f"{r['cpu']:.2f}" for r in rs)
        print(f"| {name} | {c:.3f} | {1e6 * c / rs[0]['links']:.1f} | {reps} |")
    (work / "request_cpu.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
