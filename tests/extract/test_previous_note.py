""""See the previous note" repeats the citation of the note before — not across a note of comment.

``extract_article`` passes each note's number to ``find_repeat``, so a note that only says "see the
previous note" after a note that only comments gives no citation (it would otherwise repeat the
work of a note further back, which is not the note it names).
"""

from __future__ import annotations

from citekeeper.extract import extract_article

WORK = "Ivan Petrov, The River Trade (Moscow: Nauka, 1998), 45."


def _text(second: str) -> str:
    return (
        "Body text.¹ More text.² Still more.³\n\n"
        f"1 {WORK}\n"
        f"2 {second}\n"
        "3 See the previous note.\n"
    )


def test_previous_note_after_a_citation_repeats_it() -> None:
    notes = extract_article(_text("Anna Smirnova, Letters from the Volga (Kazan: Tatknigoizdat, 2004), 12."),
                            file="a.txt").footnotes
    third = [r for r in notes if r.footnote == 3]
    assert len(third) == 1 and third[0].repeats == next(r for r in notes if r.footnote == 2).id


def test_previous_note_after_a_comment_note_is_no_citation() -> None:
    notes = extract_article(_text("The author thanks the archivists of the region for their patient help."),
                            file="a.txt").footnotes
    assert [r.footnote for r in notes] == [1]
