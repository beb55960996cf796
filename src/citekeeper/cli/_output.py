"""Writing a command's result: to standard output, or to ``--output``/``-o``.

A regular file is written atomically (``textio.atomic_write``: a temporary file renamed
over it).  Anything else that exists -- ``/dev/stdout``, ``/dev/null``, a named pipe, a
terminal -- is opened and written in place: renaming a file over it would replace the
device node (found in the sweep: ``render -o /dev/full`` left a regular file there) or
fail in ``/proc/self/fd``.  A failed write (disk full, closed pipe other than EPIPE) is an
``OutputError`` (exit 4) naming where, never an internal error.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from citekeeper.errors import OutputError


def write_output(text: str, out: Path | None) -> None:
    """``text`` to ``out`` (None: standard output)."""
    if out is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", file="standard output") from None
        return
    try:
        mode = os.stat(out).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", file=str(out)) from None
        return
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError("is a directory, not a file", file=str(out))
    from citekeeper.textio import atomic_write

    atomic_write(out, text)
