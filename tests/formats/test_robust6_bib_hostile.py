"""Hostile .bib text: kept once, read without exhausting the stack.

Before: ``@misc{@misc{@misc{`` on one line failed three times and bib -> bib wrote the
line three times (n failures on one line: n copies; 8,000 of them in a 48 KB file took
790 MB and 2.8 s), and a value of ``\\"{`` nested 20,000 deep was "internal error:
RecursionError" (exit 70).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.formats import read_file


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


@pytest.mark.parametrize("times", [3, 5000])
def test_many_failures_on_one_line_are_kept_once(capsys, tmp_path: Path, times: int) -> None:
    text = "@book{ok, title={T}}\n" + "@misc{" * times + " tail text\n@book{after, title={U}}\n"
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    result = read_file(path)
    assert [r.id for r in result.references] == ["ok", "after"]
    assert len(result.failed) == 1 and len(result.problems) == 1 and result.problems[0].line == 2
    code, out, err = run(capsys, "convert", str(path), "-", "--to", "bibtex")
    assert code == 0 and out == text  # bib -> bib: every byte once, as written
    assert err.count("cannot parse BibTeX block") == 1


def test_groups_nested_past_the_stack_are_kept_as_written(capsys, tmp_path: Path) -> None:
    value = '\\"{' * 20_000
    path = tmp_path / "refs.bib"
    path.write_text("@misc{x, title={" + value + "}}\n@misc{y, title={Plain}}\n", encoding="utf-8")
    refs = read_file(path).references
    assert [r.id for r in refs] == ["x", "y"] and refs[0].title.startswith('\\"{\\"{')
    for to in ("csl-json", "ris", "biblatex"):
        code, _, err = run(capsys, "convert", str(path), "-", "--to", to)
        assert code == 0 and "internal error" not in err
