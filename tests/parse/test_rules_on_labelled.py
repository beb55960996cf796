"""The rule parsers on labelled strings they were not written for (AnyStyle data).

A regression guard with floors set a little under what the rules reach today; the
per-field numbers are printed by ``benchmarks/rules/eval_rules.py`` on the full data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citekeeper.parse.authordate import parse_authordate
from citekeeper.parse.gost import parse_gost

DATA = Path(__file__).resolve().parents[1] / "data" / "anystyle_samples.jsonl"


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


@pytest.fixture(scope="module")
def rows():
    return [json.loads(line) for line in DATA.open(encoding="utf-8")]


def _score(rows, select, parser):
    picked = [r for r in rows if select(r["text"])]
    titles = years = accepted = 0
    for row in picked:
        ref = parser(row["text"])
        if ref is None:
            continue
        accepted += 1
        if _norm(ref.title) == _norm(row["fields"].get("title", "").rstrip("/ ")):
            titles += 1
        gold_year = re.search(r"(?:1[5-9]|20)\d\d", row["fields"].get("date", ""))
        if gold_year and ref.issued and str(ref.issued.year) == gold_year.group(0):
            years += 1
    return len(picked), accepted, titles, years


def test_gost_strings(rows):
    n, accepted, titles, years = _score(rows, lambda t: " // " in t, parse_gost)
    assert n == 47 and accepted == n
    assert titles / n >= 0.8
    assert years / n >= 0.85


def test_author_date_strings(rows):
    n, accepted, titles, years = _score(rows, lambda t: " // " not in t, parse_authordate)
    assert n == 80
    assert accepted / n >= 0.8
    assert years == accepted
    assert titles / accepted >= 0.6
