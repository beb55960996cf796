"""CPU time of the note forms notesfind2 taught ``extract`` to find, at 1x/4x/16x, to show they grow
linearly: Project Gutenberg's ``[Footnote n: …]`` text, a book of chapters each ending with "Notes",
TEI ``<note>``, a web page of typed notes (``<sup>n</sup>`` calls, ``n. …`` paragraphs), a Word file
whose notes are typed into the body, and Markdown ``[n] …`` notes.

    flock /tmp/bench.lock python3 benchmarks/extract/new_forms_cpu.py [--sizes 1 4 16] [--repeat 3]

Each document is written here (``k`` chapters of 20 notes each), read with ``formats.read_file``;
medians of ``--repeat`` runs of process CPU time.  No peer: before this work none of these gave a note.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "extract" / "documents"))

from docxbuild import para, run, write_docx

from citekeeper.formats import read_file

NOTE = "John Smith{k}, The River Trade (London: Harbour Press, 1998), {n}."
BODY = "The trade on the river grew in the years after the war, as the records of the harbour show."


def _chapters(k: int) -> list[tuple[str, list[str]]]:
    return [(f"Chapter {c}", [NOTE.format(k=c, n=n) if n % 3 else "Ibid., 47." for n in range(1, 21)])
            for c in range(1, k + 1)]


def gutenberg(path: Path, k: int) -> Path:
    out, n = [], 0
    for head, notes in _chapters(k):
        out.append(head + "\n")
        for note in notes:
            n += 1
            out.append(f"{BODY}[{n}]\n\n[Footnote {n}: {note}]\n")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def chapter_notes(path: Path, k: int) -> Path:
    out = []
    for head, notes in _chapters(k):
        out.append(head + "\n\n" + " ".join(f"{BODY}{i}" for i in range(1, len(notes) + 1)) + "\n\nNotes\n")
        out += [f"{i}. {note}" for i, note in enumerate(notes, 1)] + [""]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def tei(path: Path, k: int) -> Path:
    body = "".join(f"<div><head>{head}</head>" + "".join(f'<p>{BODY}<note place="foot" n="{i}">{note}</note></p>'
                                                           for i, note in enumerate(notes, 1)) + "</div>"
                   for head, notes in _chapters(k))
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{body}</body></text></TEI>', encoding="utf-8")
    return path


def html(path: Path, k: int) -> Path:
    notes = [note for _, chapter in _chapters(k) for note in chapter]
    calls = "".join(f"<p>{BODY}<sup>{i}</sup></p>" for i in range(1, len(notes) + 1))
    path.write_text(f"<html><body>{calls}<hr/>" + "".join(f"<p>{i}. {note}</p>" for i, note in enumerate(notes, 1))
                    + "</body></html>", encoding="utf-8")
    return path


def word(path: Path, k: int) -> Path:
    notes = [note for _, chapter in _chapters(k) for note in chapter]
    sup = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{}</w:t></w:r>'
    body = [para(run(BODY), sup.format(i)) for i in range(1, len(notes) + 1)]
    body += [para(run("Notes"), style="Heading1")] + [para(run(f"{i}. {note}")) for i, note in enumerate(notes, 1)]
    return write_docx(path, body)


def markdown(path: Path, k: int) -> Path:
    notes = [note for _, chapter in _chapters(k) for note in chapter]
    text = "\n\n".join(f"{BODY} [{i}]" for i in range(1, len(notes) + 1)) + "\n\n-------\n\n"
    path.write_text(text + "\n\n".join(f"[{i}] {note}" for i, note in enumerate(notes, 1)) + "\n", encoding="utf-8")
    return path


FORMS = {"gutenberg.txt": gutenberg, "chapters.txt": chapter_notes, "edition.tei": tei, "page.html": html,
         "typed.docx": word, "book.md": markdown}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print("| form | " + " | ".join(f"{k}x (notes, CPU s)" for k in args.sizes) + " | steps |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in FORMS.items():
            cells, times = [], []
            for k in args.sizes:
                path = build(Path(tmp) / f"{k}_{name}", k)
                samples, found = [], 0
                for _ in range(args.repeat):
                    t0 = time.process_time()
                    found = len(read_file(path).extraction.footnotes)
                    samples.append(time.process_time() - t0)
                times.append(statistics.median(samples))
                cells.append(f"{found}, {times[-1]:.3f}")
            steps = ", ".join(f"{b / a:.1f}x" for a, b in itertools.pairwise(times) if a)
            print(f"| {name} | " + " | ".join(cells) + f" | {steps} |")


if __name__ == "__main__":
    main()
