"""Real open-access PDFs (tests/data/documents/ATTRIBUTION.md): structure found by layout.

The field-level scores on these are measured in benchmarks/documents (evaluate.py);
here the reader's own part is checked: notes found with their numbers and pages,
two-column reference lists split entry by entry, no running heads or page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.extract.documents import extract_document
from citekeeper.extract.documents.pdf import read_pdf
from citekeeper.extract.documents.pdflayout import layout_blocks

DATA = Path(__file__).resolve().parents[2] / "data" / "documents"


@pytest.fixture(scope="module")
def s2orc():
    path = DATA / "acl2020-s2orc-excerpt.pdf"
    return layout_blocks(read_pdf(path)), extract_document(path)


def test_s2orc_footnotes_at_column_feet(s2orc) -> None:
    blocks, _ = s2orc
    notes = {b.number: b for b in blocks if b.kind == "footnote"}
    assert sorted(notes) == [1, 2, 3, 4, 5, 6, 7, 8, 19]
    assert notes[6].text == "http://aan.how/"  # the page footer under it is not part of it
    assert notes[8].text.endswith("See §2.5 for details on filtering through Semantic Scholar papers.")
    assert notes[19].page == 3  # on the reference-list page, not taken for an entry
    assert notes[1].text.startswith("Instructions for access")


def test_s2orc_reference_list_two_columns(s2orc) -> None:
    _, ex = s2orc
    raws = [r.origin.raw.replace("\n", " ") for r in ex.references]
    assert len(raws) == 55
    assert raws[0].startswith("Riaz Ahmad and Muhammad Tanvir Afzal. 2018.")
    assert raws[-1].startswith("Xiao Yu, Quanquan Gu")
    assert not any("4979" in r or "Kaggle" in r for r in raws)
    nye = next(r for r in raws if r.startswith("Benjamin Nye"))
    assert "language processing for medical literature" in nye  # continued in the next column
    assert all(r.origin.page for r in ex.references)


def test_longeval_accents_and_list_end() -> None:
    ex = extract_document(DATA / "eacl2023-longeval-excerpt.pdf")
    raws = [r.origin.raw.replace("\n", " ") for r in ex.references]
    assert len(raws) == 66
    assert any(r.startswith("Ondřej Bojar") and "Stanojević" in r for r in raws)
    assert any("Kryściński" in r for r in raws)
    assert raws[-1].startswith("Tianyi Zhang")
