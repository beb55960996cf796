"""Reference-list headings in many languages and entry splitting in several layouts."""

from __future__ import annotations

import pytest

from citekeeper.extract.reflist import find_reference_section, holds_notes, split_entries


@pytest.mark.parametrize(
    "heading",
    [
        "References", "REFERENCES:", "7 References", "7. REFERENCES", "VII. Bibliography", "## Works Cited",
        "**Literaturverzeichnis**", "Literatur", "Quellen- und Literaturverzeichnis", "Références bibliographiques",
        "Bibliographie", "Referencias", "Referencias bibliográficas", "Bibliografía", "Referências",
        "Bibliografia", "Riferimenti bibliografici", "Literatuur", "Список литературы", "СПИСОК ЛИТЕРАТУРЫ",
        "Список источников", "Литература:", "Список использованных источников",
    ],
)
def test_headings(heading):
    lines = ["Body.", "", heading, "", "Smith, J. (2020). Title. Publisher."]
    assert find_reference_section(lines) == (2, 3, 5)


@pytest.mark.parametrize("line", ["References to earlier work are rare.", "Literature shows that", "1 Introduction"])
def test_body_lines_are_no_headings(line):
    assert find_reference_section(["Body.", line, "More body."]) is None


def _entries(text):
    lines = text.split("\n")
    return [e.text for e in split_entries(lines, 0, len(lines))]


def test_numbered_wrapped_list_is_not_one_entry():
    got = _entries(
        "1. Smith J. A long title that wraps over the\nline end. J Med. 2001;3:4-5.\n"
        "2. Doe A, Roe B. Another title. Lancet.\n2002;1:2.\n3. Poe C. Third. BMJ. 2003;2:3."
    )
    assert len(got) == 3 and got[0].endswith("2001;3:4-5.") and got[1].endswith("2002;1:2.")


def test_run_together_entries_are_split():
    got = _entries('[1] A. Smith, "Title," J. X, vol. 1, 2011. [2] B. Doe, "Other," J. Y, 2012.\n[3] C. Roe, "Third," 2013.')
    assert [g[:8] for g in got] == ["A. Smith", "B. Doe, ", "C. Roe, "]


def test_numbers_inside_an_entry_do_not_split_it():
    got = _entries("1. Meier, K.: Handbuch. 2. Aufl. Berlin 2005.\n2. Schulz, M.: Stadt. Berlin 2001.")
    assert len(got) == 2 and "2. Aufl." in got[0]


def test_hanging_indent():
    got = _entries(
        "Cronon, William. Nature's Metropolis. New York: W. W.\n    Norton, 1991.\n"
        "Matson, Cathy. \"Credit.\" William and Mary\n    Quarterly 63 (2006): 233–58."
    )
    assert got == ["Cronon, William. Nature's Metropolis. New York: W. W. Norton, 1991.",
                   "Matson, Cathy. \"Credit.\" William and Mary Quarterly 63 (2006): 233–58."]


def test_unindented_wrapped_entries_start_at_author_lines():
    got = _entries(
        "García, J. (2015). La internacionalización de la educación superior en México:\n"
        "tendencias y desafíos. Revista, 44(3), 45–68.\n"
        "López, A., y Pérez, M. (2019). Movilidad estudiantil y desigualdad. Editorial\n"
        "Universitaria.\n"
        "Organización de Estados Iberoamericanos. (2020). Informe. OEI."
    )
    assert [g[:6] for g in got] == ["García", "López,", "Organi"]


def test_page_numbers_inside_a_list_are_dropped():
    got = _entries("1. Smith J. Title. J. 2001;1:2.\n14\n2. Doe A. Other. J. 2002;1:3.")
    assert got == ["Smith J. Title. J. 2001;1:2.", "Doe A. Other. J. 2002;1:3."]


def test_institutional_authors_start_entries_by_their_year():
    got = _entries(
        "Smith, J. (2020). A study of the matter in question. Journal of Studies, 1(2), 3–4.\n"
        "World Health Organization. (2019). Global report on the matter in question. WHO.\n"
        "Statistisches Bundesamt (2021): Bevölkerung und Erwerbstätigkeit. Wiesbaden: Destatis."
    )
    assert [g[:10] for g in got] == ["Smith, J. ", "World Heal", "Statistisc"]


def test_paragraph_entries_wrap_and_repair_hyphens():
    got = _entries(
        "Meier, K. (2005). Handbuch der Stadt-\nforschung. Berlin: Springer.\n\n"
        "Schulz, M. (2000). Suburbanisierung. Raumfor-\nschung und Raumordnung, 58, 201–214.\n"
    )
    assert got == [
        "Meier, K. (2005). Handbuch der Stadtforschung. Berlin: Springer.",
        "Schulz, M. (2000). Suburbanisierung. Raumforschung und Raumordnung, 58, 201–214.",
    ]


def test_bare_numbers_that_lost_their_dot():
    got = _entries(
        "1 Smith J, Doe A. A long title that wraps over the\nline. J Med 2001;3:4-5.\n"
        "2 Roe B. Another title. Lancet 2002;1:2.\n3 Poe C. Third. BMJ 2003;2:3."
    )
    assert [g[:5] for g in got] == ["Smith", "Roe B", "Poe C"]


def test_groups_of_one_line_entries_between_blank_lines():
    got = _entries(
        "Abel, A. (2001). First. Berlin: Verlag.\nAdler, B. (2002). Second. Wien: Verlag.\n\n"
        "Bauer, C. (2003). Third, with a title that wraps over the line\nend. Bern: Verlag.\n"
        "Berg, D. (2004). Fourth. Graz: Verlag.\n\nCramer, E. (2005). Fifth. Basel: Verlag.\n"
    )
    assert [g[:5] for g in got] == ["Abel,", "Adler", "Bauer", "Berg,", "Crame"]
    assert got[2].endswith("line end. Bern: Verlag.")


# Notes under a list heading (web pages print their endnotes under "Sources"): made-up text.
_SOURCES_OVER_NOTES = """Body text about the hall and its paintings, long enough to be a paragraph.

Sources

The descriptions here follow the research literature listed below.

1. Müller, Deckenbilder, 1980, S. 160.
2. Ebd., S. 161.
3. Vgl. Schmidt, Jagd, 2011, S. 74–75.
4. Müller, Deckenbilder, 1980, S. 162.
5. Karl Weber: Die Jagd im Barock. Oldenbourg, München 1984, S. 123–127.
"""

_NUMBERED_BIBLIOGRAPHY = """Body text citing [1] and [2] and [3].

References

1. A. Smith, "Signals in noise," IEEE Trans. Inf. Theory, vol. 12, no. 3, pp. 100-110, 2001.
2. B. Jones and C. Lee, Pattern Recognition. New York: Wiley, 1999, pp. 45-60.
3. D. Kim, "Learning to rank," in Proc. ICML, 2010, pp. 1-8.
4. A. Smith, "More signals," IEEE Trans. Inf. Theory, vol. 13, no. 1, pp. 5-15, 2002.
"""


def test_numbered_notes_under_a_list_heading_are_no_reference_list():
    lines = _SOURCES_OVER_NOTES.split("\n")
    assert holds_notes(lines, 3, len(lines))
    assert find_reference_section(lines) is None


def test_a_numbered_bibliography_stays_a_list():
    lines = _NUMBERED_BIBLIOGRAPHY.split("\n")
    assert not holds_notes(lines, 3, len(lines))
    assert find_reference_section(lines) == (2, 3, len(lines))
    assert len(split_entries(lines, 3, len(lines))) == 4


def test_one_repeat_in_a_long_numbered_list_is_not_notes():
    # Two note-like items are needed, and a fifth of the run: one "ibid." in ten entries is a list.
    entries = [f"{k}. Author{k}, A., Title number {k}. Publisher, 20{k:02d}." for k in range(1, 11)]
    entries[4] = "5. Ibid., Second volume. Publisher, 2005."
    assert not holds_notes(entries, 0, len(entries))
