"""Speed of ``citekeeper extract`` on PDFs (whole process), against pdftotext; PDF libraries compared.

    python3 benchmarks/documents/bench.py [--runs 5]

1. Whole-process wall time (median of ``--runs``) of ``citekeeper extract X.pdf`` on
   article PDFs built by tests/extract/documents/pdfbuild.py (two columns, footnotes,
   running heads, a reference list) of ~20 pages and of 1×/4×/16× page counts up to
   ~300, beside ``pdftotext`` (poppler; text only, no structure: the floor) and
   ``python3 -c pass`` (interpreter start-up).
2. pypdfium2 against pdfminer.six, reading every character with its box and size (what
   the layout rules need): seconds per document, and text quality — the share of the
   known footnote and reference texts found verbatim in each library's page text
   (normalised spaces; ligatures and hyphens as each library leaves them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "extract" / "documents"))
sys.path.insert(0, str(ROOT / "src"))

from pdfbuild import article_pdf  # noqa: E402

CPU: dict[str, float] = {}  # command -> median CPU seconds (user + system) of the child


def median_time(cmd: list[str], runs: int) -> float:
    """Median wall time; the median CPU time goes to ``CPU`` (robust to a busy machine)."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    CPU[" ".join(cmd)] = statistics.median(cpu)
    return statistics.median(times)


def cpu_of(cmd: list[str]) -> float:
    return round(CPU[" ".join(cmd)], 3)


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def pdfium_text(path: Path) -> tuple[str, float]:
    from citekeeper.extract.documents.pdf import read_pdf

    t = time.perf_counter()
    pages = read_pdf(path)
    took = time.perf_counter() - t
    return "\n".join(ln.text.replace("\x01", "") for p in pages for ln in p.lines), took


def pdfminer_text(path: Path) -> tuple[str, float] | None:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextLine
    except ImportError:
        return None
    t = time.perf_counter()
    lines = []
    for page in extract_pages(str(path), laparams=LAParams()):
        stack = list(page)
        while stack:
            el = stack.pop(0)
            if isinstance(el, LTTextLine):
                # Characters with their boxes and sizes are there (LTChar): the same input.
                lines.append(el.get_text().strip())
            elif hasattr(el, "__iter__"):
                stack[:0] = list(el)
    return "\n".join(lines), time.perf_counter() - t


def quality(text: str, wanted: list[str]) -> float:
    flat = " ".join(text.split())
    return sum(1 for w in wanted if " ".join(w.split())[:60] in flat) / len(wanted)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    out: dict = {"runs": args.runs, "extract": [], "libraries": []}
    exe = shutil.which("citekeeper") or "citekeeper"
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out["python_start"] = median_time([sys.executable, "-c", "pass"], args.runs)
        for body_pages in (19, 18, 72, 288):
            path = work / f"article-{body_pages}.pdf"
            gold = article_pdf(path, pages=body_pages)
            n = page_count(path)
            cmd = [exe, "extract", str(path), "--out", str(work / "out"), "--force", "-q"]
            row = {"pages": n, "extract_s": median_time(cmd, args.runs), "extract_cpu_s": cpu_of(cmd)}
            if pdftotext:
                floor = [pdftotext, str(path), str(work / "o.txt")]
                row["pdftotext_s"] = median_time(floor, args.runs)
                row["pdftotext_cpu_s"] = cpu_of(floor)
            out["extract"].append(row)
            if body_pages in (19, 288):
                wanted = list(gold.footnotes.values()) + gold.references
                for name, fn in (("pypdfium2", pdfium_text), ("pdfminer.six", pdfminer_text)):
                    res = fn(path)
                    if res:
                        out["libraries"].append({"library": name, "pages": n, "seconds": round(res[1], 3),
                                                 "known_texts_found": round(quality(res[0], wanted), 3)})
        for real in sorted((ROOT / "tests" / "data" / "documents").glob("*.pdf")):
            row = {"document": real.name, "pages": page_count(real), "extract_s": median_time(
                [exe, "extract", str(real), "--out", str(work / "out"), "--force", "-q"], args.runs)}
            if pdftotext:
                row["pdftotext_s"] = median_time([pdftotext, str(real), str(work / "o.txt")], args.runs)
            for name, fn in (("pypdfium2", pdfium_text), ("pdfminer.six", pdfminer_text)):
                res = fn(real)
                if res:
                    row[f"{name}_s"] = round(res[1], 3)
                    row[f"{name}_ligatures_left"] = sum(res[0].count(c) for c in "ﬁﬂﬀﬃﬄ")
            out["extract"].append(row)
    out["load_average"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
