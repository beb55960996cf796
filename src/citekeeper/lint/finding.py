"""A lint finding: one data-quality problem, as a value (never an exception).

Findings are frozen so rules cannot alter each other's results; the report and the
fixer only read them.  ``fix`` is set only when the change is safe to apply without a
human looking (removing tracking parameters, normalising a DOI resolver): it names the
field, the text found and the text to put instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Fix:
    """Replace ``old`` with ``new`` in ``field`` (a BibTeX/CSL field name, or ``text``)."""

    field: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Finding:
    """One problem: where (file, 1-based line, entry key, footnote), what, and how bad."""

    rule: str
    severity: str  # error | warning | info
    file: str
    line: int | None
    key: str | None
    footnote: int | None
    message: str
    fix: Fix | None = None

    def __post_init__(self) -> None:
        if self.severity not in _RANK:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: sorts the worst first."""
        return _RANK[self.severity]

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.rank, self.rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "footnote": self.footnote,
            "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        }
