"""Markdown notes in the forms pandoc, MultiMarkdown, PHP Markdown Extra and exports write them.

Each document is a text the test writes: inline notes ``^[…]`` numbered with ``[^id]`` calls in
text order, notes of several paragraphs, a definition whose text starts on the next line, named
labels, and notes Markdown only holds as text (``<sup>1</sup>`` calls, a numbered list under a
"Notes" heading) — while a numbered list in the body and reference-style link definitions
(``[1]: https://…``) are never notes.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import detect, extract_document
from citekeeper.formats import read_file

SMITH = "John Smith, *The River Trade* (London: Harbour Press, 1998), 45."
BROWN = 'Mary Brown, "Water Rights," *Journal of Law and Rivers* 12, no. 3 (2010): 45–67.'


def _notes(path: Path) -> list[tuple[int, str]]:
    return [(r.footnote, r.raw) for r in extract_document(path).footnotes]


def test_inline_notes_numbered_with_the_calls_in_text_order(tmp_path: Path) -> None:
    path = tmp_path / "inline.md"
    path.write_text(
        "# Title\n\n"
        "First claim.[^x] Second claim.^[See Meier, Klaus: Die Stadt [im Mittelalter]. Berlin 2010,\n"
        "S. 45.] Third.^[Ebd., S. 47.]\n\n"
        f"[^x]: {SMITH}\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2, 3]
    assert notes[0][1].startswith("John Smith")
    assert notes[1][1].startswith("Meier, Klaus: Die Stadt [im Mittelalter]. Berlin 2010, S. 45.")  # over two lines
    assert notes[2][1] == "Ebd., S. 47."
    refs = extract_document(path).footnotes
    assert refs[2].repeats == refs[1].id


def test_an_escaped_caret_is_no_inline_note(tmp_path: Path) -> None:
    path = tmp_path / "escaped.md"
    path.write_text(f"Powers: 2\\^[10 and more] stay text.[^1]\n\n[^1]: {SMITH}\n", encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1]


def test_a_text_file_with_only_inline_notes_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Die Forschung hat das früh gesehen.^[Vgl. Meier, Klaus: Die Stadt. Berlin 2010, S. 45.]\n",
                    encoding="utf-8")
    assert detect(path) == "markdown"
    assert len(read_file(path).extraction.footnotes) == 1


def test_notes_of_several_paragraphs_and_a_definition_on_the_next_line(tmp_path: Path) -> None:
    path = tmp_path / "multi.md"
    path.write_text(
        "Text.[^a] More.[^long-name] End.[^3]\n\n"
        f"[^a]: {SMITH}\n\n"
        f"\tA second paragraph of the note, indented by a tab. {BROWN}\n\n"
        "[^long-name]:\n    Ibid., 47.\n\n"
        f"   [^3]: {BROWN}\n    a lazy continuation line.\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes if n != 1] == [2, 3]
    first = " ".join(raw for n, raw in notes if n == 1)
    assert "indented by a tab" in first or any(raw.startswith("Mary Brown") for n, raw in notes if n == 1)
    assert notes[-2][1].startswith("Ibid., 47")


def test_notes_held_as_a_list_under_a_notes_heading(tmp_path: Path) -> None:
    for heading in ("## Notes", "Endnotes\n--------", "**Anmerkungen**", "Примечания"):
        path = tmp_path / "list.md"
        path.write_text(
            "# Title\n\nSome text.<sup>1</sup> More text.<sup>2</sup> And again.<sup>3</sup>\n\n"
            f"{heading}\n\n1. {SMITH}\n2. Ibid., 47.\n3. {BROWN}\n", encoding="utf-8")
        notes = _notes(path)
        assert [n for n, _ in notes] == [1, 2, 3], heading
        assert notes[0][1].startswith("John Smith") and notes[1][1].startswith("Ibid.")
        assert notes[0][1] and extract_document(path).footnotes[0].origin.line_start == 7 + heading.count("\n")


def test_superscript_calls_and_numbered_notes_without_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "sup.md"
    path.write_text(f"Text¹ and more² here.\n\n---\n\n1) {SMITH}\n2) {BROWN}\n", encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1, 2]


def test_a_numbered_list_in_the_body_is_no_notes(tmp_path: Path) -> None:
    path = tmp_path / "methods.md"
    path.write_text(
        "# Methods\n\nWe proceeded in three steps:\n\n"
        "1. Collected 45 samples from the river in 2010, see Smith (1998).\n"
        "2. Measured them at 20 degrees, following Brown et al. (2010), p. 45.\n\n"
        "## References\n\nSmith, J. (1998). *The River Trade*. London: Harbour Press.\n\n"
        "Brown, M., & Green, B. (2010). Water rights. *Journal of Law and Rivers*, 12(3), 45–67.\n",
        encoding="utf-8")
    result = extract_document(path)
    assert result.footnotes == [] and len(result.references) == 2


def test_reference_style_link_definitions_are_no_part_of_a_note(tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_text(
        "Some text that links to a page [1] and another [2].\n\nNotes\n\n"
        f"1. {SMITH}\n2. Ibid., 47.\n\n[1]: http://example.com/page\n[2]: https://example.org/b \"T\"\n",
        encoding="utf-8")
    assert detect(path) == "markdown"
    notes = _notes(path)
    assert [n for n, _ in notes] == [1, 2] and notes[1][1] == "Ibid., 47."


def test_raw_html_in_a_note_is_read_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "html.md"
    path.write_text(
        "Texte.[^n6]\n\n[^n6]: Voir notamment <span style=\"font-variant:small-caps;\">Caccomo</span>"
        " (Jean-Louis), «&nbsp;Le brevet dans le domaine du logiciel&nbsp;», _L'écho_, 16 juin 2005.\n",
        encoding="utf-8")
    (_, raw), = _notes(path)
    assert raw.startswith("Caccomo (Jean-Louis), « Le brevet") and "<span" not in raw and "&nbsp;" not in raw


def test_links_in_a_note_read_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "links.md"
    path.write_text(
        "Text.[^1] More.[^2]\n\n"
        "[^1]: Vgl. Kuczera, Andreas: Digitale Perspektiven. URL: [https://mittelalter.hypotheses.org/3492]"
        "(https://mittelalter.hypotheses.org/3492).\n"
        "[^2]: See [The River Trade](https://example.org/river \"site\"), <https://example.org/b> ![logo](l.png).\n",
        encoding="utf-8")
    notes = dict(_notes(path))
    assert notes[1].endswith("URL: https://mittelalter.hypotheses.org/3492.")
    assert "The River Trade (https://example.org/river), https://example.org/b" in notes[2] and "logo" not in notes[2]


def test_a_definition_nothing_calls_is_no_note(tmp_path: Path) -> None:
    path = tmp_path / "uncalled.md"
    path.write_text(f"Text.[^b2] More.[^a1]\n\n[^zz]: {BROWN}\n[^a1]: Ibid., 47.\n[^b2]: {SMITH}\n", encoding="utf-8")
    assert [(n, raw[:10]) for n, raw in _notes(path)] == [(1, "John Smith"), (2, "Ibid., 47.")]
    alone = tmp_path / "alone.md"
    alone.write_text(f"[^1]: {SMITH}\n[^2]: Ibid., 47.\n", encoding="utf-8")
    assert [n for n, _ in _notes(alone)] == [1, 2]


def test_bracketed_notes_after_a_rule_called_once_each_are_notes(tmp_path: Path) -> None:
    # A digitised book in Markdown without footnote syntax: calls "[16]" in the running text, the
    # notes as paragraphs "[16] …" after a rule, numbered on from an earlier chapter.
    path = tmp_path / "book.md"
    path.write_text(
        "# Chapter II\n\nThe legion was a god's gift, says Vegetius [16], and it had heavier arms [17].\n\n"
        "They marched twenty miles in five hours [18].\n\n-------\n\n"
        f"[16] {SMITH}\n\n[17] {BROWN}\n\n[18] Ibid., 50.\n", encoding="utf-8")
    notes = _notes(path)
    assert [n for n, _ in notes] == [16, 17, 18]
    assert notes[0][1].startswith("John Smith")
    refs = extract_document(path).footnotes
    assert refs[2].repeats == refs[1].id  # "Ibid." after note 17


def test_a_bracketed_list_cited_again_and_again_is_no_notes(tmp_path: Path) -> None:
    # IEEE-style: the same entry called twice, and a grouped call: a reference list, not notes.
    path = tmp_path / "ieee.md"
    path.write_text(
        "Prior work [1] and [2] showed this; [1] also measured it.\n\n"
        f"[1] {SMITH}\n\n[2] {BROWN}\n", encoding="utf-8")
    from citekeeper.extract.documents import markdown

    assert markdown._bracketed_notes(path.read_text(encoding="utf-8").split("\n"), []) == []


def test_bracketed_entries_under_references_stay_the_reference_list(tmp_path: Path) -> None:
    path = tmp_path / "refs.md"
    path.write_text(
        "Prior work [1] showed this [2].\n\n## References\n\n"
        "[1] Smith, J. (1998). The river trade. Harbour Press.\n\n"
        "[2] Brown, M. (2010). Water rights. Journal of Law and Rivers, 12(3), 45–67.\n", encoding="utf-8")
    found = extract_document(path)
    assert found.footnotes == []
    assert len(found.references) == 2


def test_project_gutenberg_bracketed_notes_in_markdown(tmp_path: Path) -> None:
    path = tmp_path / "pg.md"
    path.write_text(f"# Chapter I\n\nThe doubt was silenced.[1] A table.[2]\n\n[Footnote 1: {SMITH}]\n\n"
                    "[Footnote 2: Ibid., 47.]\n", encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1, 2]


def test_notes_typed_as_bracket_colon_lines_but_not_link_definitions(tmp_path: Path) -> None:
    path = tmp_path / "typed.md"
    path.write_text(f"# T\n\nClaim.[1] More.[2]\n\n[1]: {SMITH} https://example.org/x\n[2]: Ibid., 47.\n",
                    encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1, 2]
    links = tmp_path / "links.md"
    links.write_text('# T\n\nSee [the site][1] and [2].\n\n[1]: https://example.org "Ex"\n[2]: https://example.org/b\n',
                     encoding="utf-8")
    from citekeeper.extract.documents import markdown

    assert markdown._bracketed_notes(links.read_text(encoding="utf-8").split("\n"), []) == []


def test_raised_calls_with_their_links_inside_sup(tmp_path: Path) -> None:
    path = tmp_path / "site.md"
    path.write_text(f'# T\n\nClaim.<sup><a href="#fn1" id="r1">1</a></sup> More.<sup class="c"><a href="#fn2">2</a></sup>\n\n'
                    f'<p id="fn1">1. {SMITH}</p>\n<p id="fn2">2. Ibid., 47.</p>\n', encoding="utf-8")
    assert [n for n, _ in _notes(path)] == [1, 2]


def test_notes_found_that_do_not_cite_are_said_to_be_there(tmp_path: Path) -> None:
    import pytest

    from citekeeper.errors import NoCitationsError

    path = tmp_path / "comments.md"
    path.write_text("Text.[^1] More.[^2]\n\n[^1]: This was said before.\n[^2]: We agree with it here.\n",
                    encoding="utf-8")
    with pytest.raises(NoCitationsError, match="none of the 2 notes found reads as a citation"):
        extract_document(path)
