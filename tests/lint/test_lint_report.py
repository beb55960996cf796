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
    doc = json.loads(render(FINDINGS, "json", ["a.txt"]))
    assert doc["schema_version"] == 1 and doc["files"] == ["a.txt"] and doc["changes"] == []
    assert doc["summary"] == {"files": 1, "findings": 3, "error": 1, "warning": 1, "info": 1, "failing": 1}
    assert json.loads(render(FINDINGS, "json", ["a.txt"], fail_on="warning"))["summary"]["failing"] == 2
    data = doc["results"]
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


def _one(el: ET.Element, path: str) -> ET.Element:
    """The element at ``path`` under ``el``, which must be there."""
    found = el.find(path)
    assert found is not None, path
    return found


def test_junit_is_valid_xml() -> None:
    """Warnings are not failures unless asked; errors/time on every suite and the root."""
    unreadable = Finding("entry-unreadable", "error", "b.bib", 7, None, None, "cannot read")
    root = ET.fromstring(render([*FINDINGS, unreadable], "junit", ["a.txt", "b.bib", "c.bib"],
                                times={"a.txt": 0.25, "b.bib": 0.5}))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a.txt", "b.bib", "c.bib"]
    assert suites[0].get("failures") == "1" and len(suites[0].findall("testcase")) == 3
    assert [c.find("failure") is not None for c in suites[0].findall("testcase")] == [True, False, False]
    assert _one(suites[0], "testcase/failure").get("type") == "error"
    assert "warning: a.txt:230" in (_one(suites[0].findall("testcase")[1], "system-out").text or "")
    assert suites[1].get("errors") == "1" and suites[1].get("failures") == "0"
    assert _one(suites[1], "testcase/error").get("type") == "entry-unreadable"
    assert len(suites[2].findall("testcase")) == 1 and suites[2].get("failures") == "0"
    assert [s.get("time") for s in suites] == ["0.250", "0.500", "0.000"]
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("time")) == ("5", "1", "1", "0.750")
    strict = ET.fromstring(render(FINDINGS, "junit", ["a.txt"], fail_on="warning"))
    assert strict.get("failures") == "2"
