"""Rebuild the shipped reference-string model from the labelled data in the repository.

    python3 scripts/train_crf.py                 # -> src/citekeeper/parse/crf/model.crfsuite
    python3 scripts/train_crf.py --limit 2000    # quick model while developing

Reproducible: the data is read in a fixed order (the files sorted by name), the held-out
gold split is a hash of each string, and L-BFGS is deterministic.  Strings that appear in
``data/eval/`` (the GROBID evaluation set) are never trained on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from citekeeper.parse.crf.corpus import (  # noqa: E402
    norm_text,
    read_jsonl,
    to_example,
    training_records,
)
from citekeeper.parse.crf.tagger import MODEL_PATH, train  # noqa: E402

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "training")
    ap.add_argument("--eval", type=Path, default=ROOT / "data" / "eval")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--limit", type=int, default=0, help="train on every n-th string only (development)")
    ap.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    args = ap.parse_args(argv)

    exclude = {norm_text(r["text"]) for p in sorted(args.eval.glob("*.jsonl")) for r in read_jsonl(p)}
    records = training_records(sorted(args.data.glob("*.jsonl")), exclude)
    if args.limit:
        step = max(1, len(records) // args.limit)
        records = records[::step]
    examples = [to_example(r) for r in records]
    params = dict(DEFAULT_PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    start = time.perf_counter()
    train(examples, args.out, params)
    took = time.perf_counter() - start
    size = args.out.stat().st_size / 1e6
    print(f"trained on {len(examples)} strings in {took:.0f} s -> {args.out} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
