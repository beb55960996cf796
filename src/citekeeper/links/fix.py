"""``--fix``: write the archived copy of a dead link into the .bib entry that cites it.

Fields written (see docs/check.md for why these):

* ``archiveurl``  the capture URL (``https://web.archive.org/web/<timestamp>/<url>``)
* ``archivedate`` the capture's date, ISO 8601 (``2014-12-20``)

Only those two fields of the entries concerned change; the edit goes through
``formats.bibedit`` so every other byte of the file (comments, alignment, order,
line ends, a BOM) stays as it was.  The ``url`` is never replaced: it is what the
author cited.  Files that are not UTF-8 are left alone and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citekeeper.formats import bibedit
from citekeeper.links.verdict import Finding
from citekeeper.textio import atomic_write

URL_FIELD = "archiveurl"
DATE_FIELD = "archivedate"


@dataclass(frozen=True)
class Fix:
    file: str
    key: str
    line: int | None
    fields: tuple[tuple[str, str], ...]


def plan(findings: list[Finding]) -> list[Fix]:
    """One fix per .bib entry whose URL has an archived copy found by the check."""
    out: dict[tuple[str, str], Fix] = {}
    for f in findings:
        c = f.citation
        if f.archive is None or f.archive.source == "input" or c.field != "URL" or not c.file:
            continue
        if not c.file.lower().endswith((".bib", ".bibtex", ".biblatex")):
            continue
        out.setdefault((c.file, c.key), Fix(c.file, c.key, c.line, (
            (URL_FIELD, f.archive.url), (DATE_FIELD, f.archive.date))))
    return list(out.values())


def apply(fixes: list[Fix]) -> tuple[list[Fix], list[str]]:
    """Apply ``fixes``; returns the fixes that changed something and warnings."""
    done: list[Fix] = []
    warnings: list[str] = []
    by_file: dict[str, list[Fix]] = {}
    for fx in fixes:
        by_file.setdefault(fx.file, []).append(fx)
    for file, items in by_file.items():
        data = Path(file).read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            text = data[3 if bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            warnings.append(f"{file}: not UTF-8; --fix left it unchanged")
            continue
        original = text
        entries = bibedit.scan(text).entries
        for fx in items:
            entry = bibedit.find_entry(text, fx.key, entries)
            if entry is None:
                warnings.append(f"{file}:{fx.line or 0}: {fx.key}: entry not found; not fixed")
                continue
            if all((e := entry.get(n)) is not None and e.value == v for n, v in fx.fields):
                continue
            try:
                text = bibedit.set_fields(text, fx.key, list(fx.fields))
            except bibedit.BibEditError as exc:
                warnings.append(f"{file}:{fx.line or 0}: {fx.key}: {exc}; not fixed")
                continue
            entries = bibedit.scan(text).entries
            done.append(fx)
        if text != original:
            atomic_write(file, ("\ufeff" if bom else "") + text)
    return done, warnings
