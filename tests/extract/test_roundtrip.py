"""Write -> read round trips of the example's references through BibTeX and CSL-JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.extract import extract_article
from citekeeper.formats import bibtex, csljson

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"


@pytest.fixture(scope="module")
def extraction():
    return extract_article(ARTICLE.read_text(encoding="utf-8"), file=str(ARTICLE))


def _comparable(ref):
    return (ref.id, ref.type, ref.fields, ref.names, ref.dates, ref.identifiers)


def test_csl_json_round_trip(extraction):
    refs = extraction.references + extraction.footnotes
    back = csljson.loads(csljson.dumps(refs))
    assert [_comparable(r) for r in back] == [_comparable(r) for r in refs]
    assert [r.origin for r in back] == [r.origin for r in refs]


def test_bibtex_round_trip(extraction):
    refs = extraction.references + extraction.footnotes
    back = bibtex.loads(bibtex.dumps(refs)).references
    assert len(back) == len(refs)
    for a, b in zip(refs, back, strict=True):
        assert (a.id, a.type) == (b.id, b.type)
        assert a.names == b.names
        assert a.dates == b.dates
        assert a.identifiers == b.identifiers
        for key in ("title", "container-title", "volume", "issue", "page", "publisher", "publisher-place", "DOI", "URL", "language"):
            assert a.get(key) == b.get(key), (a.id, key)
        assert a.footnote == b.footnote


def test_malformed_bibtex_keeps_readable_entries_and_reports_line():
    text = "@article{a,\n title={One},\n}\n\n@book{b, title={unclosed\n\n@misc{c, title={Three}}\n"
    result = bibtex.loads(text, file="x.bib")
    assert [r.id for r in result.references] == ["a", "c"]
    assert len(result.problems) == 1
    assert result.problems[0].line == 5 and result.problems[0].file == "x.bib"


def test_url_in_howpublished_wrapped_in_url_macro():
    refs = bibtex.loads("@misc{a, title={T}, howpublished={\\url{https://x.org/a\\_b}}}\n").references
    assert refs[0].url == "https://x.org/a_b"
    assert not refs[0].get("container-title")
