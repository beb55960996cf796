"""A PDF whose fonts are set at 1 pt and scaled by the text matrix (as some typesetters and court
printers write them): sizes come from the matrix, so raised note numbers stay markers; text turned up
the margin is no part of the lines beside it (files written here)."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document
from citekeeper.extract.documents.pdf import read_pdf

BODY = ["The river trade shaped the settlement of the valley and its merchants kept accounts.",
        "Later historians read the ledgers as evidence of regional integration in the period.",
        "The surviving correspondence is fragmentary and was copied by antiquarians later on."]
NOTES = [("1", "Smith J. A history of the river trade. London: Harbour Press, 1998. P. 45."),
         ("2", "Weber K. Salt, timber and cloth. Berlin: Akademie, 2007. P. 212-215.")]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf(path: Path, margin: str = "") -> Path:
    ops = ["BT"]
    if margin:  # turned up the right margin, as publishers stamp "Downloaded from … on …"
        ops.append(f"/F1 1 Tf 0 7 -7 0 598 60 Tm ({_escape(margin)}) Tj")
    y = 760.0
    for k, line in enumerate(BODY * 4):
        call = f" {k // 3 + 1}" if k in (2, 5) else ""
        ops.append(f"/F1 1 Tf 10.5 0 0 10.5 72 {y:.1f} Tm ({_escape(line)}) Tj")
        if call:
            ops.append(f"/F1 1 Tf 6.5 0 0 6.5 520 {y + 4:.1f} Tm ({call.strip()}) Tj")
        y -= 13.0
    y = 120.0
    for number, note in NOTES:
        ops.append(f"/F1 1 Tf 5.5 0 0 5.5 72 {y + 3:.1f} Tm ({number}) Tj")
        ops.append(f"/F1 1 Tf 8 0 0 8 76 {y:.1f} Tm ({_escape(note)}) Tj")
        y -= 10.0
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_sizes_of_matrix_scaled_text_keep_note_markers(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "scaled.pdf")
    lines = read_pdf(pdf)[0].lines
    notes = [ln for ln in lines if ln.text.startswith(("Smith J.", "Weber K."))]
    assert [ln.marker for ln in notes] == ["1", "2"]
    body = next(ln for ln in lines if ln.text.startswith("The river trade"))
    assert 0.7 < notes[0].size / body.size < 0.8  # 8 pt against 10.5 pt, whatever unit the boxes give
    refs = extract_document(pdf).footnotes
    assert [(r.footnote, r.raw[:8]) for r in refs] == [(1, "Smith J."), (2, "Weber K.")]


def test_text_turned_up_the_margin_is_dropped(tmp_path: Path) -> None:
    stamp = "Downloaded from https://example.org/article/42/4/540 by a university user on 17 September 2025"
    pdf = _pdf(tmp_path / "stamped.pdf", margin=stamp)
    texts = [ln.text for ln in read_pdf(pdf)[0].lines]
    assert not any("Downloaded" in t or "September" in t for t in texts)
    refs = extract_document(pdf).footnotes
    assert [r.raw for r in refs] == [note for _, note in NOTES]
