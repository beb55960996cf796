"""An HTML Notes page whose chapters each head their own notes, numbered from 1 again (pages written here)."""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

S = "John Smith, <em>The River Trade</em> (London: Harbour Press, 1998), {p}."
B = "Mary Brown, <em>Water Rights</em> (Oxford: Clarendon, 2010), {p}."


def _read(tmp_path: Path, body: str) -> list[tuple[int | None, str]]:
    page = tmp_path / "notes.html"
    page.write_text(f"<html><body><table><tr><td>{body}</td></tr></table></body></html>", encoding="utf-8")
    return [(r.footnote, r.raw[:10]) for r in extract_document(page).footnotes]


def test_each_chapter_heading_under_notes_numbers_from_one(tmp_path: Path) -> None:
    body = ("<h2>NOTES</h2><p>We cite testimony by witness and date.</p>"
            f"<p>41. {S.format(p=72)}</p><p>42. {B.format(p=9)}</p>"
            "<p><h2>13 How to Do It? A Different Way</h2>"
            f"<p>1.The letter was sent in April. {B.format(p=4)}</p>"
            f"<p>2. Quoted in: <ul><li>one point</li><li>another point</li></ul></p><p>3. {S.format(p=20)}</p>")
    assert _read(tmp_path, body) == [(41, "John Smith"), (42, "Mary Brown"), (1, "Mary Brown"), (3, "John Smith")]


def test_a_bibliography_or_a_body_chapter_after_the_notes_is_not_notes(tmp_path: Path) -> None:
    notes = f"<h2>Notes</h2><p>1. {S.format(p=4)}</p><p>2. {B.format(p=5)}</p>"
    listed = _read(tmp_path, notes + f"<h2>Bibliography</h2><p>1. {S.format(p=1)}</p>")
    assert [n for n, _ in listed] == [1, 2]
    body = _read(tmp_path, notes + "<h2>Chapter Two</h2><p>The river rose.</p>" f"<p>1. {S.format(p=9)}</p>")
    assert [n for n, _ in body] == [1, 2]
