"""Items a style leaves out of the bibliography are named on stderr, not lost silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main

ITEMS = [
    {"id": "Letter1962", "type": "personal_communication", "author": [{"family": "Siesby", "given": "E."}],
     "title": "Følgebrev", "genre": "Letter", "issued": {"date-parts": [[1962, 2, 19]]}},
    {"id": "Book2001", "type": "book", "author": [{"family": "Roe", "given": "Ann"}], "title": "A book",
     "publisher": "P", "issued": {"date-parts": [[2001]]}},
]

CITATION_ONLY = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Citations only</title><id>citations-only</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"><name form="short"/></names></layout></citation>
</style>
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_apa_omits_personal_communication_with_a_warning(capsys, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS), encoding="utf-8")
    code, out, err = run(capsys, "render", str(path), "--style", "apa")
    assert code == 0
    assert out.count("\n") == 1 and "Roe" in out
    assert "1 of 2 entries have no bibliography entry in style 'apa'" in err
    assert "personal_communication ×1" in err and "Letter1962" in err


def test_every_entry_rendered_no_warning(capsys, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS[1:]), encoding="utf-8")
    code, _, err = run(capsys, "render", str(path), "--style", "apa")
    assert code == 0 and err == ""


def test_style_without_bibliography_points_to_cite(capsys, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS), encoding="utf-8")
    style = tmp_path / "citations-only.csl"
    style.write_text(CITATION_ONLY, encoding="utf-8")
    code, out, err = run(capsys, "render", str(path), "--style", str(style))
    assert code == 0 and out == ""
    assert "has no bibliography" in err and "citekeeper cite" in err


def test_items_without_ids_are_counted_once(capsys, tmp_path: Path) -> None:
    items = [dict(ITEMS[0], id=""), dict(ITEMS[1], id="")]  # RIS records carry no key
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    code, out, err = run(capsys, "render", str(path), "--style", "apa")
    assert code == 0 and "Roe" in out
    assert "1 of 2 entries" in err and "personal_communication ×1)" in err and "book" not in err
    assert "): siesby1962" in err  # the key export would give it
