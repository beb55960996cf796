"""A .bib rendered through the record sorts by its dates (no Zotero-only ``raw`` dates)."""

from __future__ import annotations

from click.testing import CliRunner

from citekeeper.cli import cli

BIB = """\
@book{b2016, author = {Bektimirova, N. N.}, title = {Cambodia in the 21st century}, date = {2016}}
@article{b2015, author = {Bektimirova, N. N.}, title = {Traditional factors}, journaltitle = {SEA}, date = {2015}}
"""


def test_same_author_sorted_by_year_in_apa(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(path), "--style", "apa"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert lines[0].startswith("Bektimirova, N. N. (2015)")
    assert lines[1].startswith("Bektimirova, N. N. (2016)")
