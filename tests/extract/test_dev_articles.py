"""Notes in other styles and languages, reference lists in other layouts (``tests/extract/data``).

Each dev article was written by hand for these tests (German, French, English Chicago,
Russian and US legal notes; Spanish, IEEE and Vancouver lists from PDF text), with its
answer in ``NAME.json``; ``devset.score`` compares extract's result with it.  The
articles in ``data_fresh`` were written after the rules, as a held-aside check.
"""

from __future__ import annotations

import pytest
from devset import FRESH, documents, score

DOCS = documents() + documents(FRESH)


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_every_citation_found_and_every_repeat_linked(path):
    s = score(path)
    assert s.found == s.citations, s.misses
    assert s.repeats_linked == s.repeats, s.misses
    assert s.pages_right == s.pages, s.misses
    assert s.comments_kept_out == s.comments, s.misses
    assert s.extra == 0, s.misses


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_one_entry_per_reference(path):
    s = score(path)
    assert s.entries_right == s.entries, s.misses


def test_the_dev_set_covers_the_styles():
    names = {p.stem for p in DOCS}
    assert {"de_pdf_wrapped", "de_one_per_line", "en_chicago_notes", "fr_notes", "ru_notes", "us_legal"} <= names
    assert {"es_referencias", "en_numbered_pdf", "en_vancouver_dotted"} <= names
