"""A work cited again in full is a citation of its own, and a repeat's page is its own, not a bracket's.

The fifth held-out set (scored before these rules: repeats linked 29/43, pages 11/27) cites a book in
full again with another page, then ``Ibid.`` for the second full citation, and Bluebook's ``Id. at
pp. 21–22 & n.52 (citing … at 3, 9)``.  Every work here is made up, in the shape real notes take; each
article is run through ``extract_article`` as a user's article is.
"""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.repeats import locator

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _links(notes: list[str]) -> list[tuple[int, int | None, str]]:
    """``(note, note of the citation it repeats or None, page)`` for each citation of an article with ``notes``."""
    calls = " ".join(f"Sentence{str(n).translate(_SUP)}." for n in range(1, len(notes) + 1))
    lines = [f"{str(n).translate(_SUP)} {note}" for n, note in enumerate(notes, 1)]
    refs = extract_article(f"{calls}\n\n" + "\n".join(lines) + "\n").footnotes
    note_of = {r.id: r.footnote for r in refs}
    return [(r.footnote, note_of.get(r.repeats) if r.repeats else None, str(r.get("page") or "")) for r in refs]


_BOOK = "Anna Roe, Berta Poe, Hearing the Orchestra - Masks and Models, p.{}, Harbour Press, Boston, 2011."


def test_a_book_cited_again_in_full_is_its_own_citation_and_ibid_means_the_second() -> None:
    links = _links([_BOOK.format(12), "Ibid. p.14.", _BOOK.format(30), "Ibid. p.31.", "Ibid."])
    assert [(n, target) for n, target, _ in links] == [(1, None), (2, 1), (3, None), (4, 3), (5, 3)]
    assert [page for *_, page in links][1:4:2] == ["14", "31"]


def test_a_release_given_again_word_for_word_is_its_own_citation() -> None:
    release = ("Agency, Transfer Rules for Registered Clerks, Release No. 12-34567, p. 8 n.4 and pp. 20–22, "
               "available in the agency's archive.")
    links = _links([release, "Id. at pp. 20–21 & n.12 (citing Harbour Study at 3, 9, 14).", release,
                    "Id. at pp. 21–22 & n.13 (citing Harbour Study at 40)."])
    assert links == [(1, None, ""), (2, 1, "20–21"), (3, None, ""), (4, 3, "21–22")]


@pytest.mark.parametrize(
    ("notes", "target"),
    [
        # a short form drops the given names or the rest of the title: it repeats the full citation
        ([_BOOK.format(12), "Roe and Poe, Hearing the Orchestra, 40."], 1),
        # a title cited again with a page is much shorter than its full citation
        (["The Harbour Charter Revisited: Hearing on S. 4321 Before the Subcommittee on Ports of the Senate Committee "
          "on Commerce, 88th Cong., 2nd sess., 41 (1964).", "The Harbour Charter Revisited, 116."], 1),
        # a quoted title closes its quotation after the comma
        (["“Harbour lights set to dim in the coming decade,” Weekly Shipping Review, June 2017, 12–14.",
          "“Harbour lights set to dim in the coming decade,” 13."], 1),
    ],
)
def test_a_short_form_still_repeats(notes: list[str], target: int) -> None:
    assert _links(notes)[-1][1] == target


@pytest.mark.parametrize(
    ("rest", "page"),
    [
        ("at pp. 21–22 & n.52 (citing Harbour Study at 3, 9, 14, 31).", "21–22"),
        ("at 61 (quoting Roe v. Poe, 11 Q.B.D. 627 (1883)).", "61"),
        ("at 5 and n. 3.", "5"),
        (", S. 45 f. (zitiert nach Meier, S. 3)", "45 f."),
        ("p.67", "67"),
    ],
)
def test_the_page_is_the_repeats_own(rest: str, page: str) -> None:
    assert locator(rest) == page


def test_abnt_author_year_page_takes_the_page_not_the_year() -> None:
    """ABNT's short form "ROE, 2015, p. 27" repeats "ROE, 2015, p. 26" with page 27, never 2015."""
    links = _links(["ROE, 2015, p. 26.", "POE, 2004, p. 48.", "ROE, 2015, p. 27.", "Ibid., p. 42."])
    assert links[2:] == [(3, 1, "27"), (4, 1, "42")]
