#!/usr/bin/env python3
"""Where a run's wall time goes, seen from the server: every request's arrival and
answer on the linkfarm, for citekeeper and lychee in the same run.

    python benchmarks/linkcheck/trace_rounds.py [--sets load10k] [--reps 3]
        [--peers citekeeper,lychee] [--farm ../shared/linkfarm] [--port 18765]

The farm runs in a child process of this script with its middleware wrapped (the
farm's own code, imported from ``--farm``, is not changed): each request's arrival
(after the farm parsed it) and the moment its answer leaves the middleware are kept
with the host and the client's port, i.e. the connection.  Measured from the server
side, the numbers mean the same for every client:

* ``start``: exec of the client -> first request at the farm;
* ``hosts start``: the first request of each host (the spread is what a late host
  costs at the end);
* ``farm``: answer out - arrival - latency, per request (the farm's queueing: it is
  one Python process answering every host);
* ``turn``: answer out -> the next request on the same connection (the client's
  turnaround plus loopback);
* ``end``: last answer out; ``exit``: last answer -> the client's exit.

A host's chain of 125 rounds (load10k: 500 links, 4 per host) lasts its start plus
its rounds' latency, farm and turn times, so the slowest chain is the wall time less
the exit.  Only loopback addresses are contacted.  Run it under ``flock
/tmp/bench.lock`` when others share the machine.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vs_lychee import env_for, gen

REPO = Path(__file__).resolve().parents[2]
LATENCY_S = 0.05


def serve_traced(farm_dir: str, argv: list[str]) -> None:
    """The farm with its middleware wrapped to keep ``(in, out, host, client port)``."""
    spec = importlib.util.spec_from_file_location("linkfarm_farm", Path(farm_dir) / "farm.py")
    assert spec is not None and spec.loader is not None
    farm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(farm)
    web = farm.web
    trace: list[tuple[float, float, str, int]] = []
    orig_mw, orig_admin = farm.Farm.mw, farm.Farm.admin

    @web.middleware
    async def mw(self, request, handler):  # type: ignore[no-untyped-def]
        t_in = time.time()
        resp = await orig_mw(self, request, handler)
        tr = request.transport
        if tr is not None and not request.path.startswith("/_admin/"):
            trace.append((t_in, time.time(), tr.get_extra_info("sockname")[0], tr.get_extra_info("peername")[1]))
        return resp

    def admin(self, request):  # type: ignore[no-untyped-def]
        if request.path == "/_admin/trace":
            out = list(trace)
            trace.clear()
            return web.json_response(out)
        if request.path == "/_admin/reset":
            trace.clear()
        return orig_admin(self, request)

    farm.Farm.mw = mw
    farm.Farm.admin = admin
    sys.argv = ["farm.py", *argv]
    farm.main()


def get(port: int, what: str) -> object:
    with urllib.request.urlopen(f"http://127.0.0.2:{port}/_admin/{what}", timeout=30) as r:
        return json.load(r)


def start(farm: Path, port: int, work: Path) -> subprocess.Popen[bytes]:
    log = open(work / "farm.log", "w")  # noqa: SIM115 - lives as long as the farm
    p = subprocess.Popen([sys.executable, __file__, "--serve", str(farm), "serve", "--port", str(port),
                          "--hosts", "200", "--latency-ms", "50", "--max-concurrency", "4",
                          "--max-lifetime", "7200"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(900):
        try:
            get(port, "stats")
            return p
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the farm did not start")


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0


def analyse(trace: list[list], t0: float, t_exit: float) -> dict[str, Any]:
    """The numbers of the module docstring for one run (times in ms)."""
    conns: dict[tuple[str, int], list[tuple[float, float]]] = defaultdict(list)
    hosts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for t_in, t_out, host, port in trace:
        conns[(host, port)].append((t_in, t_out))
        hosts[host].append((t_in, t_out))
    farm_ms = [(o - i - LATENCY_S) * 1e3 for i, o in ((x[0], x[1]) for x in trace)]
    turns: list[float] = []
    chains: list[tuple[float, float, float, float, int]] = []  # end, start, farm sum, turn sum, n
    for reqs in conns.values():
        reqs.sort()
        ts = [(reqs[k + 1][0] - reqs[k][1]) * 1e3 for k in range(len(reqs) - 1)]
        turns += ts
        chains.append((reqs[-1][1], reqs[0][0], sum((o - i - LATENCY_S) * 1e3 for i, o in reqs), sum(ts), len(reqs)))
    # Load hosts only (a DOI look-up's few requests start when a DOI is read): each one's
    # first request, and the moment it had its 4th out (a slot fed late costs a round).
    firsts, fourth, spans = [], [], []
    for v in hosts.values():
        starts = sorted(i for i, _ in v)
        if len(starts) >= 8:
            firsts.append(starts[0])
            fourth.append(starts[3])
            spans.append((max(o for _, o in v) - starts[0]) * 1e3)
    firsts.sort()
    end = max(o for _, o, _, _ in trace)
    # How bunched the requests arrive: others in the millisecond before each arrival
    # (the farm is one process: a bunch waits for the farm to read it, then answers
    # together after the latency).
    ins = sorted(x[0] for x in trace)
    bunch = statistics.fmean(bisect.bisect_left(ins, t) - bisect.bisect_left(ins, t - 0.001) for t in ins)
    crit = max(chains)
    return {
        "requests": len(trace), "connections": len(conns), "hosts": len(hosts),
        "wall": (t_exit - t0) * 1e3, "start": (firsts[0] - t0) * 1e3,
        "hosts_started_by": (firsts[-1] - t0) * 1e3, "slots_started_by": (max(fourth) - t0) * 1e3,
        "end": (end - t0) * 1e3, "exit": (t_exit - end) * 1e3,
        "span_max": max(spans), "span_median": statistics.median(spans), "bunch_1ms": bunch,
        "farm_mean": statistics.fmean(farm_ms), "farm_p90": pct(farm_ms, 0.9),
        "turn_mean": statistics.fmean(turns) if turns else 0.0, "turn_p50": pct(turns, 0.5),
        "turn_p90": pct(turns, 0.9), "turn_p99": pct(turns, 0.99),
        "host_firsts": [round((f - t0) * 1e3, 1) for f in firsts],
        "crit_start": (crit[1] - t0) * 1e3, "crit_farm": crit[2], "crit_turn": crit[3], "crit_n": crit[4],
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve_traced(sys.argv[2], sys.argv[3:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18765)
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "trace_rounds"))
    ap.add_argument("--sets", default="load10k")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peers", default="citekeeper,lychee",
                    help="citekeeper, lychee, or NAME=PYTHONPATH for a checkout's src (e.g. head=/tmp/src)")
    a = ap.parse_args()
    farm, tools, work = Path(a.farm).resolve(), Path(a.tools).resolve(), Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    venv = tools / "venv" / "bin"
    subprocess.run([str(venv / "python"), "-m", "compileall", "-q", str(REPO / "src")], check=False,
                   stdout=subprocess.DEVNULL)
    proc = start(farm, a.port, work)
    sizes = {"load10k": (10000, 20), "load50k": (50000, 200)}
    rows: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    try:
        for s in a.sets.split(","):
            if not (data / f"{s}.bib").exists():
                gen(farm, a.port, data, s, *sizes[s], [])
        for rep in range(a.reps):
            for s in a.sets.split(","):
                for peer in a.peers.split(","):
                    name, _, path = peer.partition("=")
                    env = env_for(a.port)
                    if name == "lychee":
                        cmd = [str(venv / "lychee"), "--no-progress", "--format", "json", "-v",
                               "--max-concurrency", "512", "--host-concurrency", "4",
                               "--host-request-interval", "0ms", "--max-retries", "2", "--retry-wait-time", "1",
                               "--timeout", "3", "--max-redirects", "10", "--accept", "100..=103,200..=299",
                               "--", str(data / f"{s}.md")]
                    else:
                        cmd = [str(venv / "citekeeper"), "check", str(data / f"{s}.bib"),
                               "--format", "json", "--allow-private", "--no-cache"]
                        if path:
                            env["PYTHONPATH"] = path
                    get(a.port, "reset")
                    f0, c0 = proc_cpu(proc.pid), os.times()
                    t0 = time.time()
                    p = subprocess.run(cmd, capture_output=True, env=env, check=False)
                    t_exit = time.time()
                    f1, c1 = proc_cpu(proc.pid), os.times()
                    trace = get(a.port, "trace")
                    assert isinstance(trace, list)
                    (work / f"trace-{s}-{name}-{rep}.json").write_text(json.dumps([t0, t_exit, trace]))
                    row = analyse(trace, t0, t_exit)
                    row["cpu"] = (c1.children_user - c0.children_user + c1.children_system - c0.children_system) * 1e3
                    row["farm_cpu"] = (f1 - f0) * 1e3
                    row["rc"] = p.returncode
                    rows[(s, name)].append(row)
                    print(f"rep {rep} {s} {name}: " + " ".join(
                        f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()
                        if k != "host_firsts"), flush=True)
                    print("  hosts' first requests (ms):", row["host_firsts"], flush=True)
    finally:
        proc.terminate()
        proc.wait(10)
    keys = ["wall", "start", "hosts_started_by", "slots_started_by", "end", "exit", "span_max", "span_median", "bunch_1ms", "farm_mean", "farm_p90", "turn_mean",
            "turn_p50", "turn_p90", "turn_p99", "crit_start", "crit_farm", "crit_turn", "cpu", "farm_cpu"]
    print("\nmedians (ms):\n| set | peer | " + " | ".join(keys) + " |")
    print("|---|---|" + "---|" * len(keys))
    for (s, name), rs in rows.items():
        print(f"| {s} | {name} | " + " | ".join(f"{statistics.median(r[k] for r in rs):.1f}" for k in keys) + " |")
    (work / "trace_rounds.json").write_text(json.dumps({f"{s}/{n}": rs for (s, n), rs in rows.items()}, indent=1))


if __name__ == "__main__":
    main()
