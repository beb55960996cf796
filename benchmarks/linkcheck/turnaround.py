#!/usr/bin/env python3
"""A checking shard's turnaround: from an answer's bytes to its host's next request.

    python benchmarks/linkcheck/turnaround.py [--hosts 10] [--reps 5]
        [--variant NAME[@REV|=SRC]] ... [--farm ../shared/linkfarm] [--port 18733]

One ``Checker`` on one event loop (uvloop when installed, as a shard runs) checks a
shard's share of load10k -- ``--hosts`` hosts x 500 links, 4 in flight per host, 50 ms
per answer -- against the farm.  The transport's protocol and socket writes are
timed from inside (``time.perf_counter``): for every answer, the time from the read
that completed its head to the next request written to the same host.  That is the
client's part of each round (the farm's part is in ``trace_rounds.py``), and it is
mostly CPU inside one process, so it shows a change to the request path through a
busy machine's noise better than a wall time does.  Printed per variant: mean, p50,
p90 of the turnaround and the mean position-weighted burst (answers handled in the
same turn of the loop), medians over the reps, plus the span (first request to last
answer) and CPU.  Variants as in ``loop_ab.py``: ``head@HEAD`` runs ``git archive
HEAD``'s ``src``, ``name=/path/to/src`` a copy, no suffix this checkout.  Loopback only.
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
from collections import defaultdict
from citekeeper.links import shard, transport
from citekeeper.links.checker import Checker
from citekeeper.links.options import HttpSettings
from citekeeper.links.verdict import Target

hosts = int(sys.argv[2])
urls = [u for u in re.findall(r"url = \{(.*?)\}", open(sys.argv[1]).read())
        if int(u.split("/")[2].split(":")[0].rsplit(".", 1)[1]) < 10 + hosts]
clock = time.perf_counter
answers = defaultdict(list)   # host -> times an answer's head was complete
writes = defaultdict(list)    # host -> times a request was written

Conn = transport._Conn
orig_updated = Conn.buffer_updated

def buffer_updated(self, nbytes):
    orig_updated(self, nbytes)
    if b"\r\n\r\n" in self.buf:
        answers[self.key].append(clock())

Conn.buffer_updated = buffer_updated
orig_exchange = transport.Transport._exchange

def exchange(self, conn, method, url, data, max_bytes, deadline):
    writes[conn.key].append(clock())
    return orig_exchange(self, conn, method, url, data, max_bytes, deadline)

transport.Transport._exchange = exchange


async def main() -> None:
    async with Checker(HttpSettings(allow_private=True, max_connections=256)) as c:
        c0, t0 = time.process_time(), clock()
        res = await c.check_all([Target("url", u) for u in urls])
        cpu, span = time.process_time() - c0, clock() - t0
    turns = []
    for key, got in answers.items():
        ws = writes[key]
        j = 0
        for a in got:
            while j < len(ws) and ws[j] < a:
                j += 1
            if j < len(ws):
                turns.append((ws[j] - a) * 1e3)
    turns.sort()
    ok = sum(r.status.value == "ok" for r in res.values())
    print(json.dumps({"cpu": cpu, "span": span, "ok": ok, "links": len(urls),
                      "turn_mean": sum(turns) / len(turns), "turn_p50": turns[len(turns) // 2],
                      "turn_p90": turns[int(len(turns) * 0.9)]}))


with asyncio.Runner(loop_factory=shard.loop_factory()) as r:
    r.run(main())
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18733)
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "turnaround"))
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--variant", action="append", default=[])
    a = ap.parse_args()
    work = Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    variants: list[tuple[str, Path | None]] = []
    for spec in a.variant or ["this"]:
        if "=" in spec:
            name, src = spec.split("=", 1)
            variants.append((name, Path(src)))
        else:
            name, _, rev = spec.partition("@")
            variants.append((name, export(rev, work) if rev else None))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=False,
                   stdout=subprocess.DEVNULL)
    farm = start_farm(Path(a.farm).resolve(), a.port, work)
    rows: dict[str, list[dict]] = {}
    try:
        if not (data / "load10k.bib").exists():
            gen(Path(a.farm).resolve(), a.port, data, "load10k", 10000, 20, [])
        for rep in range(a.reps):
            for name, src in variants:
                env = env_for(a.port)
                if src is not None:
                    env["PYTHONPATH"] = str(src)
                p = subprocess.run([sys.executable, "-c", CHILD, str(data / "load10k.bib"), str(a.hosts)],
                                   capture_output=True, text=True, env=env, check=False)
                try:
                    row = json.loads(p.stdout)
                except ValueError:
                    raise SystemExit(p.stderr[-2000:]) from None
                row["load1"] = os.getloadavg()[0]
                rows.setdefault(name, []).append(row)
                print(f"rep {rep} {name}: " + " ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                       for k, v in row.items()), flush=True)
    finally:
        farm.terminate()
        farm.wait(10)
    keys = ["turn_mean", "turn_p50", "turn_p90", "span", "cpu"]
    print("\n| variant | " + " | ".join(keys) + " |\n|---|" + "---|" * len(keys))
    for name, rs in rows.items():
        print(f"| {name} | " + " | ".join(f"{statistics.median(r[k] for r in rs):.3f}" for k in keys) + " |")
    (work / "turnaround.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
