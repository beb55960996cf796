"""Repeats the two old held-out sets linked wrongly or not at all (issue 13, fifth session, "notesprose"):
a work without an author cited again by its head words and a page (hearings, reports), a commentator
named before ``ebd.``, an author-year short form of a volume's editors who also wrote a chapter of it,
and a report cited again in full with a date (never a case's reporter).  Every work is made up, in the
shape real notes take; each note is run through ``extract_article`` as a user's article is."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.repeats import Cited, _by_head, find_repeat

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _links(notes: list[str]) -> list[tuple[int, int | None, str]]:
    """``(note, note of the citation it repeats or None, page)`` for each citation of an article with ``notes``."""
    calls = " ".join(f"Satz{str(n).translate(_SUP)}." for n in range(1, len(notes) + 1))
    lines = [f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)]
    refs = extract_article(f"{calls}\n\n" + "\n".join(lines) + "\n").footnotes
    note_of = {r.id: r.footnote for r in refs}
    return [(r.footnote, note_of.get(r.repeats) if r.repeats else None, str(r.get("page") or "")) for r in refs]


_HEARING = ("Telegraph Rates Revision—Cable: Hearing on S. 1234 Before the Subcommittee on Commerce of the Senate "
            "Committee on the Judiciary, 88th Cong., 2nd sess., 41 (1964) (statement of Ann Roe, chairwoman).")


def test_a_hearing_cited_again_by_its_head_words_and_a_page() -> None:
    links = _links([_HEARING, "Telegraph Rates Revision—Cable, 116 (statement of John Doe, general counsel of the Cable Guild).",
                    "Telegraph Rates Revision—Cable, 283–84."])
    assert links[1:] == [(2, 1, "116"), (3, 1, "283–84")] and links[0][:2] == (1, None)


@pytest.mark.parametrize(
    "short",
    [
        "Telegraph Rates, 116.",  # not the whole head of the earlier citation
        "Revision—Cable, 116.",  # nor its end
        "Telegraph Rates Revision—Cable, Hearing on S. 1234.",  # no page
        "Telegraph, 116.",  # one word
    ],
)
def test_a_head_that_is_not_the_earlier_one_s_whole_head_is_no_head_match(short: str) -> None:
    assert _by_head([Cited(_HEARING, (), "1964", 1)], short) is None


def test_a_head_match_needs_the_earlier_citation_to_be_fuller() -> None:
    assert _by_head([Cited("Annual Report Series, 10.", (), "", 1)], "Annual Report Series, 12.") is None
    found = _by_head([Cited("Annual Report Series: Volume One, Northwind Press, 1999.", (), "1999", 1)], "Annual Report Series, 12.")
    assert found is not None and (found.target, found.page) == (0, "12")


def test_a_commentator_before_ebd_is_that_author_s_latest_citation() -> None:
    links = _links([
        "Vogt, in: Lang/Vogt, Markenrecht, 3. Aufl. 2021, § 2 MarkenG Rn. 4.",
        "Wolf/Kranz, in: Wolf/Kranz, Designrecht, 2. Aufl. 2020, § 4 DesignG Rn. 9.",
        "Vogt, ebd. Rn. 18, 20.",
        "Wolf/Kranz, ebd. Rn. 11.",
    ])
    assert [(n, t) for n, t, _ in links] == [(1, None), (2, None), (3, 1), (4, 2)]


def test_an_author_year_short_form_means_the_editors_own_chapter_not_one_they_edited() -> None:
    links = _links([
        "Lindner, Karl, Pohl, Anna, Vorwort, in: Dies./Seidel, Marta (Hrsg.), Bilder der Arbeit, Berlin 2015, S. 1–12, hier S. 3.",
        "Seidel, Marta, Werkstatt und Hof, in: Lindner, Karl/Pohl, Anna (Hrsg.), Bilder der Arbeit, Berlin 2015, S. 13–40.",
        "Lindner / Pohl 2015, S. 7.",
    ])
    assert links[2][:2] == (3, 1)


def test_an_editor_alone_still_gives_the_volume() -> None:
    links = _links([
        "Seidel, Marta, Werkstatt und Hof, in: Lindner, Karl/Pohl, Anna (Hrsg.), Bilder der Arbeit, Berlin 2015, S. 13–40.",
        "Lindner / Pohl 2015, S. 7.",
    ])
    assert links[1][:2] == (2, 1)


def test_a_report_cited_again_in_full_with_its_date_is_a_citation_of_its_own_and_id_repeats_it() -> None:
    report = ("Inspection Report, 12 March 2020, at {}, In re: Northwind Credit Corporation and its Responsible Officers,"
              " NPC SS Case No. 20-101 (NPC 2021).")
    links = _links([report.format(1), "Id.", report.format(4), "Id. at 6.", "Id."])
    assert [(n, t) for n, t, _ in links] == [(1, None), (2, 1), (3, None), (4, 3), (5, 3)]
    assert [p for n, _, p in links if n > 3] == ["6", "6"]


def test_a_case_short_form_with_a_reporter_still_repeats_the_case() -> None:
    cited = [Cited("Northwind v. Eastfield, 512 U.S. 301 (1994)", (), "1994", 1)]
    found = find_repeat("Northwind, 512 U.S. at 305", cited)
    assert found is not None and (found.target, found.page) == (0, "305")


def test_a_case_cited_again_in_full_is_its_own_citation_and_short_forms_repeat_the_nearest() -> None:
    links = _links([
        "Northwind v. Eastfield, 512 U.S. 301, 305 (1994) (quoting Roe v. Poe, 401 U.S. 12, 14 (1971)).",
        "Harbor Co. v. Lee, 530 U.S. 77, 80 (2000).",
        "Northwind v. Eastfield, 512 U.S. 301, 309 (1994).",
        "Eastfield, 512 U.S. at 311.",
        "530 U.S. 77 at 82.",
    ])
    assert [(n, t) for n, t, _ in links] == [(1, None), (2, None), (3, None), (4, 3), (5, 2)]
    assert [p for n, _, p in links if n > 3] == ["311", "82"]


def test_a_work_without_an_author_cited_again_by_its_first_word_or_its_subtitle_s_and_a_page() -> None:
    hearing = Cited("Harbor Law Revision: Hearings on S. 2499 Before the Committee on Commerce, 60th Cong., 1st sess. (1908).",
                    (), "1908", 1)
    report = Cited("Modernisierungsagenda für eine digitale Hafenverwaltung, Berlin 2020.", (), "2020", 2)
    for short, target, page in (("Hearings, 45.", 0, "45"), ("Modernisierungsagenda, S. 36", 1, "36")):
        found = find_repeat(short, [hearing, report])
        assert found is not None and (found.target, found.page) == (target, page)
    assert find_repeat("Committee, 45.", [hearing, report]) is None  # a word inside it, not its first


def test_a_work_cited_again_by_the_whole_head_of_its_citation_without_a_page() -> None:
    links = _links(["Entretien avec Anne Roux et Marie Caron, 13 décembre 2002.", "Entretien avec Anne Roux et Marie Caron.", "Idem."])
    assert [(n, t) for n, t, _ in links] == [(1, None), (2, 1), (3, 1)]
    # fewer than four words is no such head ("Entretien avec Anne." names less than the interview)
    assert _by_head([Cited("Entretien avec Anne Roux et Marie Caron, 13 décembre 2002.", (), "2002", 1)], "Entretien avec Anne.") is None
