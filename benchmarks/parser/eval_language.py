"""Accuracy and abstention of ``parse.language.guess_language`` on labelled strings.

Sets (none of them the evaluation-only ones in docs/TEAM.md):

* ``plos``: gold title + container of data/dev/plos.jsonl (PLOS reference lists: English,
  apart from the few non-English works they cite, which count as errors against "en");
* ``ru_gost``: gold of data/dev/ru_gost.jsonl (Russian);
* ``notes``: every citation ``extract`` parses from the data/dev/notes*/ articles, labelled
  with the article's language (the file name's prefix).  A German article cites English
  books, so this label is a lower bound: ``--show`` prints the disagreements to read;
* ``notes_heldback``: the same for data/dev/notes_heldback/ (never tuned on);
  data/dev/notes_heldout_*/ are left alone (kept unseen for extract's evaluation);
* ``anystyle`` (``../shared/data/anystyle.jsonl``, optional): unlabelled; only the
  distribution of guesses, for reading the non-English ones with ``--show``.

Reported per set: accuracy on the answered rows, abstention rate, wrong rate; and the speed
of the guesser alone (strings/s, median of 3).

    python3 benchmarks/parser/eval_language.py [--show notes] [--anystyle]
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

from citekeeper.parse.language import guess_text_language

ROOT = Path(__file__).resolve().parents[2]


def _gold_rows(path: Path, lang: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = d["gold"]
        title = gold.get("title") or ""
        if title:
            rows.append((title, gold.get("container-title") or "", d.get("lang") or lang, d["text"]))
    return rows


def _notes_rows(heldback: bool = False) -> list[tuple[str, str, str, str]]:
    from citekeeper.extract import extract_article

    rows = []
    for txt in sorted(ROOT.glob("data/dev/notes*/*.txt")):
        if "heldout" in txt.parent.name:
            continue  # the notes helper's held-out texts: not read here
        if (txt.parent.name == "notes_heldback") != heldback:
            continue
        lang = txt.name.split("_", 1)[0]
        try:
            ex = extract_article(txt.read_text(encoding="utf-8"), str(txt))
        except Exception:  # an article extract cannot read has nothing to score
            continue
        for ref in ex.references + ex.footnotes:
            if ref.parsed and ref.title and not ref.repeats:
                rows.append((ref.title, ref.get("container-title"), lang, ref.raw))
    return rows


def score(name: str, rows: list[tuple[str, str, str, str]], show: bool) -> dict:
    right = wrong = none = 0
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    for title, container, lang, raw in rows:
        got = guess_text_language(title, container)
        confusion[(lang, got or "-")] += 1
        if not got:
            none += 1
        elif got == lang:
            right += 1
        else:
            wrong += 1
            if show:
                print(f"  [{name}] gold {lang} got {got}: {raw[:140]}")
    n = len(rows)
    answered = right + wrong
    return {
        "set": name, "rows": n, "answered": answered,
        "accuracy_answered": round(right / answered, 3) if answered else None,
        "abstain": round(none / n, 3) if n else None, "wrong": round(wrong / n, 3) if n else None,
        "confusion": {f"{g}->{p}": c for (g, p), c in sorted(confusion.items())},
    }


def speed(rows: list[tuple[str, str, str, str]]) -> float:
    runs = []
    for _ in range(3):
        t = time.process_time()
        for title, container, _lang, _raw in rows:
            guess_text_language(title, container)
        runs.append(time.process_time() - t)
    return len(rows) / statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="append", default=[], help="print the wrong guesses of this set")
    ap.add_argument("--anystyle", action="store_true", help="also count guesses on ../shared AnyStyle strings")
    args = ap.parse_args()
    sets = {
        "plos": _gold_rows(ROOT / "data/dev/plos.jsonl", "en"),
        "ru_gost": _gold_rows(ROOT / "data/dev/ru_gost.jsonl", "ru"),
        "notes": _notes_rows(),
        "notes_heldback": _notes_rows(heldback=True),
    }
    for name, rows in sets.items():
        print(json.dumps(score(name, rows, name in args.show), ensure_ascii=False))
    every = [r for rows in sets.values() for r in rows]
    print(json.dumps({"guesses_per_s_cpu": round(speed(every)), "strings": len(every)}))
    if args.anystyle:
        path = ROOT.parent / "shared/data/anystyle.jsonl"
        counts: collections.Counter[str] = collections.Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            got = guess_text_language(d["fields"].get("title", ""), d["fields"].get("container-title", ""))
            counts[got or "-"] += 1
            if got not in ("", "en") and "anystyle" in args.show:
                print(f"  [anystyle] {got}: {d['text'][:140]}")
        print(json.dumps({"anystyle_guesses": dict(counts.most_common())}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
