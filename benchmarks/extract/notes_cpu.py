"""CPU time of ``extract_article`` over every dev notes text, against citekeeper at a git baseline.

    python3 benchmarks/extract/notes_cpu.py [--baseline 2bbb7df] [--sizes 1 4 16] [--repeat 3]

Each text of ``tests/extract/data*`` and ``data/dev/notes*`` is extracted alone (1x) and repeated
k times in one text (kx); the peer is ``git archive REV src`` run in a subprocess on the same
texts, interleaved with this checkout, so both are timed in the same minute.  Medians of
``--repeat`` runs of process CPU time.  Written to show what the notes rules of issue 13 cost.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time

from baseline import ROOT, run_at

_FOLDERS = ("tests/extract/data", "tests/extract/data_fresh", "data/dev")


def _texts() -> list[tuple[str, str]]:
    paths = sorted(p for f in _FOLDERS for p in (ROOT / f).glob("**/*.txt") if "notes" in str(p) or "tests" in str(p))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def cpu_once(size: int) -> float:
    """Seconds of CPU for one pass over every text at ``size`` copies."""
    from citekeeper.errors import CitekeeperError
    from citekeeper.extract import extract_article

    texts = _texts()
    start = time.process_time()
    for name, text in texts:
        with contextlib.suppress(CitekeeperError):  # a text with no citations at that revision
            extract_article("\n\n".join([text] * size), file=name)
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="2bbb7df")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--once", type=int, help=argparse.SUPPRESS)  # one pass, for the peer's subprocess
    args = ap.parse_args()
    if args.once:
        print(cpu_once(args.once))
        return
    print(f"| size | this checkout | {args.baseline} | ratio |\n|---:|---:|---:|---:|")
    for size in args.sizes:
        here, peer = [], []
        for _ in range(args.repeat):
            here.append(cpu_once(size))
            peer.append(float(run_at(args.baseline, __file__, "--once", str(size))))
        h, b = statistics.median(here), statistics.median(peer)
        print(f"| {size}x | {h:.3f} s | {b:.3f} s | {h / b:.3f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
