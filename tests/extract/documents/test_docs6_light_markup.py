"""Notes in Org mode, AsciiDoc and reStructuredText sources (files written here as each is typed).

Each markup writes a note its own way: Org ``[fn:1]`` calls and ``[fn:1] …`` definitions (and inline
``[fn::…]``), AsciiDoc's inline ``footnote:[…]`` (``footnote:id[]`` calling one again), docutils'
``[1]_`` calls and ``.. [1]`` definitions over indented lines (``[#]`` numbered in order).  Read as plain
text, all three gave "no footnotes found"; each origin names the source's own line.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import detect
from citekeeper.formats import read_file

SMITH = "John Smith, The River Trade (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67."
WEBER = "Karl Weber, Salz und Holz (Berlin: Springer, 2007), 12."


def _notes(path: Path) -> list[tuple[int | None, str, int | None]]:
    return [(r.footnote, r.raw[:10], r.origin.line_start if r.origin else None) for r in read_file(path).extraction.footnotes]


def test_org_mode_notes(tmp_path: Path) -> None:
    text = ("#+TITLE: Rivers\n\n* Introduction\nFirst claim[fn:1] and an aside.[fn::Karl Weber, Salz und Holz "
            "(Berlin: Springer, 2007), 12.] Then [[https://example.org/trade][the trade]][fn:brown].\n\n"
            "#+begin_src python\nx = a[fn:9]\n#+end_src\n\n"
            f"* Footnotes\n[fn:1] {SMITH}\n\n[fn:brown] For the law see\n{BROWN}\n")
    path = tmp_path / "paper.org"
    path.write_text(text, encoding="utf-8")
    assert detect(path) == "org"
    assert _notes(path) == [(1, "John Smith", 11), (2, "Karl Weber", 4), (3, "Mary Brown", 13)]


def test_asciidoc_notes(tmp_path: Path) -> None:
    text = (f"= Rivers\n\n== Trade\n\nFirst claim.footnote:smith[{SMITH}] Second claim.footnote:[See "
            f"{BROWN[:-1]}, https://example.org/law[online].]\nThird, as before.footnote:smith[]\n\n----\n"
            f"code.footnote:[not a note]\n----\n\nFourth.footnote:[{WEBER}]\n")
    path = tmp_path / "book.adoc"
    path.write_text(text, encoding="utf-8")
    assert detect(path) == "asciidoc"
    assert [(n, raw) for n, raw, _ in _notes(path)] == [(1, "John Smith"), (2, "Mary Brown"), (3, "Karl Weber")]
    assert read_file(path).extraction.footnotes[1].raw.endswith("45–67, online (https://example.org/law).")


def test_restructuredtext_notes_told_by_their_content(tmp_path: Path) -> None:
    text = (f"Rivers\n======\n\nFirst claim [#]_ and second [#]_ and third [3]_.\n\n.. [#] {SMITH}\n"
            ".. [#] Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3\n   (2010): 45–67, "
            "`online <https://example.org/law>`_.\n"
            f".. [3] {WEBER}\n")
    path = tmp_path / "notes"  # no suffix: told by its notes
    path.write_text(text, encoding="utf-8")
    assert detect(path) == "rst"
    assert _notes(path) == [(1, "John Smith", 6), (2, "Mary Brown", 7), (3, "Karl Weber", 9)]
    assert read_file(path).extraction.footnotes[1].raw.endswith("(2010): 45–67, online (https://example.org/law).")
