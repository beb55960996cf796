"""Fixtures for enrich's tests: the registry look-alikes, started once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from lookalike import Lookalike, options_for
from seeds import SEEDS

from citekeeper.enrich.runner import EnrichOptions


@pytest.fixture(scope="session")
def registry() -> Iterator[Lookalike]:
    r = Lookalike(SEEDS).start()
    yield r
    r.stop()


@pytest.fixture
def opts(registry: Lookalike) -> EnrichOptions:
    return options_for(registry)
