"""Findings printed for people (text), programs (json), GitHub Actions annotations
(github) and CI test reports (junit).

What fails is one decision, ``fails(finding, fail_on)``, used by the exit code and by
JUnit alike: by default only errors fail; ``--fail-on warning`` makes warnings fail
too, ``--fail-on never`` nothing.  (Marking every warning a failure turned a JUnit
report of a clean-but-imperfect library red.)  An entry that cannot be read at all
(``entry-unreadable``) is a JUnit ``<error>``: the file could not be checked there.

The JSON carries ``schema_version`` (bumped on any incompatible change) and uses
``check``'s names for the shared parts: ``results``, ``summary``, ``warnings``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from citekeeper.formats.bibedit import FieldChange
from citekeeper.lint.finding import SEVERITIES, Finding

FORMATS = ("text", "json", "github", "junit")
FAIL_ON = ("error", "warning", "info", "never")
SCHEMA_VERSION = 1
UNREADABLE = "entry-unreadable"


def fails(f: Finding, fail_on: str = "error") -> bool:
    """Does ``f`` fail the run at threshold ``fail_on`` (error < warning < info < never)?"""
    if fail_on == "never":
        return False
    return SEVERITIES.index(f.severity) <= SEVERITIES.index(fail_on)


def _where(f: Finding) -> str:
    loc = f.file + (f":{f.line}" if f.line else "")
    tags = []
    if f.key:
        tags.append(f.key)
    if f.footnote is not None:
        tags.append(f"footnote {f.footnote}")
    return loc + (f" [{', '.join(tags)}]" if tags else "")


def summary(findings: Sequence[Finding], files: Sequence[str], fail_on: str = "error") -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {"files": len(files), "findings": len(findings),
            **{s: counts[s] for s in SEVERITIES}, "failing": sum(fails(f, fail_on) for f in findings)}


def render_text(findings: Sequence[Finding], files: Sequence[str] | None = None,
                changes: Sequence[FieldChange] = ()) -> str:
    lines = []
    for f in findings:
        line = f"{_where(f)}: {f.severity}: {f.message} ({f.rule})"
        if f.fix:
            line += f"\n    fix: {f.fix.field}: {f.fix.old} -> {f.fix.new}"
        lines.append(line)
    counts = Counter(f.severity for f in findings)
    summary_ = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES)
    scope = f" in {len(files)} file{'s' if len(files) != 1 else ''}" if files is not None else ""
    lines.append(f"{summary_}{scope}" if findings else f"no problems found{scope}")
    return "\n".join(lines) + "\n"


def render_json(findings: Sequence[Finding], files: Sequence[str] = (), fail_on: str = "error",
                changes: Sequence[FieldChange] = (), warnings: Iterable[str] = ()) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "tool": "citekeeper lint",
        "files": list(files),
        "results": [f.to_json() for f in findings],
        "changes": [c.to_json() for c in changes],
        "summary": summary(findings, files, fail_on),
        "warnings": list(warnings),
    }
    indent = 2 if len(findings) <= 500 else None  # the C encoder is ~5x faster unindented
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``), on
    the line of the field concerned, else the entry's line."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        props = [f"file={_gh_escape(f.file, True)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_gh_escape(f.rule, True)}")
        msg = f.message + (f" (fix: {f.fix.new})" if f.fix else "")
        out.append(f"::{level[f.severity]} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def render_junit(findings: Sequence[Finding], files: Sequence[str], fail_on: str = "error",
                 times: dict[str, float] | None = None) -> str:
    """One test suite per file, one test case per finding; failing ones (``fails``) are
    ``<failure>``, unreadable entries ``<error>``, the rest pass with the finding in
    ``<system-out>``.  A file without findings gets one passing case, so CI shows it
    was checked.  ``time`` is each file's lint time in seconds."""
    times = times or {}
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file, []).append(f)
    names = list(files) or sorted(by_file)
    suites = []
    totals: Counter[str] = Counter()
    total_time = 0.0
    for file in names:
        mine = by_file.get(file, [])
        errors = sum(f.rule == UNREADABLE for f in mine)
        failures = sum(fails(f, fail_on) and f.rule != UNREADABLE for f in mine)
        tests = max(len(mine), 1)
        t = times.get(file, 0.0)
        totals.update(tests=tests, failures=failures, errors=errors)
        total_time += t
        parts = [f"  <testsuite name={quoteattr(file)} tests=\"{tests}\" failures=\"{failures}\" "
                 f"errors=\"{errors}\" skipped=\"0\" time=\"{t:.3f}\">"]
        if not mine:
            parts.append(f"    <testcase classname={quoteattr(file)} name=\"lint\" time=\"{t:.3f}\"/>")
        for f in mine:
            name = f"{f.rule} {f.key or ''} line {f.line}".replace("  ", " ") if f.line else f.rule
            parts.append(f"    <testcase classname={quoteattr(file)} name={quoteattr(name)} time=\"0\">")
            body = escape(_where(f) + ": " + f.message)
            if f.rule == UNREADABLE:
                parts.append(f"      <error type={quoteattr(f.rule)} message={quoteattr(f.message)}>{body}</error>")
            elif fails(f, fail_on):
                parts.append(f"      <failure type={quoteattr(f.severity)} message={quoteattr(f.message)}>{body}</failure>")
            else:
                parts.append(f"      <system-out>{f.severity}: {body}</system-out>")
            parts.append("    </testcase>")
        parts.append("  </testsuite>")
        suites.append("\n".join(parts))
    head = (f'<testsuites name="citekeeper lint" tests="{totals["tests"]}" failures="{totals["failures"]}" '
            f'errors="{totals["errors"]}" time="{total_time:.3f}">')
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *suites, "</testsuites>"]) + "\n"


def render(findings: Sequence[Finding], fmt: str, files: Sequence[str] | None = None, *,
           fail_on: str = "error", changes: Sequence[FieldChange] = (),
           times: dict[str, float] | None = None, warnings: Iterable[str] = ()) -> str:
    if fmt == "json":
        return render_json(findings, files or [], fail_on, changes, warnings)
    if fmt == "github":
        return render_github(findings)
    if fmt == "junit":
        return render_junit(findings, files or [], fail_on, times)
    return render_text(findings, files, changes)
