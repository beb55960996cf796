"""``citekeeper extract`` end to end on the example article."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citekeeper.cli import cli
from citekeeper.formats import csljson, ris

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"


def test_extract_writes_every_format(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(ARTICLE), "--out", str(tmp_path), "--csl-json", "--ris"])
    assert result.exit_code == 0, result.output
    assert "24 references, 42 citations in 41 footnotes" in result.output
    refs = csljson.loads((tmp_path / "references.json").read_text(encoding="utf-8"))
    notes = csljson.loads((tmp_path / "footnotes" / "footnotes.json").read_text(encoding="utf-8"))
    assert (len(refs), len(notes)) == (24, 42)
    assert notes[0].origin.kind == "footnote" and notes[0].origin.number == 1
    assert refs[0].origin.line_start == 286
    back = ris.loads((tmp_path / "footnotes" / "footnotes.ris").read_text(encoding="utf-8"))
    assert len(back.references) == 42


def test_json_summary(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(ARTICLE), "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    summary = json.loads(result.output)
    assert summary["references"] == 24 and summary["footnote_citations"] == 42 and summary["footnotes"] == 41
    assert summary["unparsed"] == 0


def test_help_has_examples():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert "Examples:" in result.output and "--csl-json" in result.output


GERMAN = """\
Ein Beitrag mit Fußnoten.

1 Vgl. Meier, Klaus: Handbuch der Stadt-
forschung. Berlin: Springer, 2005, S. 45.
2 Ebenda, S. 50.
3 Die Zahlen beziehen sich auf das Jahr 2019.
4 Meier, a. a. O., S. 60.
"""


def test_repeats_are_visible_in_the_output(tmp_path):
    article = tmp_path / "de.txt"
    article.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--out", str(tmp_path / "out"), "--csl-json", "-q"])
    assert result.exit_code == 0, result.output
    bib = (tmp_path / "out" / "footnotes" / "footnotes.bib").read_text(encoding="utf-8")
    notes = csljson.loads((tmp_path / "out" / "footnotes" / "footnotes.json").read_text(encoding="utf-8"))
    assert [n.origin.number for n in notes] == [1, 2, 4]  # footnote 3 only comments
    full = notes[0]
    assert "Stadtforschung" in full.title
    assert [n.repeats for n in notes[1:]] == [full.id, full.id]
    assert bib.count(f"repeats = {{{full.id}}}") == 2
