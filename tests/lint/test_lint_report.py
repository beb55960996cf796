"""The four output formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from citekeeper.lint.finding import Finding, Fix
from citekeeper.lint.report import render

FINDINGS = [
    Finding("date-accessed-before-issued", "error", "a.txt", 262, "momentum2023", 39,
            "accessed 2023-02-05, before it was published (2023-04-24)"),
    Finding("url-tracking", "warning", "a.txt", 230, "delegation2019", 32, "URL carries tracking parameters",
            Fix("URL", "https://x.org/?ysclid=1", "https://x.org/")),
    Finding("url-archive-capture", "info", "a.txt", 148, None, 15, "Wayback capture, a, b: c"),
]


def test_json_has_the_documented_keys() -> None:
    data = json.loads(render(FINDINGS, "json"))
    assert [d["rule"] for d in data] == [f.rule for f in FINDINGS]
    for d in data:
        assert set(d) >= {"rule", "severity", "file", "line", "key", "footnote", "message", "fix"}
    assert data[1]["fix"] == {"field": "URL", "old": "https://x.org/?ysclid=1", "new": "https://x.org/"}
    assert data[0]["fix"] is None and data[2]["key"] is None


def test_text() -> None:
    out = render(FINDINGS, "text", ["a.txt"])
    assert "a.txt:262 [momentum2023, footnote 39]: error: accessed" in out
    assert "fix: URL: https://x.org/?ysclid=1 -> https://x.org/" in out
    assert out.rstrip().endswith("1 error, 1 warning, 1 info in 1 file")
    assert render([], "text", ["a.txt"]) == "no problems found in 1 file\n"


def test_github_annotations() -> None:
    lines = render(FINDINGS, "github").splitlines()
    assert lines[0].startswith("::error file=a.txt,line=262,title=date-accessed-before-issued::accessed")
    assert lines[1].startswith("::warning ")
    assert lines[2].startswith("::notice ") and lines[2].endswith("Wayback capture, a, b: c")


def test_junit_is_valid_xml() -> None:
    root = ET.fromstring(render(FINDINGS, "junit", ["a.txt", "b.bib"]))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt", "b.bib"]
    assert suites[0].get("failures") == "2" and len(suites[0].findall("testcase")) == 3
    assert len(suites[1].findall("testcase")) == 1 and suites[1].get("failures") == "0"
    assert suites[0].find("testcase/failure").get("type") == "error"
