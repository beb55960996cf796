"""Apply the safe fixes of findings to .bib files, changing only the fixed values.

Edits go through ``formats.bibedit.set_field``, which replaces one value in place and
leaves every other byte of the file as it was (comments, spacing, field order, other
entries).  A fix is applied only when its ``old`` text is still in the field's current
value and the value is a plain literal (not a ``@string`` macro or a ``#``
concatenation).  Article text is never rewritten: its fixes are printed as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citekeeper.lint.document import Document, bib_fields
from citekeeper.lint.finding import Finding


@dataclass
class FixResult:
    """What ``apply_fixes`` did: fixes applied per file, and the findings it skipped."""

    applied: dict[str, int] = field(default_factory=dict)
    skipped: list[Finding] = field(default_factory=list)


def apply_fixes(docs: list[Document], findings: list[Finding], write: bool = True) -> FixResult:
    """Rewrite each .bib file with its findings' fixes; returns the counts."""
    from citekeeper.formats.bibedit import BibEditError, set_field
    from citekeeper.textio import atomic_write

    result = FixResult()
    for doc in docs:
        mine = [f for f in findings if f.file == doc.file and f.fix is not None]
        if doc.format != "bibtex" or not mine:
            result.skipped.extend(mine)
            continue
        fields = bib_fields(doc.text)
        pending: dict[tuple[str, str], str] = {}  # (key, field) -> new value
        for f in mine:
            assert f.fix is not None
            bf = fields.get(f.key or "", {}).get(f.fix.field.lower())
            current = pending.get((bf.key, bf.name), bf.value) if bf else ""
            if bf is None or not bf.literal or f.fix.old not in current:
                result.skipped.append(f)
                continue
            pending[(bf.key, bf.name)] = current.replace(f.fix.old, f.fix.new, 1)
        text = doc.text
        for (key, name), value in pending.items():
            try:
                text = set_field(text, key, name, value)
            except BibEditError:
                result.skipped.extend(f for f in mine if f.key == key and f.fix and f.fix.field.lower() == name)
        if text != doc.text:
            if write:
                atomic_write(doc.file, text)
            doc.text = text
            result.applied[doc.file] = len(pending)
    return result
