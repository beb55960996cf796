"""Our output against citeproc-js's, entry for entry, for every bundled style.

The golden files under ``tests/render/data/golden/<set>/<style>.json`` were made with
citeproc-js 2.4.63 (the CSL processor Zotero uses), given the same style files and our
bundled en-US/ru-RU locales::

    cd benchmarks/_work && npm install citeproc
    python3 benchmarks/render/make_golden.py

(``benchmarks/render/citeproc_js.js`` does the rendering; see its header.)  Each golden holds
the bibliography in text and HTML, one citation per item (a fresh engine, notes 1..n) and the
same citations with the locator "97", and a sequence of notes that repeat items (first, ibid,
ibid with locator, subsequent, several works in one citation).  Entries we know to differ are listed, with the reason,
in ``golden_known_diffs.txt``; any other difference fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.render import CiteRequest, Renderer

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
KNOWN = {
    line.split("#")[0].strip()
    for line in (Path(__file__).parent / "golden_known_diffs.txt").read_text().splitlines()
    if line.split("#")[0].strip()
}
GOLDENS = sorted((DATA / "golden").glob("*/*.json"))


def _ours(style: Path, items: list[dict], kind: str, golden_data: dict) -> list[str]:
    if kind == "bibliography_text":
        return Renderer(style, locale_per_entry=False).bibliography(items)
    if kind == "bibliography_html":
        return Renderer(style, fmt="html", locale_per_entry=False).bibliography(items)
    if kind == "sequence_text":
        clusters = [[CiteRequest(c["id"], locator=c.get("locator"), label=c.get("label", "page"))
                     for c in cl] for cl in golden_data["sequence"]]
        return Renderer(style, locale_per_entry=False).citations(items, clusters)
    loc = "97" if kind == "citations_locator_97_text" else None
    return Renderer(style, locale_per_entry=False).citations(items, [[CiteRequest(str(it["id"]), locator=loc)] for it in items])


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: f"{p.parent.name}/{p.stem}")
@pytest.mark.parametrize(
    "kind",
    ["bibliography_text", "bibliography_html", "citations_text", "citations_locator_97_text",
     "sequence_text"],
)
def test_same_as_citeproc_js(golden: Path, kind: str) -> None:
    g = json.loads(golden.read_text())
    items = json.loads((DATA / g["items"]).read_text())
    want = g[kind] or []
    got = _ours(ROOT / "styles" / g["style"], items, kind, g)
    assert len(got) == len(want)
    bad = []
    for i, (a, b) in enumerate(zip(got, want, strict=True)):
        tag = f"{golden.parent.name}/{golden.stem}/{kind}/{i}"
        if a != b and tag not in KNOWN:
            bad.append(f"{tag}\n  ours: {a}\n  js  : {b}")
    assert not bad, "\n".join(bad)


def test_styles_are_the_bundled_ones() -> None:
    for g in GOLDENS:
        assert (ROOT / "styles" / json.loads(g.read_text())["style"]).is_file()
