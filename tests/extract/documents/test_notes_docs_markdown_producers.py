"""Notes in Markdown as converters and blog engines leave them, each read with its number.

Markdown made from a web page or a Word file (html2text, turndown, mammoth) keeps calls as links to
the notes (``[1](#fn1)``, ``<sup>[1](#fn1)</sup>``, ``[\\[1\\]](#footnote-1)``) and notes with a link
back (``[↩](#fnref1)``, ``[↑](#footnote-ref-1)``); a post moved from a blog engine keeps its notes as
raw HTML (kramdown's ``<div class="footnotes">``).  Before these rules four of the forms below (html2text, mammoth twice, kramdown HTML) gave
no note at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.errors import NoCitationsError
from citekeeper.extract.documents import extract_document

NOTES = ["John Smith, *The River Trade* (London: Harbour Press, 1998), 45.",
         'Mary Brown, "Water Rights," *Journal of Law and Rivers* 12, no. 3 (2010): 45–67.',
         "Ann Jones, *Harbours and Their Keepers* (Leeds: Quay Books, 2004), 12."]
BODY = "# Title\n\nThe river trade grew{0} and water rights followed{1}. Harbours had keepers{2}.\n\n"


def _calls(form: str) -> str:
    return BODY.format(*(form.format(n=n) for n in (1, 2, 3)))


FORMS = {
    "pandoc": _calls("[^{n}]") + "".join(f"[^{i}]: {t}\n" for i, t in enumerate(NOTES, 1)),
    "html2text": _calls("[{n}](#fn{n})") + "* * *\n\n" + "".join(f"{i}.  {t} [↩](#fnref{i})\n" for i, t in enumerate(NOTES, 1)),
    "turndown_sup": _calls("<sup>[{n}](#fn{n})</sup>") + "## Notes\n\n"
    + "".join(f"{i}.  {t} [↩](#fnref{i})\n" for i, t in enumerate(NOTES, 1)),
    "mammoth": _calls("<sup>[\\[{n}\\]](#footnote-{n})</sup>")
    + "".join(f"{i}. {t} [↑](#footnote-ref-{i})\n" for i, t in enumerate(NOTES, 1)),
    "label_links": _calls("<sup>[\\[{n}\\]](#footnote-{n})</sup>")
    + "".join(f"[\\[{i}\\]](#footnote-ref-{i}) {t}\n\n" for i, t in enumerate(NOTES, 1)),
    "kramdown_html": _calls('<sup id="fnref:{n}"><a href="#fn:{n}" class="footnote">{n}</a></sup>')
    + '<div class="footnotes">\n  <ol>\n'
    + "".join(f'    <li id="fn:{i}">\n      <p>{t} <a href="#fnref:{i}" class="reversefootnote">&#8617;</a></p>\n    </li>\n'
              for i, t in enumerate(NOTES, 1)) + "  </ol>\n</div>\n",
    "inline": BODY.format(*(f"^[{t}]" for t in NOTES)),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_notes_of_each_converter(form: str, tmp_path: Path) -> None:
    path = tmp_path / f"{form}.md"
    path.write_text(FORMS[form], encoding="utf-8")
    got = [(r.footnote, r.raw) for r in extract_document(path).footnotes]
    assert [n for n, _ in got] == [1, 2, 3]
    for (_, raw), who in zip(got, ("John Smith", "Mary Brown", "Ann Jones"), strict=True):
        assert raw.startswith(who)


def test_links_to_the_pages_own_sections_are_no_notes(tmp_path: Path) -> None:
    # A table of contents linking "[1](#part-1)" and items that link back "[^](#top)" hold no note.
    path = tmp_path / "toc.md"
    path.write_text("# Guide\n\nSee part [1](#part-1) and part [2](#part-2).\n\n"
                    "1. Setting up the river pump. [back](#top)\n"
                    "2. Cleaning the filters every week. [back](#top)\n", encoding="utf-8")
    with pytest.raises(NoCitationsError):
        extract_document(path)
