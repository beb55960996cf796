"""Hostile CSL-JSON and numbers no ``int`` holds: a warning or a one-line error, never exit 70.

Each case was exit 70 ("internal error") before: ``[[[…`` 10^5 deep (RecursionError in the
JSON decoder), a 5,000-digit number (CPython's 4,300-digit ``int`` limit, in the JSON
decoder and again in every date, sort key and number of ``render``), a lone surrogate
escape (``"\\ud800"``: no UTF-8 writer can write it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.formats import read_file

DIGITS = "9" * 5000


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


@pytest.mark.parametrize("command", [("convert", "{p}", "-", "--to", "ris"), ("render", "{p}"),
                                     ("export", "{p}", "--to", "bibtex"), ("lint", "{p}")])
def test_json_nested_too_deep_is_an_input_error_with_its_line(capsys, tmp_path: Path, command) -> None:
    path = tmp_path / "deep.json"
    path.write_text('[{"id": "a", "type": "book", "title": "T"},\n' + "[" * 100_000 + "]" * 100_000 + "]",
                    encoding="utf-8")
    code, _, err = run(capsys, *[a.format(p=path) for a in command])
    assert code == 3 and "Traceback" not in err
    assert err == f"citekeeper: error: {path}:2: malformed CSL-JSON: nested too deeply to be a bibliography\n"


def test_json_number_too_long_for_int_is_kept_as_its_digits(capsys, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('[{"id": "a", "type": "book", "title": "T",\n "volume": ' + DIGITS + "}]", encoding="utf-8")
    result = read_file(path)
    assert result.references[0].fields["volume"] == DIGITS
    assert result.warnings == [f"{path}:1: a number of more than 4300 digits, kept as its digits (a string)"]
    for args in (("render", str(path), "-s", "apa"), ("convert", str(path), "-", "--to", "bibtex")):
        code, out, err = run(capsys, *args)
        assert code == 0 and "internal error" not in err and DIGITS in out


def test_json_lone_surrogate_becomes_a_replacement_character(capsys, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('[{"id": "a", "type": "book", "title": "\\ud800 lone, \\ud83d\\ude00 paired"}]', encoding="utf-8")
    result = read_file(path)
    assert result.references[0].title == "\ufffd lone, \U0001f600 paired"
    assert "1 lone UTF-16 surrogate escape(s)" in result.warnings[0]
    for to in ("csl-json", "bibtex", "ris"):
        code, out, err = run(capsys, "convert", str(path), "-", "--to", to)
        assert code == 0 and "\U0001f600 paired" in out, err


def test_bib_with_numbers_too_long_for_int_reads_renders_and_lints(capsys, tmp_path: Path) -> None:
    path = tmp_path / "big.bib"
    path.write_text(f"@article{{a, author={{Roe, Ann}}, title={{Title {DIGITS}}}, journal={{J}},\n"
                    f"  year={{{DIGITS}}}, date={{{DIGITS}-01-01}}, urldate={{{DIGITS}}}, volume={{{DIGITS}}},\n"
                    f"  pages={{{DIGITS}--{DIGITS}1}}, edition={{{DIGITS}}}}}\n"
                    "@book{b, author={Doe, Jo}, title={Other}, publisher={P}, year={2020}, volume={3}}\n",
                    encoding="utf-8")
    ref = read_file(path).references[0]
    assert ref.dates["issued"].literal == f"{DIGITS}-01-01"  # kept as written, not dropped
    for args in (("convert", str(path), "-", "--to", "csl-json"), ("convert", str(path), "-", "--to", "ris"),
                 ("render", str(path), "-s", "apa"), ("render", str(path), "-s", "ieee"),
                 ("render", str(path), "-s", "chicago-note-bibliography"),
                 ("cite", str(path), "a", "b", "-s", "apa"), ("lint", str(path))):
        code, out, err = run(capsys, *args)
        assert code in (0, 1) and "internal error" not in err, (args, err)
        assert DIGITS in out, args


def test_csl_json_names_and_dates_of_the_wrong_shape_are_kept_as_text(capsys, tmp_path: Path) -> None:
    """Before: a name that was not an object vanished, ``{"family": null}`` became the
    name "None", ``{"literal": ["a"]}`` the text "['a']", and a date whose date-parts were
    no list (``"2020"``) or no numbers (``[["x"]]``) vanished from every output."""
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([
        {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": "2020"},
         "author": [None, "Roe, Ann", 5, {"family": None, "given": "Jo"}, {"literal": ["a"]}, {"family": None}]},
        {"id": "b", "type": "book", "title": "U", "issued": 1999, "editor": {"family": "Doe"},
         "accessed": {"date-parts": [["x"]]}},
    ]), encoding="utf-8")
    a, b = read_file(path).references
    assert [n.literal or n.given for n in a.names["author"]] == ["Roe, Ann", "5", "Jo", '["a"]']
    assert a.names["author"][2].family == ""
    assert a.dates["issued"].literal == '{"date-parts": "2020"}'
    assert b.dates["issued"].year == 1999 and b.names["editor"][0].family == "Doe"
    assert b.dates["accessed"].literal == '{"date-parts": [["x"]]}'
    code, out, err = run(capsys, "convert", str(path), "-", "--to", "bibtex")
    assert code == 0 and "None" not in out and "['a']" not in out and "Roe, Ann" in out, err
