"""The repo's references.bib and footnotes/ are the tool's own output on the example.

Regenerate with ``citekeeper extract examples/pichkhun-yuok-2024.txt --out .`` after a
deliberate change; this test fails whenever the committed files and the tool disagree.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from citekeeper.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "pichkhun-yuok-2024.txt"


def test_committed_output_matches_regenerated(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(ARTICLE), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    for rel in ("references.bib", "footnotes/footnotes.bib"):
        assert (tmp_path / rel).read_text(encoding="utf-8") == (ROOT / rel).read_text(encoding="utf-8"), rel
    assert sorted(p.name for p in (ROOT / "footnotes").iterdir()) == ["footnotes.bib"]


def test_example_entry_counts_and_footnote_fields():
    import bibtexparser

    refs = bibtexparser.parse_file(str(ROOT / "references.bib"))
    notes = bibtexparser.parse_file(str(ROOT / "footnotes" / "footnotes.bib"))
    assert len(refs.entries) == 24 and not refs.failed_blocks
    assert len(notes.entries) == 42 and not notes.failed_blocks
    numbers = [int(e["footnote"]) for e in notes.entries]
    assert sorted(set(numbers)) == list(range(1, 42))
    assert numbers.count(7) == 2  # footnote 7 holds two citations
    keys = [e.key.lower() for e in refs.entries + notes.entries]
    assert len(keys) == len(set(keys))
