"""The URL checker against real local servers: one behaviour per test."""

from __future__ import annotations

import asyncio
import dataclasses

from linkservers import LocalWeb, run_url

from citekeeper.links.checker import Checker
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.judge import sent_home, soft_404_text
from citekeeper.links.retry import parse_retry_after
from citekeeper.links.verdict import Status, Target


def test_ok(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/ok"))
    assert (r.status, r.http_status) == (Status.OK, 200)


def test_404_and_410_are_broken(web: LocalWeb, settings: HttpSettings) -> None:
    for path in ("/404", "/410"):
        r = run_url(settings, web.url(path))
        assert r.status is Status.BROKEN and r.http_status == int(path[1:])


def test_500_is_transient_after_the_retries(web: LocalWeb, settings: HttpSettings) -> None:
    before = web.requests["/500"]
    r = run_url(settings, web.url("/500"))
    assert r.status is Status.TRANSIENT and "3 attempts" in r.reason
    assert web.requests["/500"] - before == 3


def test_401_is_blocked(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/401")).status is Status.BLOCKED


def test_head_refused_then_get(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, method="head")
    for path in ("/head403", "/head405"):
        r = run_url(s, web.url(path))
        assert r.status is Status.OK, r.reason
        assert web.methods[("HEAD", path)] >= 1 and web.methods[("GET", path)] >= 1


def test_file_link_gets_head_only(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/paper.pdf"))
    assert r.status is Status.OK
    assert web.methods[("HEAD", "/paper.pdf")] == 1 and web.methods[("GET", "/paper.pdf")] == 0


def test_429_then_200_is_ok(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/429once/a"))
    assert r.status is Status.OK and web.requests["/429once/a"] == 2


def test_503_then_200_is_ok(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/503once/a")).status is Status.OK


def test_429_forever_is_transient(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/always429/x"))
    assert r.status is Status.TRANSIENT and r.http_status == 429


def test_retry_after_over_the_cap_gives_up_at_once(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/retry-after-long/x"))
    assert r.status is Status.TRANSIENT and "Retry-After" in r.reason
    assert web.requests["/retry-after-long/x"] == 1


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None


def test_redirect_chain_records_final_url(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/chain/3"))
    assert r.status is Status.OK and r.final_url == web.url("/chain/0") and r.redirects == 3


def test_ten_redirects_are_allowed(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/chain/10")).status is Status.OK


def test_fifteen_redirects_are_too_many(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/chain/15"))
    assert r.status is Status.BROKEN and "too many redirects" in r.reason


def test_redirect_loop(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/loop/a"))
    assert r.status is Status.BROKEN and "loop" in r.reason


def test_permanent_redirect_suggests_new_url(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/moved"))
    assert r.status is Status.REDIRECTED and r.suggestion == web.url("/ok/new-home")


def test_suggestion_stops_at_first_temporary_hop(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/moved-then-temp"))
    assert r.status is Status.REDIRECTED and r.suggestion == web.url("/temp")


def test_temporary_redirect_is_ok(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/found"))
    assert r.status is Status.OK and r.final_url == web.url("/ok/elsewhere")


def test_soft_404_page(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/soft404/article"))
    assert r.status is Status.BROKEN and "soft 404" in r.reason


def test_soft_404_in_russian(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/ru-soft404")).status is Status.BROKEN


def test_deep_link_sent_home_is_soft_404(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/deleted/article-17"))
    assert r.status is Status.BROKEN and "home page" in r.reason


def test_deep_link_redirected_to_login_is_soft_404(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/needs-login/x"))
    assert r.status is Status.BROKEN and "login page" in r.reason


def test_slow_headers_time_out(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, timeout=0.3, retries=0)
    r = run_url(s, web.url("/slow-headers"))
    assert r.status is Status.TRANSIENT and "timed out" in r.reason


def test_slow_drip_body_is_ok(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, timeout=0.5)
    assert run_url(s, web.url("/drip")).status is Status.OK


def test_closed_connection(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/close"))
    assert r.status is Status.BROKEN and "closed" in r.reason


def test_reset_connection(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/reset"))
    assert r.status is Status.BROKEN and "reset" in r.reason


def test_refused_port(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, f"http://127.0.0.1:{web.refused_port}/")
    assert r.status is Status.BROKEN and "refused" in r.reason


def test_ten_megabyte_page_is_ok(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/big")).status is Status.OK


def test_gzip_bomb_is_read_with_a_cap(web: LocalWeb, settings: HttpSettings) -> None:
    async def go() -> tuple[int, Status]:
        async with Checker(settings) as c:
            ex = await c.fetcher.fetch(web.url("/bomb"))
            r = await c.check_url(web.url("/bomb"))
        return len(ex.body), r.status

    size, status = asyncio.run(go())
    assert size <= settings.body_bytes and status is Status.OK
    assert len(web.bomb) < 2 << 20  # the bomb inflates to 128 MiB; we kept 64 KB


def test_unknown_host_is_broken(settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, timeout=2.0, retries=0)
    r = run_url(s, "http://no-such-host.invalid/page")
    assert r.status in (Status.BROKEN, Status.TRANSIENT)


def test_non_http_scheme_is_skipped(settings: HttpSettings) -> None:
    assert run_url(settings, "mailto:someone@example.org").status is Status.SKIPPED


def test_redirect_to_ftp_is_broken(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/to-ftp")).status is Status.BROKEN


def test_per_host_limit_is_never_exceeded(web: LocalWeb, settings: HttpSettings) -> None:
    s = dataclasses.replace(settings, per_host=2)
    targets = [Target("url", web.url(f"/slowish/{i}")) for i in range(12)]

    async def go() -> int:
        async with Checker(s) as c:
            res = await c.check_all(targets)
        return sum(r.status is Status.OK for r in res.values())

    assert asyncio.run(go()) == 12
    assert web.max_inflight["/slowish"] == 2


def test_soft_404_text_and_home_rules() -> None:
    assert soft_404_text(b"<title>Error 404 - Example</title>")
    assert soft_404_text(b"<h1>Page introuvable</h1>")
    assert not soft_404_text(b"<title>Finding the lost ark</title>")
    assert soft_404_text(b"<title>Example Site</title><p>Sorry, the page was not found.</p>")
    assert not soft_404_text(b"<title>Example Site</title><script>var e='page not found'</script>")
    long_page = b"<title>A study</title><p>" + b"Words about things. " * 60 + b"page not found</p>"
    assert not soft_404_text(long_page)
    assert sent_home("https://ex.org/a/b", "https://ex.org/")
    assert not sent_home("https://ex.org/", "https://ex.org/")
    assert not sent_home("https://ex.org/a", "https://ex.org/b")


def test_a_429_lowers_the_host_limit(web: LocalWeb, settings: HttpSettings) -> None:
    targets = [Target("url", web.url(f"/limit2/{i}")) for i in range(24)]

    async def go() -> list[Status]:
        async with Checker(settings) as c:  # per-host 4: the server allows 2
            res = await c.check_all(targets)
        return [r.status for r in res.values()]

    assert asyncio.run(go()) == [Status.OK] * 24
    assert web.limited <= 2  # two 429s bring the limit from 4 to 2; then none


def test_head_hang_up_is_asked_again_with_get(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(dataclasses.replace(settings, retries=0), web.url("/head-hangup/paper.pdf"))
    assert r.status is Status.OK


def test_redirect_to_an_error_page_is_soft_404(web: LocalWeb, settings: HttpSettings) -> None:
    r = run_url(settings, web.url("/gone-to-error/a"))
    assert r.status is Status.BROKEN and "error page" in r.reason


def test_redirect_to_a_language_home_is_soft_404(web: LocalWeb, settings: HttpSettings) -> None:
    assert run_url(settings, web.url("/to-lang-home/article")).status is Status.BROKEN
