"""``citekeeper check`` end to end against the local test web."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "links"))

from linkservers import LocalWeb

from citekeeper.cli import cli
from citekeeper.errors import CitekeeperError


@pytest.fixture(scope="module")
def web() -> Iterator[LocalWeb]:
    w = LocalWeb(bomb_mib=1).start()
    yield w
    w.stop()


def run(web: LocalWeb, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    env = web.env()
    res = runner.invoke(cli, ["check", *args, "--allow-private", "--no-cache", "--timeout", "1"],
                        env=env)
    if isinstance(res.exception, CitekeeperError):  # what main() maps to an exit code
        return res.exception.exit_code, res.stdout, res.stderr
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout, res.stderr


def write_bib(tmp_path: Path, web: LocalWeb) -> Path:
    p = tmp_path / "refs.bib"
    p.write_text(
        "% kept as is\n"
        "@misc{{alive,\n  url = {{{}}},\n  urldate = {{2020-01-01}}\n}}\n\n"
        "@misc{{dead,\n  title = {{Dead}},\n  url = {{{}}},\n  urldate = {{2021-11-30}},\n}}\n\n"
        "@article{{doi,\n  doi = {{10.5555/ok}}\n}}\n".format(web.url("/ok/cli"), web.url("/404")),
        encoding="utf-8",
    )
    return p


def test_exit_0_when_nothing_fails(web: LocalWeb, tmp_path: Path) -> None:
    p = tmp_path / "ok.bib"
    p.write_text("@misc{{a, url = {{{}}}}}\n".format(web.url("/ok/x")))
    code, out, _ = run(web, tmp_path, str(p))
    assert code == 0 and "1 ok" in out


def test_exit_1_and_json_report(web: LocalWeb, tmp_path: Path) -> None:
    p = write_bib(tmp_path, web)
    code, out, _ = run(web, tmp_path, str(p), "--format", "json")
    assert code == 1
    data = json.loads(out)
    rows = {r["key"]: r for r in data["results"]}
    assert rows["dead"]["status"] == "broken" and rows["dead"]["line"] == 9  # the url line
    assert rows["dead"]["archive"]["timestamp"] == "20140601120000"
    assert rows["doi"]["kind"] == "doi" and rows["doi"]["status"] == "ok"
    assert data["summary"]["failing"] == 1


def test_fail_on_and_usage_errors(web: LocalWeb, tmp_path: Path) -> None:
    p = tmp_path / "m.bib"
    p.write_text("@misc{{m, url = {{{}}}}}\n".format(web.url("/moved")))
    assert run(web, tmp_path, str(p))[0] == 0
    assert run(web, tmp_path, str(p), "--fail-on", "broken,redirected")[0] == 1
    assert run(web, tmp_path, str(p), "--fail-on", "nonsense")[0] == 2


def test_fix_writes_archive_fields_and_nothing_else(web: LocalWeb, tmp_path: Path) -> None:
    p = write_bib(tmp_path, web)
    before = p.read_text()
    code, _, err = run(web, tmp_path, str(p), "--fix")
    after = p.read_text()
    archive = web.url("/web/20140601120000/") + web.url("/404")
    inserted = f"\n  archiveurl = {{{archive}}},\n  archivedate = {{2014-06-01}},"
    anchor = "urldate = {2021-11-30},"
    assert after == before.replace(anchor, anchor + inserted)
    assert code == 1 and "fixed:" in err


def test_github_format_points_at_file_and_line(web: LocalWeb, tmp_path: Path) -> None:
    p = write_bib(tmp_path, web)
    _, out, _ = run(web, tmp_path, str(p), "--format", "github")
    assert f"::error file={p},line=9," in out.replace("%3A", ":")


def test_settings_from_pyproject(web: LocalWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write_bib(tmp_path, web)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citekeeper.check]\nignore = ["/404$"]\nfail-on = ["broken", "transient"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(web, tmp_path, str(p), "--format", "json")
    rows = {r["key"]: r for r in json.loads(out)["results"]}
    assert code == 0 and rows["dead"]["status"] == "skipped"


def test_unknown_setting_is_a_usage_error(web: LocalWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write_bib(tmp_path, web)
    (tmp_path / "pyproject.toml").write_text("[tool.citekeeper.check]\ntimout = 3\n")
    monkeypatch.chdir(tmp_path)
    assert run(web, tmp_path, str(p))[0] == 2


def test_cache_file_makes_the_rerun_silent(web: LocalWeb, tmp_path: Path) -> None:
    p = write_bib(tmp_path, web)
    cache = tmp_path / "cache.sqlite"
    runner = CliRunner()
    args = ["check", str(p), "--allow-private", "--cache", str(cache), "--format", "json"]
    runner.invoke(cli, args, env=web.env())
    before = web.total()
    res = runner.invoke(cli, args, env=web.env())
    assert web.total() == before
    assert json.loads(res.stdout)["summary"]["from_cache"] == 3


def test_article_text_input(web: LocalWeb, tmp_path: Path) -> None:
    art = tmp_path / "article.txt"
    art.write_text("A title\n\nSome text [1].\n\nReferences\n\n"
                   f"1. Doe J. A page. 2020. URL: {web.url('/404')} (accessed 30.11.2021).\n")
    code, out, _ = run(web, tmp_path, str(art), "--format", "json", "--archive", "none")
    data = json.loads(out)
    assert code == 1 and any(r["status"] == "broken" for r in data["results"])


def test_missing_second_file_is_an_input_error(web: LocalWeb, tmp_path: Path) -> None:
    p = write_bib(tmp_path, web)
    code, _, _ = run(web, tmp_path, str(p), str(tmp_path / "missing.bib"))
    assert code == 3
