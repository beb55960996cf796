"""A bad ``[tool.citekeeper.<command>]`` key or value names pyproject.toml and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main
from citekeeper.cli._settings import key_line

BIB = "@book{a, author={Roe, Ann}, title={A}, publisher={P}, year=2001}\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    return tmp_path


def test_lint_unknown_key_names_file_and_line(capsys, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.citekeeper.lint]\ndisable = []\nnosuch = 1\n', encoding="utf-8")
    code, _, err = run(capsys, "lint", "a.bib")
    assert code == 2
    assert err.strip().splitlines() == [
        f"citekeeper: error: {project / 'pyproject.toml'}:6: [tool.citekeeper.lint]: unknown setting "
        "'nosuch'; known: disable, fail-on"]


def test_lint_bad_value_names_its_line(capsys, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.citekeeper.lint]\n\nfail-on = "bad"\n', encoding="utf-8")
    code, _, err = run(capsys, "lint", "a.bib")
    assert code == 2 and "pyproject.toml:3: [tool.citekeeper.lint] fail-on must be one of" in err


def test_lint_underscore_spelling_is_the_option(capsys, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.citekeeper.lint]\nfail_on = "never"\n', encoding="utf-8")
    code, _, err = run(capsys, "lint", "a.bib")
    assert code == 0 and "error" not in err


def test_enrich_unknown_key_names_line(capsys, project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.citekeeper.enrich]\n\nmailtoo = "me@example.org"\n',
                                            encoding="utf-8")
    code, _, err = run(capsys, "enrich", "a.bib", "--no-cache")
    assert code == 2 and "pyproject.toml:3: [tool.citekeeper.enrich]: unknown setting 'mailtoo'" in err


def test_key_line_dotted_and_quoted(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.citekeeper]\nlint.disable = "x"\n[tool.citekeeper.render]\n"style" = "apa"\n',
                    encoding="utf-8")
    assert key_line(path, "lint", "disable") == 2
    assert key_line(path, "render", "style") == 4
    assert key_line(path, "render", "locale") is None
