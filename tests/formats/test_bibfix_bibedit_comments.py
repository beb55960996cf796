"""bibedit skips a ``%`` comment between fields, as the reader and biber do, so edits land."""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats.bibedit import Edit, apply_edits, scan
from citekeeper.lint import lint_paths
from citekeeper.lint.fix import apply_fixes

PCT = """@article{k,
  title = {T},
  doi = {https://doi.org/10.1002/bip.360210312},
  %eprint = {x},
  year = {1982}
}
"""


def test_a_commented_out_field_is_skipped():
    entries = scan(PCT).entries
    assert [e.key for e in entries] == ["k"]
    assert [f.name for f in entries[0].fields] == ["title", "doi", "year"]


def test_comments_anywhere_between_fields():
    text = ("@misc{m, % why this entry\n  title = {A}, % the short one\n% url = {http://x}\n"
            "    % eprint = {1}, } still a comment\n  year = 2001 % last\n}\n")
    fields = scan(text).entries[0].fields
    assert [(f.name, f.raw) for f in fields] == [("title", "{A}"), ("year", "2001")]
    out = apply_edits(text, [Edit("m", "year", "2002"), Edit("m", "note", "n")])
    assert not out.skipped
    assert out.text == text.replace("year = 2001", "year = {2002},\n  note = {n}")


def test_lint_fix_lands_in_an_entry_with_a_comment_line(tmp_path: Path):
    path = tmp_path / "pct.bib"
    path.write_text(PCT, encoding="utf-8")
    docs, findings = lint_paths([path])
    result = apply_fixes(docs, findings)
    assert result.applied == {str(path): 1}
    assert path.read_text(encoding="utf-8") == PCT.replace("https://doi.org/10.1002/bip.360210312",
                                                           "10.1002/bip.360210312")


def test_an_entry_commented_out_is_no_entry_and_no_problem():
    text = "% @electronic{maxima,\n% author = {Maxima},\n\n%@online{x,\n@article{x,\n  title = {T},\n}\n"
    result = scan(text)
    assert [e.key for e in result.entries] == ["x"] and not result.problems
