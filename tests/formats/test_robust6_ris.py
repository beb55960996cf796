"""RIS tags the reader does not take are kept, and a stray line never changes the type.

Before: any tag outside the reader's list (``AN``, ``DB``, ``CN``, ``U2``, a typo ``ZZ``)
and every value after the first of a tag (a second ``UR`` or ``SN``) vanished from every
output without a warning; an unknown ``TY`` was lost; a line without a tag after ``TY``
was glued into it (``TY  - JOUR XYZ - bad``), so a journal article came out as ``AGGR``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.formats import read_file

RIS = ("TY  - JOUR\nTI  - A title\nAU  - Roe, Ann\nPY  - 2001\nUR  - http://a.example/1\n"
       "UR  - http://b.example/2\nSN  - 1234-5678\nSN  - 978-3-16-148410-0\nAN  - 12345\nCN  - QA76 .R6\n"
       "ZZ  - a typo of a tag\nER  - \n\nTY  - NOTATYPE\nTI  - Other\nER  - \n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_unread_tags_are_kept_and_named(tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text(RIS, encoding="utf-8")
    result = read_file(path)
    first, second = result.references
    assert first.url == "http://a.example/1" and first.get("ISSN") == "1234-5678"
    assert {k: v for k, v in first.extra.items() if k.startswith("ris.")} == {
        "ris.UR": ["http://b.example/2"], "ris.SN": ["978-3-16-148410-0"], "ris.AN": ["12345"],
        "ris.CN": ["QA76 .R6"], "ris.ZZ": ["a typo of a tag"]}
    assert second.type == "document" and second.extra["ris.TY"] == ["NOTATYPE"]
    assert f"{path}:1: RIS tags UR, SN, AN, CN, ZZ not read into a field" in result.warnings[0]
    assert result.warnings[1] == f"{path}:14: unknown RIS type 'NOTATYPE', read as a document; kept as ris.TY"


@pytest.mark.parametrize("to", ["ris", "csl-json", "biblatex", "bibtex"])
def test_every_output_keeps_every_value(capsys, tmp_path: Path, to: str) -> None:
    path = tmp_path / "refs.ris"
    path.write_text(RIS, encoding="utf-8")
    code, out, err = run(capsys, "convert", str(path), "-", "--to", to)
    assert code == 0, err
    for value in ("http://b.example/2", "978-3-16-148410-0", "12345", "QA76 .R6", "a typo of a tag", "NOTATYPE"):
        assert value in out, (to, value)
    if to == "ris":
        assert "AN  - 12345\r\n" in out and "TY  - NOTATYPE\r\n" in out  # RIS is CRLF
    if to == "csl-json":
        assert json.loads(out)[0]["ris.AN"] == ["12345"]


def test_ris_to_ris_twice_is_stable(capsys, tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text(RIS, encoding="utf-8")
    _, once, _ = run(capsys, "convert", str(path), "-", "--to", "ris")
    (tmp_path / "once.ris").write_text(once, encoding="utf-8")
    _, twice, _ = run(capsys, "convert", str(tmp_path / "once.ris"), "-", "--to", "ris")
    assert twice == once


def test_a_line_without_a_tag_after_ty_keeps_the_type(tmp_path: Path) -> None:
    path = tmp_path / "refs.ris"
    path.write_text("TY  - JOUR\nXYZ - not a tag\nTI  - Title\nER  - \n", encoding="utf-8")
    result = read_file(path)
    ref = result.references[0]
    assert ref.type == "article-journal" and ref.title == "Title" and ref.get("note") == "XYZ - not a tag"
    assert str(result.problems[0]) == f"{path}:2: a line without a RIS tag after TY is not part of it; kept in the note"


def test_continuation_lines_are_joined_as_before(tmp_path: Path) -> None:
    """Gathered and joined once (a '+=' per line was quadratic), with the same separators."""
    path = tmp_path / "refs.ris"
    lines = "".join(f"line {i}\n" for i in range(20_000))
    path.write_text(f"TY  - JOUR\nTI  - A long\ntitle\nAB  - First\n{lines}PY  - 2001\nwrapped date?\nER  - \n",
                    encoding="utf-8")
    ref = read_file(path).references[0]
    assert ref.title == "A long title"
    assert ref.get("abstract") == "First\n" + lines.rstrip("\n")
    assert ref.dates["issued"].year == 2001 and ref.get("note") == "wrapped date?"
