"""Every ``--format json`` of citekeeper is an object with ``schema_version`` and ``tool``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main

ARTICLE = """A study of rivers.

References

Brown, A. (2010). Water rights in context. Journal of Law and Rivers, 12(3), 45-67.
Green, B. (2015). Dams and their publics. Oxford University Press.
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def _check(out: str, tool: str) -> dict:
    doc = json.loads(out)
    assert isinstance(doc, dict) and doc["schema_version"] == 1 and doc["tool"] == tool
    return doc


def test_styles_json(capsys) -> None:
    code, out, _ = run(capsys, "styles", "--bundled", "--format", "json")
    assert code == 0
    assert any(s["id"] == "apa" for s in _check(out, "citekeeper styles")["styles"])


def test_extract_json(capsys, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--out", str(tmp_path / "out"), "--format", "json")
    assert code == 0 and _check(out, "citekeeper extract")["references"] == 2


def test_lint_json(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, author={Roe, Ann}, title={A}, publisher={P}, year=2001}\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(bib), "--format", "json")
    assert code == 0
    _check(out, "citekeeper lint")


def test_enrich_json_offline(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, author={Roe, Ann}, title={A}, publisher={P}, year=2001}\n", encoding="utf-8")
    dead = "http://127.0.0.1:9"  # nothing listens: no request leaves the machine
    code, out, _ = run(capsys, "enrich", str(bib), "--format", "json", "--no-find", "--no-cache",
                       "--crossref-api", dead, "--datacite-api", dead, "--openalex-api", dead, "--doi-api", dead)
    assert code == 0
    doc = _check(out, "citekeeper enrich")
    assert doc["version"] == 1 and doc["entries"][0]["key"] == "a"
