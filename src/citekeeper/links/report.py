"""A ``Report`` as text, JSON, JUnit XML, Markdown or GitHub Actions annotations.

Each format is one function ``render_<name>(report) -> str``; ``FORMATS`` maps the
``--format`` value to it.  Rows are findings (one per citation), so every line of the
output points at a file, a line and an entry key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _esc

from citekeeper.links.runner import REPORT_VERSION, Report
from citekeeper.links.verdict import Finding, Status


def _where(f: Finding) -> str:
    c = f.citation
    loc = c.file or "<input>"
    if c.line:
        loc += f":{c.line}"
    return loc


def _message(f: Finding) -> str:
    r = f.result
    msg = f"{f.target.kind.upper()} {f.target.target}: {r.status.value}: {r.reason}"
    if f.target.original:
        msg += f" (capture of {f.target.original} at {f.target.capture})"
    if f.archive is not None and f.archive.source != "input":
        msg += f"; archived copy {f.archive.url}"
    if f.unconfirmed:
        msg += f" (failing run {r.fail_streak}, not yet confirmed)"
    return msg


def _interesting(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.result.status is not Status.OK]


def render_text(report: Report, verbose: bool = False) -> str:
    lines = []
    for f in (report.findings if verbose else _interesting(report)):
        lines.append(f"{_where(f)}: {f.citation.key}: {_message(f)}")
    s = report.summary()
    counts = ", ".join(f"{n} {k}" for k, n in s["by_status"].items() if n)
    lines.append(
        f"{s['targets']} targets in {s['citations']} citations: {counts or 'nothing to check'};"
        f" {s['failing']} failing (fail on: {', '.join(s['fail_on'])});"
        f" {s['from_cache']} from cache; {s['elapsed_s']:.1f} s"
    )
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    """``{"schema_version": 2, "tool": "citekeeper check", "schema": "citekeeper-check/2",
    "version": "2", "results": [...], "summary": {...},
    "warnings": [...]}``; the version changes only when a field changes meaning or goes."""
    return "".join(iter_json(report))


def iter_json(report: Report) -> Iterator[str]:
    """``render_json`` in pieces, one result at a time, for writing as it is encoded:
    building the whole text of 100,000 results (and its encoded copy) cost 100 MB."""
    # ``schema_version`` and ``tool`` as every other command's JSON has them; ``schema`` and
    # ``version`` stay for readers of report version 2.
    head = {"schema_version": int(REPORT_VERSION), "tool": "citekeeper check",
            "schema": f"citekeeper-check/{REPORT_VERSION}", "version": REPORT_VERSION}
    tail = {"summary": report.summary(), "warnings": report.warnings}
    if len(report.findings) <= 500:  # indented for people when small
        yield json.dumps({**head, "results": [f.to_json() for f in report.findings], **tail},
                         ensure_ascii=False, indent=2) + "\n"
        return
    enc = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    yield enc(head)[:-1] + ', "results": ['
    # ``JSON_BATCH`` rows per chunk.  The CLI writes each chunk as it comes, so at most
    # one chunk is held (a run that held 2,000 chunks of 500 results took 100,000
    # results from 204 MB to 275 MB).
    found = report.findings
    rows = report.rows  # encoded while the checks ran, each with its finding
    no_row = (None, "")
    for i in range(0, len(found), JSON_BATCH):
        chunk = found[i:i + JSON_BATCH]
        if rows:
            text = ", ".join([e[1] if (e := rows.get(id(f), no_row))[0] is f else json_row(f) for f in chunk])
        else:
            text = ", ".join([json_row(f) for f in chunk])
        yield (", " if i else "") + text
    yield "], " + enc(tail)[1:] + "\n"


def json_row(f: Finding) -> str:
    """``json.dumps(f.to_json())`` as the large report writes it (``", "``/``": "``,
    not ASCII-escaped), built as one string instead of a dict and its encoding.

    Why: on 50,000 results the dict (0.7 us) and its encoding by the C encoder (1.9 us)
    were 0.13 s of the serial tail after the last answer; this takes 1.0-1.4 us a row
    (benchmarks/linkcheck/parent.md).  A finding with an archive, a capture or a streak,
    or any value of a type other than the plain str/int/None ``to_json`` writes, goes
    the general way (``to_json`` and the encoder).
    """
    c = f.citation
    r = f.result
    t = f.target
    line = c.line
    code = r.http_status
    status = r.status
    if (t.original or f.unconfirmed or f.archive is not None or type(line) not in _INT_OR_NONE
            or type(code) not in _INT_OR_NONE or type(r.from_cache) is not bool
            or type(status) is not Status):
        return _general(f)
    file, final, sugg, accessed = c.file, r.final_url, r.suggestion, c.accessed
    try:
        target = _esc(t.target)
        # The file is the same for thousands of rows, and most final URLs are the target.
        fe = _FILES.get(file)
        if fe is None:
            fe = "null" if file is None else _esc(file)
            if len(_FILES) < 64:
                _FILES[file] = fe
        # A Status is a str whose text is its value: escaped as such.
        return (f'{{"key": {_esc(c.key)}, "file": {fe}, '
                f'"line": {"null" if line is None else line}, "kind": {_esc(t.kind)}, '
                f'"target": {target}, "status": {_esc(status)}, "reason": {_esc(r.reason)}, '
                f'"http_status": {"null" if code is None else code}, '
                f'"final_url": {target if final == t.target else "null" if final is None else _esc(final)}, '
                f'"suggestion": {"null" if sugg is None else _esc(sugg)}, "archive": null, '
                f'"accessed": {_esc(accessed) if accessed else "null"}, '
                f'"cached": {"true" if r.from_cache else "false"}}}')
    except TypeError:  # a value that is not a str where one is expected
        return _general(f)


_INT_OR_NONE = (int, type(None))
_FILES: dict[str | None, str] = {}  # file name -> its JSON text (``json_row``)
_encode_row = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _general(f: Finding) -> str:
    return _encode_row(f.to_json())


JSON_BATCH = 256


def _seconds(f: Finding) -> float:
    return float(f.result.details.get("elapsed_s", 0.0) or 0.0) if not f.result.from_cache else 0.0


def render_junit(report: Report) -> str:
    """One test suite per file, one test case per citation (on its url/doi line).

    A failing link is a ``<failure>``; a failing link whose check could not finish
    (``transient``: timeouts, 5xx, no network) is an ``<error>``, as JUnit means it
    (the test could not run); ``skipped`` is ``<skipped>``.  ``time`` is the seconds
    the check took (0 from the cache); the whole run's wall time is on ``testsuites``.
    """
    from xml.sax.saxutils import escape, quoteattr  # only JUnit needs it (15 ms of imports)

    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_file.setdefault(f.citation.file or "<input>", []).append(f)
    failing = {id(f) for f in report.failing()}

    def kind(f: Finding) -> str:
        if id(f) not in failing:
            return "skipped" if f.result.status is Status.SKIPPED else ""
        return "error" if f.result.status is Status.TRANSIENT else "failure"

    kinds = {id(f): kind(f) for f in report.findings}
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    n_err = sum(k == "error" for k in kinds.values())
    n_fail = sum(k == "failure" for k in kinds.values())
    n_skip = sum(k == "skipped" for k in kinds.values())
    out.append(f'<testsuites name="citekeeper check" tests="{len(report.findings)}" failures="{n_fail}" '
               f'errors="{n_err}" skipped="{n_skip}" time="{report.elapsed:.3f}">')
    for file, items in by_file.items():
        k = [kinds[id(f)] for f in items]
        t = sum(_seconds(f) for f in items)
        out.append(f"  <testsuite name={quoteattr(file)} tests=\"{len(items)}\" failures=\"{k.count('failure')}\" "
                   f"errors=\"{k.count('error')}\" skipped=\"{k.count('skipped')}\" time=\"{t:.3f}\">")
        for f in items:
            name = quoteattr(f"{f.citation.key}: {f.target.target}")
            out.append(f"    <testcase classname={quoteattr(file)} name={name} "
                       f"file={quoteattr(file)} line=\"{f.citation.line or 0}\" time=\"{_seconds(f):.3f}\">")
            kk = kinds[id(f)]
            if kk in ("failure", "error"):
                out.append(f"      <{kk} type={quoteattr(f.result.status.value)} "
                           f"message={quoteattr(f.result.reason)}>{escape(_message(f))}</{kk}>")
            elif kk == "skipped":
                out.append(f"      <skipped message={quoteattr(f.result.reason)}/>")
            elif f.result.status is not Status.OK:
                out.append(f"      <system-out>{escape(_message(f))}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    # A page title is text, never markup: its entities and tags must not render in a summary.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def render_markdown(report: Report) -> str:
    """A table for a pull-request comment or a job summary."""
    s = report.summary()
    rows = _interesting(report)
    out = ["## citekeeper check", ""]
    counts = " · ".join(f"**{n}** {k}" for k, n in s["by_status"].items() if n)
    out.append(f"{s['targets']} targets in {s['citations']} citations: {counts or 'nothing to check'}. "
               f"Failing: **{s['failing']}**.")
    for w in report.warnings:
        out += ["", f"> **Warning:** {_md(w)}"]
    if rows:
        out += ["", "| where | key | target | status | reason | archived copy |", "|---|---|---|---|---|---|"]
        for f in rows:
            arch = f"[{f.archive.date}]({f.archive.url})" if f.archive else ""
            out.append(f"| {_md(_where(f))} | {_md(f.citation.key)} | {_md(f.target.target)} | "
                       f"{f.result.status.value}{' (unconfirmed)' if f.unconfirmed else ''} | "
                       f"{_md(f.result.reason)} | {arch} |")
    return "\n".join(out) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: an annotation on the file and line of each citation."""
    failing = {id(f) for f in report.failing()}
    out = []
    for f in _interesting(report):
        if f.result.status is Status.SKIPPED:
            continue
        level = "error" if id(f) in failing else "warning"
        props = [f"file={_gh_prop(f.citation.file or '')}"] if f.citation.file else []
        if f.citation.line:
            props.append(f"line={f.citation.line}")
        props.append(f"title={_gh_prop(f'citekeeper check: {f.result.status.value} link')}")
        out.append(f"::{level} {','.join(props)}::{_gh_data(f.citation.key + ': ' + _message(f))}")
    for w in report.warnings:
        out.append(f"::warning title=citekeeper check::{_gh_data(w)}")
    s = report.summary()
    out.append(f"citekeeper check: {s['targets']} targets, {s['failing']} failing")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "markdown": render_markdown,
    "github": render_github,
}
