"""Markdown note calls followed by a colon are calls; only a definition opens a line with ``[^id]:``.

A list item or a sentence often ends a call with a colon ("map them to the lines of code[^code]:",
"its necropolitical dimension[^necro]: articulating …"). Reading every ``[^id]:`` as a definition
dropped those notes and gave every later named note the number of the one before it.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

SMITH = "John Smith, *The River Trade* (London: Harbour Press, 1998), 45."
BROWN = 'Mary Brown, "Water Rights," *Journal of Law and Rivers* 12, no. 3 (2010): 45–67.'
JONES = "Ann Jones, *Harbours and Their Keepers* (Leeds: Quay Books, 2004), 12."


def _notes(path: Path) -> list[tuple[int, str]]:
    return [(r.footnote, r.raw) for r in extract_document(path).footnotes]


def test_a_call_before_a_colon_is_numbered_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "chapter.md"
    path.write_text(
        "A first claim.[^smith] A second.[^s2]\n\n"
        "1. **Discuss** the following rules and map them to the lines of code[^brown]:\n"
        "    * one rule\n\n"
        "A later point has its dimension[^jones]: articulating life and death.[^j2]\n\n"
        f"[^smith]: {SMITH}\n\n[^s2]: Ibid., 46.\n\n[^brown]: {BROWN}\n\n[^jones]: {JONES}\n\n"
        "[^j2]: Ibid., 13.\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2, 3, 4, 5]
    assert notes[2][1].startswith("Mary Brown")
    assert notes[3][1].startswith("Ann Jones")


def test_a_definition_indented_up_to_three_spaces_is_no_call(tmp_path: Path) -> None:
    path = tmp_path / "indented.md"
    path.write_text(
        "A claim.[^a] Another.[^b]\n\n"
        f"   [^a]: {SMITH}\n\n [^b]: {BROWN}\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2]
    assert notes[0][1].startswith("John Smith")
    assert notes[1][1].startswith("Mary Brown")
