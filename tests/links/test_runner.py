"""The composed check: collection, cache, confirm-runs, archives per citation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from linkservers import LocalWeb

from citekeeper.links.runner import CheckOptions, check_files, check_references
from citekeeper.links.verdict import Status
from citekeeper.model import Date, Origin, Reference


def ref(key: str, url: str = "", doi: str = "", accessed: str = "", line: int = 1) -> Reference:
    r = Reference(id=key, origin=Origin(kind="file", file="refs.bib", line_start=line))
    if url:
        r.fields["URL"] = url
    if doi:
        r.fields["DOI"] = doi
    if accessed:
        r.dates["accessed"] = Date.from_iso(accessed)
    return r


def test_same_target_cited_twice_is_checked_once(web: LocalWeb, options: CheckOptions) -> None:
    url = web.url("/ok/twice")
    rep = check_references([ref("a", url), ref("b", url, line=9)], options)
    assert len(rep.findings) == 2 and web.requests["/ok/twice"] == 1
    assert [f.citation.line for f in rep.findings] == [1, 9]


def test_doi_written_as_url_is_a_doi(web: LocalWeb, options: CheckOptions) -> None:
    rep = check_references([ref("a", web.url("/resolve/10.5555/ok"))], options)
    assert rep.findings[0].target.kind == "doi" and rep.findings[0].result.status is Status.OK


def test_landing_page_of_a_doi_url_is_checked_by_default(web: LocalWeb, options: CheckOptions) -> None:
    # A DOI written as a URL is a link the reader clicks: its landing page counts.
    rep = check_references([ref("a", web.url("/resolve/10.5555/gone")),
                            ref("b", doi="10.5555/soft")], options)
    assert [f.result.status for f in rep.findings] == [Status.BROKEN, Status.OK]
    none = dataclasses.replace(options, follow_doi="none")
    assert check_references([ref("a", web.url("/resolve/10.5555/gone"))], none).exit_code == 0


def test_archive_per_access_date(web: LocalWeb, options: CheckOptions) -> None:
    url = web.url("/404")
    rep = check_references([ref("old", url, accessed="2010-06-15"),
                            ref("new", url, accessed="2021-11-30")], options)
    got = {f.citation.key: f.archive.timestamp for f in rep.findings if f.archive}
    assert got == {"old": "20090105120000", "new": "20140601120000"}
    assert rep.exit_code == 1


def test_ok_links_get_no_archive_unless_all(web: LocalWeb, options: CheckOptions) -> None:
    rep = check_references([ref("a", web.url("/soft404/article"), accessed="2013-01-01"),
                            ref("b", web.url("/ok"))], options)
    assert rep.findings[0].archive is not None and rep.findings[1].archive is None


def test_archive_capture_as_cited_url(web: LocalWeb, options: CheckOptions) -> None:
    capture = web.url("/web/20140601120000/") + web.url("/404")
    rep = check_references([ref("a", capture)], options)
    f = rep.findings[0]
    assert f.result.status is Status.OK
    assert f.target.original == web.url("/404") and f.target.capture == "20140601120000"
    assert f.archive is not None and f.archive.source == "input"


def test_rerun_on_fresh_cache_sends_no_request(web: LocalWeb, options: CheckOptions, tmp_path: Path) -> None:
    opts = dataclasses.replace(options, cache_path=str(tmp_path / "c.sqlite"))
    refs = [ref("a", web.url("/ok/cached")), ref("b", web.url("/410"), accessed="2012-01-01"),
            ref("c", doi="10.5555/ok")]
    first = check_references(refs, opts)
    before = web.total()
    second = check_references(refs, opts)
    assert web.total() == before
    assert [f.result.status for f in first.findings] == [f.result.status for f in second.findings]
    assert all(f.result.from_cache for f in second.findings)
    assert second.findings[1].archive == first.findings[1].archive


def test_stale_cache_entries_are_checked_again(web: LocalWeb, options: CheckOptions, tmp_path: Path) -> None:
    opts = dataclasses.replace(options, cache_path=str(tmp_path / "c.sqlite"), freshness={"ok": 0})
    check_references([ref("a", web.url("/ok/stale"))], opts)
    check_references([ref("a", web.url("/ok/stale"))], opts)
    assert web.requests["/ok/stale"] == 2


def test_confirm_runs(web: LocalWeb, options: CheckOptions, tmp_path: Path) -> None:
    opts = dataclasses.replace(options, cache_path=str(tmp_path / "c.sqlite"), confirm_runs=2,
                               archive_mode="none")
    refs = [ref("a", web.url("/404"))]
    first = check_references(refs, opts)
    assert first.findings[0].unconfirmed and first.exit_code == 0
    second = check_references(refs, opts)
    assert not second.findings[0].unconfirmed and second.exit_code == 1
    assert second.findings[0].result.fail_streak == 2


def test_ignore_patterns(web: LocalWeb, options: CheckOptions) -> None:
    import re

    opts = dataclasses.replace(options, ignore=(re.compile(r"/404$"),))
    before = web.requests["/404"]
    rep = check_references([ref("a", web.url("/404"))], opts)
    assert rep.findings[0].result.status is Status.SKIPPED and web.requests["/404"] == before


def test_fail_on(web: LocalWeb, options: CheckOptions) -> None:
    refs = [ref("a", web.url("/moved"))]
    assert check_references(refs, options).exit_code == 0
    opts = dataclasses.replace(options, fail_on=frozenset({Status.REDIRECTED}))
    assert check_references(refs, opts).exit_code == 1


def test_check_files_reads_bib_and_csl_json(web: LocalWeb, options: CheckOptions, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{{a,\n  url = {{{}}},\n  urldate = {{2021-11-30}}\n}}\n\n"
                   "@article{{b,\n  doi = {{10.5555/missing}}\n}}\n".format(web.url("/404")))
    js = tmp_path / "refs.json"
    js.write_text('[{{"id": "c", "type": "webpage", "URL": "{}"}}]'.format(web.url("/ok/json")))
    rep = check_files([bib, js], options)
    rows = {f.citation.key: f for f in rep.findings}
    assert rows["a"].citation.line == 2 and rows["a"].citation.accessed == "2021-11-30"  # the url line
    assert rows["a"].archive is not None and rows["a"].archive.timestamp == "20140601120000"
    assert rows["b"].result.status is Status.BROKEN and rows["b"].citation.line == 7
    assert rows["c"].result.status is Status.OK


def test_follow_doi_results_are_cached_apart(web: LocalWeb, options: CheckOptions, tmp_path: Path) -> None:
    opts = dataclasses.replace(options, cache_path=str(tmp_path / "c.sqlite"))
    refs = [ref("a", doi="10.5555/gone")]
    assert check_references(refs, opts).findings[0].result.status is Status.OK
    follow = dataclasses.replace(opts, follow_doi="all")
    rep = check_references(refs, follow)
    assert rep.findings[0].result.status is Status.BROKEN and not rep.findings[0].result.from_cache


def test_streamed_reading_gives_the_same_findings(web: LocalWeb, options: CheckOptions,
                                                  tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from citekeeper.links import runner

    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{{a,\n  doi = {{10.5555/gone}}\n}}\n"
        "@misc{{b,\n  url = {{{}}}\n}}\n"
        "@misc{{c,\n  url = {{{}}}\n}}\n"
        "@misc{{d,\n  url = {{{}}}\n}}\n".format(web.url("/resolve/10.5555/gone"), web.url("/ok/s"), web.url("/ok/s")))
    whole = check_files([bib], options)
    monkeypatch.setattr(runner, "CHUNK", 1)
    streamed = check_files([bib], options)
    assert [f.to_json() for f in streamed.findings] == [f.to_json() for f in whole.findings]
    # The DOI was first a field (no landing check), then a URL: its landing page counts.
    assert [f.result.status for f in streamed.findings][:2] == [Status.BROKEN, Status.BROKEN]


def test_network_judge_fast_path_agrees_with_the_general_way() -> None:
    from citekeeper.links.runner import judge_network
    from citekeeper.links.verdict import Result, Target

    targets = [Target("url", f"http://h{i}.example/") for i in range(5)]
    keys = [t.cache_key for t in targets]
    answered = {keys[0]: Result("url", targets[0].target, Status.OK, "HTTP 200", 200, from_cache=True),
                keys[1]: Result("url", targets[1].target, Status.SKIPPED, "ignored", 200),
                keys[2]: Result("url", targets[2].target, Status.BROKEN, "DNS", details={"net": "dns"}),
                keys[3]: Result("url", targets[3].target, Status.BROKEN, "HTTP 404", 404)}
    for results in (answered, {k: r for k, r in answered.items() if k != keys[3]}):
        general_w: list[str] = []
        fast_w: list[str] = []
        general = judge_network(targets, dict(results), general_w)
        assert judge_network(targets, dict(results), fast_w, keys, 0) == general
        assert fast_w == general_w


def test_sharded_run_with_archives_gives_the_same_report_as_one_process(
        web: LocalWeb, options: CheckOptions, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Findings built while the shards check (``Run.ready_findings``) and the tail's fast
    paths give the report one process gives: ok, dead (with archives), a DOI, a capture,
    a target cited twice, a link in a comment."""
    import multiprocessing

    import pytest

    from citekeeper.links import parallel
    from citekeeper.links.report import iter_json

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here")
    parts = ["% a link in a comment: " + web.url("/ok/comment") + "\n\n"]
    for i in range(60):
        url = web.url("/404") if i % 7 == 3 else web.url(f"/slowish/{i % 40}")
        extra = f"  doi = {{10.1234/x{i}}},\n" if i % 11 == 5 else ""
        if i % 13 == 4:
            url = web.url(f"/web/20200101000000/{web.url('/ok/orig')}")
        parts.append(f"@misc{{e{i},\n  title = {{Entry {i}}},\n  url = {{{url}}},\n{extra}"
                     f"  urldate = {{2021-0{1 + i % 9}-01}}\n}}\n\n")
    p = tmp_path / "mixed.bib"
    p.write_text("".join(parts))
    one = check_files([p], dataclasses.replace(options, jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 1024)  # this small file counts as large
    two = check_files([p], dataclasses.replace(options, jobs=2), exiting=True)
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert sum(f.archive is not None for f in one.findings) >= 5  # dead links found in the archive
    assert {f.result.status for f in one.findings} >= {Status.OK, Status.BROKEN}

    def rows(report) -> list:  # type: ignore[no-untyped-def]
        import json

        return json.loads("".join(iter_json(report)))["results"]

    assert rows(two) == rows(one)
