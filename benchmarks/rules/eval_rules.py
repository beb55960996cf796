"""How well do the rule-based parsers (author-date, GOST) read strings they claim?

Runs ``parse_authordate`` and ``parse_gost`` over AnyStyle's labelled strings (default
``../shared/data/anystyle.jsonl``; pass another path as the first argument) and, for
every string a parser accepts, compares title, container, year, volume, pages and the
number of authors with the labels (soft match: case, punctuation and spacing ignored).
Prints coverage and per-field accuracy, so a rule change can be judged on data it was
not written for.  Not a test: the data is not shipped and the numbers are for reading.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.gost import parse_gost


def norm(text: str) -> str:
    text = re.sub(r"^(?:in:?\s+)", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\b(?:vol|p|pp|no|т|с)\.\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"[\W_]+", "", text.lower())


def year_of(text: str) -> str:
    m = re.search(r"(?:1[5-9]|20)\d\d", text)
    return m.group(0) if m else ""


def first_number(text: str) -> str:
    m = re.search(r"\d+|\b[IVXLC]+\b", text)
    return m.group(0) if m else ""


def compare(ref, fields: dict[str, str], tally: Counter, seen: Counter) -> None:
    checks = {
        "title": (fields.get("title", ""), ref.title),
        "container": (fields.get("journal") or fields.get("container-title", ""), ref.get("container-title")),
        "year": (year_of(fields.get("date", "")), str(ref.issued.year) if ref.issued and ref.issued.year else ""),
        "volume": (first_number(fields.get("volume", "")), first_number(ref.get("volume"))),
        "pages": (fields.get("pages", ""), ref.get("page")),
        "publisher": (fields.get("publisher", ""), ref.get("publisher")),
    }
    for name, (gold, got) in checks.items():
        if not gold:
            continue
        seen[name] += 1
        g, o = norm(gold), norm(got)
        if name == "year":
            g, o = gold, got
        if g and g == o:
            tally[name] += 1


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/anystyle.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for name, parser, select in (
        ("author-date", parse_authordate, lambda t: re.search(r"\((?:1[5-9]|20)\d\d[a-z]?\)\.", t)),
        ("gost", parse_gost, lambda t: " // " in t),
    ):
        candidates = [r for r in rows if select(r["text"])]
        tally: Counter = Counter()
        seen: Counter = Counter()
        accepted = 0
        start = time.perf_counter()
        for row in candidates:
            ref = parser(row["text"])
            if ref is None:
                continue
            accepted += 1
            compare(ref, row["fields"], tally, seen)
        elapsed = time.perf_counter() - start
        print(f"{name}: {len(candidates)} strings in the style, {accepted} accepted, "
              f"{len(candidates) / elapsed:,.0f} strings/s")
        for field in seen:
            print(f"  {field:10s} {tally[field]:5d}/{seen[field]:<5d} {tally[field] / seen[field]:.3f}")


if __name__ == "__main__":
    main()
