"""Apply the safe fixes of findings to .bib files, changing only the fixed values.

Only findings with a ``Fix`` whose field is a field of the entry, and whose ``old``
text is still exactly in that value, are applied; every other character of the file
stays as it was (see ``bibtext.replace_values``).  Article text is never rewritten:
its fixes are printed as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citekeeper.lint.bibtext import BibField, replace_values, scan
from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding


@dataclass
class FixResult:
    """What ``apply_fixes`` did: fixes applied per file, and the findings it skipped."""

    applied: dict[str, int] = field(default_factory=dict)
    skipped: list[Finding] = field(default_factory=list)


def apply_fixes(docs: list[Document], findings: list[Finding], write: bool = True) -> FixResult:
    """Rewrite each .bib file with its findings' fixes; returns the counts."""
    from citekeeper.textio import atomic_write

    result = FixResult()
    for doc in docs:
        mine = [f for f in findings if f.file == doc.file and f.fix is not None]
        if doc.format != "bibtex" or not mine:
            result.skipped.extend(mine)
            continue
        text = doc.text
        fields = scan(text)
        pending: dict[tuple[str, str], tuple[BibField, str]] = {}
        for f in mine:
            assert f.fix is not None
            bf = fields.get(f.key or "", {}).get(f.fix.field.lower())
            if bf is None:
                result.skipped.append(f)
                continue
            current = pending.get((bf.key, bf.name), (bf, bf.value))[1]
            if f.fix.old not in current:
                result.skipped.append(f)
                continue
            pending[(bf.key, bf.name)] = (bf, current.replace(f.fix.old, f.fix.new, 1))
        if not pending:
            continue
        new_text = replace_values(text, list(pending.values()))
        if new_text != text:
            if write:
                atomic_write(doc.file, new_text)
            doc.text = new_text
            result.applied[doc.file] = len(pending)
    return result
