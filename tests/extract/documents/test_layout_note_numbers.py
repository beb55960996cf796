"""A document's notes keep their printed numbers on the way through the plain-text rules, so a
cross-reference by number names the note it means (issue 13, third held-out set: an excerpt whose
notes start at 23 linked ``Software Directive (n 23) art 1(2)`` to its 23rd note, or to none).
The excerpt is made up in OSCOLA's shape.
"""

from __future__ import annotations

from pathlib import Path

from citekeeper.extract.documents import extract_document

EXCERPT = """Some text on the directive.[^23] A case.[^24] Back to the directive.[^25] Again.[^26]

[^23]: Directive 2001/84/EC of the European Parliament and of the Council of 27 September 2001 on the
    resale right [2001] OJ L272/32, art 2(1).

[^24]: Case C-412/11 Harbour Lines v Meridian Shipping EU:C:2013:601, para 12.

[^25]: Resale Directive (n 23) art 1(2).

[^26]: *Harbour Lines* (n 24) para 14.
"""


def test_a_cross_reference_by_number_names_the_note_printed_with_it(tmp_path: Path) -> None:
    path = tmp_path / "excerpt.md"
    path.write_text(EXCERPT, encoding="utf-8")
    notes = {r.footnote: r for r in extract_document(path).footnotes}
    assert sorted(notes) == [23, 24, 25, 26]
    assert notes[25].repeats == notes[23].id
    assert notes[26].repeats == notes[24].id
