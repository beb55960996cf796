"""Fixtures for the link checker's tests: one local web for the whole session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from linkservers import LocalWeb
from loop_policy import pytest_configure, pytest_report_header  # noqa: F401 - hooks (CITEKEEPER_EVENT_LOOP=uvloop)

from citekeeper.links.archive import ArchiveSettings
from citekeeper.links.fetch import HttpSettings
from citekeeper.links.runner import CheckOptions


@pytest.fixture(scope="session")
def web() -> Iterator[LocalWeb]:
    w = LocalWeb().start()
    yield w
    w.stop()


@pytest.fixture
def settings(web: LocalWeb) -> HttpSettings:
    """Short timeouts and back-offs so the whole suite stays fast."""
    return HttpSettings(allow_private=True, timeout=1.0, backoff=0.02, host_delay=0,
                        doi_api=web.url("/api/handles"))


@pytest.fixture
def options(web: LocalWeb, settings: HttpSettings) -> CheckOptions:
    return CheckOptions(
        http=settings,
        archive=ArchiveSettings(wayback_api=web.url("/wayback/available"),
                                cdx_api=web.url("/cdx/search/cdx"),
                                memento_api=web.url("/timegate")),
        doi_resolver=web.url("/resolve"),
    )

