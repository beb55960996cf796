"""Footnote citations found, repeats linked, reference entries split: per dev article, vs a baseline.

    python3 benchmarks/extract/notes_and_lists.py                 # this checkout
    python3 benchmarks/extract/notes_and_lists.py --baseline REV  # and citekeeper at git REV, same scorer
    python3 benchmarks/extract/notes_and_lists.py --heldback      # also the held-back real articles

Real articles (``data/dev/notes``: PDF text of open-access law and history articles in
German, English, French and Italian, answers by hand) are marked ``R``; the held-back
ones (``data/dev/notes_heldback``, scored once on the final rules) ``H``; the four
``data/dev/notes_heldout_*`` texts (scored once at 33/81, then looked at) ``O``; the third session's
``data/dev/notes_dev5_*`` ``5``; the fourth session's ``data/dev/notes_dev6_*`` ``6`` and ``notes_dev7_*``
``7`` (each generation of ``notes_devN_*`` its own mark and row).  A summary per
language (the file name's prefix) follows each table.

The articles and their answers are ``tests/extract/data/*.txt|json`` (German, French,
English Chicago, Russian and US legal notes; Spanish, IEEE and Vancouver reference lists
from PDF text); the scorer is ``tests/extract/devset.py``, the one the tests use.  The
baseline runs in a subprocess on ``git archive REV src/`` so both are scored by the same
code.  Articles marked ``*`` (``tests/extract/data_fresh``) were written after the rules
were frozen.  Also checked: the example article's committed output is unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from baseline import run_at

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "extract"

COLUMNS = ("citations", "found", "repeats", "repeats_linked", "pages", "pages_right", "comments",
           "comments_kept_out", "extra", "entries", "entries_right")


def score_here(heldback: bool = False) -> list[dict]:
    """Score every dev article with the citekeeper importable now (held-aside ones marked ``*``)."""
    sys.path.insert(0, str(TESTS))
    import devset

    out = []
    paths = devset.documents() + devset.documents(devset.FRESH) + devset.documents(devset.REAL)
    if heldback:
        paths += devset.documents(devset.HELDBACK)
        paths += devset.documents(devset.FRESH_REAL) + devset.documents(devset.FRESH_REAL2)
        paths += devset.documents(getattr(devset, "FRESH_REAL3", devset.FRESH_REAL2 / "none"))
        paths += devset.documents(getattr(devset, "FRESH_REAL4", devset.FRESH_REAL2 / "none"))
        for folder in getattr(devset, "HELDOUT", []) + getattr(devset, "DEV5", []):
            paths += devset.documents(folder)
    # Documents of the dev5/dev6 sets (a LaTeX chapter, a PDF, a .docx) are scored through ``read_file``, as a
    # user reads them.
    dev6 = sorted([*(ROOT / "data" / "dev").glob("notes_dev[6-9]_*"), *(ROOT / "data" / "dev").glob("notes_dev1[0-9]_*"), *(ROOT / "data" / "dev").glob("notes_ho[1-9]_*")]) if heldback else []
    paths += [p for folder in dev6 for p in devset.documents(folder)]
    documents = [p for folder in (getattr(devset, "DEV5", []) if heldback else []) + dev6
                 for p in sorted(folder.iterdir()) if p.suffix in (".tex", ".pdf", ".docx", ".odt", ".rtf", ".epub", ".md", ".html", ".xhtml", ".xml")
                 and p.with_suffix(".json").exists()]
    for path in paths + documents:
        try:
            if path.suffix != ".txt":
                from citekeeper.formats import read_file

                s = asdict(devset.score(path, result=read_file(path).extraction))
            else:
                s = asdict(devset.score(path))
        except Exception as exc:  # an older extract may refuse an article: it found nothing
            s = {"name": path.stem, "error": f"{type(exc).__name__}: {exc}"}
        mark = {devset.FRESH: " *", devset.REAL: " R", devset.HELDBACK: " H",
                getattr(devset, "FRESH_REAL", None): " F", getattr(devset, "FRESH_REAL2", None): " G",
                getattr(devset, "FRESH_REAL3", None): " T", getattr(devset, "FRESH_REAL4", None): " Q",
                **{folder: " O" for folder in getattr(devset, "HELDOUT", [])},
                **{folder: " 5" for folder in getattr(devset, "DEV5", [])},
                **{folder: " " + folder.name.split("_")[1].removeprefix("dev") for folder in dev6}}.get(path.parent, "")
        if "error" in s:  # nothing found: every answer missed
            truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            s = {**dict.fromkeys(COLUMNS, 0), "name": path.stem, "citations": len(truth["footnotes"]),
                 "entries": len(truth["references"]), "error": s["error"]}
        s["name"] += mark
        out.append(s)
    return out


def score_at(rev: str, heldback: bool = False) -> list[dict]:
    """Score the dev articles with citekeeper as it was at git ``rev``."""
    return json.loads(run_at(rev, __file__, "--json-only", *(["--heldback"] if heldback else [])))


def _pct(a: int, b: int) -> str:
    return f"{a}/{b}" if b else "—"


def table(rows: list[dict], label: str) -> str:
    lines = [f"### {label}", "",
             "| article | citations found | repeats linked | repeat pages | comments kept out | extra | entries right |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    total = dict.fromkeys(COLUMNS, 0)
    for r in rows:
        if "error" in r:
            for c in COLUMNS:
                total[c] += r.get(c, 0)
            lines.append(f"| {r['name']} | 0/{r.get('citations', 0)} ({r['error'][:60]}) | | | | | |")
            continue
        for c in COLUMNS:
            total[c] += r[c]
        lines.append(f"| {r['name']} | {_pct(r['found'], r['citations'])} | {_pct(r['repeats_linked'], r['repeats'])} | "
                     f"{_pct(r['pages_right'], r['pages'])} | {_pct(r['comments_kept_out'], r['comments'])} | "
                     f"{r['extra']} | {_pct(r['entries_right'], r['entries'])} |")
    share = total["found"] / total["citations"] if total["citations"] else 0
    lines.append(f"| **all** | **{_pct(total['found'], total['citations'])} ({share:.1%})** | "
                 f"{_pct(total['repeats_linked'], total['repeats'])} | {_pct(total['pages_right'], total['pages'])} | "
                 f"{_pct(total['comments_kept_out'], total['comments'])} | {total['extra']} | "
                 f"{_pct(total['entries_right'], total['entries'])} |")
    lines += ["", "| set, language | citations found | repeats linked |", "|---|---:|---:|"]
    groups: dict[str, list[int]] = {}
    for r in rows:
        mark = r["name"].rsplit(" ", 1)[1] if " " in r["name"] else "D"
        kind = {"D": "dev (made)", "*": "fresh (made)", "R": "real", "H": "real, held back",
                "F": "real, fresh 1", "G": "real, fresh 2", "T": "real, fresh 3", "Q": "real, fresh 4",
                "O": "real, held out 1-4", "5": "real, dev5 (third session)", "6": "real, dev6 (fourth session)",
                "7": "real, dev7 (fourth session)", "8": "real, dev8", "9": "real, dev9",
                "ho1": "real, held out (third session)", "ho2": "real, held out (fourth session)"}.get(mark, f"real, {mark}")
        key = f"{kind}, {r['name'].split('_', 1)[0]}"
        g = groups.setdefault(key, [0, 0, 0, 0])
        g[0] += r.get("found", 0)
        g[1] += r.get("citations", 0)
        g[2] += r.get("repeats_linked", 0)
        g[3] += r.get("repeats", 0)
    for key, (f, c, rl, rp) in sorted(groups.items()):
        lines.append(f"| {key} | {_pct(f, c)} | {_pct(rl, rp)} |")
    return "\n".join(lines)


def golden_unchanged() -> bool:
    from click.testing import CliRunner

    from citekeeper.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples" / "pichkhun-yuok-2024.txt"), "--out", tmp, "-q"])
        if result.exit_code:
            return False
        return all((Path(tmp) / rel).read_text(encoding="utf-8") == (ROOT / rel).read_text(encoding="utf-8")
                   for rel in ("references.bib", "footnotes/footnotes.bib"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", help="git revision to score as the peer")
    ap.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--heldback", action="store_true",
                    help="also score data/dev/notes_heldback, the fresh sets notes_fresh* and notes_heldout_*")
    args = ap.parse_args()
    rows = score_here(args.heldback)
    if args.json_only:
        print(json.dumps(rows))
        return
    print(table(rows, "this checkout"))
    if args.baseline:
        print()
        print(table(score_at(args.baseline, args.heldback), f"baseline {args.baseline}"))
    print()
    print(f"example article output unchanged: {golden_unchanged()}")


if __name__ == "__main__":
    main()
