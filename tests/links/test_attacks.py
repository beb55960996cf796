"""Attacks and faults on loopback: hostile servers, the guard, credentials, signals,
unusable caches, full disks, descriptor limits, no network, bad input.

Everything here is real: servers on 127.0.0.x, subprocesses with real resource
limits and signals, real SQLite files made unusable in real ways.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import MultiHost, RawServer
from linkservers import LocalWeb, run_url

from citekeeper.links.fetch import HttpSettings
from citekeeper.links.runner import CheckOptions, check_files, check_references
from citekeeper.links.verdict import Status
from citekeeper.model import Origin, Reference


@pytest.fixture(scope="module")
def raw() -> Iterator[RawServer]:
    s = RawServer("127.0.0.2").start()  # its redirects point at 127.0.0.1 in disguise
    yield s
    s.stop()


def ref(key: str, url: str, line: int = 1) -> Reference:
    r = Reference(id=key, origin=Origin(kind="file", file="refs.bib", line_start=line))
    r.fields["URL"] = url
    return r


def cli(args: list[str], env: dict[str, str] | None = None, limits: dict[int, int] | None = None,
        timeout: float = 60, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    def pre() -> None:
        for what, value in (limits or {}).items():
            resource.setrlimit(what, (value, value))  # as `ulimit -n N` does: soft and hard

    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "citekeeper", "check", *args], capture_output=True,
                          text=True, env=full_env, timeout=timeout, preexec_fn=pre if limits else None,
                          cwd=cwd)


def bib(tmp_path: Path, urls: list[str], name: str = "refs.bib") -> Path:
    p = tmp_path / name
    p.write_text("".join(f"@misc{{k{i},\n  url = {{{u}}},\n  urldate = {{2020-01-01}}\n}}\n\n"
                         for i, u in enumerate(urls)), encoding="utf-8")
    return p


# ---------------------------------------------------------------- hostile servers
@pytest.mark.parametrize(("path", "status", "words"), [
    ("/header-bomb", Status.BROKEN, "64 KB"),
    ("/bad-status", Status.BROKEN, "invalid HTTP response"),
    ("/not-http", Status.BROKEN, ""),
    ("/two-lengths", Status.BROKEN, "Content-Length"),
    ("/interim", Status.OK, ""),
    ("/bare-lf", Status.OK, ""),
    ("/no-length", Status.OK, ""),
    ("/chunked-soft404", Status.BROKEN, "soft 404"),
    ("/gzip-soft404", Status.BROKEN, "soft 404"),
    ("/bad-gzip", Status.OK, ""),
    ("/hangup", Status.BROKEN, "closed"),
    ("/to-file", Status.BROKEN, "non-HTTP"),
])
def test_hostile_answers(raw: RawServer, settings: HttpSettings, path: str, status: Status, words: str) -> None:
    r = run_url(settings, raw.url(path))
    assert r.status is status, r.reason
    assert words in r.reason


@pytest.mark.parametrize("path", ["/cp1251-soft404", "/meta-cp1251-soft404", "/latin1-soft404",
                                  "/entity-soft404", "/numeric-entity-soft404", "/ja-soft404", "/zh-soft404",
                                  "/es-soft404", "/pt-soft404", "/it-soft404", "/nl-soft404", "/pl-soft404",
                                  "/tr-soft404", "/ko-soft404", "/ar-soft404", "/fr-soft404"])
def test_soft_404_in_any_charset_and_language(raw: RawServer, settings: HttpSettings, path: str) -> None:
    r = run_url(settings, raw.url(path))
    assert r.status is Status.BROKEN and "soft 404" in r.reason, r.reason


def test_a_live_page_in_a_legacy_charset_is_live(raw: RawServer, settings: HttpSettings) -> None:
    assert run_url(settings, raw.url("/cp1251-live")).status is Status.OK


@pytest.mark.parametrize(("path", "kind"), [("/to-search/article-17", "search page"),
                                            ("/news/2019/05/a-story", "listing page")])
def test_deep_link_sent_to_a_generic_page(raw: RawServer, settings: HttpSettings, path: str, kind: str) -> None:
    r = run_url(settings, raw.url(path))
    assert r.status is Status.BROKEN and kind in r.reason, r.reason


# ---------------------------------------------------------------- the guard on redirects
@pytest.mark.parametrize("path", ["/to-decimal-ip", "/to-fullwidth", "/to-nat64"])
def test_redirects_to_disguised_private_hosts_are_refused(raw: RawServer, settings: HttpSettings,
                                                          path: str) -> None:
    s = dataclasses.replace(settings, allow_private=False, trusted_hosts=frozenset({"127.0.0.2"}))
    before = sum(raw.requests.values())
    r = run_url(s, raw.url(path))
    assert r.status is Status.BLOCKED and "private" in r.reason, r.reason
    assert sum(raw.requests.values()) == before + 1  # the redirect itself, nothing after it


def test_cli_refuses_every_spelling_without_a_request(web: LocalWeb, tmp_path: Path) -> None:
    port = web.port
    urls = [f"http://127.0.0.1:{port}/ok/a", f"http://１２７.０.０.１:{port}/ok/b", f"http://127。0。0。1:{port}/ok/c",
            f"http://2130706433:{port}/ok/d", f"http://0x7f.1:{port}/ok/e", f"http://0177.0.0.1:{port}/ok/f",
            f"http://[::ffff:127.0.0.1]:{port}/ok/g", f"http://localhost:{port}/ok/h", f"http://127.1:{port}/ok/i"]
    before = web.total()
    p = cli([str(bib(tmp_path, urls)), "--no-cache", "--format", "json", "--archive", "none"])
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)["results"]
    assert [r["status"] for r in rows] == ["skipped"] * len(urls)
    assert web.total() == before


# ---------------------------------------------------------------- credentials
def test_credentials_never_leave_the_checked_host(web: LocalWeb, tmp_path: Path) -> None:
    secret = "pa55w0rd-xyzzy"
    url = web.url("/404").replace("http://", f"http://alice:{secret}@")
    p = bib(tmp_path, [url])
    cache = tmp_path / "c.sqlite"
    outs = []
    first = ""
    for fmt in ("json", "github", "junit", "markdown", "text"):
        res = cli([str(p), "--allow-private", "--cache", str(cache), "--format", fmt, "--timeout", "1"],
                  env=web.env())
        assert res.returncode == 1, res.stderr
        outs.append(res.stdout + res.stderr)
        first = first or res.stdout
    assert all(secret not in o and "alice" not in o for o in outs)
    assert "***@" in outs[0]
    assert secret.encode() not in cache.read_bytes()
    # The archive services were asked about the public page only.
    asked = [p_ for p_ in web.requests if p_.startswith(("/wayback", "/cdx", "/timegate"))]
    assert asked
    data = json.loads(first)
    arch = data["results"][0]["archive"]
    assert arch is not None and secret not in arch["url"] and "@" not in arch["url"]


# ---------------------------------------------------------------- no lost work
def test_sigterm_keeps_the_results_so_far_and_a_rerun_resumes(web: LocalWeb, tmp_path: Path) -> None:
    urls = [web.url(f"/slowish/resume-{i}") for i in range(60)]
    p = bib(tmp_path, urls)
    cache = tmp_path / "c.sqlite"
    args = [sys.executable, "-m", "citekeeper", "check", str(p), "--allow-private", "--cache", str(cache),
            "--per-host", "1", "--archive", "none", "--format", "json"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **web.env()})
    stored = 0
    for _ in range(400):  # until some results are in the cache, then stop the run
        time.sleep(0.05)
        if cache.exists():
            try:
                with sqlite3.connect(cache) as db:
                    stored = db.execute("SELECT count(*) FROM results").fetchone()[0]
            except sqlite3.Error:
                stored = 0
        if stored >= 5:
            break
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "rerun" in err, err
    with sqlite3.connect(cache) as db:
        kept = db.execute("SELECT count(*) FROM results").fetchone()[0]
    assert 5 <= kept < 60
    before = web.total("/slowish/resume-")
    res = cli([str(p), "--allow-private", "--cache", str(cache), "--archive", "none", "--format", "json",
               "--per-host", "1"], env=web.env())  # (per-host 1: other tests count /slowish in flight)
    assert res.returncode == 0
    assert web.total("/slowish/resume-") - before == 60 - kept  # only what was left


@pytest.mark.parametrize("make", ["readonly-file", "readonly-dir", "corrupt", "foreign", "uncreatable",
                                  "is-a-dir"])
def test_an_unusable_cache_warns_once_and_the_report_comes(web: LocalWeb, tmp_path: Path, make: str) -> None:
    if os.geteuid() == 0 and make.startswith("readonly"):
        pytest.skip("root ignores file permissions")
    p = bib(tmp_path, [web.url("/ok/cache-fault"), web.url("/404")])
    cache = tmp_path / "cache" / "links.sqlite"
    cache.parent.mkdir()
    if make == "readonly-file":
        cli([str(p), "--allow-private", "--cache", str(cache)], env=web.env())
        cache.chmod(0o444)
    elif make == "readonly-dir":
        cache.parent.chmod(0o555)
    elif make == "corrupt":
        cache.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    elif make == "foreign":
        with sqlite3.connect(cache) as db:
            db.execute("CREATE TABLE accounts (id INTEGER, name TEXT)")
            db.execute("INSERT INTO accounts VALUES (1, 'keep me')")
    elif make == "uncreatable":
        (tmp_path / "file").write_text("x")
        cache = tmp_path / "file" / "sub" / "links.sqlite"
    elif make == "is-a-dir":
        cache.mkdir()
        res = cli([str(p), "--allow-private", "--cache", str(cache)], env=web.env())
        assert res.returncode == 2 and str(cache) in res.stderr  # before any request
        return
    before = cache.read_bytes() if make in ("corrupt", "foreign") else b""
    try:
        res = cli([str(p), "--allow-private", "--cache", str(cache), "--format", "json", "--archive", "none"],
                  env=web.env())
    finally:
        cache.parent.chmod(0o755) if cache.parent.exists() else None
    assert res.returncode == 1, res.stderr  # the 404 fails the run: the report came
    data = json.loads(res.stdout)
    assert [r["status"] for r in data["results"]] == ["ok", "broken"]
    warnings = [w for w in res.stderr.splitlines() if w.startswith("warning:") and "cache" in w]
    assert len(warnings) == 1 and str(cache) in warnings[0], res.stderr
    if before:
        assert cache.read_bytes() == before  # never written to


def test_a_full_disk_leaves_the_report_whole(web: LocalWeb, tmp_path: Path) -> None:
    p = bib(tmp_path, [web.url(f"/ok/full-{i}") for i in range(30)])
    cache = tmp_path / "c.sqlite"
    res = cli([str(p), "--allow-private", "--cache", str(cache), "--format", "json", "--archive", "none"],
              env=web.env(), limits={resource.RLIMIT_FSIZE: 20_000})
    assert res.returncode == 0, res.stderr
    assert len(json.loads(res.stdout)["results"]) == 30
    assert sum("cache" in w for w in res.stderr.splitlines() if w.startswith("warning:")) == 1


def test_confirm_runs_without_a_kept_cache_says_so(web: LocalWeb, tmp_path: Path) -> None:
    res = cli([str(bib(tmp_path, [web.url("/404")])), "--allow-private", "--no-cache", "--confirm-runs", "2",
               "--archive", "none"], env=web.env())
    assert "--confirm-runs 2 needs a cache" in res.stderr


def test_every_link_is_checked_under_a_low_descriptor_limit(tmp_path: Path) -> None:
    farm = MultiHost(40).start()
    try:
        urls = [f"http://{h}:{farm.port}/p/{i}" for i in range(5) for h in farm.hosts]
        res = cli([str(bib(tmp_path, urls)), "--allow-private", "--no-cache", "--format", "json",
                   "--archive", "none", "--jobs", "1"], limits={resource.RLIMIT_NOFILE: 128})
        assert res.returncode == 0, res.stderr[-2000:]
        rows = json.loads(res.stdout)["results"]
        assert len(rows) == 200 and all(r["status"] == "ok" for r in rows), \
            {r["reason"] for r in rows if r["status"] != "ok"}
        assert farm.max_open <= 128
    finally:
        farm.stop()


# ---------------------------------------------------------------- no network
def test_no_network_is_transient_with_one_warning(tmp_path: Path) -> None:
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode:
        pytest.skip("no network namespaces here")
    urls = ["https://example.org/a", "https://www.example.com/b", "http://93.184.216.34/c",
            "https://doi.org/10.1000/182"]
    p = bib(tmp_path, urls)
    cache = tmp_path / "c.sqlite"
    res = subprocess.run(["unshare", "-rn", sys.executable, "-m", "citekeeper", "check", str(p),
                          "--cache", str(cache), "--format", "json", "--timeout", "2"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert {r["status"] for r in data["results"]} == {"transient"}
    assert data["summary"]["network"] == "unreachable"
    assert len([w for w in res.stderr.splitlines() if "network looks unreachable" in w]) == 1
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 0  # nothing cached


def test_a_dead_host_is_still_broken(web: LocalWeb, options: CheckOptions) -> None:
    rep = check_references([ref("a", f"http://127.0.0.1:{web.refused_port}/"),
                            ref("b", "http://no-such-host.invalid/x"), ref("c", web.url("/404"))], options)
    assert [f.result.status for f in rep.findings] == [Status.BROKEN] * 3
    assert rep.network == "ok" and not rep.warnings


def test_every_host_failing_alike_is_the_network() -> None:
    from citekeeper.links.runner import judge_network
    from citekeeper.links.verdict import Result, Target

    targets = [Target("url", f"http://h{i}.example/") for i in range(4)]
    results = {t.cache_key: Result("url", t.target, Status.BROKEN, "DNS: does not exist",
                                   details={"net": "dns"}) for t in targets}
    warnings: list[str] = []
    assert judge_network(targets, results, warnings) == "unreachable"
    assert all(r.status is Status.TRANSIENT and r.details["offline"] for r in results.values())
    assert len(warnings) == 1


# ---------------------------------------------------------------- bad input
def test_deep_json_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "deep.json"
    p.write_text("[" * 1_000_000 + "]" * 1_000_000)
    res = cli([str(p), "--no-cache"])
    assert res.returncode == 3 and str(p) in res.stderr and "Traceback" not in res.stderr, res.stderr


def test_oversize_input_names_an_option_check_has(tmp_path: Path) -> None:
    p = bib(tmp_path, ["https://example.org/" + "x" * 100])
    res = cli([str(p), "--no-cache", "--max-size", "50"])
    assert res.returncode == 3 and "--max-size" in res.stderr and str(p) in res.stderr
    assert "--max-size" in cli(["--help"]).stdout


def test_binary_and_missing_inputs(tmp_path: Path) -> None:
    b = tmp_path / "x.bib"
    b.write_bytes(os.urandom(4096) + b"\x00" * 100)
    assert cli([str(b), "--no-cache"]).returncode == 3
    assert cli([str(tmp_path / "missing.bib"), "--no-cache"]).returncode in (2, 3)


def test_unwritable_output_is_exit_4(web: LocalWeb, tmp_path: Path) -> None:
    p = bib(tmp_path, [web.url("/ok/out")])
    (tmp_path / "plain").write_text("a file, not a folder")
    res = cli([str(p), "--allow-private", "--no-cache", "--output", str(tmp_path / "plain" / "r.json")],
              env=web.env())
    assert res.returncode == 4, res.stderr


def test_unparsed_blocks_and_second_urls_are_checked(web: LocalWeb, options: CheckOptions,
                                                     tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    ok1, dead, gone, ok3 = web.url("/ok/first"), web.url("/404"), web.url("/410"), web.url("/ok/third")
    p.write_text("@misc{one,\n  url = {" + ok1 + "},\n  note = {also \\url{" + dead + "}}\n}\n\n"
                 "@article{broken, title = {x\n  url = {" + gone + "}\n\n@misc{three, url = {" + ok3 + "}}\n")
    rep = check_files([p], options)
    got = {(f.target.target, f.citation.line, f.result.status) for f in rep.findings}
    assert (web.url("/404"), 3, Status.BROKEN) in got
    assert (web.url("/410"), 7, Status.BROKEN) in got
    assert (web.url("/ok/third"), 9, Status.OK) in got
