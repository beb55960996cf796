"""Run the tests on uvloop's event loop: ``CITEKEEPER_EVENT_LOOP=uvloop``.

Loaded by ``tests/links/conftest.py``; for other folders, as a plugin::

    CITEKEEPER_EVENT_LOOP=uvloop PYTHONPATH=tests/links python3 -m pytest -p loop_policy tests/cli

The checking shards follow the variable themselves (``links.shard.loop_factory``);
this makes every ``asyncio.run`` of the tests -- and of the CLI run in the test
process -- use uvloop too, so the transport, the attack cases and the CLI are
exercised under both loops (signals, TLS, ``sock_connect``, non-blocking pipes).
"""

from __future__ import annotations

import asyncio
import os


def pytest_configure(config: object) -> None:
    if os.environ.get("CITEKEEPER_EVENT_LOOP", "").strip().lower() == "uvloop":
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def pytest_report_header(config: object) -> str:
    return f"event loop policy: {type(asyncio.get_event_loop_policy()).__module__}"
