"""``citekeeper extract`` / ``export`` on documents, end to end (the process, not the library)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docxbuild import field, note_ref, para, run, write_docx, zotero
from fpdf import FPDF

from citekeeper.formats import csljson

ITEM = {"id": "1", "type": "book", "title": "Salt, timber and cloth", "publisher": "Akademie",
        "author": [{"family": "Weber", "given": "Klaus"}], "issued": {"date-parts": [[2007]]}}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citekeeper", *args], capture_output=True, text=True,
                          timeout=120)


def test_extract_docx_writes_the_zotero_record(tmp_path: Path) -> None:
    doc = write_docx(tmp_path / "m.docx", [
        para(run("Salt "), field(zotero([ITEM], ["http://zotero.org/users/1/items/W"], "(Weber, 2007)"),
                                 "(Weber, 2007)"), run("."), note_ref(1)),
    ], footnotes={1: run(" Smith J. A history of the river trade. London: Harbour Press, 1998. P. 45.")})
    out = tmp_path / "out"
    res = _cli("extract", str(doc), "--out", str(out), "--csl-json", "--format", "json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["references"] == 1 and summary["footnotes"] == 1
    refs = csljson.loads((out / "references.json").read_text(encoding="utf-8"))
    assert refs[0].title == "Salt, timber and cloth" and refs[0].provenance["title"] == ("zotero", 1.0)
    assert refs[0].origin.element == "cited item http://zotero.org/users/1/items/W"


def test_scanned_pdf_is_exit_3_one_line(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    res = _cli("extract", str(path), "--out", str(tmp_path / "o"))
    assert res.returncode == 3
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "OCR" in lines[0]
    assert "Traceback" not in res.stderr


def test_export_reads_a_document(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html><body><h2>References</h2><ol><li>Carlsson, E. (1995). Timber markets of "
                    "the north. Stockholm: Nordic Academic Press.</li></ol></body></html>", encoding="utf-8")
    res = _cli("export", str(page), "--to", "csl-json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["title"] == "Timber markets of the north"
