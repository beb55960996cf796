"""A directory where a file belongs is one line naming it: exit 3 as input, 4 as output.

Before: click refused it first, with four lines of usage and exit 2 ("Invalid value for
'FILES...': File 'refs' is a directory."), unlike ``extract`` and unlike the README's
exit codes (a path that cannot be read is an input error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.cli import main

BIB = "@book{a, author={Roe, Ann}, title={A book}, publisher={P}, year=2001}\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


@pytest.mark.parametrize("args", [
    ("convert", "{d}", "-", "--to", "ris"), ("export", "{d}", "--to", "ris"), ("render", "{d}"),
    ("lint", "{d}"), ("cite", "{d}", "a"), ("parse", "-f", "{d}"), ("enrich", "{d}", "--no-cache"),
])
def test_a_directory_as_input_is_an_input_error(capsys, tmp_path: Path, args: tuple[str, ...]) -> None:
    d = tmp_path / "my refs.bib"
    d.mkdir()
    code, _, err = run(capsys, *[a.format(d=d) for a in args])
    assert (code, err) == (3, f"citekeeper: error: {d}: is a directory, not a file\n")


@pytest.mark.parametrize("args", [
    ("export", "{bib}", "--to", "ris", "-o", "{d}"), ("render", "{bib}", "-o", "{d}"),
    ("lint", "{bib}", "-o", "{d}"), ("parse", "Roe, A. (2001). A book. P.", "-o", "{d}"),
    ("convert", "{bib}", "{d}", "--to", "ris"),
])
def test_a_directory_as_output_is_an_output_error(capsys, tmp_path: Path, args: tuple[str, ...]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    d = tmp_path / "out"
    d.mkdir()
    code, _, err = run(capsys, *[a.format(bib=bib, d=d) for a in args])
    assert code == 4 and err.endswith(f"citekeeper: error: {d}: is a directory, not a file\n")
    assert err.count("citekeeper: error") == 1 and "Usage" not in err
