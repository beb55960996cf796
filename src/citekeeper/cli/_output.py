"""Writing a command's result: to standard output, or to ``--output``/``-o``.

A regular file is written atomically (``textio.atomic_write``: a temporary file renamed
over it); anything else that exists -- ``/dev/stdout``, ``/dev/null``, a named pipe, a
terminal -- is written in place by the same function: renaming a file over it would
replace the device node (found in the sweep: ``render -o /dev/full`` left a regular file
there) or fail in ``/proc/self/fd``.  A failed write (disk full, closed pipe other than EPIPE) is an
``OutputError`` (exit 4) naming where, never an internal error.
"""

from __future__ import annotations

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
    from citekeeper.textio import atomic_write

    atomic_write(out, text)  # devices and pipes are written in place there
