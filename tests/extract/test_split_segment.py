"""Finding notes in plain text that start past 1 (issue 13, fourth session, "notessplit"): an excerpt or a
chapter numbered on from earlier ones, its note numbers printed by pdftotext alone on their lines.  Works
made up; the layout is pdftotext's of a real report (a page of body text, then "53" / "Author, Title …")."""

from __future__ import annotations

from citekeeper.extract import extract_article
from citekeeper.extract.cues import holds_citation

_BODY = " ".join(["The council met again and the press reported on the meeting at length that week."] * 3)


def _page(first: int, notes: list[str], page: int) -> str:
    calls = " ".join(f"Sentence {k}.{first + k}" for k in range(len(notes)))
    lines = []
    for k, note in enumerate(notes):
        lines += [str(first + k), note]
    return f"{_BODY} {calls}\n{_BODY}\n" + "\n".join(lines) + f"\n\n{page}\n\n"


def test_an_excerpt_whose_notes_start_at_53_on_lone_numbers():
    text = _page(53, ["Lou Nelsen, Pence denies it, Politico (Oct. 14, 2016).",
                      "Ivo Nechep, Officials Were in Contact, New York Times (Nov. 11, 2016) (quoting Hicks).",
                      "Dan Gail, Agency concludes interference, Guardian (Dec. 10, 2016).",
                      "Carl Wallis Hosts ”Sunday News,” Interview with the President-Elect, CQ Transcripts (Dec. 11, 2016)."], 25)
    text += _page(57, ["Comer 11/15/17 302, at 3.", "Office of the Director, The Campaign, at 1 (Jan. 6, 2017)."], 26)
    found = [r.footnote for r in extract_article(text).footnotes]
    assert found == [53, 54, 55, 56, 57, 58]


def test_page_numbers_alone_on_their_lines_are_no_notes():
    # Page numbers 31, 32, 33 stand a page of body text apart: never an excerpt's first note.
    text = "".join(f"{_BODY}\n{_BODY}\n\n{30 + k}\n\nKarl Weiß: Stadt und Land, Berlin 2001, S. {k}.\n{_BODY}\n"
                   for k in range(1, 4))
    assert not any(r.footnote and r.footnote > 30 for r in extract_article(text + "\n1\nSiehe Meier, Titel, Berlin 2001, S. 3.\n").footnotes)


def test_an_abbreviated_american_date_is_a_cue():
    assert holds_citation("Dan Gail, Agency concludes interference, Guardian (Dec. 10, 2016).")
    assert not holds_citation("The council met again on the next day.")
