"""Writing a command's result: to standard output, or to ``--output``/``-o``.

A regular file is written atomically (``textio.atomic_write``: a temporary file renamed
over it); anything else that exists -- ``/dev/stdout``, ``/dev/null``, a named pipe, a
terminal -- is written in place by the same function: renaming a file over it would
replace the device node (found in the sweep: ``render -o /dev/full`` left a regular file
there) or fail in ``/proc/self/fd``.  A failed write (disk full, closed pipe other than EPIPE) is an
``OutputError`` (exit 4) naming where, never an internal error.

A regular file that exists already is replaced only with ``--force`` (``FORCE_HELP``),
as ``extract`` always did: ``convert refs.bib refs.bib`` and ``render refs.bib -o
refs.bib`` replaced the user's own bibliography without a word.  The refusal is exit 4
naming the file, before anything is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from citekeeper.errors import OutputError

FORCE_HELP = "Replace the output file if it exists already (it keeps its mode)."


def write_output(text: str, out: Path | None, *, force: bool = False) -> None:
    """``text`` to ``out`` (None: standard output); an existing regular file only if ``force``."""
    if out is None:
        try:
            _write_stdout(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", file="standard output") from None
        return
    from citekeeper.textio import atomic_write

    atomic_write(out, text, overwrite=force)  # devices and pipes are written in place there


def _write_stdout(text: str) -> None:
    """``text`` on standard output, as UTF-8 whatever the locale says.

    Every file citekeeper writes is UTF-8; so is what it prints.  A stream in another
    encoding (``LANG=en_US.ISO-8859-1``, ``PYTHONUTF8=0 LC_ALL=C``: ASCII) stopped
    ``render`` at the first "ü" with "internal error: UnicodeEncodeError" (exit 70):
    its bytes go out as UTF-8, as pandoc's do.
    """
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    raw = getattr(out, "buffer", None)
    if encoding in ("utf8", "utf8sig") or raw is None:
        out.write(text)
        out.flush()
        return
    out.flush()  # what went out through the text layer first
    raw.write(text.encode("utf-8"))
    raw.flush()
