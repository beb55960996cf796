"""A web page whose notes are Markdown labels nobody converted (issue 13, third held-out set: a page
printed ``…the agent[^12].`` in its text and a paragraph ``[^12] Author. Title…`` per note, and
"no footnotes found").  Read as bracketed numbers: called in the text and opening a paragraph.
The page is made up.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

PAGE = """<html><head><meta charset="utf-8"><title>Заметка</title></head><body>
<h1>К вопросу об одном документе</h1>
<p>Впервые об этом писал историк[^31]. Позднее к вопросу вернулись другие авторы[^32], а затем
и сам издатель[^33].</p>
<p>[^31] Петров П.П. Город и уезд. СПб., 1901. С. 14.</p>
<p>[^32] Там же. С. 20.</p>
<p>[^33]: Сидоров С.С. Записки // Старина. 1899. № 4. С. 7.</p>
</body></html>
"""


def test_unconverted_markdown_note_labels_are_notes(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    notes = extract_document(path).footnotes
    assert [r.footnote for r in notes] == [31, 32, 33]
    assert notes[0].raw.startswith("Петров П.П. Город и уезд")
    assert notes[1].raw.startswith("Там же")
