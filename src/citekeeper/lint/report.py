"""Findings printed for people (text), programs (json), GitHub Actions annotations
(github) and CI test reports (junit)."""

from __future__ import annotations

import json
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

from citekeeper.lint.finding import Finding

FORMATS = ("text", "json", "github", "junit")


def _where(f: Finding) -> str:
    loc = f.file + (f":{f.line}" if f.line else "")
    tags = []
    if f.key:
        tags.append(f.key)
    if f.footnote is not None:
        tags.append(f"footnote {f.footnote}")
    return loc + (f" [{', '.join(tags)}]" if tags else "")


def render_text(findings: list[Finding], files: list[str] | None = None) -> str:
    lines = []
    for f in findings:
        line = f"{_where(f)}: {f.severity}: {f.message} ({f.rule})"
        if f.fix:
            line += f"\n    fix: {f.fix.field}: {f.fix.old} -> {f.fix.new}"
        lines.append(line)
    counts = Counter(f.severity for f in findings)
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info"))
    scope = f" in {len(files)} file{'s' if len(files) != 1 else ''}" if files is not None else ""
    lines.append(f"{summary}{scope}" if findings else f"no problems found{scope}")
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``)."""
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


def render_junit(findings: list[Finding], files: list[str]) -> str:
    """One test suite per file, one test case per finding (errors and warnings fail).

    A file without findings gets one passing case, so CI shows it was checked.
    """
    parts = ['<?xml version="1.0" encoding="UTF-8"?>']
    failures_total = sum(f.severity != "info" for f in findings)
    parts.append(f'<testsuites name="citekeeper lint" tests="{max(len(findings), 1)}" failures="{failures_total}">')
    for file in files or sorted({f.file for f in findings}):
        mine = [f for f in findings if f.file == file]
        fails = sum(f.severity != "info" for f in mine)
        parts.append(f"  <testsuite name={quoteattr(file)} tests=\"{max(len(mine), 1)}\" failures=\"{fails}\">")
        if not mine:
            parts.append(f"    <testcase classname={quoteattr(file)} name=\"lint\"/>")
        for f in mine:
            name = f"{f.rule} line {f.line}" if f.line else f.rule
            parts.append(f"    <testcase classname={quoteattr(file)} name={quoteattr(name)}>")
            body = escape(_where(f) + ": " + f.message)
            if f.severity == "info":
                parts.append(f"      <system-out>{body}</system-out>")
            else:
                parts.append(f"      <failure type={quoteattr(f.severity)} message={quoteattr(f.message)}>{body}</failure>")
            parts.append("    </testcase>")
        parts.append("  </testsuite>")
    parts.append("</testsuites>")
    return "\n".join(parts) + "\n"


def render(findings: list[Finding], fmt: str, files: list[str] | None = None) -> str:
    if fmt == "json":
        return render_json(findings)
    if fmt == "github":
        return render_github(findings)
    if fmt == "junit":
        return render_junit(findings, files or [])
    return render_text(findings, files)
