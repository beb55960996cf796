"""Run the official CSL processor test suite through citekeeper's renderer.

    python3 benchmarks/render/csl_suite.py SUITE [PATTERN] [--write-failing] [--show]

SUITE is a checkout of https://github.com/citation-style-language/test-suite (or its
``processor-tests/machines`` folder of compiled JSON fixtures).  Conformance is tracked the
way citeproc-py tracks it: every fixture is run, the names of the failing ones are kept in
``tests/render/csl_suite_failing.txt`` (``--write-failing`` rewrites it), and the pass rate
is printed per category and in total (citeproc-py 0.11 alone: 506/842).

Fixtures of modes we do not implement (``bibliography-header``, ``BIBSECTION`` filters) and
the eight raw-date fixtures citeproc-py also ignores (citeproc-js-specific date parsing) are
reported separately and not counted.  Tests need no network and never read the suite: the
few fixtures the render tests use are copied under ``tests/render/data/csl_suite/``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from citekeeper.render import CiteRequest, Renderer
from citekeeper.render.engine import load_style_xml

ROOT = Path(__file__).resolve().parents[2]
FAILING = ROOT / "tests" / "render" / "csl_suite_failing.txt"
IGNORED = {
    "date_Accessed", "date_LoneJapaneseMonth", "date_LopsidedDataYearSuffixCollapse",
    "date_RawParseSimpleDate", "date_RawSeasonRange1", "date_RawSeasonRange2",
    "date_RawSeasonRange3", "date_String",
}


def fixtures_dir(suite: Path) -> Path:
    for cand in (suite / "processor-tests" / "machines", suite / "machines", suite):
        if cand.is_dir() and any(cand.glob("*.json")):
            return cand
    raise SystemExit(f"no compiled fixtures (*.json) under {suite}")


def _request(ci: dict[str, Any]) -> CiteRequest:
    req = CiteRequest(str(ci["id"]))
    if ci.get("locator") not in (None, ""):
        req.locator = str(ci["locator"])
        req.label = ci.get("label", "page")
    req.prefix = ci.get("prefix", "") or ""
    req.suffix = ci.get("suffix", "") or ""
    return req


def run_fixture(data: dict[str, Any]) -> list[str]:
    """Our output lines for one fixture (HTML, like the suite's expected results)."""
    items = data["input"]
    for i, it in enumerate(items):
        it.setdefault("id", i)
        it.setdefault("type", "book")
    style = load_style_xml(data["csl"])
    r = Renderer(style, fmt="html")
    mode = data["mode"]
    if mode == "citation":
        if data.get("citation_items"):
            clusters = [[_request(ci) for ci in cl] for cl in data["citation_items"]]
            return r.citations(items, clusters)
        if data.get("citations"):
            clusters = [[_request(ci) for ci in c[0]["citationItems"]] for c in data["citations"]]
            out = r.citations(items, clusters)
            return [f"{'>>' if i == len(out) - 1 else '..'}[{i}] {t}" for i, t in enumerate(out)]
        return r.citations(items, [[CiteRequest(str(it["id"])) for it in items]])
    if data.get("bibentries"):
        wanted = {str(x) for x in data["bibentries"][-1]}
        items = [it for it in items if str(it["id"]) in wanted]
    elif data.get("citation_items"):
        order: list[str] = []
        for cl in data["citation_items"]:
            for ci in cl:
                if str(ci["id"]) not in order:
                    order.append(str(ci["id"]))
        by = {str(it["id"]): it for it in items}
        items = [by[i] for i in order if i in by]
    entries = r.bibliography(items)
    text = '<div class="csl-bib-body">\n' + "".join(f"  {e}\n" for e in entries) + "</div>"
    return text.splitlines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("suite", type=Path)
    ap.add_argument("pattern", nargs="?", default="*")
    ap.add_argument("--write-failing", action="store_true")
    ap.add_argument("--show", action="store_true", help="print expected and actual of failures")
    args = ap.parse_args(argv)
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    failed: list[str] = []
    skipped: list[str] = []
    for path in sorted(fixtures_dir(args.suite).glob("*.json")):
        name = path.stem
        if not fnmatch.fnmatch(name, args.pattern):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if name in IGNORED or data["mode"] not in ("citation", "bibliography") or data.get("bibsection"):
            skipped.append(name)
            continue
        cat = name.split("_")[0]
        total[cat] += 1
        expected = data["result"].splitlines()
        try:
            got = run_fixture(data)
            got = [line for t in got for line in t.split("\n")]
        except Exception:
            got = ["EXCEPTION " + traceback.format_exc().splitlines()[-1]]
        if got == expected:
            passed[cat] += 1
        else:
            failed.append(name)
            if args.show:
                print(f">>> {name}\nEXP: " + "\n     ".join(expected) + "\nGOT: " + "\n     ".join(got))
    for cat in sorted(total):
        print(f" {cat:<13} {passed[cat]:>3} / {total[cat]:>3} ({passed[cat] / total[cat]:>4.0%})")
    n, p = sum(total.values()), sum(passed.values())
    if n:
        print(f" {'total':<13} {p:>3} / {n:>3} ({p / n:>4.0%})   [citeproc-py alone: 506/842]")
    print(f" skipped (unsupported mode, bibsection, raw dates): {len(skipped)}")
    if args.write_failing and args.pattern == "*":
        FAILING.write_text(
            "# CSL test-suite fixtures citekeeper's renderer fails (benchmarks/render/csl_suite.py)\n"
            + "".join(f"{f}\n" for f in failed)
        )
        print(f"wrote {FAILING.relative_to(ROOT)} ({len(failed)} failing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
