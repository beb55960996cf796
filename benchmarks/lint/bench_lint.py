"""``lint``, ``lint --fix`` and ``check --fix``'s writer at 1k/4k/16k entries, with the
implementation of an earlier commit (all-pairs duplicates, one rescan per fix) as the peer,
run in the same process pool on the same files.

The corpora are built from ../shared/realbib (benchmarks may read it; tests never do):
every entry block of every .bib file, in a fixed shuffled order, the first N, with every
``@string`` definition of the corpus in front so macros resolve.  For ``--fix`` a known
number of entries get a tracking parameter on their URL (``lint --fix`` removes it) or an
archived copy to record (``check --fix``'s ``links.fix.apply``, given the fixes directly:
the checking itself needs the network and is measured in benchmarks/linkcheck).

    python3 benchmarks/lint/bench_lint.py                 # new code, all sizes
    python3 benchmarks/lint/bench_lint.py --peer 2a9f6b3~1 --peer-sizes 1000,2000

Times are whole-process wall times (``python -m citekeeper ...``), median of --repeat.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REALBIB = ROOT.parent / "shared" / "realbib"
sys.path.insert(0, str(ROOT / "src"))

from citekeeper.formats.bibedit import scan  # noqa: E402

TODAY = "2026-12-01"


def blocks() -> tuple[list[str], list[str]]:
    """(``@string`` definitions, entry blocks) of every .bib in the corpus."""
    strings: list[str] = []
    seen: set[str] = set()
    entries: list[str] = []
    for path in sorted(REALBIB.glob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        for block in re.findall(r"@string\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", text, re.I):
            name = block.split("{", 1)[1].split("=", 1)[0].strip().lower()
            if name not in seen:  # several files define the same macro: keep the first
                seen.add(name)
                strings.append(block)
        entries += [text[e.start:e.end] for e in scan(text).entries]
    random.Random(20261201).shuffle(entries)
    return strings, entries


def build(n: int, strings: list[str], entries: list[str], out: Path, tracked: int = 0) -> Path:
    """A .bib of the first ``n`` entries; ``tracked`` of them get a URL with ``utm_source``."""
    picked = []
    todo = tracked
    for i, block in enumerate(entries[:n]):
        entry = scan(block).entries
        if todo and entry and entry[0].fields and entry[0].get("url") is None:
            last = entry[0].fields[-1]
            block = (block[:last.value_end] + f",\n  url = {{https://example.org/w/{i}?utm_source=bench}}"
                     + block[last.value_end:])
            todo -= 1
        picked.append(block)
    path = out / f"corpus-{n}-{tracked}.bib"
    path.write_text("\n".join(strings) + "\n\n" + "\n\n".join(picked) + "\n", encoding="utf-8")
    return path


def timed(cmd: list[str], env: dict[str, str], repeat: int, prepare=None) -> tuple[float, str]:
    """Median wall time of ``repeat`` runs, and the last run's stdout + stderr.

    The median CPU time (user + system of the child) is kept too (``cpu_of``): on a
    shared machine wall time also counts waiting for a core, CPU time much less so.
    """
    import resource

    times = []
    cpus = []
    code = 0
    out = ""
    for _ in range(repeat):
        if prepare:
            prepare()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = proc.returncode
        out = proc.stdout + proc.stderr
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr[-500:]}")
    LAST_CPU[0] = statistics.median(cpus)
    return statistics.median(times), out


LAST_CPU = [0.0]


CHECK_FIX = """
import sys
from citekeeper.formats.bibedit import scan
from citekeeper.links.fix import Fix, apply
path, n = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
keys = list(dict.fromkeys(e.key for e in scan(text).entries))[:n]
done, warnings = apply([Fix(path, k, None, (("archiveurl", "https://web.archive.org/web/2014/" + k),
                                             ("archivedate", "2014-12-20"))) for k in keys])
print(len(done))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,4000,16000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer", help="git revision of the peer implementation (e.g. 98262d5)")
    ap.add_argument("--peer-sizes", default="1000")
    ap.add_argument("--peer-repeat", type=int, default=1, help="the peer is slow: fewer runs")
    args = ap.parse_args()
    strings, entries = blocks()
    print(f"corpus: {len(entries)} entry blocks, {len(strings)} @string definitions from {REALBIB}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-lint-"))
    impls = [("new", ROOT / "src", [int(s) for s in args.sizes.split(",")], args.repeat)]
    if args.peer:
        old = tmp / "peer"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.peer, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        impls.append((f"peer {args.peer}", old / "src", [int(s) for s in args.peer_sizes.split(",")],
                      args.peer_repeat))
    rows = []
    for name, src, sizes, repeat in impls:
        env = {**os.environ, "PYTHONPATH": str(src)}
        whole = REALBIB / "bbt-import-unabbreviate-1436-3.bib"  # the 7,166-entry library
        for _ in () if name != "new" else (1,):  # the peer did not finish it in 600 s (issue 11)
            t, _ = timed([sys.executable, "-m", "citekeeper", "lint", "--format", "json", "--today", TODAY,
                          str(whole)], env, repeat)
            print(f"{name:>16} {whole.name} (7166 entries): lint {t:7.2f} s (CPU {LAST_CPU[0]:.2f} s)", flush=True)
        for n in sizes:
            plain = build(n, strings, entries, tmp)
            lint, _ = timed([sys.executable, "-m", "citekeeper", "lint", "--format", "json", "--today", TODAY,
                             str(plain)], env, repeat)
            lint_cpu = LAST_CPU[0]
            fixes = n // 2
            tracked = build(n, strings, entries, tmp, tracked=fixes)
            work = tmp / "work.bib"
            lfix, lout = timed([sys.executable, "-m", "citekeeper", "lint", "--fix", "--format", "json",
                             "--today", TODAY, str(work)], env, repeat,
                            prepare=lambda t=tracked, w=work: shutil.copy(t, w))
            lfix_cpu = LAST_CPU[0]
            cfix, cout = timed([sys.executable, "-c", CHECK_FIX, str(work), str(fixes)], env, repeat,
                            prepare=lambda p=plain, w=work: shutil.copy(p, w))
            cfix_cpu = LAST_CPU[0]
            applied = sum(int(m) for m in re.findall(r"applied (\d+) fix", lout))
            done = int(cout.split()[-1]) if cout.split() and cout.split()[-1].isdigit() else -1
            rows.append((name, n, fixes, lint, lfix, cfix))
            print(f"{name:>16} {n:>6} entries: lint {lint:7.2f} s (CPU {lint_cpu:.2f}) | "
                  f"lint --fix ({applied} fixes) {lfix:7.2f} s (CPU {lfix_cpu:.2f}) | "
                  f"check --fix writer ({done} entries fixed) {cfix:7.2f} s (CPU {cfix_cpu:.2f})", flush=True)
    start = python_start(args.repeat)
    print(f"python -c 'import citekeeper.cli' start-up: {start:.2f} s")
    for name in dict.fromkeys(r[0] for r in rows):
        mine = [r for r in rows if r[0] == name]
        if len(mine) >= 2:
            (a, b) = mine[0], mine[-1]
            k = b[1] / a[1]
            print(f"{name}: {b[1]}/{a[1]} entries = {k:.0f}x -> lint {(b[3] - start) / (a[3] - start):.1f}x, "
                  f"lint --fix {(b[4] - start) / (a[4] - start):.1f}x, "
                  f"check --fix {(b[5] - start) / max(a[5] - start, 1e-3):.1f}x (net of start-up)")
    shutil.rmtree(tmp, ignore_errors=True)


def python_start(repeat: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return timed([sys.executable, "-c", "import citekeeper.cli"], env, repeat)[0]


if __name__ == "__main__":
    main()
