"""The render, cite and styles commands end to end (through ``citekeeper.cli.main``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main

DATA = Path(__file__).resolve().parents[1] / "render" / "data"
ITEMS = DATA / "items.json"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_render_text_matches_citeproc_js_golden(capsys):
    code, out, _ = run(capsys, "render", str(ITEMS), "--style", "ieee")
    assert code == 0
    golden = json.loads((DATA / "golden" / "items" / "ieee.json").read_text())
    assert out.splitlines() == golden["bibliography_text"]


def test_render_html_is_a_bib_body(capsys):
    code, out, _ = run(capsys, "render", str(ITEMS), "-s", "apa", "-f", "html")
    assert code == 0
    assert out.startswith('<div class="csl-bib-body">') and out.rstrip().endswith("</div>")
    assert "<script>" not in out


def test_render_to_file(capsys, tmp_path):
    target = tmp_path / "bib.md"
    code, out, _ = run(capsys, "render", str(ITEMS), "-s", "mla", "-f", "markdown", "-o", str(target))
    assert code == 0 and out == ""
    assert "*Journal of Marine Biology*" in target.read_text()


def test_render_bibtex_input(capsys, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{kuhn1962, author = {Kuhn, Thomas S.}, title = {The Structure of "
                   "Scientific Revolutions}, publisher = {University of Chicago Press}, year = {1962}}\n")
    code, out, err = run(capsys, "render", str(bib), "-s", "apa")
    assert code == 0, err
    assert out.startswith("Kuhn, T. S. (1962).")


def test_unknown_style_exit_2_with_suggestions(capsys):
    code, _, err = run(capsys, "render", str(ITEMS), "--style", "chicgo-author-date")
    assert code == 2
    assert "chicago-author-date" in err


def test_malformed_style_exit_3_one_line(capsys, tmp_path):
    p = tmp_path / "bad.csl"
    p.write_text("<style xmlns='http://purl.org/net/xbiblio/csl'>\n<citation>\n")
    code, _, err = run(capsys, "render", str(ITEMS), "--style", str(p))
    assert code == 3
    assert err.count("\n") == 1 and f"{p}:" in err


def test_cite_with_locator(capsys):
    code, out, _ = run(capsys, "cite", str(ITEMS), "smith2020", "--locator", "p. 97", "-s", "apa")
    assert code == 0
    assert out.strip() == "(Smith & Doe, 2020, p. 97)"


def test_cite_several_keys_one_citation(capsys):
    code, out, _ = run(capsys, "cite", str(ITEMS), "kuhn1962,smith2020", "-s", "ieee")
    assert code == 0
    assert out.strip() == "[1], [2]" or out.strip().startswith("[1]")


def test_cite_prints_notes_as_the_style_formats_them(capsys):
    code, out, _ = run(capsys, "cite", str(ITEMS), "kuhn1962", "kuhn1962", "-s", "chicago-notes")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Thomas S. Kuhn") and not lines[1].startswith("2. ")


def test_cite_note_numbers_when_asked(capsys):
    code, out, _ = run(capsys, "cite", str(ITEMS), "kuhn1962", "kuhn1962", "-s", "chicago-notes",
                       "--note-numbers")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1. Thomas S. Kuhn") and lines[1].startswith("2. ")


def test_cite_unknown_key(capsys):
    code, _, err = run(capsys, "cite", str(ITEMS), "smith202", "-s", "apa")
    assert code == 2 and "smith2020" in err


def test_styles_lists_bundled_and_package(capsys):
    code, out, _ = run(capsys, "styles")
    assert code == 0
    names = [line.split("\t")[0] for line in out.splitlines()]
    assert names[0] in {"apa", "chicago-author-date"} or "apa" in names[:10]
    assert "nature" in names
    code, out, _ = run(capsys, "styles", "gost", "--bundled")
    assert {line.split("\t")[0] for line in out.splitlines()} == {
        "gost-r-7-0-5-2008", "gost-r-7-0-5-2008-numeric", "gost-r-7-0-5-2008-numeric-alphabetical"}


MIXED = [
    {"id": "en", "type": "chapter", "title": "A chapter", "language": "en",
     "author": [{"family": "Brown", "given": "Bob"}], "editor": [{"family": "Green", "given": "Gary"}],
     "container-title": "Collected papers", "volume": "3", "page": "10-20", "publisher": "Springer",
     "publisher-place": "Berlin", "issued": {"date-parts": [[2005]]}},
    {"id": "ru", "type": "chapter", "title": "Глава", "language": "ru",
     "author": [{"family": "Иванов", "given": "Иван"}], "editor": [{"family": "Петров", "given": "Пётр"}],
     "container-title": "Сборник", "volume": "3", "page": "10-20", "publisher": "Наука",
     "publisher-place": "М.", "issued": {"date-parts": [[2006]]}},
]


@pytest.fixture
def mixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no pyproject.toml above: built-in defaults
    p = tmp_path / "mixed.json"
    p.write_text(json.dumps(MIXED, ensure_ascii=False), encoding="utf-8")
    return p


def test_gost_terms_follow_each_entry_language(capsys, mixed):
    code, out, err = run(capsys, "render", str(mixed), "-s", "gost")
    assert code == 0, err
    en = next(line for line in out.splitlines() if "Brown" in line)
    ru = next(line for line in out.splitlines() if "Иванов" in line)
    assert "/ ed. by G. Green" in en and "P. 10–20" in en
    assert "/ под ред. П. Петров" in ru and "С. 10–20" in ru


def test_no_locale_per_entry_keeps_one_language(capsys, mixed):
    code, out, _ = run(capsys, "render", str(mixed), "-s", "gost", "--no-locale-per-entry")
    assert code == 0
    en = next(line for line in out.splitlines() if "Brown" in line)
    assert "под ред. G. Green" in en and "С. 10–20" in en


def test_settings_table_is_read(capsys, mixed):
    (mixed.parent / "pyproject.toml").write_text(
        '[tool.citekeeper.render]\nstyle = "gost"\nlocale-per-entry = false\nformat = "html"\n')
    code, out, _ = run(capsys, "render", str(mixed))
    assert code == 0
    assert out.startswith('<div class="csl-bib-body">') and "под ред. G. Green" in out


def test_settings_unknown_key_is_an_error(capsys, mixed):
    (mixed.parent / "pyproject.toml").write_text('[tool.citekeeper.render]\nstyel = "apa"\n')
    code, _, err = run(capsys, "render", str(mixed))
    assert code != 0 and "styel" in err and "Traceback" not in err


def test_styles_search_json(capsys):
    code, out, _ = run(capsys, "styles", "--search", "nature communications", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["tool"] == "citekeeper styles"
    hit = next(r for r in doc["styles"] if r["id"] == "nature-communications")
    assert hit["dependent"] and hit["title"] == "Nature Communications"


def test_render_dependent_style_by_id(capsys, mixed):
    code, out, err = run(capsys, "render", str(mixed), "-s", "plos-one")
    assert code == 0, err
    assert "Brown B" in out
