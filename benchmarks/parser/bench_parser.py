"""Field F1 (exact and soft) of the shipped reference-string CRF, and its speed on one core.

    python3 benchmarks/parser/bench_parser.py [--model PATH] [--per-label]

Test sets, neither trained on:
  * GROBID's evaluation set (``data/eval/grobid_citation_eval.jsonl``, 326 strings);
  * the held-out half of AnyStyle's gold set (``corpus.is_heldout_gold``, chosen by hash).

Gold and predicted labels are both in the tagger's label set (``labels.normalize_tokens``).
A field is the text of all tokens with that label in one reference; it counts as correct
when it equals the gold field: *exact* after trimming edge punctuation and a leading
marker (``pp.``, ``In:``, ``Vol.``), *soft* comparing only lower-cased letters and digits
(GROBID's "soft" matching).  Micro-averaged over all (reference, field) pairs; ``other``
and ``citation-number`` are not fields.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from citekeeper.parse.crf.corpus import is_heldout_gold, read_jsonl, to_example  # noqa: E402
from citekeeper.parse.crf.features import sequence_features  # noqa: E402
from citekeeper.parse.crf.fields import clean_value  # noqa: E402
from citekeeper.parse.crf.tagger import MODEL_PATH, get_tagger  # noqa: E402

SKIP = {"other", "citation-number"}


def fields_of(tokens: list[str], labels: list[str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for tok, lab in zip(tokens, labels, strict=False):
        if lab not in SKIP:
            out.setdefault(lab, []).append(tok)
    return {lab: " ".join(toks) for lab, toks in out.items()}


def exact(value: str) -> str:
    return " ".join(clean_value(value).split())


def soft(value: str) -> str:
    return re.sub(r"[\W_]+", "", clean_value(value).lower())


def score(examples: list[tuple[list[str], list[str]]], predicted: list[list[str]]) -> dict:
    counts = {m: Counter() for m in ("exact", "soft")}
    per_label = {m: Counter() for m in ("exact", "soft")}
    for (tokens, gold), pred in zip(examples, predicted, strict=False):
        g = fields_of(tokens, gold)
        p = fields_of(tokens, pred)
        for name, norm in (("exact", exact), ("soft", soft)):
            c, pl = counts[name], per_label[name]
            for lab in set(g) | set(p):
                if lab in g and lab in p and norm(g[lab]) == norm(p[lab]):
                    c["tp"] += 1
                    pl[lab, "tp"] += 1
                else:
                    if lab in p:
                        c["fp"] += 1
                        pl[lab, "fp"] += 1
                    if lab in g:
                        c["fn"] += 1
                        pl[lab, "fn"] += 1
    out = {}
    for name, c in counts.items():
        out[name] = f1(c["tp"], c["fp"], c["fn"])
        labels = sorted({lab for lab, _ in per_label[name]})
        out[name + "_labels"] = {
            lab: (f1(per_label[name][lab, "tp"], per_label[name][lab, "fp"], per_label[name][lab, "fn"]),
                  per_label[name][lab, "tp"] + per_label[name][lab, "fn"])
            for lab in labels
        }
    tok_ok = sum(a == b for (_, g), p in zip(examples, predicted, strict=False) for a, b in zip(g, p, strict=False))
    out["token_acc"] = tok_ok / max(1, sum(len(g) for _, g in examples))
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=MODEL_PATH)
    ap.add_argument("--per-label", action="store_true")
    args = ap.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # one core

    sets = {
        "GROBID eval (326)": [to_example(r) for r in read_jsonl(ROOT / "data/eval/grobid_citation_eval.jsonl")],
        "AnyStyle gold held-out": [
            to_example(r) for r in read_jsonl(ROOT / "data/training/anystyle.jsonl") if is_heldout_gold(r)
        ],
    }
    tagger = get_tagger(args.model)
    print(f"model: {args.model} ({args.model.stat().st_size / 1e6:.1f} MB)")
    for name, examples in sets.items():
        predicted = [tagger.tag(sequence_features(toks)) for toks, _ in examples]
        res = score(examples, predicted)
        print(f"{name}: n={len(examples)}  field F1 exact {res['exact']:.3f}  soft {res['soft']:.3f}"
              f"  token accuracy {res['token_acc']:.3f}")
        if args.per_label:
            for lab, (v, n) in sorted(res["soft_labels"].items(), key=lambda kv: -kv[1][1]):
                print(f"    {lab:18s} soft F1 {v:.3f}  exact {res['exact_labels'][lab][0]:.3f}  (gold {n})")

    # Speed, one core: tagging alone, and the whole model parse (marginals, fields, type).
    from citekeeper.parse.combine import parse_reference
    from citekeeper.parse.crf.features import token_features

    texts = [" ".join(t) for t, _ in sets["AnyStyle gold held-out"]] + [
        " ".join(t) for t, _ in sets["GROBID eval (326)"]
    ]
    token_features.cache_clear()
    start = time.perf_counter()
    for t in texts:
        tagger.tag(sequence_features(t.split()))
    tag_rate = len(texts) / (time.perf_counter() - start)
    if args.model == MODEL_PATH:
        start = time.perf_counter()
        for t in texts:
            parse_reference(t, use_rules=False)
        parse_rate = len(texts) / (time.perf_counter() - start)
        start = time.perf_counter()
        for t in texts:
            parse_reference(t)
        combined_rate = len(texts) / (time.perf_counter() - start)
        print(f"speed (one core, cold feature cache, {len(texts)} refs): tagging {tag_rate:.0f} refs/s; "
              f"model parse to Reference {parse_rate:.0f} refs/s; rules+model {combined_rate:.0f} refs/s")
    else:
        print(f"speed (one core, {len(texts)} refs): tagging {tag_rate:.0f} refs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
