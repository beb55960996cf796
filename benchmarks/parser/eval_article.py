"""Field accuracy of ``extract`` on whole articles against hand-written CSL-JSON gold.

    python3 benchmarks/parser/eval_article.py [ARTICLE.txt GOLD.json] [--show]

Default: the second article in the example's styles, ``data/dev/article2/`` (see its
README), and the example itself against its hand-checked ``references.bib`` /
``footnotes/footnotes.bib``.  The article goes through ``extract_article`` — segmentation,
footnote splitting, repeats and the one parse pipeline — and each reference-list entry and
footnote citation is compared with the gold record of the same position (the gold file has
``{"references": [...], "footnotes": [...]}``, CSL-JSON).  A citation extract missed, or one
too many, counts every gold field of it as wrong.  Fields and matching are
``eval_dev.compare``'s (soft text, year, names by family and initials, CSL type).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_dev import compare  # noqa: E402

from citekeeper.extract import extract_article  # noqa: E402
from citekeeper.model import Reference  # noqa: E402

ARTICLE2 = ROOT / "data" / "dev" / "article2"
EXAMPLE = ROOT / "examples" / "pichkhun-yuok-2024.txt"


def gold_row(item: dict) -> dict:
    """A CSL-JSON item as ``eval_dev``'s gold row (names as [family, given, suffix])."""
    gold: dict = {"type": item.get("type", "")}
    for field in ("title", "container-title", "volume", "issue", "page", "publisher", "publisher-place", "DOI"):
        if item.get(field):
            gold[field] = str(item[field])
    for role in ("author", "editor"):
        names = []
        for n in item.get(role, []):
            if n.get("literal"):
                names.append([n["literal"], "", ""])
            else:
                family = f"{n.get('non-dropping-particle', '')} {n.get('family', '')}".strip()
                names.append([family, n.get("given", ""), n.get("suffix", "")])
        if names:
            gold[role] = names
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        gold["issued"] = str(parts[0][0])
    return gold


def example_gold() -> dict:
    """The example's committed, hand-checked output as gold."""
    from citekeeper.formats import read_references

    def items(path: Path) -> list[dict]:
        from citekeeper.formats.csljson import reference_to_csl

        return [reference_to_csl(r) for r in read_references(path)]

    return {"references": items(ROOT / "references.bib"), "footnotes": items(ROOT / "footnotes" / "footnotes.bib")}


def score(text: str, gold: dict, show: bool = False) -> dict[str, Counter]:
    ex = extract_article(text)
    tally: dict[str, Counter] = {"references": Counter(), "footnotes": Counter()}
    for part, got in (("references", ex.references), ("footnotes", ex.footnotes)):
        items = gold[part]
        for i, item in enumerate(items):
            g = gold_row(item)
            ref = got[i] if i < len(got) else Reference()
            res = compare(g, ref)
            for field, ok in res.items():
                tally[part][field, ok] += 1
                tally[part]["*", ok] += 1
                if show and not ok:
                    value = ref.names.get(field) if field in ("author", "editor") else (
                        ref.type if field == "type" else ref.get(field) or (ref.issued and ref.issued.iso()))
                    print(f"- {part}[{i}] {field}: gold {g.get(field)!r} got {value!r}\n  {ref.raw}")
        extra = len(got) - len(items)
        if extra > 0:
            tally[part]["*", False] += extra  # a citation that is not one
        tally[part]["found"] += min(len(got), len(items))
        tally[part]["gold"] += len(items)
    return tally


def report(name: str, tally: dict[str, Counter]) -> None:
    total = Counter()
    for c in tally.values():
        total.update(c)
    print(f"## {name}")
    print("| part | found/gold | fields | overall | author | title | container-title | issued | type |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for part, c in [*tally.items(), ("all", total)]:
        cells = []
        for f in ("*", "author", "title", "container-title", "issued", "type"):
            n = c[f, True] + c[f, False]
            cells.append(f"{c[f, True] / n:.3f}" if n else "")
        n = c["*", True] + c["*", False]
        print(f"| {part} | {c['found']}/{c['gold']} | {n} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("article", nargs="?", type=Path)
    ap.add_argument("gold", nargs="?", type=Path)
    ap.add_argument("--show", action="store_true", help="print every wrong field")
    args = ap.parse_args()
    if args.article:
        runs = [(args.article.name, args.article.read_text(encoding="utf-8"),
                 json.loads(args.gold.read_text(encoding="utf-8")))]
    else:
        runs = [("second article (data/dev/article2)", (ARTICLE2 / "article.txt").read_text(encoding="utf-8"),
                 json.loads((ARTICLE2 / "gold.json").read_text(encoding="utf-8"))),
                ("example (against its committed output)", EXAMPLE.read_text(encoding="utf-8"), example_gold())]
    for name, text, gold in runs:
        report(name, score(text, gold, args.show))


if __name__ == "__main__":
    main()
