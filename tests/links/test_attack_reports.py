"""Attack harness, part 9: reports a hostile server tries to corrupt, every link of
every input, and the GitHub Action's script fed hostile inputs.

What a server sends (a ``Location``, a page title) ends up in reports: it must not
break JUnit's XML, forge GitHub workflow commands, split a Markdown table, or put
terminal escape sequences on a user's screen.  Every URL and DOI of an entry -- also
in ``note``/``howpublished``, in RIS ``UR``/``L1``, in a block that could not be
parsed -- is checked at its own line.  The Action's inputs are never evaluated, and
cannot forge its outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import (
    FAST,
    Req,
    Route,
    Scripted,
    _hop,
    answer,
    check,
    not_found,
    ok,
    write_bib,
)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_TITLE = 'Not found ]]> <x a="&"> &lt;img src=x onerror=alert(1)&gt; \x1b[2J\x1b]0;owned\x07 | col %0A::error::forged'


def titled(title: str) -> Route:
    async def route(r: Req) -> bool:
        r.send(answer("200 OK", f"<title>{title}</title>".encode(), "Content-Type: text/html"))
        return True
    return route


async def handles(r: Req) -> bool:
    doi = r.path.split("/api/handles/", 1)[-1].split("?")[0].lower()
    if doi.startswith("10.5555/ok"):
        body = {"responseCode": 1, "handle": doi, "values": [{"index": 1, "type": "URL",
                                                              "data": {"format": "string", "value": "http://x/"}}]}
        r.send(answer("200 OK", json.dumps(body).encode(), "Content-Type: application/json"))
    else:
        r.send(answer("404 Not Found", json.dumps({"responseCode": 100}).encode(), "Content-Type: application/json"))
    return True


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "gone": not_found, "api": handles, "hostile-title": titled(HOSTILE_TITLE),
                  "esc-location": _hop("/ok/\x1b[2J\x1b[31mred", "301 Moved Permanently"),
                  "newline-location": _hop("ftp://x/a%0A::error file=x::forged\x1b[0m"),
                  "quote-location": _hop('/ok/a"b<c>&d', "301 Moved Permanently")}).start()
    yield s
    s.stop()


HOSTILE_PATHS = ["/hostile-title/x", "/esc-location/x", "/newline-location/x", "/quote-location/x", "/gone/x"]


def hostile_run(site: Scripted, tmp_path: Path, fmt: str) -> str:
    p = write_bib(tmp_path, [site.url(path) for path in HOSTILE_PATHS])
    run = check([str(p), *[a if a != "json" else fmt for a in FAST], "-v"], cwd=tmp_path)
    assert run.code == 1, run.err
    return run.out


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "junit", "json"])
def test_no_terminal_escapes_from_a_server_reach_any_report(site: Scripted, tmp_path: Path, fmt: str) -> None:
    out = hostile_run(site, tmp_path, fmt)
    assert "\x1b" not in out and "\x07" not in out, repr(out[:3000])


def test_junit_stays_well_formed_xml(site: Scripted, tmp_path: Path) -> None:
    root = ET.fromstring(hostile_run(site, tmp_path, "junit"))
    suites = [root, *root.iter("testsuite")]
    for s in suites:
        assert {"tests", "failures", "errors", "time"} <= set(s.attrib), s.attrib
    assert int(root.attrib["failures"]) >= 2  # the soft 404 and the 404
    assert len(list(root.iter("testcase"))) == len(HOSTILE_PATHS)


def test_github_annotations_cannot_be_forged(site: Scripted, tmp_path: Path) -> None:
    out = hostile_run(site, tmp_path, "github")
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert all(line.startswith(("::error file=", "::warning file=", "::warning::", "::notice")) for line in commands)
    assert not any("forged" in line.split("::", 2)[1] for line in commands if line.count("::") >= 2)
    errors = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(errors) == 3, out  # the soft 404, the redirect out of HTTP, the 404: one line each


def test_markdown_rows_stay_rows(site: Scripted, tmp_path: Path) -> None:
    out = hostile_run(site, tmp_path, "markdown")
    rows = [line for line in out.splitlines() if line.startswith("|")]
    widths = {line.replace("\\|", "").count("|") for line in rows}
    assert len(widths) == 1, rows  # a "|" in a title does not add a column


def test_markdown_renders_no_html_from_a_page(site: Scripted, tmp_path: Path) -> None:
    out = hostile_run(site, tmp_path, "markdown")
    assert "<img" not in out  # a title written with entities is HTML after decoding: shown, not rendered


def test_json_is_one_valid_document_with_a_version(site: Scripted, tmp_path: Path) -> None:
    data = json.loads(hostile_run(site, tmp_path, "json"))
    assert data["version"] and data["schema"].startswith("citekeeper-check/")
    assert len(data["results"]) == len(HOSTILE_PATHS)


# ---------------------------------------------------------------- every link, every input
def test_every_url_and_doi_of_an_entry_at_its_own_line(site: Scripted, tmp_path: Path) -> None:
    ok1, dead1, dead2, dead3 = (site.url("/ok/e1"), site.url("/gone/e2"), site.url("/gone/e3"),
                                site.url("/gone/e4"))
    p = tmp_path / "refs.bib"
    p.write_text("@misc{one,\n  title = {One},\n  url = {" + ok1 + "},\n  doi = {10.5555/ok-1},\n"
                 "  note = {Mirror: \\url{" + dead1 + "}},\n  howpublished = {" + dead2.replace("_", "\\_") + "}\n}\n\n"
                 "@article{broken, title = {x\n  url = {" + dead3 + "}\n\n"
                 "@misc{two, doi = {10.5555/gone-2}}\n")
    env = {"CITEKEEPER_DOI_API": site.url("/api/handles")}
    run = check([str(p), *FAST], env=env, cwd=tmp_path)
    got = {(r["target"], r["line"], r["status"]) for r in run.rows}
    assert (ok1, 3, "ok") in got and (dead1, 5, "broken") in got and (dead2, 6, "broken") in got, got
    assert (dead3, 10, "broken") in got, got  # inside a block that could not be parsed
    assert ("10.5555/ok-1", 4, "ok") in got and ("10.5555/gone-2", 12, "broken") in got, got


def test_every_link_of_a_ris_record(site: Scripted, tmp_path: Path) -> None:
    p = tmp_path / "refs.ris"
    urls = [site.url("/ok/r1"), site.url("/gone/r2"), site.url("/gone/r3")]
    p.write_text(f"TY  - ELEC\nTI  - A page\nUR  - {urls[0]}\nL1  - {urls[1]}\nN1  - see {urls[2]}\n"
                 "DO  - 10.5555/ok-3\nER  - \n")
    run = check([str(p), *FAST], env={"CITEKEEPER_DOI_API": site.url("/api/handles")}, cwd=tmp_path)
    targets = {r["target"] for r in run.rows}
    assert set(urls) <= targets and "10.5555/ok-3" in targets, targets


def test_a_citation_that_cannot_be_parsed_keeps_all_its_links(site: Scripted, tmp_path: Path) -> None:
    a, b = site.url("/gone/t1"), site.url("/ok/t2")
    t = tmp_path / "article.txt"
    t.write_text(f"Body text.\n\nReferences\n\n~~~ ??? {a} ;; and also {b} ((( \n")
    run = check([str(t), *FAST], cwd=tmp_path)
    assert {a, b} <= {r["target"] for r in run.rows}, run.rows


def test_the_same_link_cited_twice_is_asked_once(site: Scripted, tmp_path: Path) -> None:
    url = site.url("/ok/twice")
    before = site.hits["ok"]
    run = check([str(write_bib(tmp_path, [url, url, url])), *FAST], cwd=tmp_path)
    assert len(run.rows) == 3 and {r["status"] for r in run.rows} == {"ok"}
    assert site.hits["ok"] - before == 1


def test_a_fragment_is_not_another_page(site: Scripted, tmp_path: Path) -> None:
    url = site.url("/ok/fragment")
    before = site.hits["ok"]
    run = check([str(write_bib(tmp_path, [url, url + "#sec-2", url + "#fig-1"])), *FAST], cwd=tmp_path)
    assert len(run.rows) == 3 and {r["status"] for r in run.rows} == {"ok"}
    assert site.hits["ok"] - before == 1


# ---------------------------------------------------------------- the Action's script
def run_action(site: Scripted, tmp: Path, **inputs: str) -> tuple[int, list[str], subprocess.CompletedProcess[str]]:
    wrapper = tmp / "ck-bin"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m citekeeper "$@"\n')
    wrapper.chmod(0o755)
    out, summary = tmp / "github_output", tmp / "step_summary"
    out.write_text("")
    summary.write_text("")
    env = {**os.environ, "CITEKEEPER_BIN": str(wrapper), "RUNNER_TEMP": str(tmp), "GITHUB_OUTPUT": str(out),
           "GITHUB_STEP_SUMMARY": str(summary)}
    env.pop("GITHUB_TOKEN", None)
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    p = subprocess.run(["bash", str(ROOT / "scripts" / "check-action.sh")], capture_output=True, text=True, env=env,
                       cwd=tmp, timeout=60)
    return p.returncode, github_outputs(out.read_text()), p


def github_outputs(text: str) -> list[str]:
    """``name=value`` per output, read as the runner reads GITHUB_OUTPUT (``name<<DELIM`` too)."""
    lines, out = iter(text.splitlines()), []
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            value = []
            for part in lines:
                if part == delim:
                    break
                value.append(part)
            out.append(f"{name}={chr(10).join(value)}")
        else:
            out.append(line)
    return out


@pytest.mark.parametrize("evil", ["`touch {m}`", "$(touch {m})", "${{IFS}}; touch {m}", "'; touch {m}; '",
                                  "\ntouch {m}\n", "refs.bib && touch {m}"])
def test_action_inputs_are_never_evaluated(site: Scripted, tmp_path: Path, evil: str) -> None:
    write_bib(tmp_path, [site.url("/ok/act")])
    marker = tmp_path / "pwned"
    bad = " " + evil.format(m=marker)
    run_action(site, tmp_path, files="refs.bib" + bad, args="--allow-private --archive none" + bad, cache="")
    assert not marker.exists(), evil


def test_action_outputs_cannot_be_forged_by_an_input(site: Scripted, tmp_path: Path) -> None:
    write_bib(tmp_path, [site.url("/gone/act")])
    code, outputs, p = run_action(site, tmp_path, files="refs.bib", args="--allow-private --archive none",
                                  cache="", output="out.md\nexit_code=0")
    assert code == 1, p.stderr
    assert [line for line in outputs if line.startswith("exit_code=")] == ["exit_code=1"], outputs
