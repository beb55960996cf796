"""Attack harness, part 4: caches that are corrupt, foreign, huge, symlinked, tampered
with or shared.

Whatever the file is, ``citekeeper check --cache FILE`` gives the whole report, warns
at most once naming the file, never writes into a file that is not its own, and
never fails with an internal error.  Rows written into our own cache by someone else
(wrong types, unknown statuses, broken JSON) are ignored and checked again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Run, Scripted, check, not_found, ok, write_bib

ARGS = [a for a in FAST if a != "--no-cache"]


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "gone": not_found}).start()
    yield s
    s.stop()


def run_with(site: Scripted, folder: Path, cache: Path | str, *extra: str) -> Run:
    p = write_bib(folder, [site.url("/ok/c1"), site.url("/gone/c2")])
    env = {"CITEKEEPER_WAYBACK_API": site.url("/wayback"), "CITEKEEPER_CDX_API": site.url("/cdx"),
           "CITEKEEPER_MEMENTO_API": site.url("/timegate")}  # all answer 404: nothing leaves loopback
    run = check([str(p), *ARGS, "--cache", str(cache), *extra], env=env, cwd=folder)
    assert run.code == 1, run.err  # the 404 fails the run: the report came
    assert [r["status"] for r in run.rows] == ["ok", "broken"], run.rows
    return run


def cache_warnings(run: Run) -> list[str]:
    return [w for w in run.err.splitlines() if w.startswith("warning:") and "cache" in w]


def made(kind: str, path: Path) -> bytes:
    """Make ``path`` into a bad cache of ``kind``; returns the bytes that must survive."""
    if kind == "text":
        path.write_text("my thesis notes, not a database\n" * 100)
    elif kind == "truncated":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 200)
        db.commit()
        db.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif kind == "header-only":
        path.write_bytes(b"SQLite format 3\x00")
    elif kind == "random":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    elif kind == "foreign-empty-results":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE results (id INTEGER PRIMARY KEY, score REAL)")
        db.execute("CREATE TABLE archives (id INTEGER)")
        db.execute("INSERT INTO results VALUES (1, 0.5)")
        db.commit()
        db.close()
    elif kind == "zip":
        import zipfile

        with zipfile.ZipFile(path, "w") as z:
            z.writestr("a.txt", "zip, not sqlite")
    elif kind == "huge-sparse":
        with path.open("wb") as f:
            f.write(b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + os.urandom(80))
            f.truncate(3 << 30)  # 3 GiB that take no disk
    return head(path)


def head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(65536)


@pytest.mark.parametrize("kind", ["text", "truncated", "header-only", "random", "foreign-empty-results", "zip",
                                  "huge-sparse"])
def test_a_bad_cache_file_warns_once_and_is_left_alone(site: Scripted, tmp_path: Path, kind: str) -> None:
    cache = tmp_path / "links.sqlite"
    keep = made(kind, cache)
    size = cache.stat().st_size
    run = run_with(site, tmp_path, cache)
    warnings = cache_warnings(run)
    assert len(warnings) <= 1, run.err
    if kind != "header-only":  # 16 bytes of header alone may be taken as an empty database
        assert len(warnings) == 1 and str(cache) in warnings[0], run.err
        assert cache.stat().st_size == size and head(cache) == keep


@pytest.mark.parametrize("target", ["text", "foreign"])
def test_a_symlinked_cache_never_writes_through_to_someone_elses_file(site: Scripted, tmp_path: Path,
                                                                       target: str) -> None:
    precious = tmp_path / "precious.db"
    if target == "text":
        precious.write_text("do not overwrite\n")
    else:
        with sqlite3.connect(precious) as db:
            db.execute("CREATE TABLE accounts (id INTEGER, name TEXT)")
            db.execute("INSERT INTO accounts VALUES (1, 'keep me')")
    before = precious.read_bytes()
    link = tmp_path / "links.sqlite"
    link.symlink_to(precious)
    run = run_with(site, tmp_path, link)
    assert len(cache_warnings(run)) == 1, run.err
    assert precious.read_bytes() == before


def test_a_dangling_symlink_and_a_symlink_to_dev_null(site: Scripted, tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.sqlite"
    dangling.symlink_to(tmp_path / "nowhere" / "x.sqlite")
    run_with(site, tmp_path, dangling)
    null = tmp_path / "null.sqlite"
    null.symlink_to("/dev/null")
    run = run_with(site, tmp_path, null)
    assert len(cache_warnings(run)) <= 1


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_a_device_as_the_cache(site: Scripted, tmp_path: Path, device: str) -> None:
    run = run_with(site, tmp_path, device)
    assert len(cache_warnings(run)) <= 1, run.err


@pytest.mark.parametrize("tamper", [
    "UPDATE results SET checked_at = 'yesterday'",
    "UPDATE results SET fail_streak = 'many'",
    "UPDATE results SET status = 'fine'",
    "UPDATE results SET details = '{not json'",
    "UPDATE results SET details = '[1, 2]'",
    "UPDATE results SET http_status = 'two hundred', redirects = 'x'",
    "UPDATE results SET reason = x'00ff00'",
    "UPDATE results SET checked_at = 1e308",
    "UPDATE results SET checked_at = -1e308",
    "UPDATE archives SET checked_at = 'soon', archive_url = 12",
    "DELETE FROM meta",
    "UPDATE meta SET value = '999' WHERE name = 'schema'",
    "DROP TABLE archives",
])
def test_rows_tampered_with_are_ignored_not_fatal(site: Scripted, tmp_path: Path, tamper: str) -> None:
    cache = tmp_path / "links.sqlite"
    run_with(site, tmp_path, cache, "--archive", "all")
    with sqlite3.connect(cache) as db:
        db.execute(tamper)
    run = run_with(site, tmp_path, cache, "--archive", "all")
    assert len(cache_warnings(run)) <= 1, run.err


def test_a_cache_in_a_folder_named_like_a_uri(site: Scripted, tmp_path: Path) -> None:
    """Characters that mean something in a SQLite URI (``?``, ``#``, ``%``) are a path, not options."""
    folder = tmp_path / "ci?mode=memory#x%20y"
    folder.mkdir()
    cache = folder / "links.sqlite"
    run_with(site, tmp_path, cache)
    assert cache.exists()
    second = run_with(site, tmp_path, cache)
    assert all(r["cached"] for r in second.rows), second.rows


def test_two_runs_sharing_one_cache_both_report(site: Scripted, tmp_path: Path) -> None:
    cache = tmp_path / "shared.sqlite"
    p = write_bib(tmp_path, [site.url(f"/ok/shared-{i}") for i in range(40)] + [site.url("/gone/shared")])
    cmd = [str(p), *ARGS, "--cache", str(cache), "--per-host", "1"]
    procs = [subprocess.Popen([sys.executable, "-m", "citekeeper", "check", *cmd], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, err
        assert "Traceback" not in err
        assert len(json.loads(out)["results"]) == 41
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 41
