"""``citekeeper lint`` end to end: exit codes, formats, --fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from citekeeper.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_example_exits_1_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml settings
    article = tmp_path / "article.txt"
    shutil.copy(EXAMPLE, article)
    code, out, _ = run(["lint", str(article), "--format", "json", "--today", "2024-07-01"], capsys)
    assert code == 1
    data = json.loads(out)["results"]
    assert len(data) == 10
    assert {d["rule"] for d in data if d["severity"] == "error"} == {"date-accessed-before-issued"}
    assert next(d for d in data if d["rule"] == "url-outlet-host")["footnote"] == 30


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "ok.txt"
    article.write_text(
        "Body (Smith, 2019).\n\nReferences\n\n- Smith, A. (2019). Trade. *Journal*, 4(2), 10–20.\n",
        encoding="utf-8",
    )
    code, out, _ = run(["lint", str(article)], capsys)
    assert code == 0 and out == "no problems found in 1 file\n"


def test_warnings_only_exit_0_and_disable(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    bib.write_text("@book{a,\n  title = {T},\n  date = {2020},\n  url = {https://x.org/?utm_source=y},\n}\n",
                   encoding="utf-8")
    code, out, _ = run(["lint", str(bib), "--format", "github"], capsys)
    assert code == 0
    assert "title=url-tracking" in out and "title=field-missing" in out
    code, out, _ = run(["lint", str(bib), "--format", "github", "--disable", "field-missing"], capsys)
    assert "field-missing" not in out
    (tmp_path / "pyproject.toml").write_text('[tool.citekeeper.lint]\ndisable = ["url-tracking"]\n')
    code, out, _ = run(["lint", str(bib), "--format", "json"], capsys)
    assert [d["rule"] for d in json.loads(out)["results"]] == ["field-missing"]


def test_fix_rewrites_bib(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    text = "@book{a,\n  title = {T},\n  publisher = {P},\n  date = {2020},\n  url = {https://x.org/?utm_source=y},\n}\n"
    bib.write_text(text, encoding="utf-8")
    code, out, err = run(["lint", str(bib), "--fix"], capsys)
    assert code == 0 and "applied 1 fix" in err and out == "no problems found in 1 file\n"
    assert "fixed: r.bib:1: a: url: https://x.org/?utm_source=y -> https://x.org/ (url-tracking)" in err.replace(str(tmp_path) + "/", "")
    assert bib.read_text(encoding="utf-8") == text.replace("?utm_source=y", "")


def test_fail_on_and_junit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A warning alone passes (exit 0, no JUnit failure) unless --fail-on warning."""
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    bib.write_text("@book{a,\n  title = {T},\n  date = {2020},\n  publisher = {P},\n"
                   "  url = {https://x.org/?utm_source=y},\n}\n", encoding="utf-8")
    code, out, _ = run(["lint", str(bib), "--format", "junit"], capsys)
    assert code == 0 and 'failures="0"' in out and "<system-out>warning:" in out
    code, out, _ = run(["lint", str(bib), "--format", "junit", "--fail-on", "warning"], capsys)
    assert code == 1 and 'failures="1"' in out
    (tmp_path / "pyproject.toml").write_text('[tool.citekeeper.lint]\nfail-on = "warning"\n')
    assert run(["lint", str(bib)], capsys)[0] == 1
    (tmp_path / "pyproject.toml").write_text('[tool.citekeeper.lint]\nfail_on = "warning"\n')
    # spelt with "_" it is the same key, as in every [tool.citekeeper.*] table (config.known_keys)
    assert run(["lint", str(bib)], capsys)[0] == 1
    (tmp_path / "pyproject.toml").write_text('[tool.citekeeper.lint]\nfail-onn = "warning"\n')
    code, _, err = run(["lint", str(bib)], capsys)
    assert code == 2 and "pyproject.toml:2:" in err and "fail-onn" in err


def test_fix_through_a_symlink_keeps_link_and_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    real = tmp_path / "library" / "all.bib"
    real.parent.mkdir()
    text = ("\ufeff% shared library\r\n@book{a,\r\n  title = {T},\r\n  publisher = {P},\r\n  date = {2020},\r\n"
            "  url = {https://x.org/?utm_source=y},\r\n}\r\n")
    real.write_bytes(text.encode("utf-8"))
    real.chmod(0o644)
    link = tmp_path / "paper.bib"
    link.symlink_to(real)
    code, _, err = run(["lint", str(link), "--fix"], capsys)
    assert code == 0 and "applied 1 fix" in err
    assert link.is_symlink() and real.stat().st_mode & 0o777 == 0o644
    assert real.read_bytes() == text.replace("?utm_source=y", "").encode("utf-8")  # BOM and CRLF kept


def test_unreadable_entry_is_reported_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    text = ("@book{ok, title = {T}, publisher = {P}, year = 2020}\n\n"
            "@article{broken title = T year 2020}\n\n@book{ok2, title = {U}, publisher = {P}, year = 2021}\n")
    bib.write_text(text, encoding="utf-8")
    code, out, _ = run(["lint", str(bib), "--format", "json"], capsys)
    results = json.loads(out)["results"]
    assert code == 1 and [(r["rule"], r["line"]) for r in results] == [("entry-unreadable", 3)]
    assert bib.read_text(encoding="utf-8") == text


def test_missing_file_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["lint", str(tmp_path / "nope.txt")], capsys)
    assert code in (2, 3) and err


def test_bad_today_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["lint", str(EXAMPLE), "--today", "soon"], capsys)
    assert code == 2 and "--today" in err
