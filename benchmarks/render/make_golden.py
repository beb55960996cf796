"""Make the golden outputs the render tests compare against, with citeproc-js.

    cd benchmarks/_work && npm install citeproc      # once; never a runtime dependency
    python3 benchmarks/render/make_golden.py         # writes tests/render/data/golden/

For every bundled style (``styles/*.csl``) and every item set ``tests/render/data/<set>.json``
it runs ``citeproc_js.js`` (citeproc-js, given the same style file and our bundled en-US/ru-RU
locale files) and stores ``tests/render/data/golden/<set>/<style>.json`` holding the
bibliography in text and HTML, one citation per item (text; a fresh engine, notes 1..n),
and ``sequence``: citations that repeat items (ibid, ibid with locator, subsequent) as notes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "render" / "data"
SCRIPT = Path(__file__).with_name("citeproc_js.js")
ITEM_SETS = ("items", "example", "disambig", "varied")


def run_js(style: Path, items: Path, fmt: str, locator: str | None = None) -> dict:
    cmd = ["node", str(SCRIPT), str(style), str(items), "--format", fmt]
    if locator:
        cmd += ["--locator", locator]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def sequence(items: list[dict]) -> list[list[dict]]:
    """Citations that exercise positions: first, ibid, ibid-with-locator, subsequent."""
    ids = [str(it["id"]) for it in items][:12]
    out: list[list[dict]] = []
    for i, k in enumerate(ids):
        out.append([{"id": k}])
        out.append([{"id": k}])
        out.append([{"id": k, "locator": "5", "label": "page"}])
        out.append([{"id": k, "locator": "5", "label": "page"}])
        if i >= 2:
            out.append([{"id": ids[i - 2]}, {"id": k, "locator": "7", "label": "page"}])
            out.append([{"id": ids[i - 2], "locator": "9", "label": "chapter"}])
    return out


def run_clusters(style: Path, items: Path, clusters: list) -> list:
    tmp = DATA / "golden" / ".clusters.json"
    tmp.write_text(json.dumps(clusters))
    try:
        cmd = ["node", str(SCRIPT), str(style), str(items), "--clusters", str(tmp)]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    finally:
        tmp.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="*", default=list(ITEM_SETS))
    args = ap.parse_args(argv)
    version = json.loads(
        (ROOT / "benchmarks/_work/node_modules/citeproc/package.json").read_text()
    )["version"]
    for name in args.sets:
        items = DATA / f"{name}.json"
        if not items.exists():
            print(f"skip {name}: {items} missing", file=sys.stderr)
            continue
        outdir = DATA / "golden" / name
        outdir.mkdir(parents=True, exist_ok=True)
        for style in sorted((ROOT / "styles").glob("*.csl")):
            text = run_js(style, items, "text")
            html = run_js(style, items, "html")
            loc = run_js(style, items, "text", locator="97")
            clusters = sequence(json.loads(items.read_text()))
            golden = {
                "made_by": f"citeproc-js {version} via benchmarks/render/make_golden.py",
                "style": style.name,
                "items": f"{name}.json",
                "bibliography_text": text["bibliography"],
                "bibliography_html": html["bibliography"],
                "citations_text": text["citations"],
                "citations_locator_97_text": loc["citations"],
                "sequence": clusters,
                "sequence_text": run_clusters(style, items, clusters),
            }
            path = outdir / f"{style.stem}.json"
            path.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n")
            print(f"{path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
