"""An ASCII locale (``LC_ALL=C`` without Python's UTF-8 mode) is no internal error.

Before: ``render`` stopped at the first "ü" it printed, and ``parse "Müller …"``, ``cite
--locator "S. 5–7"`` and ``styles Русский`` on the first non-ASCII argument (Python
decodes argv with surrogateescape there), each with "internal error:
UnicodeEncodeError" (exit 70).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIB = "@article{m, author={Müller, Jörg and Иванов, И.}, title={Über Café}, journal={J}, year={2020}}\n"


def ascii_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "PYTHONIOENCODING")}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    return subprocess.run([sys.executable, "-c", "from citekeeper.cli import main; main()", *args],
                          capture_output=True, timeout=120, env=env, cwd=cwd)


@pytest.mark.parametrize(("args", "expect"), [
    (("render", "refs.bib"), "Müller, J., & Иванов, И. (2020). Über Café. J."),
    (("cite", "refs.bib", "m", "--locator", "S. 5–7"), "(Müller & Иванов, 2020, pp. S. 5–7)"),
    (("parse", "Müller, J. (2020). Café society. Journal, 1(2), 3-4."), "author = {Müller, J.}"),
    (("convert", "refs.bib", "-", "--to", "csl-json"), '"family": "Иванов"'),
    (("styles", "Ру́сский"), "gost-r-7-0-5-2008"),
])
def test_non_ascii_output_and_arguments_in_an_ascii_locale(tmp_path: Path, args: tuple[str, ...], expect: str) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    run = ascii_run(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert expect in run.stdout.decode("utf-8")  # printed as UTF-8, as every file is written
