"""A progress bar on a terminal, silence everywhere else (CI logs, pipes)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click

T = TypeVar("T")


def show_progress(enabled: bool | None = None) -> bool:
    """True when stderr is a terminal and progress was not turned off."""
    if enabled is not None:
        return enabled
    return sys.stderr.isatty()


@contextmanager
def progress(items: Iterable[T], label: str, length: int | None = None, enabled: bool | None = None) -> Iterator[Iterable[T]]:
    """Wrap ``items`` in a click progress bar on stderr when on a terminal."""
    if not show_progress(enabled):
        yield items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield bar
