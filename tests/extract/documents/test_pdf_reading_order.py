"""``pdflayout.reading_order``: the order lines of a page are read in, and what it leaves alone."""

from __future__ import annotations

from citekeeper.extract.documents.pdf import Line, Page
from citekeeper.extract.documents.pdflayout import reading_order


def _line(text: str, x0: float, x1: float, top: float, size: float = 9.0) -> Line:
    return Line(page=1, text=text, x0=x0, x1=x1, top=top, bottom=top + size, size=size)


def test_a_line_split_by_a_wide_space_is_merged_without_changing_the_page() -> None:
    # An endnote whose number stands apart from its text ("1. Tim Goral," | "“Recording …"):
    # the page is put in reading order twice (geometry, then plain text); both readings agree.
    page = Page(1, 400.0, 600.0, [
        _line("1. Tim Goral,", 115.0, 168.0, 86.0),
        _line("“Recording Industry Goes After Campus P-2-P Networks:", 171.0, 389.0, 86.0),
        _line("Suit Alleges $97.8 Billion in Damages,” Professional Media Group", 126.0, 389.0, 97.0),
    ])
    first = [ln.text for ln in reading_order(page)]
    second = [ln.text for ln in reading_order(page)]
    assert first == second == [
        "1. Tim Goral, “Recording Industry Goes After Campus P-2-P Networks:",
        "Suit Alleges $97.8 Billion in Damages,” Professional Media Group",
    ]
    assert page.lines[0].text == "1. Tim Goral,"


def test_one_column_set_off_centre_is_not_read_as_two() -> None:
    # A book page: the text block sits right of the paper's middle on part of its lines, so a few
    # short lines fall left of the middle and a few right of it; nearly all cross it.
    lines = [_line(f"body line {k} of a single column of prose that runs across the page", 126.0, 390.0,
                   20.0 + 11 * k) for k in range(20)]
    lines += [
        _line("3. Marc Wanamaker,", 115.0, 193.0, 250.0),
        _line("“The First Studios,” The Silents Majority, archived at", 196.0, 390.0, 250.0),
        _line("link #12.", 126.0, 157.0, 261.0),
        _line("No. 159.", 126.0, 156.0, 272.0),
        _line("4. To Amend and Consolidate the Acts Respecting Copyright: Hearings on", 115.0, 390.0, 283.0),
        _line("Krim, president.", 210.0, 290.0, 294.0),
        _line("NOTES 311", 349.0, 387.0, 320.0),
    ]
    texts = [ln.text for ln in reading_order(Page(1, 396.0, 594.0, lines))]
    at = texts.index("3. Marc Wanamaker, “The First Studios,” The Silents Majority, archived at")
    assert texts[at + 1] == "link #12."


def test_two_columns_are_read_column_by_column() -> None:
    left = [_line(f"left column line {k} text", 56.0, 290.0, 100.0 + 12 * k) for k in range(6)]
    right = [_line(f"right column line {k} text", 306.0, 540.0, 100.0 + 12 * k) for k in range(6)]
    texts = [ln.text for ln in reading_order(Page(1, 595.0, 842.0, left + right))]
    assert texts == [ln.text for ln in left] + [ln.text for ln in right]



def test_a_note_number_hung_left_of_its_line_is_read_with_it() -> None:
    # Column notes whose numbers hang left of the text in the same type: the number's box sits inside
    # the line's height, their bottoms differ by the line's descenders, and it sorts after the line.
    def box(text: str, x0: float, x1: float, top: float, bottom: float) -> Line:
        return Line(page=1, text=text, x0=x0, x1=x1, top=top, bottom=bottom, size=5.9)

    page = Page(1, 595.0, 842.0, [
        box("The servitude of technology to theory, the almost symbolic rank of the", 326.2, 538.2, 633.4, 641.0),
        box("4", 311.9, 315.5, 634.6, 639.0),
        box("telescope for the self-affirmation of theoretical curiosity.", 326.0, 538.1, 641.5, 649.1),
        box("In his comment Anton Schütz argued that the concept of sin", 326.2, 538.4, 681.4, 689.0),
        box("6", 312.1, 315.1, 682.6, 687.0),
    ])
    texts = [ln.text for ln in reading_order(page)]
    assert texts == ["4 The servitude of technology to theory, the almost symbolic rank of the",
                     "telescope for the self-affirmation of theoretical curiosity.",
                     "6 In his comment Anton Schütz argued that the concept of sin"]


def test_a_number_in_other_type_or_far_off_stays_apart() -> None:
    def box(text: str, x0: float, x1: float, top: float, bottom: float, size: float = 9.0) -> Line:
        return Line(page=1, text=text, x0=x0, x1=x1, top=top, bottom=bottom, size=size)

    far = Page(1, 595.0, 842.0, [box("Body text of the page set in its column", 100.0, 500.0, 100.0, 111.0),
                                 box("12", 40.0, 48.0, 101.0, 109.0)])
    assert [ln.text for ln in reading_order(far)] == ["Body text of the page set in its column", "12"]
    page = Page(1, 595.0, 842.0, [box("Body text of the page set in its column", 100.0, 500.0, 100.0, 111.0),
                                  box("3", 92.0, 97.0, 101.0, 106.0, size=5.0)])
    assert [ln.text for ln in reading_order(page)] == ["Body text of the page set in its column", "3"]
