"""``-o`` onto something that is not a regular file, and a failing standard output."""

from __future__ import annotations

import errno
import os
import stat
import threading
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
    ("render", "{bib}", "-o", "{out}"),
    ("export", "{bib}", "--to", "ris", "-o", "{out}"),
    ("convert", "{bib}", "{out}", "--to", "csl-json"),
    ("parse", "Roe, A. (2001). A book. P.", "--out", "{out}"),
])
def test_output_into_a_named_pipe_keeps_the_pipe(capsys, tmp_path: Path, args: tuple[str, ...]) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(BIB, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, *[a.format(bib=bib, out=fifo) for a in args])
    reader.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # written into, not replaced by a regular file
    assert b"Roe" in got[0]


class _FullStdout:
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        pass


def test_full_standard_output_is_an_output_error(capsys, tmp_path: Path, monkeypatch) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(BIB, encoding="utf-8")
    monkeypatch.setattr("sys.stdout", _FullStdout())
    code, _, err = run(capsys, "render", str(bib))
    assert code == 4
    assert err.strip() == "citekeeper: error: standard output: cannot write: No space left on device"


def test_output_onto_a_directory_is_refused(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(BIB, encoding="utf-8")
    (tmp_path / "d").mkdir()
    code, _, err = run(capsys, "convert", str(bib), str(tmp_path / "d"), "--to", "ris")
    assert code in (2, 4) and "Traceback" not in err and "d" in err


def test_lint_output_option_writes_the_report(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title={T}, date={2020}, publisher={P}, url={https://x.org/?utm_source=y}}\n",
                   encoding="utf-8")
    target = tmp_path / "lint.xml"
    code, out, _ = run(capsys, "lint", str(bib), "--format", "junit", "--fail-on", "warning", "-o", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<?xml") and 'failures="1"' in target.read_text()


def test_parse_takes_output_like_the_other_commands(capsys, tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    code, _, _ = run(capsys, "parse", "Roe, A. (2001). A book. Heinemann.", "--output", str(target))
    assert code == 0 and target.read_text(encoding="utf-8").startswith("@")


@pytest.mark.parametrize("args", [("styles", "--bundled"), ("cite", "{bib}", "a", "-s", "apa"),
                                  ("lint", "{bib}"), ("export", "{bib}", "--to", "ris")])
def test_full_stdout_is_exit_4_for_every_printing_command(capsys, tmp_path: Path, monkeypatch, args) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text(BIB, encoding="utf-8")
    monkeypatch.setattr("sys.stdout", _FullStdout())
    code, _, err = run(capsys, *[a.format(bib=bib) for a in args])
    assert code == 4 and "standard output: cannot write" in err and "internal error" not in err
