"""Markdown note numbers: the label when every label is a number, else the order of the calls.

An excerpt of a pandoc article often starts after the first notes were called (its first call is
``[^18]``); the author and the reader of the source look for note 18 under ``[^18]``, so numeric
labels keep their number.  Named labels have no number of their own: they are numbered in the
order the text calls them, as pandoc and GitHub print them.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

SMITH = "John Smith, *The River Trade* (London: Harbour Press, 1998), 45."
BROWN = 'Mary Brown, "Water Rights," *Journal of Law and Rivers* 12, no. 3 (2010): 45–67.'


def _notes(path: Path) -> list[tuple[int, str]]:
    return [(r.footnote, r.raw) for r in extract_document(path).footnotes]


def test_numeric_labels_keep_their_numbers_when_called_out_of_order(tmp_path: Path) -> None:
    path = tmp_path / "excerpt.md"
    path.write_text(
        "As noted above.[^3] A first claim.[^1] A second.[^2]\n\n"
        f"[^1]: {SMITH}\n[^2]: {BROWN}\n[^3]: Ibid., 47.\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2, 3]
    assert notes[0][1].startswith("John Smith")
    assert notes[1][1].startswith("Mary Brown")


def test_named_labels_are_numbered_in_call_order(tmp_path: Path) -> None:
    path = tmp_path / "named.md"
    path.write_text(
        "A first claim.[^brown] A second.[^smith]\n\n"
        f"[^smith]: {SMITH}\n[^brown]: {BROWN}\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2]
    assert notes[0][1].startswith("Mary Brown")
    assert notes[1][1].startswith("John Smith")


def test_an_excerpt_calling_few_of_its_notes_keeps_every_definition(tmp_path: Path) -> None:
    # A chapter's last paragraph with all its notes: only note 4 is called in what was kept.
    path = tmp_path / "excerpt.md"
    path.write_text(
        "The last paragraph of the chapter.[^4]\n\n"
        f"[^1]: {SMITH}\n[^2]: {BROWN}\n[^3]: Ibid., 47.\n[^4]: {SMITH}\n", encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1, 2, 3, 4]
