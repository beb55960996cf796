"""A user's file is never replaced without ``--force``; standard input is read like a file.

Before: ``convert refs.bib refs.bib`` rewrote the bibliography given as input, and
``render``/``export``/``parse``/``lint``/``enrich`` ``-o FILE`` replaced any FILE there,
without a word (only ``extract`` asked for ``--force``).  ``parse -f -`` read standard
input with no size limit (``< /dev/zero`` until memory ran out), in the locale's
encoding, and a closed standard input was exit 70.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from citekeeper.cli import main

BIB = "@book{a, author={Roe, Ann}, title={A book}, publisher={P}, year=2001}\n"
OLD = "my own file\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


COMMANDS = [
    ("convert", "{bib}", "{out}", "--to", "csl-json"),
    ("export", "{bib}", "--to", "ris", "-o", "{out}"),
    ("render", "{bib}", "-o", "{out}"),
    ("cite", "{bib}", "a", "-o", "{out}"),
    ("parse", "Roe, A. (2001). A book. P.", "--out", "{out}"),
    ("lint", "{bib}", "-o", "{out}"),
    ("enrich", "{bib}", "-o", "{out}", "--no-find", "--no-verify", "--no-complete", "--no-notices",
     "--no-cache"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_an_existing_output_file_is_kept_without_force(capsys, tmp_path: Path, args: tuple[str, ...]) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    out = tmp_path / "out file ü.txt"  # a space and a non-ASCII letter too
    out.write_text(OLD, encoding="utf-8")
    out.chmod(0o640)
    code, _, err = run(capsys, *[a.format(bib=bib, out=out) for a in args])
    assert code == 4 and out.read_text(encoding="utf-8") == OLD
    assert err == f"citekeeper: error: {out}: exists already; not replaced (pass --force to replace it)\n"
    code, _, err = run(capsys, *[a.format(bib=bib, out=out) for a in args], "--force")
    assert code == 0, err
    assert out.read_text(encoding="utf-8") != OLD and out.stat().st_mode & 0o777 == 0o640  # mode kept
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["refs.bib", out.name])  # no temp file left


def test_convert_onto_its_own_input_keeps_the_input(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    code, _, err = run(capsys, "convert", str(bib), str(bib))
    assert code == 4 and "not replaced" in err and bib.read_text(encoding="utf-8") == BIB


def test_a_new_output_file_needs_no_force(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    code, _, _ = run(capsys, "render", str(bib), "-o", str(tmp_path / "new.txt"))
    assert code == 0 and "Roe" in (tmp_path / "new.txt").read_text(encoding="utf-8")


def test_every_writing_command_documents_force(capsys) -> None:
    for name in ("convert", "export", "render", "cite", "parse", "lint", "enrich", "extract"):
        code, out, _ = run(capsys, name, "--help")
        assert code == 0 and "--force" in out, name


def _c_locale() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    return {**env, "LC_ALL": "C", "PYTHONIOENCODING": ""}


def _parse_stdin(data: bytes | None, *args: str) -> subprocess.CompletedProcess[bytes]:
    cmd = [sys.executable, "-c", "from citekeeper.cli import main; main()", "parse", "-f", "-", *args]
    if data is None:  # standard input closed (``<&-``)
        return subprocess.run(cmd, stdin=None, capture_output=True, timeout=60,
                              preexec_fn=lambda: os.close(0))
    return subprocess.run(cmd, input=data, capture_output=True, timeout=60)


def test_parse_reads_standard_input_with_its_encoding_in_a_c_locale() -> None:
    line = "Müller, J. (2020). Café society. Journal, 1(2), 3-4.\n"
    for data in (line.encode("utf-16"), line.encode("utf-8")):
        run = subprocess.run([sys.executable, "-c", "from citekeeper.cli import main; main()", "parse", "-f", "-"],
                             input=data, capture_output=True, timeout=60, env=_c_locale())
        assert run.returncode == 0, run.stderr
        assert "Müller" in run.stdout.decode("utf-8")


def test_parse_standard_input_has_the_size_limit_and_closed_stdin_is_an_input_error() -> None:
    run = _parse_stdin(b"x" * 5000, "--max-size", "1000")
    assert run.returncode == 3
    assert run.stderr.decode() == ("citekeeper: error: <stdin>: file is over 1000 bytes, the limit "
                                   "(raise it with --max-size)\n")
    run = _parse_stdin(None)
    assert run.returncode == 3 and run.stderr.decode() == "citekeeper: error: <stdin>: standard input is closed\n"


def test_stray_nul_bytes_are_dropped_with_their_lines_and_the_entries_kept(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "nul.bib"
    bib.write_bytes(b"@book{a, title={A\x00book}, year=2001}\n\n@book{b, title={B}, year=2002}\x00\n")
    code, out, err = run(capsys, "convert", str(bib), "-", "--to", "csl-json")
    assert code == 0 and '"Abook"' in out and '"B"' in out
    assert f"warning: {bib}:1: NUL bytes (not text) dropped, on lines 1, 3\n" in err
    png = tmp_path / "image.bib"  # a real binary file is still refused
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00")
    code, _, err = run(capsys, "convert", str(png), "-", "--to", "ris")
    assert code == 3 and err == f"citekeeper: error: {png}: this is a binary file, not text\n"




def test_render_of_a_file_without_entries_says_so(capsys, tmp_path: Path) -> None:
    """An empty .bib (or prose given as one) rendered nothing, without a word."""
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing here yet\n", encoding="utf-8")
    code, out, err = run(capsys, "render", str(empty))
    assert (code, out) == (0, "") and err == f"warning: no entries in {empty}; nothing to render\n"
