"""The error hierarchy's messages: one line each, whatever the file is called."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from citekeeper.errors import InputError


def test_a_file_name_with_a_newline_stays_on_one_line() -> None:
    err = InputError("cannot be read", file="new\nline\t.bib", line=3)
    assert str(err) == "new\\nline\\t.bib:3: cannot be read"
    assert "\n" not in str(err)


def test_the_cli_names_such_a_file_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "new\nline.bib"
    run = subprocess.run([sys.executable, "-m", "citekeeper", "render", str(missing)],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "new\\nline.bib" in run.stderr
