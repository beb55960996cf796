"""``extract --out`` onto a file: one line naming it, exit 4, nothing written.

Before: ``--out notes.txt`` was click's four lines of usage (exit 2), and a file named
``footnotes`` inside OUT stopped the run after ``references.bib`` was written: half a
set, and "cannot write: File exists".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main

ARTICLE = ("Body text.¹\n\nReferences\n\nSmith, J. (2020). A title. Journal, 1(2), 3-4.\n"
           "Doe, J. (2019). Book. Place: Publisher.\n\n¹ Smith, J. (2020). A title. Journal, 1(2), 3-4.\n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_out_onto_a_file_is_an_output_error(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "a.txt"), "--out", str(target))
    assert (code, err) == (4, f"citekeeper: error: {target}: is a file, not a directory; nothing written\n")
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_a_file_where_the_footnotes_folder_goes_leaves_no_half_set(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "footnotes").write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(tmp_path / "a.txt"), "--out", str(out), "--force")
    assert code == 4 and err == (f"citekeeper: error: {out / 'footnotes' / 'footnotes.bib'}: its folder is a file, not a "
                                  "directory; nothing written\n")
    assert sorted(p.name for p in out.iterdir()) == ["footnotes"]
