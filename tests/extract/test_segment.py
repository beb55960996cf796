"""Segmentation rules on real article text (the example's and small synthetic ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.extract.segment import (
    citation_like,
    find_reference_section,
    incomplete,
    join_fragments,
    segment,
    split_entries,
)
from citekeeper.parse.text import italic_spans, strip_markup

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"


@pytest.fixture(scope="module")
def example():
    return segment(EXAMPLE.read_text(encoding="utf-8"))


def test_example_counts(example):
    assert len(example.references) == 24
    assert [f.number for f in example.footnotes] == list(range(1, 42))


def test_reference_entries_keep_their_lines(example):
    first, last = example.references[0], example.references[-1]
    assert first.text.startswith("Bektimirova, N. N. (2015).")
    assert first.line_start == 286
    assert last.text.startswith("Voskressenski, A. D. (Ed.). (2010).")
    # The blank line inside the list does not split or drop an entry.
    assert example.references[5].text.startswith("Jones, L. (2007).")


def test_footnote_continued_after_body_text_is_rejoined(example):
    fn23 = example.footnotes[22]
    assert fn23.number == 23
    assert (fn23.line_start, fn23.line_end) == (178, 198)
    assert fn23.text.endswith(
        "URL: https://eastiasummit.asean.org/storage/chairmans_statements_file/"
        "UbWVlu6F71lxHrXxqgZyu3TZBSXnidVBrS7toIMH.pdf (accessed: 05.02.2024)."
    )


def test_footnote_continued_on_next_line_block(example):
    fn33 = example.footnotes[32]
    assert [p.line_start for p in fn33.parts] == [232, 234]
    assert "Russian Federation. June 24, 2021. (In Russian)." in fn33.text


def test_cut_url_is_joined_without_space(example):
    fn35 = example.footnotes[34]
    assert (
        "https://neftegaz.ru/news/partnership/210649-gazprom-rassmatrivaet-proekty-po-dobyche-gaza-"
        "sovmestno-s-rtt-na-shelfe-tailanda-i-v-rossii/ (accessed: 05.03.2024)."
    ) in fn35.text


def test_body_text_is_not_swallowed_by_footnotes(example):
    texts = " ".join(f.text for f in example.footnotes)
    assert "Cambodia is actively acting as the ASEAN chair state" not in texts
    assert "(Koldunova, 2017, p. 60)" not in texts
    body = " ".join(p.text for p in example.body)
    assert "Cambodia is actively acting as the ASEAN chair state" in body


def test_markup_removed(example):
    fn11 = example.footnotes[10].text
    assert "*" not in fn11 and "<" not in fn11
    assert "// Rossiyskaya Gazeta. November 14, 2018." in fn11


def test_headings_in_other_languages():
    lines = ["Text.", "", "Список литературы", "", "1. Иванов И. И. Книга. М. : Наука, 2010.", "2. Петров П. П. Статья // Журнал. 2011. № 2. С. 3–4."]
    assert find_reference_section(lines) == (2, 3, 6)
    entries = split_entries(lines, 3, 6)
    assert [e.text[:6] for e in entries] == ["Иванов", "Петров"]


def test_last_reference_heading_wins_and_back_matter_ends_it():
    lines = ["References", "", "Body text here.", "", "Bibliography", "", "- Smith, J. (2020). A. B.", "", "About the authors:", "", "Smith John"]
    h, _first, end = find_reference_section(lines)
    assert lines[h] == "Bibliography"
    assert lines[end] == "About the authors:"


def test_unbulleted_wrapped_entries_start_at_author_lines():
    lines = [
        "Smith, J. (2020). A long title that wraps",
        "onto the next line. Journal, 1(2), 3-4.",
        "Doe, A. B. (2019). Another. Publisher.",
    ]
    entries = split_entries(lines, 0, 3)
    assert len(entries) == 2
    assert entries[0].text.endswith("Journal, 1(2), 3-4.")
    assert (entries[0].line_start, entries[0].line_end) == (1, 2)


def test_numeric_footnotes_need_the_expected_number_and_a_citation():
    text = "\n".join([
        "Body with a claim.1",
        "",
        "1. Smith J. Title // Journal. 2020. No. 3. P. 5.",
        "",
        "2019 was a year of change, and 3 things happened.",
        "",
        "2 Doe A. Other // Site. 2021. URL: https://example.org/x (accessed: 01.02.2022).",
    ])
    seg = segment(text)
    assert [f.number for f in seg.footnotes] == [1, 2]
    assert seg.footnotes[1].marker_style == "numeric"
    assert any("2019 was a year" in p.text for p in seg.body)


def test_bracket_footnotes():
    seg = segment("Body.\n\n[1] Smith J. Title // Journal. 2020. P. 5.\n")
    assert seg.footnotes[0].number == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title // Site. 2020. URL:", True),
        ("URL: <https://example.org/a-b-", True),
        ("Title (In Russian", True),
        ("Title // Site. 2020. (accessed: 01.01.2021).", False),
        ("Maletin N. P. Book. Moscow : MGIMO, 2004. (In Russian). EDN: QOXNHB", False),
        ("Title // Site. URL: https://example.org/page", False),
        ("Title // Ministry of Foreign", True),
    ],
)
def test_incomplete(text, expected):
    assert incomplete(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/x (accessed: 05.02.2024).", True),
        ("rassmatrivaet-proekty-po-dobyche/ (accessed: 05.03.2024).", True),
        ("June 24, 2021. (In Russian). URL: https://x.org/ (accessed: 05.03.2024).", True),
        ("talks. The agenda of the meeting in Moscow addressed matters.", False),
        ("This principle (Jones, 2012, p. 97) became important in 1971.", False),
    ],
)
def test_citation_like(text, expected):
    assert citation_like(text) is expected


def test_join_fragments():
    assert join_fragments("URL: https://a.ru/news/1-gazprom-", "rassmatrivaet-x/ (accessed: 1.1.2020).") == (
        "URL: https://a.ru/news/1-gazprom-rassmatrivaet-x/ (accessed: 1.1.2020)."
    )
    assert join_fragments("13, 2022. URL:", "https://x.org/a.pdf") == "13, 2022. URL: https://x.org/a.pdf"
    assert join_fragments("Russian Federation.", "June 24, 2021.") == "Russian Federation. June 24, 2021."


def test_strip_markup_and_italics():
    s = "Belouza A. Leaders // *Rossiyskaya Gazeta*. 2018. URL: <https://rg.ru/x.html> (accessed: 05.02.2024)."
    assert strip_markup(s) == "Belouza A. Leaders // Rossiyskaya Gazeta. 2018. URL: https://rg.ru/x.html (accessed: 05.02.2024)."
    assert italic_spans(s) == ["Rossiyskaya Gazeta"]
    assert strip_markup("2 * 3 * 4") == "2 * 3 * 4"


def test_notes_under_a_sources_heading_are_footnotes():
    text = (
        "Body text about the hall and its paintings, long enough to be a paragraph.\n\nSources\n\n"
        "The descriptions here follow the research literature listed below.\n\n"
        "1. Müller, Deckenbilder, 1980, S. 160.\n2. Ebd., S. 161.\n3. Vgl. Schmidt, Jagd, 2011, S. 74–75.\n"
        "4. Müller, Deckenbilder, 1980, S. 162.\n"
    )
    seg = segment(text)
    assert seg.references == []
    assert [f.number for f in seg.footnotes] == [1, 2, 3, 4]


# A numbered reading list in the body, and the endnotes with the same numbers under "Notes" (made up).
_READING_LIST = """Some places to start reading on the method:

1. Wilson, A. G., 'A family of spatial interaction models', Environment and Planning A, 3 (1971), pp. 1–32.
2. Congdon, P., 'Approaches to modelling overdispersion', Environment and Planning A, 25 (1993), pp. 1481–510.
3. Abel, G. J., 'Estimation of international migration flow tables', Journal of the Royal Statistical Society, 176 (2013), pp. 1-20.

More body text follows here, discussing the models at some length before the notes.

# Notes

{n1} For the background see Hitchcock, Tim, 'Vagrancy Removal', Social History, 39 (2014), 509-527.
{n2} Crymble, A., 'Modelling regional imbalances', Economic History Review, 71 (2018), 751.
{n3} Ravenstein, E. G., 'The Laws of Migration', Journal of the Statistical Society, 48 (1885), 167-235.
"""


@pytest.mark.parametrize("forms", [("[^1]:", "[^2]:", "[^3]:"), ("1.", "2.", "3.")])
def test_a_numbered_body_list_is_no_notes_when_the_notes_come_later(forms):
    seg = segment(_READING_LIST.format(n1=forms[0], n2=forms[1], n3=forms[2]))
    assert [f.number for f in seg.footnotes] == [1, 2, 3]
    assert all(f.line_start > 8 for f in seg.footnotes)
    assert "Hitchcock" in seg.footnotes[0].text
    # With no reference list of its own, the list of whole works is the reading list.
    assert [r.text[:6] for r in seg.references] == ["Wilson", "Congdo", "Abel, "]
    assert not any("Wilson" in p.text for p in seg.body)


def test_a_body_list_of_steps_stays_body_and_is_no_reference_list():
    text = _READING_LIST.format(n1="[^1]:", n2="[^2]:", n3="[^3]:")
    text = text.replace(text[text.index("1. Wilson") : text.index("\n\nMore body")],
                        "1. Open the file.\n2. Count the rows.\n3. Fit the model.")
    seg = segment(text)
    assert [f.number for f in seg.footnotes] == [1, 2, 3]
    assert "Hitchcock" in seg.footnotes[0].text
    assert seg.references == []


def test_a_body_list_is_no_reading_list_when_the_article_has_a_reference_list():
    text = _READING_LIST.format(n1="[^1]:", n2="[^2]:", n3="[^3]:") + (
        "\nReferences\n\nSmith, J. (2001). A book. London: Routledge.\n"
    )
    seg = segment(text)
    assert [f.number for f in seg.footnotes] == [1, 2, 3]
    assert [r.text[:5] for r in seg.references] == ["Smith"]
