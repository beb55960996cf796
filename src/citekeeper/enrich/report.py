"""An enrich ``Report`` as text, JSON, JUnit XML, Markdown or GitHub annotations.

Findings are lint's records, so the GitHub annotations and JUnit cases are lint's
writers (``lint.report``); text and Markdown add what only enrich has (the DOI and
its score per entry); JSON is per entry (``EntryResult.to_json``) with a schema
version, so a program can tell found from verified from ambiguous.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from citekeeper.enrich.runner import Report
from citekeeper.lint import report as lintreport

SCHEMA_VERSION = 1
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _summary_line(report: Report) -> str:
    s = report.summary()
    acts = ", ".join(f"{n} {k}" for k, n in sorted(s["actions"].items()))
    sev = s["findings"]
    return (f"{s['entries']} entries: {acts or 'none'}; {s['fields_completed']} fields completed; "
            f"{sev['error']} errors, {sev['warning']} warnings; {s['requests']} requests, "
            f"{s['from_cache']} from cache; {s['elapsed_s']:.1f} s")


def render_text(report: Report, verbose: bool = False) -> str:
    lines = []
    for e in report.entries:
        shown = [f for f in e.findings if verbose or f.severity != "info" or f.rule == "enrich/doi-found"]
        for f in sorted(shown, key=lambda f: _SEVERITY_ORDER[f.severity]):
            where = f.file + (f":{f.line}" if f.line else "")
            lines.append(f"{where}: {e.key}: {f.severity}: {f.message} ({f.rule})")
        if e.completed and not verbose:
            fields = ", ".join(f"{k} = {v!r}" for k, (v, _) in e.completed.items())
            src = next(iter(e.completed.values()))[1]
            where = e.file + (f":{e.line}" if e.line else "")
            lines.append(f"{where}: {e.key}: info: can complete {fields} (from {src}) (enrich/field-completed)")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    indent = 2 if len(report.entries) <= 500 else None
    # "schema_version" as lint's report has it; "version" kept for readers written before
    return json.dumps({"schema_version": SCHEMA_VERSION, "tool": "citekeeper enrich",
                       "version": SCHEMA_VERSION, "entries": [e.to_json() for e in report.entries],
                       "summary": report.summary(), "warnings": report.warnings},
                      ensure_ascii=False, indent=indent) + "\n"


def render_junit(report: Report) -> str:
    return lintreport.render_junit([f for f in report.findings if f.severity != "info"], report.files)


def render_github(report: Report) -> str:
    out = lintreport.render_github([f for f in report.findings if f.severity != "info"])
    for w in report.warnings:  # offline, unreadable entries: visible in the job's annotations too
        out += f"::warning title=citekeeper enrich::{w.replace('%', '%25').replace(chr(10), '%0A')}\n"
    return out + f"citekeeper enrich: {_summary_line(report)}\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    out = ["## citekeeper enrich", "", _summary_line(report) + "."]
    rows = [(e, f) for e in report.entries for f in e.findings]
    if rows:
        out += ["", "| where | key | severity | rule | message |", "|---|---|---|---|---|"]
        for e, f in rows:
            where = f.file + (f":{f.line}" if f.line else "")
            out.append(f"| {_md(where)} | {_md(e.key)} | {f.severity} | {f.rule} | {_md(f.message)} |")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "markdown": render_markdown,
    "github": render_github,
}
