"""Whole-process rendering time: citekeeper vs citeproc-js vs pandoc, side by side.

    cd benchmarks/_work && npm install citeproc        # once (benchmark only)
    python3 benchmarks/render/bench.py [--sizes 1000 5000] [--styles apa ieee] [--repeat 3]

Makes N CSL-JSON entries from the varied test items (``tests/render/data/items.json``; every
copy gets a distinct id and distinct author names, so disambiguation work stays realistic),
then times, as whole processes, ``citekeeper render``, ``node citeproc_js.js --mode bib``
(citeproc-js), plain citeproc-py (``citeproc_py_plain.py``) and ``pandoc --citeproc`` when
pandoc is installed, in the same run.  Prints the median of
``--repeat`` runs per tool, the ratio to citeproc-js and the growth from the smallest to the
largest size (linear growth = size ratio).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ITEMS = ROOT / "tests" / "render" / "data" / "items.json"
JS = Path(__file__).with_name("citeproc_js.js")
PLAIN = Path(__file__).with_name("citeproc_py_plain.py")
SYLL = ["ka", "lo", "mi", "ra", "ten", "vo", "sar", "bel", "dun", "fi", "gor", "han", "jul", "pet"]


def make_items(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    base = json.loads(ITEMS.read_text())
    out = []
    for i in range(n):
        it = json.loads(json.dumps(rng.choice(base)))
        it["id"] = f"item{i}"
        for role in ("author", "editor", "translator"):
            for name in it.get(role, []):
                if "family" in name:
                    name["family"] = "".join(rng.choice(SYLL) for _ in range(3)).capitalize()
        out.append(it)
    return out


CPU: dict[tuple[str, str, int], float] = {}


def run(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall-clock and median CPU (user + system) seconds of the whole process.

    CPU time is printed beside wall-clock because the benchmark machine is shared: under
    load, wall-clock grows with the wait for a core while CPU time does not.
    """
    times, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[24, 1000, 5000])
    ap.add_argument("--styles", nargs="+", default=["apa", "ieee"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--plain-max", type=int, default=1000,
                    help="run plain citeproc-py only up to this size (28 s for 1,000 APA entries)")
    args = ap.parse_args(argv)
    have_js = (ROOT / "benchmarks/_work/node_modules/citeproc").is_dir() and shutil.which("node")
    pandoc = shutil.which("pandoc")
    tmp = Path(tempfile.mkdtemp(prefix="ck-bench-"))
    results: dict[tuple[str, str, int], float] = {}
    for n in args.sizes:
        data = tmp / f"items{n}.json"
        data.write_text(json.dumps(make_items(n), ensure_ascii=False))
        for style in args.styles:
            csl = ROOT / "styles" / f"{'apa' if style == 'apa' else style}.csl"
            tools = {"citekeeper": [sys.executable, "-m", "citekeeper", "render", str(data), "--style", str(csl)]}
            if n <= args.plain_max:
                tools["citeproc-py"] = [sys.executable, str(PLAIN), str(csl), str(data)]
            if have_js:
                tools["citeproc-js"] = ["node", str(JS), str(csl), str(data), "--mode", "bib"]
            if pandoc:
                md = tmp / "doc.md"
                md.write_text("---\nnocite: '@*'\n---\n")
                tools["pandoc"] = [pandoc, str(md), "--citeproc", "--bibliography", str(data),
                                   "--csl", str(csl), "-t", "plain"]
            for tool, cmd in tools.items():
                results[(tool, style, n)], CPU[(tool, style, n)] = run(cmd, args.repeat)
                print(f"{style:6s} n={n:<6d} {tool:12s} median {results[(tool, style, n)]:7.2f} s"
                      f"  (CPU {CPU[(tool, style, n)]:6.2f} s)", flush=True)
    print()
    for style in args.styles:
        for n in args.sizes:
            ck = results[("citekeeper", style, n)]
            js = results.get(("citeproc-js", style, n))
            pd = results.get(("pandoc", style, n))
            py = results.get(("citeproc-py", style, n))
            cpu = {t: CPU.get((t, style, n)) for t in ("citekeeper", "citeproc-py", "citeproc-js", "pandoc")}
            print(f"{style} n={n} CPU: " + ", ".join(f"{t} {v:.2f} s" for t, v in cpu.items() if v))
            parts = [f"{style} n={n}: citekeeper {ck:.2f} s"]
            if py:
                parts.append(f"citeproc-py {py:.2f} s")
            if js:
                parts.append(f"citeproc-js {js:.2f} s (citekeeper/citeproc-js = {ck / js:.2f})")
            if pd:
                parts.append(f"pandoc {pd:.2f} s (citekeeper/pandoc = {ck / pd:.2f})")
            print("; ".join(parts))
        lo, hi = min(args.sizes), max(args.sizes)
        if lo != hi:
            g = results[("citekeeper", style, hi)] / results[("citekeeper", style, lo)]
            print(f"{style}: growth {lo}->{hi}: x{g:.2f} (linear: x{hi / lo:.1f})")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
