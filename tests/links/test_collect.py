"""Collecting targets: DOI forms, de-duplication, and the fast .bib reading."""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import read_references
from citekeeper.links.collect import clean_url, collect, read_bib_fast
from citekeeper.model import Date, Origin, Reference

BIB = """@article{a,
  author = {Doe, Jane},
  title = {On {Things}},
  doi = {10.1000/ABC},
  url = {https://doi.org/10.1000/abc},
  year = {2019}
}

@online{b,
  title = {Page},
  url = {https://example.org/page},
  urldate = {2021-11-30},
  date = {2018-05}
}

@misc{c,
  howpublished = {https://example.org/other},
  year = 2015,
}

@misc{d,
  title = {Cap},
  url = {https://web.archive.org/web/20100615000000/http://example.org/gone}
}
"""


def test_targets_from_references() -> None:
    r1 = Reference(id="x", origin=Origin("file", file="f.bib", line_start=3))
    r1.fields.update(DOI="doi:10.1000/X", URL="https://dx.doi.org/10.1000/x")
    r2 = Reference(id="y")
    r2.fields["URL"] = "https://example.org"
    r2.dates["accessed"] = Date(2020, 1, 2)
    r3 = Reference(id="z")
    r3.fields["URL"] = "https://www.doi.org/10.1000/x"
    targets = collect([r1, r2, r3])
    assert [(t.kind, t.target) for t in targets] == [("doi", "10.1000/x"), ("url", "https://example.org")]
    assert [c.key for c in targets[0].citations] == ["x", "z"]
    assert targets[1].citations[0].accessed == "2020-01-02"


def test_fast_reader_agrees_with_the_full_reader(tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(BIB)
    fast = collect(read_bib_fast(str(p)))
    full = collect(read_references(p))
    assert fast == full
    cap = fast[-1]
    assert cap.original == "http://example.org/gone" and cap.capture == "20100615000000"


def test_fast_reader_declines_macros(tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text('@string{base = "https://ex.org/"}\n@misc{a, url = base # "x"}\n')
    assert read_bib_fast(str(p)) is None


def test_tex_escapes_in_urls_are_undone() -> None:
    r = Reference(id="x")
    r.fields["URL"] = "https://example.org/a\\_b\\%20c"
    assert collect([r])[0].target == "https://example.org/a_b%20c"
    assert clean_url("\\url{https://ex.org/x\\#y}") == "https://ex.org/x#y"
