"""The check stage: in this process, or sharded by host over worker processes.

(See ``check_feed``.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from citekeeper.links.checker import Checker
from citekeeper.links.verdict import Result, Target


async def check_feed(checker: Checker, feed: AsyncIterator[list[Target]],
                     record: Callable[[Target, Result], None], jobs: int = 0) -> None:
    """Check every target of ``feed``; ``record`` gets each result as it arrives."""
    await checker.check_feed(feed, record)
