"""Fields left outside an entry by an extra ``}`` are named, not dropped without a word.

``title = {A title}},`` ends the entry at its second brace (BibTeX's rule, and biber's):
``year`` and every field after it become a comment.  ``convert`` to CSL-JSON or RIS and
``render`` lost them silently; now a warning names the line, and bib -> bib still writes
the text back exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.formats import read_file

BIB = ("% a comment with x = {y} in it\n@article{a1,\n  title = {A title}},\n  year = {2020},\n}\n\n"
       "Prose between entries with a = sign is a comment.\n@book{b2, title={Book}, year={2019}}\n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_a_field_after_an_extra_brace_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    result = read_file(path)
    assert [r.id for r in result.references] == ["a1", "b2"]
    assert result.warnings == [f"{path}:4: 'year = {{2020}},' is outside any entry (an extra '}}' before it ends "
                               "the entry?); BibTeX ignores it, and only .bib output keeps it"]


def test_bib_to_bib_still_keeps_it_verbatim(capsys, tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    code, out, err = run(capsys, "convert", str(path), "-", "--to", "bibtex")
    assert code == 0 and out == BIB and "refs.bib:4:" in err


def test_a_well_formed_file_has_no_such_warning(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@comment{x = {y}}\n@string{j = {J}}\n@book{a, title={T},\n  year = 2020}\n\n"
                    "%% year = {2020}\n@misc{b, note = {n}}\n", encoding="utf-8")
    assert read_file(path).warnings == []
