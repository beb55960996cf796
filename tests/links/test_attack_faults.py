"""Attack harness, part 5: signals, full and read-only disks, descriptor limits.

Each case runs ``citekeeper check`` as its own process, because that is the only
honest way to deliver a signal, a ``ulimit`` or a full device: SIGINT/SIGTERM
mid-run (exit 130, what was checked is kept, a rerun resumes, no worker left
behind), a reader that closes the pipe, ``/dev/full`` as every output, a file-size
limit, read-only files and folders (as root, with the capabilities that ignore file
modes dropped by ``setpriv``), and descriptor limits far below the links' hosts.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_credentials import cdx, wayback
from test_attack_hostile import FAST, Req, Scripted, cli_proc, not_found, ok, page, write_bib

ARGS = [a for a in FAST if a != "--no-cache"]


async def slow(r: Req) -> bool:
    await asyncio.sleep(0.02)
    r.send(page("slow but fine"))
    return True


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "slow": slow, "gone": not_found, "wayback": wayback, "cdx": cdx,
                  "timegate": not_found}).start()
    yield s
    s.stop()


def stored(cache: Path) -> int:
    try:
        with sqlite3.connect(cache, timeout=0.2) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


def interrupted_run(site: Scripted, tmp_path: Path, sig: int, times: int = 1, n: int = 60,
                    extra: tuple[str, ...] = ()) -> tuple[Path, Path, int]:
    """Start a run, let it store some results, send ``sig`` (``times`` times); returns (bib, cache, kept)."""
    tag = f"{sig}-{times}-{len(extra)}"
    p = write_bib(tmp_path, [site.url(f"/slow/{tag}-{i}") for i in range(n)])
    cache = tmp_path / "links.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "citekeeper", "check", str(p), *ARGS, "--cache", str(cache),
                             "--per-host", "1", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path)
    for _ in range(600):
        time.sleep(0.02)
        if stored(cache) >= 5:
            break
    for _ in range(times):
        proc.send_signal(sig)
        time.sleep(0.01)
    _, err = proc.communicate(timeout=30)
    # a second Ctrl-C while stopping may end the process by the signal itself: the shell's $? is 130 too
    assert proc.returncode == 130 or (times > 1 and proc.returncode == -sig), (proc.returncode, err)
    assert "Traceback" not in err and "rerun" in err, err
    assert len(err.strip().splitlines()) <= 3, err
    kept = stored(cache)
    assert 5 <= kept < n, kept
    return p, cache, kept


@pytest.mark.parametrize(("sig", "times"), [(signal.SIGINT, 1), (signal.SIGTERM, 1), (signal.SIGINT, 3)])
def test_a_signal_mid_run_keeps_the_work_and_a_rerun_resumes(site: Scripted, tmp_path: Path, sig: int,
                                                             times: int) -> None:
    p, cache, kept = interrupted_run(site, tmp_path, sig, times)
    before = site.hits["slow"]
    res = cli_proc([str(p), *ARGS, "--cache", str(cache)], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)["results"]
    assert len(rows) == 60 and {r["status"] for r in rows} == {"ok"}
    assert sum(r["cached"] for r in rows) == kept
    assert site.hits["slow"] - before == 60 - kept


def test_sigterm_to_a_sharded_run_leaves_no_worker_behind(site: Scripted, tmp_path: Path) -> None:
    p = write_bib(tmp_path, [site.url(f"/slow/shard-{i}") for i in range(5000)])
    p.write_text(p.read_text().replace("title = {", "title = {A title long enough to make the file large, ") )
    assert p.stat().st_size > 512 * 1024  # large enough to be sharded (links/parallel.py)
    cache = tmp_path / "links.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "citekeeper", "check", str(p), *ARGS, "--cache", str(cache),
                             "--jobs", "2", "--per-host", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path, start_new_session=True)
    children: set[int] = set()
    for _ in range(600):
        time.sleep(0.02)
        children |= {int(x) for x in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                      text=True).stdout.split()}
        if stored(cache) >= 5:
            break
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    time.sleep(0.3)
    alive = []
    for pid in children:
        try:
            os.kill(pid, 0)
            alive.append(pid)
        except ProcessLookupError:
            pass
    for pid in alive:  # do not leave them running whatever the verdict
        os.kill(pid, signal.SIGKILL)
    assert children, "the run was not sharded"
    assert not alive, f"workers {alive} outlived their parent"
    assert stored(cache) >= 5
    assert "Traceback" not in err, err


def test_a_reader_that_closes_the_pipe(site: Scripted, tmp_path: Path) -> None:
    p = write_bib(tmp_path, [site.url(f"/ok/pipe-{i}") for i in range(1500)])
    args = [a if a != "json" else "text" for a in FAST]
    proc = subprocess.Popen([sys.executable, "-m", "citekeeper", "check", str(p), *args, "-v"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # as `| head -c 100` does
    err = proc.stderr.read().decode()
    proc.wait(30)
    assert "Traceback" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("how", ["output", "stdout-json", "stdout-text", "report"])
def test_a_full_disk_for_the_report_is_exit_4(site: Scripted, tmp_path: Path, how: str) -> None:
    p = write_bib(tmp_path, [site.url("/ok/full")])
    args = [a if a != "json" else ("text" if how == "stdout-text" else "json") for a in FAST]
    if how == "output":
        res = cli_proc([str(p), *args, "--output", "/dev/full"], cwd=tmp_path)
    elif how == "report":
        res = cli_proc([str(p), *args, "--report", "junit:/dev/full"], cwd=tmp_path)
    else:
        with open("/dev/full", "w") as full:
            res = cli_proc([str(p), *args], cwd=tmp_path, capture_output=False, stdout=full,
                           stderr=subprocess.PIPE)
    assert res.returncode == 4, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
    if how in ("output", "report"):
        assert "/dev/full" in res.stderr


def test_a_file_size_limit_on_the_report(site: Scripted, tmp_path: Path) -> None:
    p = write_bib(tmp_path, [site.url(f"/ok/fsize-{i}") for i in range(300)])
    out = tmp_path / "out" / "report.json"
    res = cli_proc([str(p), *FAST, "-v", "--output", str(out)], cwd=tmp_path,
                   limits={resource.RLIMIT_FSIZE: 4096})
    assert res.returncode == 4, (res.returncode, res.stderr)
    assert str(out) in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()  # no half report left where the whole one was expected


def _unprivileged() -> tuple[str, ...]:
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip("root, and no setpriv to drop the capabilities that ignore file modes")
    return ("setpriv", "--inh-caps=-all", "--bounding-set=-all")


def test_a_read_only_cache_file_is_read_and_not_written(site: Scripted, tmp_path: Path) -> None:
    prefix = _unprivileged()
    p = write_bib(tmp_path, [site.url("/ok/ro-1"), site.url("/gone/ro-2")])
    cache = tmp_path / "links.sqlite"
    first = cli_proc([str(p), *ARGS, "--cache", str(cache)], cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    cache.chmod(0o444)
    before = cache.read_bytes()
    p2 = write_bib(tmp_path, [site.url("/ok/ro-1"), site.url("/gone/ro-2"), site.url("/ok/ro-3")], "more.bib")
    res = cli_proc([str(p2), *ARGS, "--cache", str(cache)], cwd=tmp_path, prefix=prefix)
    assert res.returncode == 1, res.stderr
    rows = json.loads(res.stdout)["results"]
    assert [r["cached"] for r in rows] == [True, True, False]
    assert len([w for w in res.stderr.splitlines() if "cache" in w]) == 1, res.stderr
    assert cache.read_bytes() == before


@pytest.mark.parametrize("what", ["cache-folder", "output-folder", "fix-bib"])
def test_read_only_folders_and_files(site: Scripted, tmp_path: Path, what: str) -> None:
    prefix = _unprivileged()
    folder = tmp_path / "ro"
    folder.mkdir()
    p = write_bib(folder if what == "fix-bib" else tmp_path, [site.url("/ok/rof"), site.url("/gone/rof")])
    args = [*ARGS]
    env = {"CITEKEEPER_WAYBACK_API": site.url("/wayback/available"), "CITEKEEPER_CDX_API": site.url("/cdx/search"),
           "CITEKEEPER_MEMENTO_API": site.url("/timegate")}
    if what == "cache-folder":
        args += ["--cache", str(folder / "links.sqlite")]
    elif what == "output-folder":
        args += ["--no-cache", "--output", str(folder / "report.json")]
    else:
        args = [a for a in args if a not in ("--archive", "none")] + ["--no-cache", "--fix"]
        p.chmod(0o444)
    folder.chmod(0o555)
    try:
        res = cli_proc([str(p), *args], cwd=tmp_path, prefix=prefix, env=env)
    finally:
        folder.chmod(0o755)
    if what == "fix-bib":
        assert "archiveurl" not in p.read_text()
    assert "Traceback" not in res.stderr, res.stderr
    if what == "output-folder":
        assert res.returncode == 4 and str(folder / "report.json") in res.stderr, res.stderr
    else:
        assert res.returncode == 1, res.stderr
        assert len(json.loads(res.stdout)["results"]) == 2
        assert [w for w in res.stderr.splitlines() if w.startswith("warning:")], res.stderr


@pytest.mark.parametrize("nofile", [40, 64])
def test_every_link_is_checked_with_few_descriptors(tmp_path: Path, nofile: int) -> None:
    from hostile import MultiHost

    farm = MultiHost(30).start()
    try:
        urls = [f"http://{h}:{farm.port}/p/{nofile}-{i}" for i in range(4) for h in farm.hosts]
        res = cli_proc([str(write_bib(tmp_path, urls)), *FAST, "--max-connections", "512", "--per-host", "8"],
                       cwd=tmp_path, limits={resource.RLIMIT_NOFILE: nofile})
        assert res.returncode == 0, res.stderr[-2000:]
        rows = json.loads(res.stdout)["results"]
        assert len(rows) == 120 and {r["status"] for r in rows} == {"ok"}, \
            {r["reason"] for r in rows if r["status"] != "ok"}
        assert farm.max_open <= nofile
    finally:
        farm.stop()


def test_a_sharded_run_checks_every_link_with_few_descriptors(tmp_path: Path) -> None:
    """Each worker process has its own budget under the one limit: still every link."""
    from hostile import MultiHost

    farm = MultiHost(20).start()
    try:
        urls = [f"http://{h}:{farm.port}/p/shard-{i}" for i in range(60) for h in farm.hosts]
        p = write_bib(tmp_path, urls)
        p.write_text(p.read_text().replace("title = {", "title = {" + "A title long enough to make the file large. " * 12))
        assert p.stat().st_size > 512 * 1024  # sharded (links/parallel.py)
        res = cli_proc([str(p), *FAST, "--jobs", "2"], cwd=tmp_path, limits={resource.RLIMIT_NOFILE: 64})
        assert res.returncode == 0, res.stderr[-2000:]
        rows = json.loads(res.stdout)["results"]
        assert len(rows) == 1200 and {r["status"] for r in rows} == {"ok"}, \
            {r["reason"] for r in rows if r["status"] != "ok"}
    finally:
        farm.stop()


def test_too_few_descriptors_to_work_is_one_clear_line(tmp_path: Path) -> None:
    res = cli_proc([str(write_bib(tmp_path, ["http://127.0.0.1:9/x"])), *FAST], cwd=tmp_path,
                   limits={resource.RLIMIT_NOFILE: 12})
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    assert res.returncode in (0, 1, 2, 3, 4, 70), res.returncode
