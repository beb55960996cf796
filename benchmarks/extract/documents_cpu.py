"""CPU time of reading every dev notes *document* (PDF, Word, ODT, HTML, Markdown, LaTeX, JATS) with
``formats.read_file``, against citekeeper at a git baseline, and how it grows with the document.

    python3 benchmarks/extract/documents_cpu.py [--baseline dab48f6] [--sizes 1 4 16] [--repeat 3]

Per file of ``data/dev/notes_dev5_*``/``notes_dev6_*``: median process CPU of ``--repeat`` reads at
this checkout and at ``git archive REV src`` (a subprocess, interleaved, same minute).  Growth: the
text formats repeated k times in one document (Markdown and LaTeX bodies, the HTML ``<body>``), and
PDFs of k times as many pages (``tests/extract/documents/pdfbuild.article_pdf``: two-column pages with
small-type notes, and ``test_pdf_body_type_notes.Opinion`` pages with notes in the body's type).
Written for issue 13's note-finding rules (benchmarks/extract/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from baseline import ROOT, run_at

SUFFIXES = (".pdf", ".docx", ".odt", ".rtf", ".epub", ".html", ".xhtml", ".md", ".tex", ".xml")


def _documents() -> list[Path]:
    return sorted(p for f in sorted((ROOT / "data" / "dev").glob("notes_dev[5-9]_*")) for p in f.iterdir()
                  if p.suffix in SUFFIXES and p.with_suffix(".json").exists())


def _cpu(path: Path) -> float:
    from citekeeper.errors import CitekeeperError
    from citekeeper.formats import read_file

    start = time.process_time()
    with contextlib.suppress(CitekeeperError):  # an older reader may refuse it: its time still counts
        read_file(path)
    return time.process_time() - start


def _grown(tmp: Path, size: int) -> list[Path]:
    """The growth inputs at ``size`` times."""
    sys.path.insert(0, str(ROOT / "tests" / "extract" / "documents"))
    import pdfbuild
    from test_pdf_body_type_notes import BODY, NOTE1, Opinion

    out = []
    md = (ROOT / "data/dev/notes_dev6_5/fr_md_jean_optionlibre_brevets.md").read_text(encoding="utf-8")
    out.append(tmp / f"md_{size}.md")
    out[-1].write_text("\n\n".join(re.sub(r"\[\^(\w+)\]", lambda m, k=k: f"[^{m.group(1)}x{k}]", md)
                                   for k in range(size)), encoding="utf-8")
    tex = (ROOT / "data/dev/notes_dev6_7/ru_tex_williams_faif_ch06.tex").read_text(encoding="utf-8")
    out.append(tmp / f"tex_{size}.tex")
    out[-1].write_text("\n".join([tex] * size), encoding="utf-8")
    page = (ROOT / "data/dev/notes_dev6_6/en_html_benkler_wealth_ch11.html").read_text(encoding="utf-8")
    head, body = page.split("<body>", 1)
    body, tail = body.rsplit("</body>", 1)
    out.append(tmp / f"html_{size}.html")
    out[-1].write_text(head + "<body>" + body * size + "</body>" + tail, encoding="utf-8")
    out.append(tmp / f"pdf_{size}.pdf")
    pdfbuild.article_pdf(out[-1], pages=5 * size)
    opinion = Opinion()
    for _ in range(5 * size):
        opinion.add([BODY, BODY[:150] + " The Court held so.1"], [("1", NOTE1)])
    out.append(opinion.write(tmp / f"opinion_{size}.pdf"))
    return out


def measure(sizes: list[int], repeat: int) -> dict[str, float]:
    """``name -> median CPU seconds`` for every dev document and growth input."""
    rows: dict[str, float] = {}
    for path in _documents():
        rows[path.name] = statistics.median(_cpu(path) for _ in range(repeat))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for path in _grown(Path(tmp), size):
                rows[path.name] = statistics.median(_cpu(path) for _ in range(repeat))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="dab48f6")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.json_only:
        print(json.dumps(measure(args.sizes, args.repeat)))
        return
    extra = ["--sizes", *map(str, args.sizes), "--repeat", str(args.repeat)]
    here, peer = measure(args.sizes, args.repeat), json.loads(run_at(args.baseline, __file__, "--json-only", *extra))
    here2 = measure(args.sizes, args.repeat)  # interleaved: this checkout, the peer, this checkout again
    print(f"| document | CPU s, this checkout | CPU s, {args.baseline} | ratio |")
    print("|---|---:|---:|---:|")
    for name in here:
        mine = min(here[name], here2[name])
        theirs = peer.get(name)
        ratio = f"{mine / theirs:.2f}" if theirs else "—"
        print(f"| {name} | {mine:.3f} | {theirs:.3f} | {ratio} |" if theirs is not None else f"| {name} | {mine:.3f} | — | — |")
    print()
    print("growth (this checkout, CPU s at each size; each step should be about the size ratio):")
    for stem in ("md", "tex", "html", "pdf", "opinion"):
        vals = [min(here[f"{stem}_{k}.{ext}"], here2[f"{stem}_{k}.{ext}"]) for k in args.sizes
                for ext in [{"md": "md", "tex": "tex", "html": "html"}.get(stem, "pdf")]]
        steps = ", ".join(f"{b / a:.1f}x" for a, b in itertools.pairwise(vals) if a)
        print(f"  {stem}: " + " / ".join(f"{v:.3f}" for v in vals) + f"  (steps {steps})")


if __name__ == "__main__":
    main()
