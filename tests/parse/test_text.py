"""The text layer of ``parse`` (no import of ``extract``: the two packages do not cycle)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import citekeeper
from citekeeper.parse import text


def test_parse_does_not_import_extract():
    code = "import sys, citekeeper.parse; print(any(m.startswith('citekeeper.extract') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_markup_helpers_have_one_copy():
    """``parse.text`` is the only module that defines them; ``extract`` uses the same objects."""
    from citekeeper.extract import cues, lines

    names = ("italic_spans", "normalize_space", "strip_markup")
    package = Path(citekeeper.__file__).parent
    defining = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        for name in names
        if f"\ndef {name}(" in p.read_text(encoding="utf-8")
    )
    assert defining == ["parse/text.py"] * len(names)
    assert cues.strip_markup is text.strip_markup and cues.normalize_space is text.normalize_space
    assert lines.strip_markup is text.strip_markup


def test_strip_markup_unwraps_markdown_links():
    assert text.strip_markup("[*Journal*](https://x.org/a)") == "Journal https://x.org/a"
    assert text.strip_markup("[https://x.org/a](https://x.org/a)") == "https://x.org/a"
    assert text.strip_markup("**bold** and *it* <http://x.org/open") == "bold and it http://x.org/open"
    assert text.italic_spans("**bold** and *it*") == ["it"]
