"""Linting .bib files and applying the safe fixes without touching anything else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from citekeeper.lint import lint_paths
from citekeeper.lint.document import bib_fields
from citekeeper.lint.fix import apply_fixes

BIB = """\
% a comment that must survive, with odd   spacing
@article{smith2019,
  author = {Smith, Anna},
  title = {Trade in {Asia}},
  journaltitle = {Journal of Trade},
  volume = 4,
  date = {2019},
  doi = {https://doi.org/10.1000/xyz123},
}

@online{news2020,
  title   = {Leaders meet},
  organization = {RIA Novosti},
  url     = {https://tass.ru/politika/1?utm_source=x&id=5&fbclid=abc},
  urldate = {2020-13-01},
  date    = {2020-05-27},
}

@book{lee2021,
  author = {Lee, J.},
  title = {A book},
  publisher = {Routledge},
  date = {2021},
  url = "http://dx.doi.org/10.1000/book.1",
}
"""
TODAY = dt.date(2024, 7, 1)


def test_scan_finds_values_and_lines() -> None:
    fields = bib_fields(BIB)
    assert fields["smith2019"]["title"].value == "Trade in {Asia}"
    assert fields["smith2019"]["volume"].value == "4"
    assert fields["news2020"]["url"].line == 14
    assert fields["lee2021"]["url"].value == "http://dx.doi.org/10.1000/book.1"


def test_bib_findings(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    _, findings = lint_paths([path], today=TODAY)
    got = {(f.rule, f.key, f.line) for f in findings}
    assert got == {
        ("doi-as-url", "smith2019", 8),
        ("url-tracking", "news2020", 14),
        ("url-outlet-host", "news2020", 14),
        ("date-impossible", "news2020", 15),
        ("doi-resolver", "lee2021", 24),
    }


def test_fix_changes_only_the_fixed_values(tmp_path: Path) -> None:
    """Only the three values change (bibedit writes the new value braced)."""
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    docs, findings = lint_paths([path], today=TODAY)
    result = apply_fixes(docs, findings)
    assert result.applied == {str(path): 3}
    expected = (
        BIB.replace("{https://doi.org/10.1000/xyz123}", "{10.1000/xyz123}")
        .replace("1?utm_source=x&id=5&fbclid=abc", "1?id=5")
        .replace('"http://dx.doi.org/10.1000/book.1"', '{https://doi.org/10.1000/book.1}')
    )
    assert path.read_text(encoding="utf-8") == expected
    # a second run finds nothing left to fix
    docs, findings = lint_paths([path], today=TODAY)
    assert not [f for f in findings if f.fix]
    assert apply_fixes(docs, findings).applied == {}


def test_article_text_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Body.¹\n\n¹ Page // Site. 2020. URL: https://site.org/a?ysclid=1 (accessed: 05.02.2024).\n"
    path.write_text(text, encoding="utf-8")
    docs, findings = lint_paths([path], today=TODAY)
    assert [f.rule for f in findings] == ["url-tracking"]
    result = apply_fixes(docs, findings)
    assert result.applied == {} and len(result.skipped) == 1
    assert path.read_text(encoding="utf-8") == text


def test_csl_json_lines_point_into_the_json_file(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    path.write_text(
        '[\n  {\n    "id": "a",\n    "type": "webpage",\n    "title": "Page",\n'
        '    "URL": "https://x.org/p?utm_source=y",\n'
        '    "accessed": {"date-parts": [[2020, 1, 2]]},\n'
        '    "issued": {"date-parts": [[2021, 5, 1]]}\n  }\n]\n',
        encoding="utf-8",
    )
    _, findings = lint_paths([path], today=TODAY)
    assert {(f.rule, f.line) for f in findings} == {("url-tracking", 6), ("date-accessed-before-issued", 7)}
