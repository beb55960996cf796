"""Endnotes typed as an OpenDocument numbered list: the numbers are the list style's, not the text's.

As for Word (``test_notes_docs_word_lists``): a LibreOffice manuscript with its notes typed under
"Notes" as a numbered list showed 1., 2., 3., but its paragraphs hold only the notes' text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from citekeeper.extract.documents import extract_document

NOTES = ["John Smith, The River Trade (London: Harbour Press, 1998), 45.",
         "Mary Brown, “Water Rights,” Journal of Law and Rivers 12, no. 3 (2010): 45–67.",
         "Ann Jones, Harbours and Their Keepers (Leeds: Quay Books, 2004), 12."]
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')


def _odt(path: Path, start: int) -> Path:
    styles = ('<office:automatic-styles><style:style style:name="T1" style:family="text">'
              '<style:text-properties style:text-position="super 58%"/></style:style>'
              '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-suffix="." '
              f'style:num-format="1" text:start-value="{start}"/></text:list-style></office:automatic-styles>')

    def sup(n: int) -> str:
        return f'<text:span text:style-name="T1">{n}</text:span>'

    body = (f"<text:p>The river trade grew{sup(start)} and water rights followed{sup(start + 1)}. Harbours had"
            f" keepers{sup(start + 2)}.</text:p>"
            '<text:h text:outline-level="1">Notes</text:h><text:list text:style-name="L1">'
            + "".join(f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in NOTES) + "</text:list>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{styles}'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
    return path


@pytest.mark.parametrize("start", [1, 12])
def test_a_numbered_list_of_notes(start: int, tmp_path: Path) -> None:
    got = [(r.footnote, r.raw) for r in extract_document(_odt(tmp_path / "typed.odt", start)).footnotes]
    assert [n for n, _ in got] == [start, start + 1, start + 2]
    for (_, raw), who in zip(got, ("John Smith", "Mary Brown", "Ann Jones"), strict=True):
        assert raw.startswith(who)
