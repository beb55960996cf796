"""Whole-process time of ``citekeeper extract`` (and ``--help``), with Python start-up as peer.

    python3 benchmarks/extract/bench_extract.py [--repeat 9] [--sizes 1 10 100] [--profile]

What a user waits for is the whole process: interpreter start, imports, reading,
segmentation, parsing, writing.  So every number here is a child process timed from
spawn to exit, repeated, and the median reported.  In the same run, as peers:
``python -c pass`` (the floor no Python CLI can beat) and ``python -c "import
bibtexparser"`` (the one heavy dependency ``extract`` needs), so the numbers mean the
same on a slower machine.

The long articles are the example's front matter, body and footnotes repeated N times
with the footnotes renumbered (copy k's footnote n becomes 41*k + n, in the body's
markers and in the footnote lines alike), followed by its reference list once: so the
footnote work grows N times, and a segmenter that looked back over all footnotes, or
a key registry that rescanned all keys, would show as super-linear growth.  Each run's
output is checked (24 references, 42*N citations in 41*N footnotes) so a broken
segmentation is never timed as a fast one.

Goals (issue 2): ``--help`` < 0.3 s, the example < 1 s, 100x < 10 s growing linearly.
``--profile`` adds a cProfile of the largest size (in-process, the same code path as the
console script) and prints the top functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "pichkhun-yuok-2024.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RUN = re.compile(f"[{SUPERSCRIPTS}]+")
_REF_HEADING = re.compile(r"^References\s*$", re.MULTILINE)


def _to_sup(n: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(n))


def _from_sup(s: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in s))


def make_article(times: int) -> str:
    """The example with everything before its reference list repeated ``times`` times."""
    text = EXAMPLE.read_text(encoding="utf-8")
    m = _REF_HEADING.search(text)
    assert m, "the example has a References heading"
    head, tail = text[: m.start()], text[m.start() :]
    per_copy = max(_from_sup(s) for s in _SUP_RUN.findall(head))
    copies = [
        _SUP_RUN.sub(lambda s, k=k: _to_sup(_from_sup(s.group()) + k * per_copy), head)
        for k in range(times)
    ]
    return "".join(copies) + tail


GERMAN = ROOT / "tests" / "extract" / "data" / "de_pdf_wrapped.txt"
_NUM_FOOTNOTE = re.compile(r"^(\d{1,4}) (?=\S)", re.MULTILINE)
# What one copy of the German dev article gives: citations, footnotes holding them, entries.
GERMAN_COUNTS = (10, 8, 5)


def make_notes_article(times: int) -> str:
    """The German dev article (PDF text, plain-number notes, wrapped and hyphenated, comments,
    Ebenda/a. a. O./short forms) with its body and notes repeated ``times`` times, the
    notes renumbered (copy k's note n becomes 10*k + n), then its reference list once."""
    text = GERMAN.read_text(encoding="utf-8")
    head, tail = text.split("Literaturverzeichnis\n", 1)
    copies = [_NUM_FOOTNOTE.sub(lambda m, k=k: f"{int(m.group(1)) + 10 * k} ", head) for k in range(times)]
    return "".join(copies) + "Literaturverzeichnis\n" + tail


def _citekeeper_cmd() -> list[str]:
    """The console script a user runs; ``python -m citekeeper`` when it is not on PATH."""
    script = shutil.which("citekeeper")
    return [script] if script else [sys.executable, "-m", "citekeeper"]


def time_process(cmd: list[str], repeat: int) -> tuple[float, list[float], str]:
    """Median wall time of ``cmd`` as a whole process over ``repeat`` runs (and its stdout)."""
    times = []
    out = ""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(cmd, capture_output=True, env=env)  # warm the OS cache and .pyc files
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
        out = proc.stdout
    return statistics.median(times), times, out


def profile_extract(article: Path, out_dir: Path, top: int) -> str:
    """cProfile of one in-process ``citekeeper extract`` run; the top functions as text."""
    from citekeeper.cli import main

    prof = cProfile.Profile()
    prof.enable()
    try:
        main(["extract", str(article), "--out", str(out_dir), "--quiet"])
    except SystemExit as exc:
        if exc.code:
            raise
    finally:
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs()
    buf.write(f"== top {top} by own time (tottime)\n")
    stats.sort_stats("tottime").print_stats(top)
    buf.write(f"== top {top} by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def stage_times(article: Path, out_dir: Path, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` in-process wall time of each stage of ``extract`` (no profiler overhead).

    ``extract_article`` includes ``segment`` and key assignment; they are also timed alone so
    the parsers' share is ``extract_article - segment - keys``.
    """
    from citekeeper.extract import extract_article
    from citekeeper.extract.segment import segment
    from citekeeper.formats import bibtex
    from citekeeper.parse.keys import KeyRegistry
    from citekeeper.textio import atomic_write, read_text

    best: dict[str, float] = {}

    def assign_keys(refs: list) -> None:
        registry = KeyRegistry()
        for ref in refs:
            registry.assign(ref)

    def dump_both(result) -> tuple[str, str]:
        return bibtex.dumps(result.references), bibtex.dumps(result.footnotes)

    def write_both(texts: tuple[str, str]) -> None:
        for i, text in enumerate(texts):
            atomic_write(out_dir / f"{i}.bib", text)

    def clock(name: str, fn, *args):
        t0 = time.perf_counter()
        value = fn(*args)
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - t0)
        return value

    for _ in range(repeat):
        src = clock("read_text", read_text, article)
        clock("segment", segment, src.text)
        result = clock("extract_article", extract_article, src.text, str(article))
        clock("keys (KeyRegistry)", assign_keys, result.references + result.footnotes)
        texts = clock("bibtex.dumps", dump_both, result)
        clock("atomic_write", write_both, texts)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=9, help="runs per small measurement (median)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100], help="article sizes (x example)")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size")
    ap.add_argument("--top", type=int, default=20, help="functions to show in the profile")
    ap.add_argument("--stages", action="store_true", help="in-process time of each stage per size")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--kind", choices=("example", "notes"), default="example",
                    help="the example article (GOST superscript notes) or the German PDF-text notes article")
    args = ap.parse_args()

    ck = _citekeeper_cmd()
    py = sys.executable
    results: dict[str, dict] = {}

    def record(name: str, cmd: list[str], repeat: int, label: str = "") -> str:
        med, all_times, out = time_process(cmd, repeat)
        results[name] = {"median_s": med, "runs_s": all_times, "cmd": cmd}
        print(f"{label or name:<36} median {med * 1000:8.1f} ms   (min {min(all_times) * 1000:.1f}, "
              f"max {max(all_times) * 1000:.1f}, n={len(all_times)})", flush=True)
        return out

    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs, load average {load};"
          f" citekeeper: {' '.join(ck)}")
    print("-- start-up peers")
    record("python -c pass", [py, "-c", "pass"], args.repeat)
    record("import bibtexparser", [py, "-c", "import bibtexparser"], args.repeat,
           "python -c 'import bibtexparser'")
    record("import citekeeper.cli", [py, "-c", "import citekeeper.cli"], args.repeat,
           "python -c 'import citekeeper.cli'")
    record("citekeeper --help", [*ck, "--help"], args.repeat)
    record("citekeeper extract --help", [*ck, "extract", "--help"], args.repeat)

    print("-- citekeeper extract")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in args.sizes:
            article = tmp / f"article-{n}x.txt"
            article.write_text(make_article(n) if args.kind == "example" else make_notes_article(n), encoding="utf-8")
            repeat = args.repeat if n <= 10 else max(3, args.repeat // 3)
            cmd = [*ck, "extract", str(article), "--out", str(tmp / f"out-{n}"), "--format", "json", "--force"]
            out = record(f"extract {n}x", cmd, repeat,
                         f"extract {n}x ({article.stat().st_size / 1e6:.2f} MB)")
            summary = json.loads(out)
            cites, notes, entries = GERMAN_COUNTS
            expected = (24, 42 * n, 41 * n) if args.kind == "example" else (entries, cites * n, notes * n)
            got = (summary["references"], summary["footnote_citations"], summary["footnotes"])
            if got != expected:
                raise SystemExit(f"{n}x: extracted {got}, expected {expected}: segmentation broke")

        base = results["python -c pass"]["median_s"]
        help_t = results["citekeeper --help"]["median_s"]
        first = args.sizes[0]
        t_first = results[f"extract {first}x"]["median_s"]
        print("-- ratios (net = minus the --help time, i.e. the work beyond start-up)")
        print(f"citekeeper --help / python -c pass            {help_t / base:6.2f}x")
        print(f"import bibtexparser / python -c pass          {results['import bibtexparser']['median_s'] / base:6.2f}x")
        print(f"extract {first}x / python -c pass                {t_first / base:6.2f}x")
        prev = None
        for n in args.sizes:
            t = results[f"extract {n}x"]["median_s"]
            if prev:
                pn, pt = prev
                print(f"extract {n}x / {pn}x: {t / pt:7.2f}x wall, "
                      f"{(t - help_t) / (pt - help_t):7.2f}x net (linear = {n / pn:.0f}x)")
            prev = (n, t)
        for n in args.sizes[2:]:
            t = results[f"extract {n}x"]["median_s"]
            print(f"extract {n}x / {first}x: {t / t_first:7.2f}x wall, "
                  f"{(t - help_t) / (t_first - help_t):7.2f}x net (linear = {n / first:.0f}x)")

        print("-- goals (absolute times depend on the machine and its load: see the peers)")
        goals = [("citekeeper --help", help_t, 0.3)]
        if 1 in args.sizes:
            goals.append(("extract 1x", results["extract 1x"]["median_s"], 1.0))
        if 100 in args.sizes:
            goals.append(("extract 100x", results["extract 100x"]["median_s"], 10.0))
        for name, t, goal in goals:
            print(f"{name:<20} {t:7.3f} s  goal < {goal} s  {'OK' if t < goal else 'MISSED'}")

        if args.stages:
            print("-- stages, in-process, best of 3 (seconds)")
            rows = {n: stage_times(tmp / f"article-{n}x.txt", tmp / f"stages-{n}", 3) for n in args.sizes}
            names = list(rows[args.sizes[0]])
            print(f"{'stage':<20}" + "".join(f"{str(n) + 'x':>10}" for n in args.sizes)
                  + (f"{'ratio ' + str(args.sizes[-1]) + '/' + str(args.sizes[-2]):>16}" if len(args.sizes) > 1 else ""))
            for name in names:
                vals = [rows[n][name] for n in args.sizes]
                ratio = f"{vals[-1] / vals[-2]:16.1f}" if len(vals) > 1 and vals[-2] > 0 else ""
                print(f"{name:<20}" + "".join(f"{v:10.3f}" for v in vals) + ratio)
            results["stages"] = {str(n): rows[n] for n in args.sizes}

        if args.profile:
            n = max(args.sizes)
            print(f"-- cProfile of extract {n}x (in-process)")
            print(profile_extract(tmp / f"article-{n}x.txt", tmp / "out-profile", args.top))

    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
