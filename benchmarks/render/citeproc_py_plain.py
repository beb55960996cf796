"""Plain citeproc-py (no citekeeper layer): the bibliography of a CSL-JSON file, one entry a line.

    python3 benchmarks/render/citeproc_py_plain.py STYLE.csl ITEMS.json

The peer ``bench.py`` times as "citeproc-py": its own JSON source, style parser (without
RelaxNG validation, as citekeeper) and plain-text formatter.  Items it cannot read are skipped
(citeproc-py raises on them), so it may print fewer entries than the others.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON


def main(argv: list[str]) -> int:
    style_path, items_path = argv[:2]
    warnings.simplefilter("ignore")
    items = []
    for it in json.loads(Path(items_path).read_text(encoding="utf-8")):
        try:
            CiteProcJSON([it])
        except Exception:  # citeproc-py refuses the item: skip it, as a user would have to
            continue
        items.append(it)
    source = CiteProcJSON(items)
    style = CitationStylesStyle(style_path, validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for key in source:
        bib.register(Citation([CitationItem(key)]))
    out = sys.stdout
    for entry in bib.bibliography():
        out.write(str(entry) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
