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


def _general_row(f: Finding) -> str:
    return json.dumps(f.to_json(), ensure_ascii=False, separators=(", ", ": "))


def test_json_row_is_the_encoders_text_for_every_kind_of_finding() -> None:
    from citekeeper.links.report import json_row

    odd = 'qu"ote \\ back\tslash \x01 ctl é 日本 \u2028 '
    cits = [Citation("k1", "refs.bib", 3, "URL", "2021-11-30", "2020"),
            Citation(odd, None, None, "DOI"),
            Citation("k3", "", 0, "URL", "", "")]
    results = [Result("url", "https://ex.org/" + odd, Status.OK, "HTTP 200", 200, "https://ex.org/x"),
               Result("url", "https://ex.org/m", Status.REDIRECTED, "moved " + odd, 301, None, "https://ex.org/n",
                      from_cache=True, fail_streak=2),
               Result("doi", "10.1/x", Status.BROKEN, "", None, "", ""),
               Result("url", "https://ex.org/é" + odd, Status.OK, "HTTP 200", 200, "https://ex.org/é" + odd)]
    arch = Archive("https://web.archive.org/web/2014/https://ex.org/a", "20140601120000")
    count = 0
    for c in cits:
        for r in results:
            for t in (Target(r.kind, r.target, (c,)),
                      Target("url", r.target, (c,), original="https://ex.org/o", capture="20140601")):
                for a in (None, arch):
                    for unconfirmed in (False, True):
                        f = Finding(c, t, r, a, unconfirmed)
                        assert json_row(f) == _general_row(f)
                        count += 1
    assert count == 96


def test_json_row_falls_back_for_values_of_other_types() -> None:
    from citekeeper.links.report import json_row

    c = Citation("k", "refs.bib", True, "URL")  # a bool is not written as an int  # type: ignore[arg-type]
    f = Finding(c, Target("url", "https://ex.org/"), Result("url", "https://ex.org/", Status.OK, "HTTP 200", 200))
    assert json_row(f) == _general_row(f) and '"line": true' in json_row(f)


def test_summary_counts_as_the_findings_say() -> None:
    from collections import Counter

    small = make_report()
    t = small.findings[1].target
    r_cached = Result("url", t.target, Status.BROKEN, "HTTP 404", 404, from_cache=True, fail_streak=1)
    extra = [Finding(Citation("again", "b.bib", 3, "URL"), t, r_cached, None, True),
             Finding(Citation("again2", "b.bib", 4, "URL"), t, r_cached, None, False)]
    rows = small.findings + extra + small.findings[:2]
    rep = Report(rows, files=["a"], fail_on=frozenset({Status.BROKEN, Status.REDIRECTED}))
    s = rep.summary()
    assert s["by_status"] == {st.value: Counter(f.result.status for f in rows)[st] for st in Status}
    assert s["targets"] == len({(f.target.kind, f.target.target) for f in rows}) == 4
    assert s["failing"] == len(rep.failing()) == sum(f.result.status in rep.fail_on and not f.unconfirmed
                                                      for f in rows)
    assert s["unconfirmed"] == 1 and s["archived"] == 2 and s["from_cache"] == 1
    assert s["exit_code"] == rep.exit_code == 1
    assert Report(small.findings[:1]).summary()["exit_code"] == Report(small.findings[:1]).exit_code == 0
