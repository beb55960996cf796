"""``check``'s command line read without click (``cli.check.parse_fast``) gives what click gives.

The fast path must hand the command exactly the parameters click would, and hand every
command line it is not sure of to click (help, mistakes), so each is compared with the
click command built from the same ``OPTIONS`` table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from citekeeper.cli import check

ACCEPTED = [
    ["a.bib"],
    ["a.bib", "b.json", "c.txt"],
    ["a.bib", "--format", "json"],
    ["--format=junit", "a.bib"],
    ["a.bib", "-o", "out.txt", "--report", "json:x.json", "--report", "markdown:y.md"],
    ["a.bib", "--output=out.txt", "-v"],
    ["a.bib", "--fail-on", "broken,transient", "--archive", "all", "--fix"],
    ["a.bib", "--retractions", "--follow-doi", "--no-progress"],
    ["a.bib", "--no-follow-doi", "--progress", "--cache", "c.sqlite"],
    ["a.bib", "--no-cache", "--confirm-runs", "3", "--timeout", "2.5", "--connect-timeout", "1"],
    ["a.bib", "--read-timeout", "0.01", "--retries", "0", "--per-host", "8", "--host-delay", "0"],
    ["a.bib", "--max-connections", "64", "--method", "head", "--ignore", "example\\.org", "--ignore", "x"],
    ["a.bib", "--allow-private", "--doi-api", "http://h/api", "--doi-resolver", "http://h"],
    ["a.bib", "--wayback-api", "http://w", "--cdx-api", "http://c", "--memento-api", "http://m"],
    ["a.bib", "--max-size", "1000", "--jobs", "2", "-j", "0", "--format", "text", "--format", "github"],
    ["a.bib", "--timeout", " 3 ", "--retries", "1_0"],
    ["a.bib", "--", "--odd-name.bib"],
    ["-", "a.bib"],
    ["a.bib", "--github-token", "tok"],
]

REFUSED = [
    [],  # FILES is required
    ["--help"], ["a.bib", "-h"],
    ["a.bib", "--bogus"], ["a.bib", "--frmat", "json"],
    ["a.bib", "--format", "xml"], ["a.bib", "--format"],
    ["a.bib", "--timeout", "0"], ["a.bib", "--timeout", "abc"], ["a.bib", "-j", "-1"],
    ["a.bib", "--retries", "1.5"], ["a.bib", "--no-cache=1"], ["a.bib", "--archive", "some"],
    ["a.bib", "--per-host", "0"], ["a.bib", "--max-size", "0"],
    ["a.bib", "--report", "xx"], ["a.bib", "--report", "json:"], ["a.bib", "--report", "pdf:x"],
    ["a.bib", "-vj2"],  # clusters of short options: click reads them
    ["a.bib", "--fail-on", "--fix"],  # a value that looks like an option: click decides
]


def click_params(args: list[str]) -> dict[str, object] | None:
    try:
        ctx = check.command.make_context("check", list(args))
    except (click.ClickException, click.exceptions.Exit):
        return None
    return dict(ctx.params)


@pytest.mark.parametrize("args", ACCEPTED)
def test_the_fast_path_gives_what_click_gives(args: list[str], monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    fast = check.parse_fast(args)
    assert fast is not None
    assert fast == click_params(args)


@pytest.mark.parametrize("args", REFUSED)
def test_what_the_fast_path_refuses_goes_to_click(args: list[str], monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert check.parse_fast(args) is None
    if args not in (["a.bib", "-vj2"], ["a.bib", "--fail-on", "--fix"]):
        params = click_params(args)
        reports = params["reports"] if params else ()
        bad_report = any(not r.partition(":")[2] or r.partition(":")[0] not in check.FORMATS for r in reports)
        assert params is None or bad_report  # click refuses it too (a bad --report: the command does)


def test_the_token_comes_from_the_environment_as_click_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "from-env")
    assert check.parse_fast(["a.bib"]) == click_params(["a.bib"])
    assert check.parse_fast(["a.bib", "--github-token", "given"]) == click_params(["a.bib", "--github-token", "given"])
    monkeypatch.setenv("GITHUB_TOKEN", "")
    assert check.parse_fast(["a.bib"]) == click_params(["a.bib"])


def test_a_directory_or_an_unreadable_file_goes_to_click(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    for args in (["d"], ["a.bib", "-o", "d"], ["a.bib", "--cache", "d"]):
        assert check.parse_fast(args) is None
        assert click_params(args) is None


def test_the_report_formats_are_the_writers() -> None:
    from citekeeper.links.report import FORMATS

    assert tuple(FORMATS) == check.FORMATS


def test_a_check_imports_no_click(tmp_path: Path) -> None:
    # The whole command -- read, check, report -- without click: 30 ms of start-up.
    bib = tmp_path / "a.bib"
    bib.write_text("@misc{a, url = {http://127.0.0.1:9/x}}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from citekeeper.cli import main\n"
        "try:\n"
        f"    main(['check', {str(bib)!r}, '--no-cache', '--archive', 'none', '--format', 'json'])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code, 'click' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stderr.strip().endswith("exit 0 False")
    assert '"skipped"' in out.stdout  # a private address, refused without --allow-private


def test_help_and_mistakes_still_come_from_click(tmp_path: Path) -> None:
    help_ = subprocess.run([sys.executable, "-m", "citekeeper", "check", "--help"], capture_output=True, text=True,
                           cwd=tmp_path)
    assert help_.returncode == 0 and "Usage: citekeeper check [OPTIONS] FILES..." in help_.stdout
    assert "--github-token TEXT" in help_.stdout and "[env var:" in help_.stdout and "--jobs INTEGER" in help_.stdout
    bad = subprocess.run([sys.executable, "-m", "citekeeper", "check", "a.bib", "--frmat", "json"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2 and "No such option '--frmat'. Did you mean '--format'?" in bad.stderr


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_echo_writes_what_click_echo_writes(encoding: str) -> None:
    # Without click loaded (the fast path) and through click, the same bytes: ANSI escapes
    # dropped off a terminal; an ASCII stream rewrapped as click does.
    message = "caf\u00e9 \x1b[31mred\x1b[0m done"
    outs = []
    for how in ("from citekeeper.cli import echo", "from click import echo"):
        code = f"{how}\necho({message!r}); echo({message!r}, err=True); echo('x', nl=False)\n"
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False,
                           env={"PYTHONIOENCODING": encoding, "PATH": "/usr/bin:/bin"})
        outs.append((p.returncode, p.stdout, p.stderr))
    assert outs[0] == outs[1]
    assert outs[0][1] == "caf\u00e9 red done\nx".encode()
