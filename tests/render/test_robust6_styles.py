"""Broken CSL styles a user may pass with ``--style FILE``: one line naming file and line.

Before: a macro calling itself (directly or through another) was "internal error:
RecursionError" (exit 70); a call of an undefined macro printed every entry empty with a
warning that "the style leaves them out"; ``form="roman"`` of a volume of 12 digits built
a string of 10^9 "M"s (it never ended).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main

BIB = ("@article{a, author={Roe, Ann}, title={A title}, journal={J}, year={2001}, volume={999999999999}}\n"
       "@book{b, author={Doe, Jo}, title={Book}, publisher={P}, year={2019}, volume={14}}\n")


def style(body: str, macros: str = "") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n'
            '  <info><title>Test</title><id>test</id></info>\n'
            f"{macros}"
            f'  <citation><layout><text variable="title"/></layout></citation>\n'
            f"  <bibliography><layout>{body}</layout></bibliography>\n"
            "</style>\n")


def run(capsys, tmp_path: Path, csl: str, *more: str) -> tuple[int, str, str]:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "s.csl").write_text(csl, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["render", str(tmp_path / "refs.bib"), "--style", str(tmp_path / "s.csl"), *more])
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


@pytest.mark.parametrize(("macros", "line", "why"), [
    ('  <macro name="a">\n    <text macro="a"/>\n  </macro>\n', 4, "macro 'a' calls itself (a -> a)"),
    ('  <macro name="a"><group><text macro="b"/></group></macro>\n'
     '  <macro name="b"><text variable="title"/><text macro="c"/></macro>\n'
     '  <macro name="c"><text macro="a"/></macro>\n', 4, "macro 'a' calls itself (a -> b -> c -> a)"),
])
def test_a_macro_that_calls_itself_is_a_malformed_style(capsys, tmp_path: Path, macros: str, line: int,
                                                         why: str) -> None:
    code, out, err = run(capsys, tmp_path, style('<text macro="a"/>', macros))
    assert code == 3 and out == ""
    assert err == f"citekeeper: error: {tmp_path / 's.csl'}:{line}: malformed CSL style: {why}\n"


def test_a_call_of_an_undefined_macro_names_its_line(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, style('<text variable="title"/>\n<text macro="nope"/>'))
    assert code == 3
    assert err == f"citekeeper: error: {tmp_path / 's.csl'}:6: malformed CSL style: call of an undefined macro 'nope'\n"


def test_macros_calling_each_other_without_a_cycle_still_render(capsys, tmp_path: Path) -> None:
    macros = ('  <macro name="t"><text variable="title"/></macro>\n'
              '  <macro name="both"><text macro="t"/><text macro="t" prefix=" / "/></macro>\n')
    code, out, err = run(capsys, tmp_path, style('<text macro="both"/>', macros))
    assert code == 0 and "A title / A title" in out, err


def test_roman_numerals_of_huge_numbers_are_printed_as_digits(capsys, tmp_path: Path) -> None:
    body = '<text variable="title" suffix=" "/><number variable="volume" form="roman"/>'
    code, out, err = run(capsys, tmp_path, style(body))
    assert code == 0, err
    assert "A title 999999999999" in out and "Book xiv" in out  # CSL roman numerals are lower case


def test_a_device_as_style_says_so(capsys, tmp_path: Path) -> None:
    """``--style /dev/zero`` said the file "does not exist"."""
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["render", str(tmp_path / "refs.bib"), "--style", "/dev/zero"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err == ("citekeeper: error: style '/dev/zero' is not a regular file (a device or pipe); save the style "
                   "as a .csl file\n")
