"""Benchmark ``citekeeper enrich``: accuracy on a seeded set and wall time vs the rate-limit floor.

    python3 benchmarks/enrich/run.py --n 1000 --seed 7 --latency 0.04 --limit 50

The look-alikes (tests/enrich/lookalike.py) run in a child process, each service on
its own port with ``latency`` seconds per answer and at most ``limit`` requests per
second (429 + Retry-After beyond it).  ``citekeeper enrich`` runs as a separate
process on a .bib file of ``n`` entries built by ``corpus.build`` (real works from
../shared/realbib and decoys), with ``--rate`` set to the limit.

Printed: precision and recall of written DOIs (peer: a naive "Crossref's first hit
when its title matches" rule on the same searches), recall of planted DOI
mismatches and notices, false alarms on correct DOIs, wall time against the floor
``max over services of requests / limit`` (the requests this run needed), 429s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Case, build  # noqa: E402
from lookalike import Lookalike, _Index  # noqa: E402

from citekeeper.enrich.match import fold, title_similarity  # noqa: E402


def _serve(seeds: list[Any], latency: float, limit: int, q: Any, stop: Any) -> None:
    r = Lookalike(seeds, latency=latency, limit=limit).start()
    q.put({s: r.url(s) for s in ("crossref", "datacite", "openalex", "handle")})
    stop.wait()
    r.stop()


def _stats(url: str) -> dict[str, int]:
    base = url.removesuffix("/api/handles")
    with urllib.request.urlopen(base + "/__stats") as f:
        return json.loads(f.read())


def naive_first_hit(seeds: list[Any], cases: list[Case], entries: dict[str, Any]) -> dict[str, str]:
    """The peer: the top hit of the same Crossref search, taken when its title matches (>= 0.9)."""
    idx = _Index([s for s in seeds if s.agency == "crossref"])
    out = {}
    from citekeeper.formats.bibtex import loads

    for c in cases:
        if c.kind not in ("find", "absent", "ambiguous"):
            continue
        [ref] = loads(c.bib).references
        q = " ".join(fold(" ".join([ref.title, ref.get("container-title")])).split()[:40])
        fam = ref.authors[0].family if ref.authors else ""
        hits = idx.search(q, lambda s: True, 1, fam)
        if hits and title_similarity(ref.title, (hits[0][1].title,
                                                 hits[0][1].title + ": " + hits[0][1].subtitle)) >= 0.9:
            out[c.key] = hits[0][1].doi
    return out


def evaluate(cases: list[Case], entries: dict[str, Any]) -> dict[str, Any]:
    written = correct = findable = 0
    wrong: list[str] = []
    missed: list[str] = []
    planted = flagged = 0
    alarms = 0
    unflagged: list[str] = []
    for c in cases:
        e = entries[c.key]
        rules = {f["rule"] for f in e["findings"] if f["severity"] != "info"}
        if c.kind in ("find", "absent", "ambiguous"):
            if c.kind == "find":
                findable += 1
            if e["action"] == "found":
                written += 1
                if e["doi"] == c.expect_doi:
                    correct += 1
                else:
                    wrong.append(f"{c.key} ({c.kind}): wrote {e['doi']}, expected {c.expect_doi or 'none'}")
            elif c.kind == "find":
                missed.append(f"{c.key}: {e['action']}")
        elif c.expect_rule:
            planted += 1
            if c.expect_rule in rules:
                flagged += 1
            else:
                unflagged.append(f"{c.key} ({c.kind}): {sorted(rules)} {e['action']}")
        elif c.kind == "verify" and rules:
            alarms += 1
            unflagged.append(f"false alarm {c.key}: {sorted(rules)}")
    return {"written": written, "correct": correct, "findable": findable,
            "precision": correct / written if written else 1.0, "recall": correct / findable if findable else 1.0,
            "planted": planted, "flagged": flagged, "false_alarms": alarms,
            "verify_cases": sum(c.kind == "verify" for c in cases),
            "wrong": wrong, "missed": missed, "unflagged": unflagged}


def run_once(n: int, seed: int, latency: float, limit: int, verbose: bool,
             rate: float | None = None) -> dict[str, Any]:
    seeds, cases = build(n, seed)
    ctx = mp.get_context("fork")
    q, stop = ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=_serve, args=(seeds, latency, limit, q, stop), daemon=True)
    proc.start()
    urls = q.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            bib = Path(tmp) / "refs.bib"
            bib.write_text("\n".join(c.bib for c in cases), encoding="utf-8")
            env = {**os.environ, "CITEKEEPER_CROSSREF_API": urls["crossref"],
                   "CITEKEEPER_DATACITE_API": urls["datacite"], "CITEKEEPER_OPENALEX_API": urls["openalex"],
                   "CITEKEEPER_DOI_API": urls["handle"]}
            cmd = [sys.executable, "-m", "citekeeper", "enrich", str(bib), "--format", "json", "--no-cache",
                   "--allow-private", "--no-progress", "--timeout", "5"]
            if rate != 0:  # --rate 0: enrich's default, paced by the announced X-Rate-Limit-*
                cmd += ["--rate", str(rate or limit)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            res = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # enrich only: the server still runs
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if res.returncode not in (0, 1):
            raise SystemExit(f"enrich failed ({res.returncode}): {res.stderr[-2000:]}")
        data = json.loads(res.stdout)
        stats = {s: _stats(u) for s, u in urls.items()}
    finally:
        stop.set()
        proc.join(10)
    entries = {e["key"]: e for e in data["entries"]}
    ev = evaluate(cases, entries)
    peer = naive_first_hit(seeds, cases, entries)
    p_written = len(peer)
    p_correct = sum(1 for c in cases if c.key in peer and peer[c.key] == c.expect_doi)
    ev["peer"] = {"written": p_written, "correct": p_correct,
                  "precision": p_correct / p_written if p_written else 1.0,
                  "recall": p_correct / ev["findable"] if ev["findable"] else 1.0}
    floor = max(st["requests"] / limit for st in stats.values())
    ev.update(wall=wall, cpu=cpu, floor=floor, stats=stats, n=n, registry=len(seeds))
    if verbose:
        for line in ev["wrong"] + ev["missed"][:30] + ev["unflagged"][:30]:
            print("  ", line)
    return ev


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[1000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--latency", type=float, default=0.04)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--rate", type=float, help="enrich's --rate [the limit]; 0: not given (the "
                    "announced X-Rate-Limit-* is the pace); higher than the limit: the headers cap it")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    for n in args.n:
        walls = []
        for _ in range(args.runs):
            ev = run_once(n, args.seed, args.latency, args.limit, args.verbose, args.rate)
            walls.append(ev["wall"])
        wall = statistics.median(walls)
        st = ev["stats"]
        print(f"n={n} seed={args.seed} registry={ev['registry']} works, latency {args.latency * 1000:.0f} ms, "
              f"limit {args.limit}/s per service, --rate {args.rate if args.rate is not None else args.limit:g}")
        print(f"  find: written {ev['written']}, correct {ev['correct']}, findable {ev['findable']}: "
              f"precision {ev['precision']:.4f}, recall {ev['recall']:.4f}")
        print(f"  peer (Crossref first hit, title >= 0.9): written {ev['peer']['written']}, correct "
              f"{ev['peer']['correct']}: precision {ev['peer']['precision']:.4f}, recall {ev['peer']['recall']:.4f}")
        print(f"  planted mismatches/unregistered/notices flagged {ev['flagged']}/{ev['planted']}; "
              f"false alarms on {ev['verify_cases']} correct DOIs: {ev['false_alarms']}")
        print("  requests: " + ", ".join(f"{s} {v['requests']} (429: {v['throttled']}, max in flight "
                                          f"{v['max_inflight']})" for s, v in st.items()))
        print(f"  wall (median of {args.runs}) {wall:.2f} s; floor {ev['floor']:.2f} s; "
              f"ratio {wall / ev['floor']:.3f}; enrich CPU {ev['cpu']:.2f} s")


if __name__ == "__main__":
    main()
