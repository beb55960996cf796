"""Entries identical to citeproc-js, per bundled style: our renderer against the goldens.

    python3 benchmarks/render/compare.py [--set items] [--show STYLE] [--kind bib|html|cite|loc]

Prints one line per style with the count of identical bibliography entries (text and HTML)
and citations; ``--show`` prints the differing entries of one style (ours, then citeproc-js's).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from citekeeper.render import CiteRequest, Renderer

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "render" / "data"


def ours(style: str, items: list[dict], kind: str, golden: dict | None = None) -> list[str]:
    if kind == "seq":
        r = Renderer(ROOT / "styles" / f"{style}.csl", locale_per_entry=False)
        clusters = [[CiteRequest(c["id"], locator=c.get("locator"), label=c.get("label", "page"))
                     for c in cl] for cl in golden["sequence"]]
        return r.citations(items, clusters)
    if kind in ("bib", "html"):
        return Renderer(ROOT / "styles" / f"{style}.csl", fmt="text" if kind == "bib" else "html", locale_per_entry=False).bibliography(items)
    r = Renderer(ROOT / "styles" / f"{style}.csl", locale_per_entry=False)
    loc = "97" if kind == "loc" else None
    return r.citations(items, [[CiteRequest(str(it["id"]), locator=loc)] for it in items])


KEYS = {"bib": "bibliography_text", "html": "bibliography_html", "cite": "citations_text",
        "loc": "citations_locator_97_text", "seq": "sequence_text"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="items")
    ap.add_argument("--through-reader", action="store_true",
                    help="give our renderer the items as `citekeeper render` reads the file "
                         "(formats.read_file -> Reference -> item), not the JSON as it is")
    ap.add_argument("--show")
    ap.add_argument("--kind", default="bib", choices=list(KEYS))
    ap.add_argument("--tags", action="store_true",
                    help="print set/style/kind/index of every difference (golden_known_diffs.txt format)")
    args = ap.parse_args(argv)
    items = json.loads((DATA / f"{args.set}.json").read_text())
    if args.through_reader:
        from citekeeper.render.api import load_items

        items = load_items([DATA / f"{args.set}.json"]).items
    total = {}
    for gpath in sorted((DATA / "golden" / args.set).glob("*.json")):
        style = gpath.stem
        if args.show and args.show != style:
            continue
        g = json.loads(gpath.read_text())
        row = []
        for kind, key in KEYS.items():
            want = g[key] or []
            try:
                got = ours(style, items, kind, g)
            except Exception as exc:  # report, keep going
                got = [f"ERROR {type(exc).__name__}: {exc}"]
            same = sum(1 for a, b in zip(got, want, strict=False) if a == b)
            if args.tags:
                for i, (a, b) in enumerate(zip(got, want, strict=False)):
                    if a != b:
                        print(f"{args.set}/{style}/{key}/{i}", file=sys.stderr)
            row.append(f"{kind} {same}/{len(want)}")
            total[kind] = (total.get(kind, (0, 0))[0] + same, total.get(kind, (0, 0))[1] + len(want))
            if args.show and kind == args.kind:
                for i, (a, b) in enumerate(zip(got, want, strict=False)):
                    if a != b:
                        print(f"--- {i}\n ours: {a}\n  js : {b}")
                if len(got) != len(want):
                    print(f"!! count ours {len(got)} js {len(want)}")
        print(f"{style:42s} " + "  ".join(row))
    print("TOTAL " + "  ".join(f"{k} {a}/{b}" for k, (a, b) in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
