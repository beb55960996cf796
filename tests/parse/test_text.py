"""The text layer of ``parse`` (no import of ``extract``: the two packages do not cycle)."""

from __future__ import annotations

import subprocess
import sys

from citekeeper.extract import markup
from citekeeper.parse import text


def test_parse_does_not_import_extract():
    code = "import sys, citekeeper.parse; print(any(m.startswith('citekeeper.extract') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_same_as_extract_markup_while_both_exist():
    samples = ["*Journal*, 12(3)", "<https://x.org/a>", "a\u00a0 b\u200b c", "**bold** and *it*", "<http://x.org/open"]
    for s in samples:
        assert text.strip_markup(s) == markup.strip_markup(s)
        assert text.normalize_space(s) == markup.normalize_space(s)
        assert text.italic_spans(s) == markup.italic_spans(s)
