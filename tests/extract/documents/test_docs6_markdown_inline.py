"""MultiMarkdown's inline notes, ``[^A note with words.]`` (files written here).

MultiMarkdown 6 writes a note in place as ``[^…]`` holding its text; a label (``[^12]``, ``[^smith]``)
holds no space.  An inline note is numbered where it is called, among the labelled notes; a regex's
``[^a-z ]`` inside `code`, or a bracket of no words, is no note.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import read_file


def test_inline_notes_numbered_among_the_labelled_ones(tmp_path: Path) -> None:
    text = ("Title: Rivers\nAuthor: A. Writer\n\n"
            "First claim.[^a] Second claim.[^See Karl Weber, *Salz und Holz* (Berlin: Springer, 2007), 12.] "
            "Third claim.[^b] Use `s/[^a-z ]//g` to clean it.\n\n"
            "[^a]: John Smith, *The River Trade* (London: Harbour Press, 1998), 45.\n"
            "[^b]: Mary Brown, \"Water Rights,\" *Journal of Law and Rivers* 12, no. 3 (2010): 45–67.\n")
    path = tmp_path / "paper.md"
    path.write_text(text, encoding="utf-8")
    notes = [(r.footnote, r.raw[:10]) for r in read_file(path).extraction.footnotes]
    assert notes == [(1, "John Smith"), (2, "Karl Weber"), (3, "Mary Brown")]


def test_quarto_and_r_markdown_files_are_markdown(tmp_path: Path) -> None:
    from citekeeper.extract.documents import detect

    for name in ("paper.qmd", "paper.Rmd", "paper.mdx"):
        path = tmp_path / name
        path.write_text("A claim.^[John Smith, *The River Trade* (London: Harbour Press, 1998), 45.]\n", encoding="utf-8")
        assert detect(path) == "markdown"
        assert [r.footnote for r in read_file(path).extraction.footnotes] == [1]
