"""Import the example's exports with Zotero's own translators and score every item.

What it does: ``citekeeper extract`` the example article, export references and
footnotes as CSL-JSON, RIS, BibLaTeX and BibTeX, run Zotero's import translator for
each (``zotero_import.js``: the real ``CSL JSON.js``, ``RIS.js``, ``BibTeX.js`` on the
real zotero/utilities), and compare every item's Zotero type and fields with
``expected/gold.json`` (hand-checked: see README.md here); the same for one record
of each Zotero type the issue names, with every field set (``types``).  With
``--from-files`` the example's committed ``references.bib`` and ``footnotes/footnotes.bib``
are exported instead (read back and written as ``citekeeper export`` does).  Prints a table of items
and fields right per format; ``--write`` stores what each format produced under
``expected/<format>.json`` so changes show up in review.

Not run in CI: it needs node and checkouts (or bare git mirrors) of
zotero/translators, zotero/utilities and zotero/zotero-schema, passed as arguments::

    python3 benchmarks/zotero/check_example.py \\
        --translators /work/.mirror/zotero+translators/repo \\
        --utilities /work/.mirror/zotero+utilities/repo \\
        --schema /work/.mirror/zotero+zotero-schema/repo
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTICLE = ROOT / "examples" / "pichkhun-yuok-2024.txt"
TRANSLATORS = {"csl-json": "CSL JSON.js", "ris": "RIS.js", "biblatex": "BibTeX.js", "bibtex": "BibTeX.js"}
SUFFIX = {"csl-json": ".json", "ris": ".ris", "biblatex": ".bib", "bibtex": ".bibtex"}
IGNORED = {"tags", "_itemID", "_discarded"}
# --from-files: the example's committed output, read back through formats.read_file
COMMITTED = {"references": "references.bib", "footnotes": "footnotes/footnotes.bib"}


def _is_bare_git(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()


def checkout(path: Path, work: Path, name: str) -> Path:
    """A directory with the files of ``path``: itself, or an export of a bare git mirror."""
    if not _is_bare_git(path):
        return path
    out = work / name
    out.mkdir()
    archive = subprocess.run(["git", "-C", str(path), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "x", "-C", str(out)], input=archive, check=True)
    return out


def normalise(item: dict) -> dict:
    """The parts of a saved item that are compared: type, fields, creators, notes, Extra."""
    return {k: item[k] for k in sorted(item) if k not in IGNORED and item[k] not in ("", None, [])}


def import_with_zotero(translator: Path, utilities: Path, schema: Path, file: Path) -> list[dict]:
    proc = subprocess.run(
        ["node", str(HERE / "zotero_import.js"), "--utilities", str(utilities), "--schema", str(schema),
         str(translator), str(file)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(proc.stdout)


def score(got: list[dict], gold: list[dict]) -> tuple[int, int, int, int, list[str]]:
    """(items with the right type, items, fields right, gold fields, differences)."""
    types_ok = fields_ok = fields_total = 0
    diffs = []
    for n, (g, want) in enumerate(zip(got, gold, strict=False), 1):
        g, want = normalise(g), normalise(want)
        types_ok += g.get("itemType") == want.get("itemType")
        for key, value in want.items():
            fields_total += 1
            if g.get(key) == value:
                fields_ok += 1
            else:
                diffs.append(f"item {n} {key}: {json.dumps(g.get(key), ensure_ascii=False)[:70]}"
                             f" (gold {json.dumps(value, ensure_ascii=False)[:70]})")
        for key in sorted(set(g) - set(want)):
            diffs.append(f"item {n} extra field {key}: {json.dumps(g[key], ensure_ascii=False)[:70]}")
    if len(got) != len(gold):
        diffs.append(f"{len(got)} items imported, gold has {len(gold)}")
    return types_ok, len(gold), fields_ok, fields_total, diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--translators", type=Path, required=True, help="zotero/translators checkout or bare mirror")
    ap.add_argument("--utilities", type=Path, required=True, help="zotero/utilities checkout or bare mirror")
    ap.add_argument("--schema", type=Path, required=True,
                    help="zotero-schema's schema.json, or a checkout/bare mirror of zotero/zotero-schema")
    ap.add_argument("--write", action="store_true", help="store each format's imported items under expected/")
    ap.add_argument("--from-files", action="store_true",
                    help="export the committed references.bib and footnotes/footnotes.bib (what a user "
                         "runs: citekeeper export FILE --to FORMAT) instead of extracting the article")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every difference")
    args = ap.parse_args(argv)

    from citekeeper.extract import extract_article
    from citekeeper.formats import dumps, export
    from citekeeper.textio import read_text

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        translators = checkout(args.translators, work, "translators")
        utilities = checkout(args.utilities, work, "utilities")
        schema = args.schema
        if schema.is_dir():
            schema = checkout(schema, work, "schema") / "schema.json"
        result = extract_article(read_text(ARTICLE).text, file=str(ARTICLE))
        # One record per Zotero type the issue names, every field set (tests/formats).
        sys.path.insert(0, str(ROOT / "tests" / "formats"))
        from formats_samples import sample_references
        gold = json.loads((HERE / "expected" / "gold.json").read_text(encoding="utf-8"))
        print(f"{'format':10} {'types right':>14} {'fields right':>16}")
        for fmt, translator in TRANSLATORS.items():
            imported: dict[str, list[dict]] = {}
            parts = (("references", result.references), ("footnotes", result.footnotes),
                     ("types", sample_references()))
            for part, refs in parts:
                path = work / f"{part}{SUFFIX[fmt]}"
                if args.from_files and part in COMMITTED:
                    text = export([ROOT / COMMITTED[part]], fmt).text
                else:
                    text = dumps(refs, fmt)
                path.write_text(text, encoding="utf-8")
                imported[part] = import_with_zotero(translators / translator, utilities, schema, path)
            t_ok = t_all = f_ok = f_all = 0
            all_diffs = []
            for part, _ in parts:
                a, b, c, d, diffs = score(imported[part], gold[part])
                t_ok, t_all, f_ok, f_all = t_ok + a, t_all + b, f_ok + c, f_all + d
                all_diffs += [f"{part} {x}" for x in diffs]
            print(f"{fmt:10} {t_ok:>6} / {t_all:<5} {f_ok:>7} / {f_all:<6}")
            if args.verbose:
                for line in all_diffs:
                    print(f"    {line}")
            if args.write:
                out = {part: [normalise(i) for i in items] for part, items in imported.items()}
                (HERE / "expected" / f"{fmt}.json").write_text(
                    json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
