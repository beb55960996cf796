"""What ``check`` imports before its checking shards are forked.

The modules the parent needs to read its options and start the shards import no
checker (asyncio, the transport, the judge): ``shard.preload`` imports it just before
the fork, so the shards inherit it, and a run with one checking process imports it
when its loop starts -- not every command that only reads ``links.options``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("asyncio", "ssl", "yarl", "citekeeper.links.checker", "citekeeper.links.transport",
         "citekeeper.links.fetch", "citekeeper.links.judge")


def test_what_runs_before_the_fork_imports_no_checker() -> None:
    code = (
        "import sys\n"
        "import citekeeper.cli.check, citekeeper.links.runner, citekeeper.links.settings\n"
        "import citekeeper.links.report, citekeeper.links.shard, citekeeper.links.options\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_fetch_api_still_exports_its_settings() -> None:
    from citekeeper.links import fetch, options, runner

    assert fetch.HttpSettings is options.HttpSettings
    assert fetch.USER_AGENT == options.USER_AGENT
    assert runner.CheckOptions is options.CheckOptions


def test_the_shards_inherit_the_checker_from_the_parent() -> None:
    # Imported once before the fork (``shard.preload``), not by each shard on a core
    # the parent, the other shard and the readers also want (README, fifth session).
    code = (
        "import sys\n"
        "from citekeeper.links import shard\n"
        "shard.preload()\n"
        "print(','.join(m for m in ('asyncio', 'citekeeper.links.checker', 'citekeeper.links.transport')"
        " if m not in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_checking_shard_imports_no_judge_or_yarl_before_its_first_request() -> None:
    # What a shard imports before it sends anything: the checker, not the soft-404
    # patterns (compiled while the first requests are out) nor yarl (redirects only).
    code = (
        "import sys\n"
        "import asyncio, citekeeper.links.checker, citekeeper.links.fetch\n"
        "print(','.join(m for m in ('citekeeper.links.judge', 'yarl') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_options_without_a_cache_import_neither_sqlite_nor_the_process_pool() -> None:
    # These come after the fork when they are needed at all (the cache when one is used,
    # the reading pool once the shards are forked, the model with the reader): 7 ms
    # sooner to the first request.
    code = (
        "import sys\n"
        "import citekeeper.cli.check, citekeeper.links.runner, citekeeper.links.report\n"
        "from citekeeper.links.settings import build_options\n"
        "build_options({'no_cache': True}, {})\n"
        "from citekeeper.links import parallel\n"
        "parallel.jobs_for(['x.bib'], 0)\n"
        "print(','.join(m for m in ('sqlite3', 'concurrent.futures', 'citekeeper.model') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_run_with_no_pyproject_parses_no_toml(tmp_path: Path) -> None:
    # An article's repository often has no pyproject.toml: the settings are {} without
    # tomllib (2.6 ms before the first request).
    code = (
        "import sys\n"
        "import citekeeper.cli.check, citekeeper.links.runner, citekeeper.links.shard\n"
        "from citekeeper.config import load_settings\n"
        "assert load_settings('check') == {}\n"
        "print('tomllib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "False"


def test_the_report_writers_come_after_the_check() -> None:
    # ``cli.check`` imports the writers (and json) once the links are checked; --report
    # specs are checked against their names before any request.
    code = (
        "import sys\n"
        "import citekeeper.cli.check, citekeeper.links.runner, citekeeper.links.shard\n"
        "from citekeeper.links.settings import build_options\n"
        "build_options({'no_cache': True}, {})\n"
        "citekeeper.links.shard.preload()\n"
        "print(','.join(m for m in ('json', 'citekeeper.links.report') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
