"""Compare our bibliography with citeproc-js's for every bundled style on one CSL-JSON file.

    python3 benchmarks/render/fuzz_compare.py ITEMS.json [--show STYLE] [--limit 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from citekeeper.render import Renderer

ROOT = Path(__file__).resolve().parents[2]
JS = Path(__file__).with_name("citeproc_js.js")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("items", type=Path)
    ap.add_argument("--show")
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--cites", action="store_true", help="compare citations instead of the bibliography")
    ap.add_argument("--through-reader", action="store_true",
                    help="give our renderer the items as `citekeeper render` reads the file")
    args = ap.parse_args(argv)
    items = json.loads(args.items.read_text())
    if args.through_reader:
        from citekeeper.render.api import load_items

        items = load_items([args.items]).items
    total = same_total = 0
    for style in sorted((ROOT / "styles").glob("*.csl")):
        if args.show and args.show != style.stem:
            continue
        out = subprocess.run(["node", str(JS), str(style), str(args.items)], capture_output=True, text=True, check=True)
        if args.cites:
            from citekeeper.render import CiteRequest

            want = json.loads(out.stdout)["citations"]
            got = Renderer(style, locale_per_entry=False).citations(items, [[CiteRequest(str(it["id"]))] for it in items])
        else:
            want = json.loads(out.stdout)["bibliography"] or []
            got = Renderer(style, locale_per_entry=False).bibliography(items)
        same = sum(1 for a, b in zip(got, want, strict=False) if a == b)
        total += len(want)
        same_total += same
        print(f"{style.stem:42s} {same}/{len(want)}")
        if args.show:
            shown = 0
            for i, (a, b) in enumerate(zip(got, want, strict=False)):
                if a != b and shown < args.limit:
                    print(f"--- {i}\n ours: {a}\n  js : {b}")
                    shown += 1
    print(f"TOTAL {same_total}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
