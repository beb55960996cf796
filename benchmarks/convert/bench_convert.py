"""``citekeeper convert`` of real .bib files vs bibtexparser alone, pybtex and pandoc.

The input is built from ``../shared/realbib`` (biber's TUGboat bibliography with its
``@string`` macros, a Better BibTeX user library, biber's papers.bib), cut after N
entries: 750, 3,000 and 12,000 (1×/4×/16×, to show growth is linear).  Every program
runs as a fresh process, as a user runs it (start-up included), three times; the
median is reported.

* ``citekeeper bib->json`` / ``bib->bib``: ``citekeeper convert in.bib out.json|out.bib``;
* ``bibtexparser``: ``parse_file`` with its default middlewares + ``write_string`` — the
  library alone doing a conversion (bib -> bib), no LaTeX decoding, no names, no CSL;
  ``bibtexparser parse``: ``parse_file`` alone;
* ``pybtex``: ``parse_file`` + ``to_string("bibtex")``;
* ``pandoc``: ``pandoc -f bibtex -t csljson`` (Debian's pandoc 2.17).

    python3 benchmarks/convert/bench_convert.py [--corpus ../shared/realbib] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
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
    # not strict: pybtex refuses keys that differ only by case (chen_2017, Chen_2017)
    "pybtex": "import sys;import pybtex.errors;pybtex.errors.set_strict_mode(False);"
              "from pybtex.database import parse_file;d=parse_file(sys.argv[1]);"
              "open(sys.argv[2],'w').write(d.to_string('bibtex'))",
}


def build(corpus: Path, n: int, out: Path) -> int:
    """The first ``n`` entries of the sources joined (with the @string blocks before them)."""
    text = "\n".join((corpus / s).read_text(encoding="utf-8", errors="replace") for s in SOURCES)
    heads = list(_HEAD.finditer(text))
    cut = heads[n].start() if n < len(heads) else len(text)
    out.write_text(text[:cut], encoding="utf-8")
    return min(n, len(heads))


def timed(cmd: list[str], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(f"{cmd[0]} failed: {proc.stderr[-300:]}\n")
            return None
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "realbib")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = ap.parse_args(argv)
    py = sys.executable
    ck = shutil.which("citekeeper")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for n in args.sizes:
            src = d / f"in{n}.bib"
            entries = build(args.corpus, n, src)
            row: dict[str, float | None] = {}
            row["citekeeper bib->json"] = timed([ck or "citekeeper", "convert", "-q", str(src), str(d / "o.json")],
                                                args.runs)
            row["citekeeper bib->bib"] = timed([ck or "citekeeper", "convert", "-q", str(src), str(d / "o.bib")],
                                               args.runs)
            for name, code in PEERS.items():
                row[name] = timed([py, "-c", code, str(src), str(d / f"{name}.out")], args.runs)
            row["pandoc"] = timed(["pandoc", "-f", "bibtex", "-t", "csljson", "-o", str(d / "p.json"), str(src)],
                                  args.runs) if shutil.which("pandoc") else None
            rows.append((entries, row))
    names = list(rows[0][1])
    print(f"{'entries':>8} " + " ".join(f"{k:>21}" for k in names) + "  ck json / btp, / btp parse")
    for entries, row in rows:
        cells = " ".join(f"{(f'{v:.2f} s' if v is not None else 'n/a'):>21}" for v in row.values())
        ratio = (row["citekeeper bib->json"] or 0) / (row["bibtexparser"] or 1)
        ratio_parse = (row["citekeeper bib->json"] or 0) / (row["bibtexparser parse"] or 1)
        print(f"{entries:>8} {cells}  {ratio:.2f}×, {ratio_parse:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
