"""``parse`` warnings name the file and line (or argument) of the string to review."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_low_confidence_names_file_line(capsys, tmp_path: Path) -> None:
    refs = tmp_path / "refs.txt"
    refs.write_text("Smith J, Doe A. A study of things. Nature. 2019;5(3):10-20.\n\nqqq\n", encoding="utf-8")
    code, out, err = run(capsys, "parse", "--file", str(refs))
    assert code == 0 and out.count("\n@") + out.startswith("@") == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"warning: {refs}:3: ") and "review: qqq" in lines[0]


def test_long_string_is_cut_in_the_warning(capsys) -> None:
    code, _, err = run(capsys, "parse", "x" * 5000)
    assert code == 0 and err.startswith("warning: argument 1: ") and len(err) < 200 and err.rstrip().endswith("…")


def test_empty_file_is_an_input_error(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    code, _, err = run(capsys, "parse", "--file", str(empty))
    assert code == 3 and err.strip() == f"citekeeper: error: {empty}: no reference strings: the file is empty or blank"
