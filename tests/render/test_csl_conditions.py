"""cs:if's fast test (a ``type`` or a ``variable`` condition alone, compiled to one lambda)
must answer as the generic test does, for every condition of every bundled style."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citekeeper.render import CiteRequest, Renderer
from citekeeper.render.csl.conditions import If
from citekeeper.render.csl.state import State

DATA = Path(__file__).parent / "data"
STYLES = sorted((Path(__file__).resolve().parents[2] / "styles").glob("*.csl"))


def _items() -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    seen: set[str] = set()
    for name in ("items.json", "varied.json"):
        for it in json.loads((DATA / name).read_text(encoding="utf-8")):
            if str(it["id"]) not in seen:
                seen.add(str(it["id"]))
                items.append(it)
    return items


@pytest.mark.parametrize("style", STYLES, ids=lambda p: p.stem)
def test_fast_test_agrees_with_the_generic_test(style: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = If.test
    outcomes: Counter[str] = Counter()
    disagree: list[str] = []

    def both(self: If, st: State) -> bool:
        got = real(self, st)
        fast = self.__dict__.get("_fast") is not False
        outcomes["fast" if fast else "generic"] += 1
        if fast and got != self.generic_test(st):
            disagree.append(f"{dict(self.attrib)} on {st.ref.get('type')} {st.area}: {got}")
        return got

    monkeypatch.setattr(If, "test", both)
    items = _items()
    r = Renderer(style, locale_per_entry=False)
    r.bibliography(items)
    r.citations(items, [[CiteRequest(str(it["id"]), locator="97")] for it in items])
    assert disagree == []
    assert outcomes["fast"] > 100  # the fast path was taken, so it was compared
