"""The console script's own exit paths: a full stdout is exit 4, output survives os._exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import IO, Any

RUN = "import sys; from citekeeper.cli import run; sys.argv[0] = 'citekeeper'; run()"


def _script(*args: str, stdout: int | IO[Any] = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False
    )


def test_full_stdout_is_an_output_error() -> None:
    with open("/dev/full", "w") as full:
        done = _script("styles", "apa", stdout=full)
    assert done.returncode == 4
    assert b"No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


def test_output_is_flushed_before_the_fast_exit(tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@article{k, title={T}, author={Doe, J.}, year={2020}, journal={J}}\n", encoding="utf-8")
    done = _script("convert", str(bib), "-", "--to", "csl-json")
    assert done.returncode == 0, done.stderr
    assert b'"title": "T"' in done.stdout


def test_a_user_mistake_keeps_its_exit_code() -> None:
    done = _script("render", "/nonexistent/file.bib", "--style", "apa")
    assert done.returncode == 3
    assert done.stderr.startswith(b"citekeeper: error:")
