#!/usr/bin/env python3
"""A round of load10k split at the wire: the farm's part and the client's, for
citekeeper and lychee in the same run.

    flock /tmp/bench.lock python3 benchmarks/linkcheck/wire_turns.py [--reps 3]
        [--peers head=/tmp/src-head/src,citekeeper,lychee] [--port 18766]

``trace_rounds.py`` sees a round from inside the farm only (a request's arrival in
its middleware, its answer leaving it), so its ``turn`` -- answer out -> the next
request in on that connection -- mixes the farm's own delays (writing the answer,
reading and dispatching the next request behind the other requests of its loop
iteration) with the client's turnaround.  Here ``tcpdump`` on the loopback device
records every packet with a payload in the same run as the farm's trace, and each
round of each connection is split where the bytes cross the wire:

* ``client``: the answer's last packet -> the next request's packet (the client's
  turnaround: its loop, parsing, scheduling and the socket write -- plus loopback,
  a few us);
* ``farm_read``: the request's packet -> the farm's middleware sees it (the farm's
  read, parse and task start, behind whatever else its loop iteration does);
* ``farm_queue``: middleware in -> out less the 50 ms latency (the farm's timers and
  the answers before it in the same iteration);
* ``farm_write``: middleware out -> the answer's packet.

Needs ``tcpdump`` (Debian package; run as root).  Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import signal
import statistics
import struct
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from trace_rounds import LATENCY_S, get, pct, proc_cpu, start
from vs_lychee import env_for, gen

REPO = Path(__file__).resolve().parents[2]


def read_pcap(path: Path, port: int) -> list[tuple[float, int, int, int]]:
    """``(time, client port, 1 if client->farm else 0, payload bytes)`` per packet with data."""
    raw = path.read_bytes()
    if len(raw) < 24:
        return []
    magic = struct.unpack_from("<I", raw, 0)[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    link = struct.unpack_from(endian + "I", raw, 20)[0]
    l2 = {1: 14, 113: 16, 276: 20}.get(link, 14)
    out: list[tuple[float, int, int, int]] = []
    off = 24
    while off + 16 <= len(raw):
        sec, frac, incl, _orig = struct.unpack_from(endian + "IIII", raw, off)
        off += 16
        pkt = raw[off:off + incl]
        off += incl
        ip = pkt[l2:]
        if len(ip) < 20 or ip[0] >> 4 != 4:
            continue
        ihl = (ip[0] & 15) * 4
        total = struct.unpack_from("!H", ip, 2)[0]
        tcp = ip[ihl:]
        if len(tcp) < 20:
            continue
        sport, dport = struct.unpack_from("!HH", tcp, 0)
        data = total - ihl - (tcp[12] >> 4) * 4
        if data <= 0:
            continue
        t = sec + frac / (1e9 if nano else 1e6)
        if dport == port:
            out.append((t, sport, 1, data))
        elif sport == port:
            out.append((t, dport, 0, data))
    return out


def analyse(packets: list[tuple[float, int, int, int]], trace: list[list[Any]]) -> dict[str, float]:
    """Per round of each connection: the four parts of the module docstring (ms)."""
    by_conn: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for t, cport, up, _n in packets:
        by_conn[cport].append((t, up))
    farm_by_conn: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for t_in, t_out, _host, cport in trace:
        farm_by_conn[cport].append((t_in, t_out))
    client, f_read, f_queue, f_write = [], [], [], []
    for cport, pk in by_conn.items():
        pk.sort()
        ups = [t for t, up in pk if up]
        downs = [t for t, up in pk if not up]
        # the client's turnaround: the last answer packet before each request after the first
        for t in ups[1:]:
            i = bisect.bisect_left(downs, t) - 1
            if i >= 0:
                client.append((t - downs[i]) * 1e3)
        for t_in, t_out in sorted(farm_by_conn.get(cport, [])):
            i = bisect.bisect_right(ups, t_in) - 1  # the request packet that came before it
            if i >= 0:
                f_read.append((t_in - ups[i]) * 1e3)
            j = bisect.bisect_left(downs, t_out)  # the answer packet after it
            if j < len(downs):
                f_write.append((downs[j] - t_out) * 1e3)
            f_queue.append((t_out - t_in - LATENCY_S) * 1e3)
    row: dict[str, float] = {"packets": float(len(packets))}
    for name, xs in (("client", client), ("farm_read", f_read), ("farm_queue", f_queue), ("farm_write", f_write)):
        row[f"{name}_mean"] = statistics.fmean(xs) if xs else 0.0
        row[f"{name}_p50"] = pct(xs, 0.5)
        row[f"{name}_p90"] = pct(xs, 0.9)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--farm", default=str(REPO / ".." / "shared" / "linkfarm"))
    ap.add_argument("--port", type=int, default=18766)
    ap.add_argument("--tools", default=str(REPO / "benchmarks" / "_work" / "tools"))
    ap.add_argument("--work", default=str(REPO / "benchmarks" / "_work" / "wire_turns"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peers", default="citekeeper,lychee",
                    help="citekeeper, lychee, or NAME=PYTHONPATH for a checkout's src")
    ap.add_argument("--pin", action="store_true",
                    help="the farm on core 0 and the client on core 1 (tells contention for a core apart)")
    a = ap.parse_args()
    farm, tools, work = Path(a.farm).resolve(), Path(a.tools).resolve(), Path(a.work).resolve()
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    venv = tools / "venv" / "bin"
    subprocess.run([str(venv / "python"), "-m", "compileall", "-q", str(REPO / "src")], check=False,
                   stdout=subprocess.DEVNULL)
    proc = start(farm, a.port, work)
    if a.pin:
        os.sched_setaffinity(proc.pid, {0})
    rows: dict[str, list[dict[str, float]]] = defaultdict(list)
    try:
        if not (data / "load10k.bib").exists():
            gen(farm, a.port, data, "load10k", 10000, 20, [])
        for rep in range(a.reps):
            for peer in a.peers.split(","):
                name, _, path = peer.partition("=")
                env = env_for(a.port)
                if name == "lychee":
                    cmd = [str(venv / "lychee"), "--no-progress", "--format", "json", "-v",
                           "--max-concurrency", "512", "--host-concurrency", "4",
                           "--host-request-interval", "0ms", "--max-retries", "2", "--retry-wait-time", "1",
                           "--timeout", "3", "--max-redirects", "10", "--accept", "100..=103,200..=299",
                           "--", str(data / "load10k.md")]
                else:
                    cmd = [str(venv / "citekeeper"), "check", str(data / "load10k.bib"),
                           "--format", "json", "--allow-private", "--no-cache"]
                    if path:
                        env["PYTHONPATH"] = path
                get(a.port, "reset")
                pcap = work / f"{name}-{rep}.pcap"
                dump = subprocess.Popen(
                    ["tcpdump", "-i", "lo", "-nn", "-s", "96", "-B", "32768", "-w", str(pcap),
                     f"tcp port {a.port} and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                time.sleep(1.0)  # tcpdump is listening
                f0, c0 = proc_cpu(proc.pid), os.times()
                t0 = time.time()
                p = subprocess.run(cmd, capture_output=True, env=env, check=False,
                                   preexec_fn=(lambda: os.sched_setaffinity(0, {1})) if a.pin else None)
                wall = time.time() - t0
                f1, c1 = proc_cpu(proc.pid), os.times()
                time.sleep(0.3)
                dump.send_signal(signal.SIGINT)
                _, err = dump.communicate(timeout=30)
                trace = get(a.port, "trace")
                assert isinstance(trace, list)
                # the admin requests on 127.0.0.2 are not in the farm's trace: only load hosts' rounds
                row = analyse(read_pcap(pcap, a.port), [x for x in trace if x[2] != "127.0.0.2"])
                (work / f"{name}-{rep}.trace.json").write_text(json.dumps(trace))
                row["wall"] = wall * 1e3
                row["cpu"] = (c1.children_user - c0.children_user + c1.children_system - c0.children_system) * 1e3
                row["farm_cpu"] = (f1 - f0) * 1e3
                row["rc"] = p.returncode
                dropped = [ln for ln in err.decode(errors="replace").splitlines() if "dropped" in ln]
                rows[name].append(row)
                print(f"rep {rep} {name}: " + " ".join(f"{k} {v:.2f}" for k, v in row.items()),
                      "|", "; ".join(dropped), flush=True)
    finally:
        proc.terminate()
        proc.wait(10)
    keys = ["wall", "client_mean", "client_p50", "client_p90", "farm_read_mean", "farm_read_p90",
            "farm_queue_mean", "farm_queue_p90", "farm_write_mean", "cpu", "farm_cpu"]
    print("\nmedians (ms):\n| peer | " + " | ".join(keys) + " |\n|---|" + "---|" * len(keys))
    for name, rs in rows.items():
        print(f"| {name} | " + " | ".join(f"{statistics.median(r[k] for r in rs):.2f}" for k in keys) + " |")
    (work / "wire_turns.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
