"""Attack harness, part 3: credentials written into cited URLs.

``http://user:pass@host/`` is checked with its credentials on its own host only, and
the password appears nowhere else: not in any report format, not in ``--report``
files, not in warnings, not in the SQLite cache (nor its journal), not in what the
archive services are asked, not in the archive URL ``--fix`` writes, not in the
request sent to another host after a redirect.  Passwords here contain the
characters that break naive redaction (``@``, ``:``, percent escapes).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_attack_hostile import FAST, Req, Scripted, _hop, answer, check, not_found, ok, write_bib

SECRET = "Zq9-sekrit"
FORMATS = ["json", "junit", "github", "markdown", "text"]


async def wayback(r: Req) -> bool:
    url = re.search(r"[?&]url=([^& ]+)", r.path)
    orig = unquote(url.group(1)) if url else ""
    body = {"archived_snapshots": {"closest": {"status": "200", "available": True, "timestamp": "20200101000000",
                                                "url": f"http://127.0.0.2/web/20200101000000/{orig}"}}}
    r.send(answer("200 OK", json.dumps(body).encode(), "Content-Type: application/json"))
    return True


async def cdx(r: Req) -> bool:
    r.send(answer("200 OK", b"[]", "Content-Type: application/json"))
    return True


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "gone": not_found, "wayback": wayback, "cdx": cdx, "timegate": not_found,
                  "moved": _hop("/ok/new", "301 Moved Permanently")}, host="127.0.0.2").start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def other() -> Iterator[Scripted]:
    s = Scripted({"ok": ok}, host="127.0.0.3").start()
    yield s
    s.stop()


def env_for(site: Scripted) -> dict[str, str]:
    return {"CITEKEEPER_WAYBACK_API": site.url("/wayback/available"), "CITEKEEPER_CDX_API": site.url("/cdx/search"),
            "CITEKEEPER_MEMENTO_API": site.url("/timegate")}


def with_creds(url: str, userinfo: str) -> str:
    return url.replace("http://", f"http://{userinfo}@", 1)


USERINFOS = [f"alice:{SECRET}", f"alice:p@ss{SECRET}", f"alice:{SECRET}@x", f"al%40ice:{SECRET}%3A1",
             f"{SECRET}", f"alice:{SECRET}:more"]


def assert_clean(text: str) -> None:
    assert SECRET not in text, text[:2000]
    assert "alice" not in text and "al%40ice" not in text, text[:2000]


@pytest.mark.parametrize("userinfo", USERINFOS)
def test_no_report_format_shows_the_password(site: Scripted, tmp_path: Path, userinfo: str) -> None:
    p = write_bib(tmp_path, [with_creds(site.url("/gone/a"), userinfo)])
    cache = tmp_path / "links.sqlite"
    args = [a for a in FAST if a not in ("--no-cache", "--archive", "none")]
    for fmt in FORMATS:
        run = check([str(p), *[a if a != "json" else fmt for a in args], "--cache", str(cache), "-v",
                     "--report", f"json:{tmp_path / 'r.json'}", "--report", f"markdown:{tmp_path / 'r.md'}"],
                    env=env_for(site), cwd=tmp_path)
        assert run.code == 1, run.err
        assert_clean(run.out + run.err)
    assert_clean((tmp_path / "r.json").read_text() + (tmp_path / "r.md").read_text())
    assert "***@" in (tmp_path / "r.json").read_text()
    for f in tmp_path.glob("links.sqlite*"):  # the database, and any journal or WAL beside it
        assert SECRET.encode() not in f.read_bytes() and b"alice" not in f.read_bytes(), f


@pytest.mark.parametrize("userinfo", USERINFOS[:4])
def test_archive_services_are_asked_about_the_public_page(site: Scripted, tmp_path: Path, userinfo: str) -> None:
    before = len(site.heads)
    args = [a for a in FAST if a not in ("--archive", "none")]
    run = check([str(write_bib(tmp_path, [with_creds(site.url(f"/gone/{len(userinfo)}"), userinfo)])), *args],
                env=env_for(site), cwd=tmp_path)
    assert run.code == 1, run.err
    asked = [h for h in site.heads[before:] if h.startswith("GET /wayback") or h.startswith("GET /cdx")
             or h.startswith("GET /timegate")]
    assert asked, site.heads[before:]
    for head in asked:
        assert_clean(unquote(unquote(head)))
        assert "authorization" not in head.lower()
    arch = run.rows[0]["archive"]
    assert arch is not None and "@" not in arch["url"], arch


def test_fix_writes_an_archive_url_without_the_password(site: Scripted, tmp_path: Path) -> None:
    p = write_bib(tmp_path, [with_creds(site.url("/gone/fix"), f"alice:{SECRET}")])
    args = [a for a in FAST if a not in ("--archive", "none")]
    run = check([str(p), *args, "--fix"], env=env_for(site), cwd=tmp_path)
    assert run.code == 1, run.err
    text = p.read_text()
    assert "archiveurl" in text, run.err
    archive_line = next(line for line in text.splitlines() if "archiveurl" in line)
    assert SECRET not in archive_line and "alice" not in archive_line
    assert_clean(run.err)


def test_credentials_go_to_their_own_host_and_no_further(site: Scripted, other: Scripted, tmp_path: Path) -> None:
    site.routes["away"] = _hop(other.url("/ok/landed"))
    before_site, before_other = len(site.heads), len(other.heads)
    run = check([str(write_bib(tmp_path, [with_creds(site.url("/away/x"), f"alice:{SECRET}")])), *FAST],
                cwd=tmp_path)
    assert run.rows[0]["status"] == "ok", run.rows
    token = base64.b64encode(f"alice:{SECRET}".encode()).decode()
    assert any(token in h for h in site.heads[before_site:])  # checked with them, as cited
    assert other.heads[before_other:] and not any("authorization" in h.lower() for h in other.heads[before_other:])
    assert_clean(run.out + run.err)


def test_credentials_in_a_location_are_hidden(site: Scripted, other: Scripted, tmp_path: Path) -> None:
    site.routes["leaky"] = _hop(with_creds(other.url("/ok/there"), f"alice:{SECRET}"), "301 Moved Permanently")
    site.routes["leaky-ftp"] = _hop(f"ftp://alice:{SECRET}@127.0.0.3/file")
    for fmt in FORMATS:
        run = check([str(write_bib(tmp_path, [site.url("/leaky/x"), site.url("/leaky-ftp/y")])),
                     *[a if a != "json" else fmt for a in FAST], "-v"], cwd=tmp_path)
        assert_clean(run.out + run.err)


def test_a_suggested_new_url_never_carries_the_password(site: Scripted, tmp_path: Path) -> None:
    run = check([str(write_bib(tmp_path, [with_creds(site.url("/moved/x"), f"alice:{SECRET}")])), *FAST],
                cwd=tmp_path)
    row = run.rows[0]
    assert row["status"] == "redirected", row
    assert_clean(json.dumps(row))


def test_credentials_in_csl_json_and_article_text(site: Scripted, tmp_path: Path) -> None:
    url = with_creds(site.url("/gone/j"), f"alice:{SECRET}")
    j = tmp_path / "refs.json"
    j.write_text(json.dumps([{"id": "a", "type": "webpage", "title": "T", "URL": url}]))
    t = tmp_path / "article.txt"
    t.write_text(f"Some text.\n\nReferences\n\nDoe, J. (2020). A page. Retrieved from {url}\n")
    for fmt in ("json", "github", "junit"):
        run = check([str(j), str(t), *[a if a != "json" else fmt for a in FAST]], cwd=tmp_path)
        assert run.code == 1, run.err
        assert_clean(run.out + run.err)


def test_the_github_token_goes_to_github_only(site: Scripted, tmp_path: Path) -> None:
    token = "ghp_" + SECRET + "TOKEN"
    before = len(site.heads)
    run = check([str(write_bib(tmp_path, [site.url("/ok/t")])), *FAST, "--github-token", token], cwd=tmp_path)
    assert run.code == 0
    assert not any(token in h for h in site.heads[before:])
    assert token not in run.out + run.err
