#!/usr/bin/env python3
"""Benchmark ``citekeeper check`` on the linkfarm, and the peers beside it.

    python benchmarks/linkcheck/run.py [--farm ../shared/linkfarm] [--port 18080]
        [--reps 3] [--sets load2k,load10k] [--peers linkinator,mlc,linkchecker] [--no-peers]

Starts the farm (a loopback-only web of misbehaving servers; see its README),
generates the link sets, then:

* correctness: checks ``behaviours.bib`` (all 29 behaviours, plus the farm's DOIs as
  ``doi`` fields) and scores every verdict against the manifest; scores every archive
  choice against the farm's own "nearest capture with status 200 to the access date";
* speed: checks the load sets ``--reps`` times (fresh farm counters each time) and
  reports the median wall time against the lower bound, peak RSS, the 429s the farm
  had to send and the most requests it saw in flight on one host;
* peers: when installed under ``benchmarks/_work`` (``npm install linkinator
  markdown-link-check``; ``python3 -m venv venv && venv/bin/pip install linkchecker``),
  runs the farm's ``bench.py`` for them on the same farm.

Writes ``results.json`` and ``results.md`` to ``--work`` (default
``benchmarks/_work/linkcheck``, git-ignored) and prints the tables.  Only loopback
addresses are contacted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIVE = {"ok", "transient-ok", "redirect-ok"}
OUR_LIVE = {"ok", "redirected"}  # blocked is not dead either: see docs/check.md
OUR_DEAD = {"broken", "transient"}


def admin(port: int, what: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.2:{port}/_admin/{what}", timeout=5) as r:
        return json.load(r)


def start_farm(farm: Path, port: int, work: Path) -> subprocess.Popen:
    log = open(work / "farm.log", "w")  # noqa: SIM115 - lives as long as the farm
    p = subprocess.Popen([sys.executable, str(farm / "farm.py"), "serve", "--port", str(port),
                          "--hosts", "20", "--latency-ms", "50", "--max-concurrency", "4",
                          "--max-lifetime", "3600"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(900):  # building the 1 GiB gzip bomb takes a few seconds
        if p.poll() is not None:
            break
        try:
            admin(port, "stats")
            return p
        except OSError:
            time.sleep(0.1)
    p.terminate()
    raise SystemExit(f"the farm did not start; see {work / 'farm.log'}")


def gen(farm: Path, port: int, data: Path, name: str, n: int, extra: list[str]) -> dict:
    subprocess.run([sys.executable, str(farm / "farm.py"), "gen", "--port", str(port), "-n", str(n),
                    "--hosts", "20", "--latency-ms", "50", "--max-concurrency", "4",
                    "--out", str(data), "--name", name, *extra], check=True, stdout=subprocess.DEVNULL)
    return json.loads((data / f"{name}.manifest.json").read_text())


def env_for(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CITEKEEPER_DOI_API": f"http://127.0.0.3:{port}/api/handles",
        "CITEKEEPER_DOI_RESOLVER": f"http://127.0.0.3:{port}",
        "CITEKEEPER_WAYBACK_API": f"http://127.0.0.4:{port}/wayback/available",
        "CITEKEEPER_CDX_API": f"http://127.0.0.4:{port}/cdx/search/cdx",
        "CITEKEEPER_MEMENTO_API": f"http://127.0.0.4:{port}/web",
    })
    return env


def citekeeper(args: list[str], port: int, work: Path, tag: str) -> tuple[dict, float, int]:
    """Run ``citekeeper check`` under /usr/bin/time: (json report, wall s, peak RSS kB)."""
    tf = work / f"time-{tag}.txt"
    exe = shutil.which("citekeeper") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "citekeeper"]
    cmd += ["check", *args, "--format", "json", "--no-cache", "--allow-private", "--no-progress"]
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(tf), *cmd], capture_output=True,
                       text=True, env=env_for(port), cwd=work)
    wall = time.time() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"citekeeper failed ({p.returncode}): {p.stderr[-2000:]}")
    el, mem = tf.read_text().split()[-2:]
    return json.loads(p.stdout), float(el) if el else wall, int(mem)


def load_farm_module(farm: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("linkfarm_farm", farm / "farm.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def correctness(farm: Path, port: int, data: Path, work: Path) -> dict:
    man = json.loads((data / "behaviours.manifest.json").read_text())
    admin(port, "reset")
    report, wall, rss = citekeeper([str(data / "behaviours.bib"), "--follow-doi"], port, work, "behaviours")
    by_target = {}
    for r in report["results"]:
        by_target.setdefault(r["target"], r)
    rows = []
    # A DOI URL (http://127.0.0.3:PORT/<doi>) is reported under its DOI.
    doi_base = f"http://127.0.0.3:{port}/"
    for url, info in man["links"].items():
        key = url[len(doi_base):].lower() if url.startswith(doi_base) else url
        got = by_target.get(key)
        status = got["status"] if got else "missing"
        alive = status in OUR_LIVE or status == "blocked"
        want_alive = info["expected"] in LIVE
        right = got is not None and status != "skipped" and alive == want_alive
        rows.append({"behaviour": info["behaviour"], "expected": info["expected"], "status": status,
                     "reason": got["reason"] if got else "", "right": right})
    # The farm's DOIs as doi fields, judged by their landing pages (--follow-doi).
    dead_landing = {"10.5555/farm.gone", "10.5555/farm.soft", "10.5555/farm.deleted"}
    doi_rows = []
    for d in man["dois"]:
        got = by_target.get(d.lower())
        status = got["status"] if got else "missing"
        want = "broken" if d in dead_landing else "ok"
        doi_rows.append({"doi": d, "status": status, "want": want, "right": status == want})
    # Archive choices: the farm's nearest capture with status 200 to the access date.
    fm = load_farm_module(farm)
    arch_rows = []
    for r in report["results"]:
        if r["kind"] != "url" or r["status"] in ("ok", "skipped"):
            continue
        snaps = fm.snapshots_for(r["target"])
        ts = (r.get("accessed") or "").replace("-", "")
        want = fm.closest(snaps, ts) if snaps else None
        got = r["archive"]["timestamp"] if r["archive"] else None
        arch_rows.append({"target": r["target"], "accessed": r.get("accessed"),
                          "want": want[0] if want else None, "got": got,
                          "right": (want[0] if want else None) == got})
    return {"wall_s": wall, "rss_kb": rss, "rows": rows, "dois": doi_rows, "archives": arch_rows,
            "right": sum(r["right"] for r in rows), "total": len(rows)}


def speed(port: int, data: Path, work: Path, sets: list[str], reps: int) -> list[dict]:
    out = []
    for name in sets:
        man = json.loads((data / f"{name}.manifest.json").read_text())
        runs = []
        for i in range(reps):
            admin(port, "reset")
            report, wall, rss = citekeeper([str(data / f"{name}.bib")], port, work, f"{name}-{i}")
            hosts = admin(port, "stats")["hosts"]
            runs.append({
                "wall_s": wall, "rss_kb": rss,
                "n429": sum(h.get("429_ratelimit", 0) for h in hosts.values()),
                "requests": sum(h.get("requests", 0) for h in hosts.values()),
                "max_inflight": max((h.get("max_inflight", 0) for h in hosts.values()), default=0),
                "dead": report["summary"]["failing"],
                "checked": report["summary"]["targets"],
            })
            print(f"  {name} rep {i}: {runs[-1]}", flush=True)
        med = statistics.median(r["wall_s"] for r in runs)
        lb = man["lower_bound_s"]
        out.append({"set": name, "links": len(man["links"]), "lower_bound_s": lb, "reps": reps,
                    "median_wall_s": med, "ratio": round(med / lb, 2) if lb else None,
                    "peak_rss_mb": round(max(r["rss_kb"] for r in runs) / 1024, 1),
                    "n429": sum(r["n429"] for r in runs),
                    "max_inflight": max(r["max_inflight"] for r in runs),
                    "walls": [r["wall_s"] for r in runs],
                    "reported_dead": runs[0]["dead"], "checked": runs[0]["checked"]})
    return out


def floor(port: int, data: Path, name: str) -> float:
    """Wall time of a minimal client on ``name``: raw sockets, 4 keep-alive connections per
    host, no parsing beyond Content-Length.  What the farm itself allows on this machine."""
    import asyncio
    from urllib.parse import urlsplit

    man = json.loads((data / f"{name}.manifest.json").read_text())
    by_host: dict[tuple[str, int], list[str]] = {}
    for u in man["links"]:
        p = urlsplit(u)
        if p.hostname and p.port and p.path.startswith("/p/"):
            by_host.setdefault((p.hostname, p.port), []).append(p.path)

    async def worker(host: str, port_: int, paths: list[str]) -> None:
        r, w = await asyncio.open_connection(host, port_)
        while paths:
            w.write(f"GET {paths.pop()} HTTP/1.1\r\nHost: {host}:{port_}\r\n\r\n".encode())
            head = await r.readuntil(b"\r\n\r\n")
            n = next(int(h.split(b":")[1]) for h in head.split(b"\r\n")
                     if h.lower().startswith(b"content-length"))
            await r.readexactly(n)
        w.close()

    async def run_all() -> float:
        t0 = time.time()
        await asyncio.gather(*(worker(h, p, paths) for (h, p), paths in by_host.items() for _ in range(4)))
        return time.time() - t0

    admin(port, "reset")
    return asyncio.run(run_all())


def peers(farm: Path, port: int, data: Path, work: Path, tools: Path, names: list[str],
          sets: list[str], reps: int) -> dict:
    have = {
        "linkinator": tools / "node_modules" / ".bin" / "linkinator",
        "mlc": tools / "node_modules" / ".bin" / "markdown-link-check",
        "linkchecker": tools / "venv" / "bin" / "linkchecker",
    }
    names = [n for n in names if have.get(n.split("-")[0], Path("/nonexistent")).exists()]
    if not names:
        print("peers: none installed under", tools)
        return {}
    pwork = work / "peers"
    pwork.mkdir(exist_ok=True)
    base = [sys.executable, str(farm / "bench.py")]
    common = ["--peers", ",".join(names), "--data", str(data), "--work", str(pwork), "--tools", str(tools),
              "--port", str(port)]
    subprocess.run([*base, "correctness", *common], check=False)
    subprocess.run([*base, "speed", *common, "--sets", ",".join(sets), "--reps", str(reps),
                    "--timeout", "600"], check=False)
    out = {}
    for f in ("correctness.json", "speed.json"):
        p = pwork / f
        if p.exists():
            out[f.split(".")[0]] = json.loads(p.read_text())
    return out


def markdown(res: dict) -> str:
    c = res["correctness"]
    lines = ["## citekeeper check on the linkfarm", "",
             f"Behaviours right: **{c['right']}/{c['total']}**; farm DOIs (with --follow-doi) right: "
             f"{sum(r['right'] for r in c['dois'])}/{len(c['dois'])}; archive choices right: "
             f"{sum(r['right'] for r in c['archives'])}/{len(c['archives'])}", "",
             "| behaviour | expected | citekeeper | reason |", "|---|---|---|---|"]
    for r in c["rows"]:
        mark = "✓" if r["right"] else "✗"
        lines.append(f"| {r['behaviour']} | {r['expected']} | {mark} {r['status']} | {r['reason'][:70]} |")
    lines += ["", "| set | links | lower bound s | median wall s | × bound | peak RSS MB | 429s | "
              "max in flight/host | reported failing |", "|---" * 9 + "|"]
    for s in res["speed"]:
        lines.append(f"| {s['set']} | {s['links']} | {s['lower_bound_s']} | {s['median_wall_s']:.2f} "
                     f"({s['reps']} runs: {', '.join(f'{w:.2f}' for w in s['walls'])}) | {s['ratio']} | "
                     f"{s['peak_rss_mb']} | {s['n429']} | {s['max_inflight']} | {s['reported_dead']} |")
    if res.get("floor"):
        lines += ["", "Farm floor on this machine (a minimal raw-socket client, 4 keep-alive connections "
                  "per host, median of 3): " + ", ".join(f"{k} {v} s" for k, v in res["floor"].items())]
    p = res.get("peers") or {}
    if p.get("correctness"):
        lines += ["", "| peer | behaviours right |", "|---|---|"]
        for name, t in p["correctness"].items():
            right = sum(v["verdict"] == "ok" for v in t["rows"].values())
            lines.append(f"| {name} | {right}/{len(t['rows'])} |")
    if p.get("speed"):
        lines += ["", "| set | peer | median wall s | × bound | peak RSS MB | 429s |", "|---|---|---|---|---|---|"]
        for x in p["speed"]:
            lines.append(f"| {x['set']} | {x['peer']} | {x['median_wall_s']} | {x['ratio']} | "
                         f"{x['peak_rss_mb']} | {x['n429']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "linkcheck"))
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work"))
    ap.add_argument("--sets", default="load2k,load10k")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peers", default="linkinator,mlc,linkchecker")
    ap.add_argument("--peer-sets", default="load10k")
    ap.add_argument("--peer-reps", type=int, default=1)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--use-running-farm", action="store_true", help="do not start a farm on --port")
    a = ap.parse_args()
    farm = Path(a.farm).resolve()
    work = Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    proc = None if a.use_running_farm else start_farm(farm, a.port, work)
    try:
        gen(farm, a.port, data, "behaviours", 0, ["--with-behaviours"])
        gen(farm, a.port, data, "load2k", 2000, ["--nonce", f"{int(time.time())}a"])
        gen(farm, a.port, data, "load10k", 10000, ["--nonce", f"{int(time.time())}b"])
        res: dict = {"correctness": correctness(farm, a.port, data, work)}
        c = res["correctness"]
        print(f"correctness: {c['right']}/{c['total']} behaviours right", flush=True)
        res["speed"] = speed(a.port, data, work, a.sets.split(","), a.reps)
        res["floor"] = {name: round(statistics.median(floor(a.port, data, name) for _ in range(3)), 2)
                        for name in a.sets.split(",")}
        print(f"farm floor (minimal raw-socket client): {res['floor']}", flush=True)
        if not a.no_peers:
            res["peers"] = peers(farm, a.port, data, work, Path(a.tools).resolve(), a.peers.split(","),
                                 a.peer_sets.split(","), a.peer_reps)
        (work / "results.json").write_text(json.dumps(res, indent=1))
        md = markdown(res)
        (work / "results.md").write_text(md)
        print(md)
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)


if __name__ == "__main__":
    main()
