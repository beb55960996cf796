"""Markdown whose reference list is headed by a bare or bold line, not a # heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.extract.documents import extract_document


@pytest.mark.parametrize("head", ["References", "**References:**", "__Bibliography__"])
def test_bare_or_bold_heading(tmp_path: Path, head: str) -> None:
    path = tmp_path / "paper.md"
    path.write_text("# A paper\n\nText about references in general.\n\n" + head + "\n\n"
                    "- Smith, J. (2020). A title. Journal of Things, 1(2), 3-4.\n"
                    "- Doe, A. (2019). Another book. Oxford University Press.\n\n# Appendix\n\nMore.\n",
                    encoding="utf-8")
    refs = extract_document(path).references
    assert [r.issued.year for r in refs] == [2020, 2019]
    assert refs[0].origin.line_start == 7


def test_a_sentence_starting_with_references_is_no_heading(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text("# A paper\n\nReferences are important.[^1]\n\n[^1]: Smith, J. (2020). A title. J, 1, 3.\n",
                    encoding="utf-8")
    ex = extract_document(path)
    assert ex.references == [] and len(ex.footnotes) == 1
