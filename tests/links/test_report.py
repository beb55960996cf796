"""Every output format from one small report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from citekeeper.links.report import FORMATS, render_text
from citekeeper.links.runner import Report
from citekeeper.links.verdict import Archive, Citation, Finding, Result, Status, Target


def make_report() -> Report:
    def finding(key: str, line: int, kind: str, target: str, status: Status, reason: str,
                archive: Archive | None = None) -> Finding:
        c = Citation(key, "refs,1.bib", line, "URL" if kind == "url" else "DOI", "2021-11-30")
        return Finding(c, Target(kind, target, (c,)), Result(kind, target, status, reason, 404), archive)

    return Report([
        finding("ok1", 1, "url", "https://ex.org/ok", Status.OK, "HTTP 200"),
        finding("dead", 7, "url", "https://ex.org/a|b", Status.BROKEN, "HTTP 404\nnot found",
                Archive("https://web.archive.org/web/20140601120000/https://ex.org/a", "20140601120000")),
        finding("moved", 12, "url", "https://ex.org/m", Status.REDIRECTED, "moved permanently"),
        finding("doi1", 20, "doi", "10.1000/x", Status.BROKEN, "DOI not registered"),
    ], files=["refs,1.bib"])


def test_json_has_the_documented_keys() -> None:
    data = json.loads(FORMATS["json"](make_report()))
    assert set(data) >= {"results", "summary"}
    assert data["schema_version"] == 2 and data["tool"] == "citekeeper check"  # as every command's JSON
    row = data["results"][1]
    assert {"key", "file", "line", "kind", "target", "status", "reason", "http_status",
            "final_url", "archive"} <= set(row)
    assert row["archive"] == {"url": "https://web.archive.org/web/20140601120000/https://ex.org/a",
                              "timestamp": "20140601120000", "source": "wayback"}
    assert data["results"][0]["archive"] is None
    assert data["summary"]["failing"] == 2 and data["summary"]["exit_code"] == 1


def test_junit_is_valid_xml_with_failures() -> None:
    root = ET.fromstring(FORMATS["junit"](make_report()))
    cases = root.findall(".//testcase")
    assert len(cases) == 4 and len(root.findall(".//failure")) == 2


def test_github_annotations_escape_properties() -> None:
    out = FORMATS["github"](make_report()).splitlines()
    errors = [line for line in out if line.startswith("::error ")]
    assert len(errors) == 2 and errors[0].startswith("::error file=refs%2C1.bib,line=7,")
    assert "%0A" in errors[0]  # the newline in the reason is escaped
    assert any(line.startswith("::warning ") for line in out)  # redirected: not failing


def test_markdown_table_escapes_pipes() -> None:
    md = FORMATS["markdown"](make_report())
    assert "| where | key |" in md and "ex.org/a\\|b" in md and "[2014-06-01](" in md


def test_text_lists_only_problems_unless_verbose() -> None:
    assert "ok1" not in render_text(make_report()) and "ok1" in render_text(make_report(), True)


def test_large_json_comes_in_batches_with_every_result_once_in_order() -> None:
    from citekeeper.links.report import JSON_BATCH, iter_json

    small = make_report()
    n = 2 * JSON_BATCH + 7  # over the indented size, and a last batch that is not full
    rows = [small.findings[i % 4] for i in range(n)]
    big = Report(rows, files=small.files)
    chunks = list(iter_json(big))
    assert len(chunks) == 2 + 3  # head, three batches, tail: never one chunk per result
    data = json.loads("".join(chunks))
    assert [r["key"] for r in data["results"]] == [f.citation.key for f in rows]
    assert data["results"][JSON_BATCH + 1] == json.loads(FORMATS["json"](small))["results"][(JSON_BATCH + 1) % 4]
