"""Fixtures for enrich's tests: the registry look-alikes, started once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from lookalike import Lookalike
from seeds import SEEDS

from citekeeper.enrich.runner import EnrichOptions
from citekeeper.links.http import HttpSettings


@pytest.fixture(scope="session")
def registry() -> Iterator[Lookalike]:
    r = Lookalike(SEEDS).start()
    yield r
    r.stop()


def options_for(r: Lookalike, **kw: object) -> EnrichOptions:
    """Options pointing every service at the look-alikes; fast timeouts and back-offs."""
    http = HttpSettings(allow_private=True, timeout=1.0, backoff=0.02, doi_api=r.url("handle"))
    base: dict[str, object] = dict(http=http, crossref_api=r.url("crossref"), datacite_api=r.url("datacite"),
                                   openalex_api=r.url("openalex"), rate=500.0)
    base.update(kw)
    return EnrichOptions(**base)  # type: ignore[arg-type]


@pytest.fixture
def opts(registry: Lookalike) -> EnrichOptions:
    return options_for(registry)
