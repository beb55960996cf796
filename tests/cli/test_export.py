"""``citekeeper export`` and ``citekeeper convert`` end to end, on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekeeper.cli import cli, main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "formats" / "data"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def exit_code(*args: str) -> int:
    """The exit code ``main`` (the console script) maps errors to."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return int(exc.value.code or 0)


def test_export_example_bib_files_to_csl_json(tmp_path):
    out = tmp_path / "all.json"
    result = run("export", str(ROOT / "references.bib"), str(ROOT / "footnotes" / "footnotes.bib"),
                 "--to", "csl-json", "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 24 + 42
    ids = [i["id"].lower() for i in items]
    assert len(ids) == len(set(ids))
    assert sum("EDN: " in i.get("note", "") for i in items) >= 10


def test_export_article_to_ris_on_stdout():
    result = run("export", str(ROOT / "examples" / "pichkhun-yuok-2024.txt"), "--to", "ris", "-q")
    assert result.exit_code == 0, result.output
    assert result.output.count("TY  - ") == 24 + 42
    assert "TY  - GEN" not in result.output


def test_export_format_from_suffix(tmp_path):
    out = tmp_path / "x.ris"
    assert run("export", str(DATA / "zotero-export.json"), "-o", str(out), "-q").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("TY  - JOUR")


def test_export_needs_a_format_on_stdout(capsys):
    assert exit_code("export", str(DATA / "zotero-export.json")) == 2
    assert "--to" in capsys.readouterr().err


def test_export_missing_file_is_input_error(capsys):
    assert exit_code("export", "no-such-file.bib", "--to", "ris") == 3
    assert "no-such-file.bib" in capsys.readouterr().err


def test_export_makes_keys_unique_and_usable(tmp_path):
    out = tmp_path / "x.bib"
    result = run("export", str(DATA / "zotero-export.json"), str(DATA / "zotero-export.json"), "-o", str(out))
    assert result.exit_code == 0, result.output
    import bibtexparser

    lib = bibtexparser.parse_string(out.read_text(encoding="utf-8"))
    keys = [e.key for e in lib.entries]
    assert len(keys) == 14 and not lib.failed_blocks
    assert len({k.lower() for k in keys}) == 14
    assert not any("://" in k for k in keys)


def test_convert_by_extension_chain(tmp_path):
    ris = tmp_path / "a.ris"
    js = tmp_path / "a.json"
    bib = tmp_path / "a.bib"
    assert run("convert", str(DATA / "zotero-bbt.bib"), str(ris), "-q").exit_code == 0
    assert run("convert", str(ris), str(js), "-q").exit_code == 0
    assert run("convert", str(js), str(bib), "-q").exit_code == 0
    text = bib.read_text(encoding="utf-8")
    assert "@online{" in text and "entrysubtype = {newspaper}" in text and "@mastersthesis{" in text


def test_convert_with_to_and_bibtex_flavour(tmp_path):
    out = tmp_path / "out.txt"
    result = run("convert", str(DATA / "zotero-export.ris"), str(out), "--to", "bibtex", "-q")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "journal = {The Pacific Review}" in text and "year = {2007}" in text


def test_convert_unknown_suffix_needs_to(tmp_path):
    assert exit_code("convert", str(DATA / "zotero-export.ris"), str(tmp_path / "out.txt")) == 2
