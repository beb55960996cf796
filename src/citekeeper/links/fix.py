"""``--fix``: write the archived copy of a dead link into the .bib entry that cites it.

Fields written (see docs/check.md for why these):

* ``archiveurl``  the capture URL (``https://web.archive.org/web/<timestamp>/<url>``)
* ``archivedate`` the capture's date, ISO 8601 (``2014-12-20``)

Only those two fields of the entries concerned change; the edit goes through
``formats.bibedit`` so every other byte of the file (comments, alignment, order,
line ends, a BOM) stays as it was, all the edits of a file in one pass.  A symlinked
.bib is edited at its target (``textio.atomic_write``), keeping its mode.  The ``url`` is never replaced: it is what the
author cited.  Files that are not UTF-8 are left alone and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from citekeeper.errors import OutputError
from citekeeper.formats import bibedit
from citekeeper.links.verdict import Finding

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
    changes, warnings = apply_changes(fixes)
    changed = {(c.file, c.key.lower()) for c in changes}
    return [fx for fx in fixes if (fx.file, fx.key.lower()) in changed], warnings


def apply_changes(fixes: list[Fix]) -> tuple[list[bibedit.FieldChange], list[str]]:
    """Apply ``fixes`` file by file, one read, one pass and one write per file
    (``bibedit.apply_edits``); returns a ``FieldChange`` per field changed, and warnings."""
    changes: list[bibedit.FieldChange] = []
    warnings: list[str] = []
    by_file: dict[str, list[Fix]] = {}
    for fx in fixes:
        by_file.setdefault(fx.file, []).append(fx)
    for file, items in by_file.items():
        edits = [bibedit.Edit(fx.key, name, value, "archived copy of a dead link")
                 for fx in items for name, value in fx.fields]
        try:
            result = bibedit.edit_file(file, edits)
        except OutputError as exc:  # a read-only .bib: the report still comes, with why
            warnings.append(f"{file}: cannot write the archived copies ({exc}); not fixed")
            continue
        line = {fx.key: fx.line for fx in items}
        warnings += dict.fromkeys(f"{file}:{line.get(ed.key) or 0}: {ed.key}: {why}; not fixed"
                                  for ed, why in result.skipped)
        changes += result.changes
    return changes, warnings
