"""References per second of the whole parse pipeline, on one core, at 1x / 4x / 16x input.

    python3 benchmarks/parser/bench_speed.py [--runs 5]

Strings: the PLOS dev set (``data/dev/plos.jsonl``, Vancouver/NLM/PLOS/IEEE) and AnyStyle's gold
set (``data/training/anystyle.jsonl``, every style), interleaved, all distinct so that the
feature cache gives no repeated-string advantage.  Measured, each as the median of ``--runs``
runs (the model loaded and warmed before timing, the token-feature cache cleared before each
run):

* ``pipeline``: ``citekeeper.parse.parse_list_entry`` (rules first, the model for the rest
  and for gaps) — what ``extract`` and ``citekeeper parse`` do;
  ``--note`` times ``parse_citation`` instead (the rules in footnote order);
* ``model only`` (peer): ``parse_reference(use_rules=False)``, the learned parser alone
  (AnyStyle's way: a CRF for every string).

1x = 300 strings, 4x = 1,200, 16x = 4,800: refs/s should stay flat (linear time).

Time is this process's CPU time (``time.process_time``), not wall time: the machine these
numbers come from is shared (load average 6-8 on 2 cores while they were taken), and CPU
time is what one reference costs; on an idle core wall time is the same.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from citekeeper.parse import parse_citation, parse_list_entry  # noqa: E402
from citekeeper.parse.combine import parse_reference  # noqa: E402
from citekeeper.parse.crf.features import token_features  # noqa: E402


def strings() -> list[str]:
    plos = [json.loads(line)["text"] for line in (ROOT / "data/dev/plos.jsonl").open(encoding="utf-8")]
    anystyle = [json.loads(line)["text"] for line in (ROOT / "data/training/anystyle.jsonl").open(encoding="utf-8")]
    anystyle = anystyle[:: max(1, len(anystyle) // 2500)]
    mixed, seen = [], set()
    for pair in zip(plos, anystyle, strict=False):
        for s in pair:
            if s not in seen:
                seen.add(s)
                mixed.append(s)
    return mixed


def rate(fn, texts: list[str], runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        token_features.cache_clear()
        start = time.process_time()
        for t in texts:
            fn(t)
        times.append(time.process_time() - start)
    return len(texts) / statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--note", action="store_true", help="time parse_citation (footnote order of the rules) instead")
    args = ap.parse_args()
    pipeline = parse_citation if args.note else parse_list_entry
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # one core
    texts = strings()
    parse_reference(texts[0], use_rules=False)  # load the model before timing
    print(f"{len(texts)} distinct strings available; median of {args.runs} runs, one core; "
          f"pipeline = {pipeline.__name__}")
    print("| input | pipeline refs/s | model only refs/s (peer) |")
    print("|---|---:|---:|")
    for mult in (1, 4, 16):
        batch = texts[: 300 * mult]
        pipe = rate(pipeline, batch, args.runs)
        model = rate(lambda t: parse_reference(t, use_rules=False), batch, args.runs)
        print(f"| {mult}x ({len(batch)}) | {pipe:,.0f} | {model:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
