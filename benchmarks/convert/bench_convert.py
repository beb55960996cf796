"""``citekeeper convert`` of real .bib files vs bibtexparser alone, pybtex and pandoc.

The input is built from ``../shared/realbib`` (biber's TUGboat bibliography with its
``@string`` macros, a Better BibTeX user library, biber's papers.bib), cut after N
entries: 750, 3,000 and 12,000 (1×/4×/16×, to show growth is linear).  Every program
runs as a fresh process, as a user runs it (start-up included); the repetitions are
interleaved (program A, B, C, then A, B, C again …) so a change in the machine's load
hits every program alike, and each cell is the median of ``--runs`` (default 3) runs,
wall time and CPU time (user + system of the child).  The load average is printed
before and after.

* ``citekeeper bib->json`` / ``bib->bib``: ``citekeeper convert -q in.bib out.json|out.bib``,
  the console script beside this Python (not a version-manager shim, which costs a second
  interpreter start: 0.06 s);
* ``bibtexparser parse``: ``parse_file`` with its default middlewares — the judged peer
  (issue 11: ``convert`` ≤ 1.2× this); ``bibtexparser``: ``parse_file`` + ``write_string``,
  the library alone doing a conversion (bib -> bib), no LaTeX decoding, no names, no CSL;
* ``pybtex``: ``parse_file`` + ``to_string("bibtex")``;
* ``pandoc``: ``pandoc -f bibtex -t csljson`` (Debian's pandoc 2.17);
* ``ck read_file``: in one process, the CPU time per entry of ``formats.read_file`` (the
  reader every command uses; ``check`` reads .bib files through it), median of the runs.

    python3 benchmarks/convert/bench_convert.py [--corpus ../shared/realbib] [--runs 3]
        [--sizes 750 3000 12000] [--no-slow-peers] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCES = ("biber-tugboat.bib", "bbt-import-unabbreviate-1436-3.bib", "biber-papers.bib")
SIZES = (750, 3000, 12000)  # 1x / 4x / 16x
_HEAD = re.compile(r"^@(?!string\b|preamble\b|comment\b)[A-Za-z]+\s*[{(]", re.I | re.M)

PEERS = {
    "bibtexparser parse": "import bibtexparser,sys;lib=bibtexparser.parse_file(sys.argv[1])",
    "bibtexparser": "import bibtexparser,sys;lib=bibtexparser.parse_file(sys.argv[1]);"
                    "open(sys.argv[2],'w').write(bibtexparser.write_string(lib))",
}
SLOW_PEERS = {
    # not strict: pybtex refuses keys that differ only by case (chen_2017, Chen_2017)
    "pybtex": "import sys;import pybtex.errors;pybtex.errors.set_strict_mode(False);"
              "from pybtex.database import parse_file;d=parse_file(sys.argv[1]);"
              "open(sys.argv[2],'w').write(d.to_string('bibtex'))",
}
# formats.read_file's CPU time per entry, in a process of its own (imports not counted).
READ_FILE = ("import sys,time,gc;from citekeeper import formats;gc.collect();t=time.process_time();"
             "r=formats.read_file(sys.argv[1]);print((time.process_time()-t)/len(r.references)*1000)")


def build(corpus: Path, n: int, out: Path) -> int:
    """The first ``n`` entries of the sources joined (with the @string blocks before them)."""
    text = "\n".join((corpus / s).read_text(encoding="utf-8", errors="replace") for s in SOURCES)
    heads = list(_HEAD.finditer(text))
    cut = heads[n].start() if n < len(heads) else len(text)
    out.write_text(text[:cut], encoding="utf-8")
    return min(n, len(heads))


def run(cmd: list[str]) -> tuple[float, float] | None:
    """``(wall seconds, CPU seconds)`` of one run of ``cmd``; ``None`` if it failed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(f"{cmd[0]} failed: {proc.stderr[-300:]}\n")
        return None
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def citekeeper_script() -> str:
    """The ``citekeeper`` console script installed beside this Python (else the one on PATH)."""
    beside = Path(sys.executable).with_name("citekeeper")
    return str(beside) if beside.exists() else (shutil.which("citekeeper") or "citekeeper")


def commands(src: Path, out: Path, slow: bool) -> dict[str, list[str]]:
    py, ck = sys.executable, citekeeper_script()
    cmds = {
        "citekeeper bib->json": [ck, "convert", "-q", str(src), str(out / "o.json")],
        "citekeeper bib->bib": [ck, "convert", "-q", str(src), str(out / "o.bib")],
    }
    cmds.update({name: [py, "-c", code, str(src), str(out / "peer.out")] for name, code in PEERS.items()})
    if slow:
        cmds.update({name: [py, "-c", code, str(src), str(out / "peer.out")] for name, code in SLOW_PEERS.items()})
        if shutil.which("pandoc"):
            cmds["pandoc"] = ["pandoc", "-f", "bibtex", "-t", "csljson", "-o", str(out / "p.json"), str(src)]
    return cmds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "realbib")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--no-slow-peers", action="store_true", help="skip pybtex and pandoc (minutes at 12,000)")
    ap.add_argument("--json", type=Path, help="also write the medians here")
    args = ap.parse_args(argv)
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for n in args.sizes:
            src = d / f"in{n}.bib"
            entries = build(args.corpus, n, src)
            cmds = commands(src, d, not args.no_slow_peers)
            samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
            per_entry: list[float] = []
            for _ in range(args.runs):  # interleaved: one run of each program per round
                for name, cmd in cmds.items():
                    got = run(cmd)
                    if got is not None:
                        samples[name].append(got)
                proc = subprocess.run([sys.executable, "-c", READ_FILE, str(src)], capture_output=True, text=True)
                if proc.returncode == 0:
                    per_entry.append(float(proc.stdout.strip()))
            row = {name: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) if s else None
                   for name, s in samples.items()}
            rows.append((entries, row, statistics.median(per_entry) if per_entry else None))
    load_after = os.getloadavg()
    names = list(rows[0][1])
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; medians of {args.runs}, wall / CPU")
    print("| entries | " + " | ".join(names) + " | ck json / btp parse (wall, CPU) | read_file ms CPU/entry |")
    print("|---" * (len(names) + 3) + "|")
    out = []
    for entries, row, read_ms in rows:
        cells = " | ".join(f"{v[0]:.2f} / {v[1]:.2f} s" if v else "n/a" for v in row.values())
        ck, btp = row.get("citekeeper bib->json"), row.get("bibtexparser parse")
        ratio = f"{ck[0] / btp[0]:.2f}×, {ck[1] / btp[1]:.2f}×" if ck and btp else "n/a"
        read = f"{read_ms:.3f}" if read_ms is not None else "n/a"
        print(f"| {entries:,} | {cells} | {ratio} | {read} |")
        out.append({"entries": entries, "read_file_ms_per_entry": read_ms,
                    **{k: {"wall": v[0], "cpu": v[1]} if v else None for k, v in row.items()}})
    if args.json:
        args.json.write_text(json.dumps({"load_before": load_before, "load_after": load_after, "runs": args.runs,
                                         "rows": out}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
