"""``extract`` given a bibliography instead of an article says what to run instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_bib_to_extract_points_to_convert(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text("@book{a, author={Roe, Ann}, title={A}, publisher={P}, year=2001}\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(bib), "--out", str(tmp_path / "out"))
    assert code == 3
    assert len(err.strip().splitlines()) == 1
    assert "library.bib is a bibtex bibliography, not an article: use `citekeeper convert library.bib" in err


def test_text_without_citations_has_no_hint(capsys, tmp_path: Path) -> None:
    txt = tmp_path / "notes.txt"
    txt.write_text("Nothing cited here.\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(txt), "--out", str(tmp_path / "out"))
    assert code == 3 and "convert" not in err
