"""Apply the safe fixes of findings to .bib files, changing only the fixed values.

All the fixes of one file are made in one pass (``formats.bibedit.edit_file``: the file
is read once, scanned once, each value replaced in place, written once), so ``--fix``
grows with the file, not with files × fixes.  Every other byte of the file stays as it
was (comments, spacing, field order, a BOM, CRLF line ends, other entries).  A fix is
applied only when its ``old`` text is still in the field's current value and the value
is a plain literal (not a ``@string`` macro or a ``#`` concatenation).  Article text is
never rewritten: its fixes are printed as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citekeeper.formats.bibedit import FieldChange
from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding


@dataclass
class FixResult:
    """What ``apply_fixes`` did: the change records, fixes applied per file, and the
    findings it could not fix (each with the reason in ``reasons``)."""

    changes: list[FieldChange] = field(default_factory=list)
    applied: dict[str, int] = field(default_factory=dict)
    skipped: list[Finding] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # id(finding) -> why not fixed


def apply_fixes(docs: list[Document], findings: list[Finding], write: bool = True) -> FixResult:
    """Rewrite each .bib file with its findings' fixes; returns what changed."""
    from citekeeper.lint import _gc_paused

    with _gc_paused():  # the linted documents are still alive: see ``_gc_paused``
        return _apply(docs, findings, write)


def _apply(docs: list[Document], findings: list[Finding], write: bool) -> FixResult:
    from citekeeper.formats.bibedit import Edit, apply_edits, edit_file

    result = FixResult()
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None:
            by_file.setdefault(f.file, []).append(f)
    for doc in docs:
        mine = by_file.get(doc.file, [])
        if not mine:
            continue
        if doc.format != "bibtex":
            for f in mine:
                result.skipped.append(f)
                result.reasons[id(f)] = "only .bib files are rewritten"
            continue
        edits: list[Edit] = []
        owner: dict[int, Finding] = {}
        for f in mine:
            assert f.fix is not None
            ed = Edit(f.key or "", f.fix.field, f.fix.new, f.rule, old=f.fix.old)
            edits.append(ed)
            owner[id(ed)] = f
        done = edit_file(doc.file, edits) if write else apply_edits(doc.text, edits, file=doc.file)
        for ed, why in done.skipped:
            f = owner[id(ed)]
            result.skipped.append(f)
            result.reasons[id(f)] = why
        if done.changes:
            result.changes += done.changes
            result.applied[doc.file] = len(edits) - len(done.skipped)
    return result
