"""What enrich decided for each entry, as values: the DOI, the fields, the findings.

Findings are ``lint``'s ``Finding`` (rule, severity, file, line, key, message, fix):
one problem record for every command, so enrich's report reads like lint's and its
GitHub annotations and JUnit cases come from the same writers.  Rule ids:

=========================  ========  ==================================================
rule                       severity  meaning
=========================  ========  ==================================================
enrich/doi-found           info      a DOI for an entry without one (score, reasons)
enrich/doi-ambiguous       warning   two works fit about equally: nothing written
enrich/doi-mismatch        error     the entry's DOI names another work (both shown)
enrich/doi-doubtful        warning   the DOI's record only partly fits the entry
enrich/doi-unregistered    error     no registry knows the DOI (handle API: no such DOI)
enrich/field-completed     info      a missing field, with the record it came from
enrich/retracted           error     the cited work was retracted (or withdrawn/removed)
enrich/expression-of-concern warning  an expression of concern was published about it
enrich/corrected           warning   a correction / erratum / corrigendum was published
enrich/unchecked           warning   no registry answered for this entry (offline ...)
=========================  ========  ==================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citekeeper.enrich.match import Choice, Score
from citekeeper.enrich.works import Update, Work
from citekeeper.lint.finding import Finding, Fix
from citekeeper.model import Reference

# Crossref update types (and Retraction Watch's) -> (rule, severity, words).
UPDATE_RULES = {
    "retraction": ("enrich/retracted", "error", "retracted"),
    "partial_retraction": ("enrich/retracted", "error", "partly retracted"),
    "withdrawal": ("enrich/retracted", "error", "withdrawn"),
    "removal": ("enrich/retracted", "error", "removed"),
    "expression_of_concern": ("enrich/expression-of-concern", "warning", "subject of an expression of concern"),
    "correction": ("enrich/corrected", "warning", "corrected"),
    "corrigendum": ("enrich/corrected", "warning", "corrected (corrigendum)"),
    "erratum": ("enrich/corrected", "warning", "corrected (erratum)"),
    "addendum": ("enrich/corrected", "warning", "amended (addendum)"),
    "clarification": ("enrich/corrected", "warning", "clarified"),
}


@dataclass
class EntryResult:
    """One entry's outcome (see ``to_json`` for the shape ``--format json`` prints)."""

    ref: Reference
    file: str
    line: int | None
    action: str = "skipped"  # verified | found | ambiguous | not-found | mismatch | doubtful |
    #                          unregistered | unchecked | skipped
    doi: str = ""  # the DOI verified or found
    work: Work | None = None
    score: Score | None = None
    choice: Choice | None = None
    completed: dict[str, tuple[str, str]] = field(default_factory=dict)  # CSL field -> (value, source)
    findings: list[Finding] = field(default_factory=list)
    note: str = ""
    suggested: str = ""  # the right DOI found after a mismatch (written only with --overwrite)

    @property
    def key(self) -> str:
        return self.ref.id

    def finding(self, rule: str, severity: str, message: str, fix: Fix | None = None) -> None:
        self.findings.append(Finding(rule, severity, self.file, self.line, self.key or None,
                                     self.ref.footnote, message, fix))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "file": self.file, "line": self.line,
                               "action": self.action, "doi_given": self.ref.doi or None,
                               "doi": self.doi or None}
        if self.score is not None:
            out["score"] = round(self.score.value, 3)
            out["reasons"] = list(self.score.reasons)
            if self.score.contradictions:
                out["contradictions"] = list(self.score.contradictions)
        if self.work is not None:
            out["record"] = self.work.to_json()
        if self.choice is not None and self.action in ("ambiguous", "not-found"):
            out["candidates"] = self.choice.to_json()["candidates"]
        out["completed"] = {k: {"value": v, "source": s} for k, (v, s) in self.completed.items()}
        out["findings"] = [f.to_json() for f in self.findings]
        if self.suggested:
            out["suggested_doi"] = self.suggested
        if self.note:
            out["note"] = self.note
        return out


def update_findings(res: EntryResult, work: Work, updates: list[Update]) -> None:
    """One finding per notice kind about the cited work (publisher and Retraction Watch
    assertions of the same kind are one finding naming both sources)."""
    by_kind: dict[str, list[Update]] = {}
    for u in updates:
        by_kind.setdefault(u.kind, []).append(u)
    for kind, items in by_kind.items():
        rule, severity, words = UPDATE_RULES.get(kind, ("enrich/corrected", "warning", f"updated ({kind})"))
        notices = sorted({u.notice for u in items if u.notice})
        sources = sorted({u.source for u in items if u.source})
        dates = sorted({u.date for u in items if u.date})
        msg = f"doi:{work.doi} was {words}"
        if dates:
            msg += f" on {dates[0]}"
        if notices:
            msg += "; notice " + ", ".join(f"doi:{n}" for n in notices)
        if sources:
            msg += f" (asserted by {', '.join(sources)})"
        res.finding(rule, severity, msg)
