"""Plain text whose chapters each end with their own "Notes", numbered from 1 again (texts written here).

Every section is read, each note with its own chapter's number and lines; a numbered list in the
body whose numbers the only Notes section prints again stays body text, also when a table of
contents names "Notes" first.
"""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article

S = "John Smith, The River Trade (London: Harbour Press, 1998), {p}."
B = "Mary Brown, Water Rights (Oxford: Clarendon, 2010), {p}."


def test_every_chapters_notes_with_their_own_numbers() -> None:
    text = ("Chapter One\n\nText of the first chapter.1 More text.2\n\nNotes\n\n"
            f"1. {S.format(p=4)}\n2. {B.format(p=5)}\n\n"
            "Chapter Two\n\nText of the second.1 More.2 And more.3\n\nNotes\n\n"
            f"1. {S.format(p=6)}\n2. Ibid., 7.\n3. {B.format(p=8)}\n\n"
            "Chapter Three\n\nThird.1\n\nNotes\n\n1. Ibid., 9.\n")
    found = extract_article(text)
    assert found.references == []  # no reading list made of chapter one's notes
    refs = found.footnotes
    assert [(r.footnote, r.raw[:10], r.origin.line_start if r.origin else None) for r in refs] == [
        (1, "John Smith", 7), (2, "Mary Brown", 8), (1, "John Smith", 16), (2, "Ibid., 7.", 17),
        (3, "Mary Brown", 18), (1, "Ibid., 9.", 26)]
    assert refs[3].repeats == refs[2].repeats == refs[0].id


def test_a_body_list_before_the_one_notes_section_stays_body() -> None:
    text = ("Contents\n\nIntroduction\nNotes\nIndex\n\nIntroduction\n\nWe read three works:\n\n"
            f"1. {S.format(p=4)}\n2. {B.format(p=5)}\n\nThey agree.1 They differ.2\n\nNotes\n\n"
            f"1. {S.format(p=6)}\n2. Ibid., 7.\n")
    refs = extract_article(text).footnotes
    assert [(r.footnote, r.origin.line_start if r.origin else None) for r in refs] == [(1, 18), (2, 19)]


def test_notes_headed_by_their_chapter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A page whose calls are neither raised nor linked: only the headings say where the notes are.
    from citekeeper.extract.documents import extract_document

    page = ("<html><body><h1>I. The River</h1><p>Text of the first chapter.1 More text.2</p>"
            "<h2>Notes to Chapter I</h2><ol>" f"<li>{S.format(p=4)}</li><li>{B.format(p=5)}</li></ol>"
            "<h1>II. The Salt</h1><p>Text of the second.1</p><h2>Notes to Chapter II</h2><ol><li>Ibid., 7.</li></ol>"
            "</body></html>")
    path = tmp_path / "book.html"
    path.write_text(page, encoding="utf-8")
    refs = extract_document(path).footnotes
    assert [(r.footnote, r.raw[:10]) for r in refs] == [(1, "John Smith"), (2, "Mary Brown"), (1, "Ibid., 7.")]



@pytest.mark.parametrize("mark", ["[{n}] ", "({n}) "])
def test_notes_numbered_in_brackets_afresh_in_each_chapter(mark: str) -> None:
    # "[1]"/"(1)" notes restarting in every chapter: segmentation reads on from the chapter before
    # ("[3]" of chapter two kept as note 3, its "[1]", "[2]" and chapter three's "[1]" dropped).
    m = mark.format
    text = ("Chapter One\n\nText of the first chapter.1 More text.2\n\nNotes\n\n"
            f"{m(n=1)}{S.format(p=4)}\n{m(n=2)}{B.format(p=5)}\n\n"
            "Chapter Two\n\nText of the second.1 More.2 And more.3\n\nNotes\n\n"
            f"{m(n=1)}{S.format(p=6)}\n{m(n=2)}Ibid., 7.\n{m(n=3)}{B.format(p=8)}\n\n"
            "Chapter Three\n\nThird.1\n\nNotes\n\n" f"{m(n=1)}Ibid., 9.\n")
    refs = extract_article(text).footnotes
    assert [(r.footnote, r.raw[:10], r.origin.line_start if r.origin else None) for r in refs] == [
        (1, "John Smith", 7), (2, "Mary Brown", 8), (1, "John Smith", 16), (2, "Ibid., 7.", 17),
        (3, "Mary Brown", 18), (1, "Ibid., 9.", 26)]
