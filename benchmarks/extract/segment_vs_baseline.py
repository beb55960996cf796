"""In-process time of ``segment`` and ``extract_article`` at 4x/16x/64x, and of ``segment`` at a git baseline.

    python3 benchmarks/extract/segment_vs_baseline.py [--baseline 41af8b1^] [--sizes 4 16 64]

Both articles of ``bench_extract.py`` (the example, GOST superscript notes; the German
PDF-text notes).  The baseline is ``git archive REV src`` run in a subprocess on the same
texts, so the peer and this checkout are timed in the same minute on the same machine.
Best of 5 (segment) / 3 (extract_article).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

from baseline import run_at

HERE = Path(__file__).resolve().parent


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(sizes: list[int], with_extract: bool) -> dict[str, dict[int, dict[str, float]]]:
    sys.path.insert(0, str(HERE))
    import bench_extract as b

    from citekeeper.extract.segment import segment

    out: dict[str, dict[int, dict[str, float]]] = {}
    kinds = [("example", b.make_article)] + ([("notes", b.make_notes_article)] if b.GERMAN.exists() else [])
    for kind, make in kinds:
        out[kind] = {}
        for n in sizes:
            text = make(n)
            row = {"segment": _best(lambda text=text: segment(text), 5)}
            if with_extract:
                from citekeeper.extract import extract_article

                row["extract_article"] = _best(lambda text=text: extract_article(text), 3)
            out[kind][n] = row
    return out


def baseline(rev: str, sizes: list[int]) -> dict:
    return json.loads(run_at(rev, __file__, "--json-only", "--sizes", *map(str, sizes)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="41af8b1^")
    ap.add_argument("--sizes", type=int, nargs="+", default=[4, 16, 64])
    ap.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json_only:
        print(json.dumps(measure(args.sizes, with_extract=False)))
        return
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load}")
    rows = {"this checkout": measure(args.sizes, with_extract=True), f"baseline {args.baseline}": baseline(args.baseline, args.sizes)}
    for label, kinds in rows.items():
        for kind, by_size in kinds.items():
            for stage in next(iter(by_size.values())):
                vals = [by_size[n if n in by_size else str(n)][stage] for n in args.sizes]
                growth = "  ".join(f"{b / a:4.1f}x" for a, b in itertools.pairwise(vals))
                print(f"{label:<22} {kind:<8} {stage:<16} " + "  ".join(f"{v:7.3f}" for v in vals) + f"   growth {growth}")


if __name__ == "__main__":
    main()
