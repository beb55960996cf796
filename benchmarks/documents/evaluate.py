"""How it is judged: references and footnotes found, and field F1, on hand-checked real documents.

Gold files (``gold/*.json``) list every reference-list entry of a real open-access
document as [first author's family name, year, title] and every footnote's text, checked
by hand against the rendered pages.  An extracted entry matches a gold entry with the
same family name and year (first unmatched one, in list order); field F1 counts the
three fields over matched and unmatched entries alike (a missing field is a false
negative, a wrong one a false positive and a false negative).  Titles are compared
without case, spaces and punctuation, so a line-end hyphen kept or dropped does not count.

    python3 benchmarks/documents/evaluate.py [--json]
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from citekeeper.extract.documents import extract_document  # noqa: E402


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[\W_]+", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def evaluate(gold_path: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ex = extract_document(ROOT / gold["document"])
    got = []
    for r in ex.references:
        family = r.authors[0].family or r.authors[0].literal if r.authors else ""
        year = r.issued.year if r.issued else None
        got.append((norm(family), year, norm(r.title)))
    want = [(norm(f), y, norm(t)) for f, y, t in gold["references"]]
    used: set[int] = set()
    tp = fp = fn = 0
    found = 0
    for g in want:
        k = next((i for i, e in enumerate(got) if i not in used and e[0] == g[0] and e[1] == g[1]), None)
        if k is None:
            k = next((i for i, e in enumerate(got) if i not in used and e[2] == g[2] and g[2]), None)
        if k is None:
            fn += 3
            continue
        used.add(k)
        found += 1
        for a, b in zip(got[k], g, strict=True):
            if a == b:
                tp += 1
            else:
                fn += 1
                fp += 1 if a else 0
    for i, e in enumerate(got):
        if i not in used:
            fp += sum(1 for v in e if v)
    # Segmentation alone (the reader's part, whatever the parser makes of the entry): an
    # extracted entry whose text holds the gold title and author, one to one.
    raws = [norm(r.raw or r.origin.raw) for r in ex.references]
    taken: set[int] = set()
    segmented = 0
    for f, _y, t in want:
        k = next((i for i, raw in enumerate(raws) if i not in taken and t in raw and f in raw), None)
        if k is not None:
            taken.add(k)
            segmented += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # Footnotes are judged as the reader found them (a note that is only a URL or a remark
    # holds no citation, so extract writes no record for it, but finding it is the reader's job).
    if gold["document"].endswith(".pdf"):
        from citekeeper.extract.documents.pdf import read_pdf
        from citekeeper.extract.documents.pdflayout import layout_blocks

        blocks = layout_blocks(read_pdf(ROOT / gold["document"]))
        notes = {str(b.number): b.text for b in blocks if b.kind == "footnote"}
    else:
        notes = {str(r.origin.number): " ".join(r.origin.raw.split()) for r in ex.footnotes}
    want_notes = gold.get("footnotes", {})
    notes_found = sum(1 for n in want_notes if n in notes)
    notes_exact = sum(1 for n, t in want_notes.items() if norm(notes.get(n, "")) == norm(t))
    return {
        "document": gold["document"],
        "references_gold": len(want), "references_extracted": len(got),
        "references_found": found, "references_segmented": segmented, "field_f1": round(f1, 3),
        "footnotes_gold": len(want_notes), "footnotes_found": notes_found,
        "footnotes_exact_text": notes_exact,
        "extra_footnotes": sorted(set(notes) - set(want_notes), key=lambda s: int(s) if s.isdigit() else 0),
    }


def main() -> None:
    results = [evaluate(p) for p in sorted((Path(__file__).parent / "gold").glob("*.json"))]
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for r in results:
        print(f"{r['document']}: references {r['references_found']}/{r['references_gold']} found "
              f"(entry text right: {r['references_segmented']}) "
              f"({r['references_extracted']} extracted), field F1 {r['field_f1']}; footnotes "
              f"{r['footnotes_found']}/{r['footnotes_gold']} found, {r['footnotes_exact_text']} exact;"
              f" extra notes {r['extra_footnotes']}")


if __name__ == "__main__":
    main()
