"""The CRF's ``range`` feature, read from the start of a digit run only.

``_RANGE`` searched ``\\d+\\s*[-–—]+\\s*\\d+`` from every digit: on one token of 50,000
digits (a pasted table, a hash) that is quadratic, and ``parse`` took 52 s (6,000
digits: 0.75 s of regex).  Anchored at a run's start it gives the same answer on every
token; these are the cases that must not change (the shipped model was trained on it).
"""

from __future__ import annotations

import re

import pytest

from citekeeper.parse.crf import features

OLD = re.compile(r"\d+\s*[-–—]+\s*\d+")


@pytest.mark.parametrize("token", ["12-15", "pp.12–3", "a1—2b", "2019-", "-5", "1234", "12 - 13", "x9--10",
                                   "1-a", "3–", "10(2)-3", "٣-٤", "1" * 300 + "-2", "1" * 300])
def test_range_feature_is_unchanged(token: str) -> None:
    assert bool(features._RANGE.search(token)) == bool(OLD.search(token))


def test_a_token_of_many_digits_is_read() -> None:
    from citekeeper.parse.combine import parse_reference

    ref = parse_reference("1" * 50_000)  # finished in 52 s before, ~0.1 s now (not timed here)
    assert ref is not None
