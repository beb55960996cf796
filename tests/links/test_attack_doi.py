"""Attack harness, part 10: DOIs written to steer the checker, and DOI registries that
answer badly.

A DOI is put into the handle API's URL path: whatever it holds (``..`` segments,
``?``, ``#``, percent signs, control characters, 100 KB of text) must stay inside
``<api>/<doi>`` -- the API host is trusted, so a DOI must not reach its other paths.
A handle record is written by whoever registered the DOI: its landing URL passes the
guard like any link.  A registry that answers garbage is ``transient``, not a verdict
on the DOI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_attack_hostile import FAST, Req, Scripted, answer, check, ok

QUIET = [a for a in FAST if a != "--allow-private"]


def _record(value: str) -> bytes:
    return json.dumps({"responseCode": 1, "values": [{"index": 1, "type": "URL",
                                                      "data": {"format": "string", "value": value}}]}).encode()


@pytest.fixture(scope="module")
def registry() -> Iterator[Scripted]:
    """The handle API on 127.0.0.2 (a trusted endpoint): its answer is chosen by the DOI's suffix."""
    async def handles(r: Req) -> bool:
        doi = unquote(r.path.split("/api/handles/", 1)[-1]).lower()
        kind = doi.split("/", 1)[-1].split("-", 1)[0]
        if kind == "garbage":
            body, ct = b"<html>not json</html>", "text/html"
        elif kind == "list":
            body, ct = b"[1, 2, 3]", "application/json"
        elif kind == "deep":
            body, ct = b"[" * 100_000 + b"]" * 100_000, "application/json"
        elif kind == "code2":
            body, ct = json.dumps({"responseCode": 2, "message": "error"}).encode(), "application/json"
        elif kind == "nourl":
            body, ct = json.dumps({"responseCode": 200, "values": []}).encode(), "application/json"
        elif kind == "tojs":
            body, ct = _record("javascript:alert(1)"), "application/json"
        elif kind == "toprivate":
            body, ct = _record("http://169.254.169.254/latest/meta-data/"), "application/json"
        elif kind == "error500":
            r.send(answer("500 Internal Server Error", b"oops"))
            return True
        elif kind == "ok":
            body, ct = _record("http://example.invalid/landing"), "application/json"
        else:
            body, ct = json.dumps({"responseCode": 100}).encode(), "application/json"
            r.send(answer("404 Not Found", body, f"Content-Type: {ct}"))
            return True
        r.send(answer("200 OK", body, f"Content-Type: {ct}"))
        return True

    s = Scripted({"api": handles, "secret": ok, "admin": ok}, host="127.0.0.2").start()
    yield s
    s.stop()


def run_dois(registry: Scripted, tmp_path: Path, dois: list[str], *extra: str) -> dict[str, dict]:
    p = tmp_path / "refs.json"
    p.write_text(json.dumps([{"id": f"d{i}", "type": "article-journal", "title": "T", "DOI": d}
                             for i, d in enumerate(dois)]))
    run = check([str(p), *QUIET, "--no-follow-doi", *extra], env={"CITEKEEPER_DOI_API": registry.url("/api/handles"),
                                                                   "CITEKEEPER_DOI_RESOLVER": registry.url("/r")},
                cwd=tmp_path)
    assert run.code in (0, 1), run.err
    return {r["target"]: r for r in run.rows}


@pytest.mark.parametrize("doi", ["10.1000/../../../secret/x", "10.1000/..%2F..%2F..%2Fsecret", "10.1000/x?admin=1",
                                 "10.1000/x#frag", "10.1000/%2e%2e/%2e%2e/%2e%2e/admin", "10.1000/./../admin",
                                 "10.1000/a\u0000b"])
def test_a_doi_stays_inside_the_handle_path(registry: Scripted, tmp_path: Path, doi: str) -> None:
    before = len(registry.heads)
    run_dois(registry, tmp_path, [doi])
    asked = [h.split(" ", 2)[1] for h in registry.heads[before:]]
    assert asked, "the registry was not asked"
    for path in asked:
        assert path.startswith("/api/handles/10.1000/"), path
        segments = path.split("?", 1)[0].split("/")
        assert ".." not in segments and "." not in segments, path
        assert "?" not in path and "#" not in path, path
    assert registry.hits["secret"] == registry.hits["admin"] == 0


def test_a_doi_of_100_kb_is_a_verdict(registry: Scripted, tmp_path: Path) -> None:
    doi = "10.1000/" + "x" * 100_000
    row = run_dois(registry, tmp_path, [doi])[doi]
    assert row["status"] in ("broken", "transient", "skipped") and row["reason"], row


@pytest.mark.parametrize(("doi", "status"), [
    ("10.5555/garbage-1", "transient"), ("10.5555/list-1", "transient"), ("10.5555/deep-1", "transient"),
    ("10.5555/code2-1", "transient"), ("10.5555/error500-1", "transient"), ("10.5555/missing-1", "broken"),
    ("10.5555/ok-1", "ok"),
])
def test_a_registry_answering_badly_is_no_verdict_on_the_doi(registry: Scripted, tmp_path: Path, doi: str,
                                                             status: str) -> None:
    row = run_dois(registry, tmp_path, [doi])[doi]
    assert row["status"] == status, row


@pytest.mark.parametrize("doi", ["10.5555/tojs-1", "10.5555/toprivate-1"])
def test_a_landing_page_from_a_handle_record_passes_the_guard(registry: Scripted, tmp_path: Path, doi: str) -> None:
    """Registered (the registry says so), and the landing page it names is not fetched."""
    row = run_dois(registry, tmp_path, [doi], "--follow-doi")[doi]
    assert "landing page" in row["reason"] and ("refused" in row["reason"] or "not checked" in row["reason"]), row
