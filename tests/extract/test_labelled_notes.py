"""Project Gutenberg's bracketed footnotes, ``[Footnote 1: …]``, in plain text (texts written here).

PG sets each note where its page's note fell — after the paragraph that calls it, or inside it —
over as many lines as it takes, numbered or lettered; the brackets delimit the note exactly.
"""

from __future__ import annotations

import pytest

from citekeeper.errors import NoCitationsError
from citekeeper.extract import extract_article
from citekeeper.extract.notes import labelled_notes

SMITH = "John Smith, The River Trade (London: Harbour Press, 1998), 45."
BROWN = "Mary Brown, Water Rights (Oxford: Clarendon, 2010), 50."


def _notes(text: str) -> list[tuple[int | None, str, int | None, int | None]]:
    return [(r.footnote, r.raw, r.origin.line_start, r.origin.line_end) for r in extract_article(text).footnotes
            if r.origin is not None]


def test_notes_between_paragraphs_over_lines_with_their_lines() -> None:
    text = ("The doubt has been silenced by a decisive refutation.[1] Each of these\n"
            "two Gospels contains a table.[2]\n\n"
            "[Footnote 1: John Smith, The River Trade (London:\nHarbour Press, 1998), 45.]\n\n"
            f"[Footnote 2: {BROWN}]\n\n"
            "The next paragraph of the body goes on.[3]\n\n"
            "    [Footnote 3: Ibid., 47.]\n")
    notes = _notes(text)
    assert notes == [(1, SMITH, 4, 5), (2, BROWN, 7, 7), (3, "Ibid., 47.", 11, 11)]
    refs = extract_article(text).footnotes
    assert refs[2].repeats == refs[1].id


def test_a_note_inside_its_paragraph_and_brackets_inside_a_note() -> None:
    text = (f"Silenced by refutation.[1] [Footnote 1: {SMITH}] A table.[2]\n\n"
            "[Footnote 2: Mary Brown, Water Rights [2nd ed.] (Oxford: Clarendon, 2010), 50.]\n")
    assert [(n, raw) for n, raw, _, _ in _notes(text)] == [
        (1, SMITH), (2, "Mary Brown, Water Rights [2nd ed.] (Oxford: Clarendon, 2010), 50.")]
    seg = extract_article(text).segments
    assert seg is not None and "A table.[2]" in seg.body[0].text  # the body goes on after the note


def test_lettered_notes_and_other_languages() -> None:
    text = (f"Erstens.[A] Zweitens.[B]\n\n[Footnote A: {SMITH}]\n\n[Fußnote B: Ebd., S. 47.]\n")
    assert [(n, raw) for n, raw, _, _ in _notes(text)] == [(1, SMITH), (2, "Ebd., S. 47.")]


def test_an_unclosed_bracket_is_left_as_text() -> None:
    lines = ["A remark.[1]", "", "[Footnote 1: never closed, and then the body goes on", *(["text"] * 100)]
    before = list(lines)
    assert labelled_notes(lines) == []
    assert lines == before
    with pytest.raises(NoCitationsError):
        extract_article("\n".join(before))
