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


PARTICLES = """\
@book{smith, author = {Smith, John}, title = {Third}, date = {2001}}
@book{berg, author = {van der Berg, Anna}, title = {Second}, date = {2016}}
@book{adams, author = {Adams, Mary}, title = {First}, date = {2010}}
"""


def test_particle_of_a_bib_name_is_demoted_for_sorting(tmp_path):
    """``demote-non-dropping-particle="sort-only"`` (Harvard) sorts "van der Berg" under B, as
    citeproc-js does; folded into ``family`` the particle sorted it under V, after Smith."""
    path = tmp_path / "refs.bib"
    path.write_text(PARTICLES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(path), "--style", "harvard-cite-them-right"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert [ln.split(",")[0] for ln in lines] == ["Adams", "van der Berg", "Smith"]
