"""Archived copies: the capture nearest the access date *with status 200*, then Memento."""

from __future__ import annotations

import asyncio

from linkservers import MEMENTO_ONLY, MEMENTO_TS, LocalWeb

from citekeeper.links.archive import ArchiveSettings, find_archive, nearest_good, parse_capture
from citekeeper.links.http import Checker, HttpSettings
from citekeeper.links.verdict import Archive


def lookup(settings: HttpSettings, arch: ArchiveSettings, url: str, date: str) -> tuple[Archive | None, str]:
    async def go() -> tuple[Archive | None, str]:
        async with Checker(settings) as c:
            return await find_archive(c, arch, url, date)

    return asyncio.run(go())


def archive_settings(web: LocalWeb) -> ArchiveSettings:
    return ArchiveSettings(wayback_api=web.url("/wayback/available"),
                           cdx_api=web.url("/cdx/search/cdx"), memento_api=web.url("/timegate"))


def test_nearest_good_capture_skips_bad_statuses() -> None:
    caps = [("20090105120000", "200"), ("20140601120000", "200"),
            ("20190301120000", "302"), ("20230101120000", "404")]
    assert nearest_good(caps, "20211130") == "20140601120000"
    assert nearest_good(caps, "20100101") == "20090105120000"
    assert nearest_good(caps, "") == "20140601120000"  # no date: the latest good one
    assert nearest_good([("20200101000000", "404")], "2020") is None


def test_access_date_picks_the_nearest_good_capture(web: LocalWeb, settings: HttpSettings) -> None:
    # The availability look-alike answers the 2019 capture (a 302): CDX must overrule it.
    arch, _ = lookup(settings, archive_settings(web), web.url("/404"), "2021-11-30")
    assert arch is not None and arch.timestamp == "20140601120000" and arch.source == "cdx"
    assert arch.url == web.url("/web/20140601120000/") + web.url("/404")


def test_older_access_date_picks_the_older_capture(web: LocalWeb, settings: HttpSettings) -> None:
    arch, _ = lookup(settings, archive_settings(web), web.url("/404"), "2010-06-15")
    assert arch is not None and arch.timestamp == "20090105120000"


def test_without_cdx_the_availability_answer_is_used(web: LocalWeb, settings: HttpSettings) -> None:
    s = archive_settings(web)
    s = ArchiveSettings(wayback_api=s.wayback_api, cdx_api=f"http://127.0.0.1:{web.refused_port}/cdx",
                        memento_api=s.memento_api, web_base=web.url("/web"))
    arch, _ = lookup(settings, s, web.url("/410"), "2012-01-01")
    assert arch is not None and arch.source == "wayback" and arch.timestamp == "20100101000000"


def test_memento_timegate_fallback(web: LocalWeb, settings: HttpSettings) -> None:
    arch, _ = lookup(settings, archive_settings(web), web.url(MEMENTO_ONLY), "2020-01-01")
    assert arch is not None and arch.source == "memento" and arch.timestamp == MEMENTO_TS


def test_no_archive_anywhere(web: LocalWeb, settings: HttpSettings) -> None:
    arch, note = lookup(settings, archive_settings(web), web.url("/never-archived"), "2020-01-01")
    assert arch is None and note


def test_wayback_capture_urls_are_recognised() -> None:
    assert parse_capture("https://web.archive.org/web/20100615000000/http://ex.org/a") == (
        "http://ex.org/a", "20100615000000")
    assert parse_capture("https://web.archive.org/web/2010id_/https://ex.org/a?b=1") == (
        "https://ex.org/a?b=1", "20100000000000")
    assert parse_capture("https://example.org/web/2010/http://ex.org") is None
    assert parse_capture("http://127.0.0.4:80/web/20100615000000/http://x.org/",
                         frozenset({"127.0.0.4:80"})) == ("http://x.org/", "20100615000000")
