"""Reading user files robustly and writing results atomically.

Articles arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Word's "Unicode text") or a
legacy Cyrillic code page (cp1251) — the code here decides which, refuses binary
files and oversized inputs with a one-line error, and never leaves a half-written
output file behind (write to a temporary file beside the target, then rename).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from citekeeper.errors import (
    BinaryInputError,
    DecodeError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    OutputError,
)

DEFAULT_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class TextFile:
    """Decoded text and how it was decoded (reported to the user when not UTF-8)."""

    path: str
    text: str
    encoding: str


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise on binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    head = data[:4096]
    if head and b"\x00" in head:
        guess = _utf16_without_bom(head)
        if guess:
            return _decode(data, guess, name), guess
        if head.count(b"\x00") > _STRAY_NULS:
            raise BinaryInputError("this is a binary file, not text", file=name)
        # a stray NUL or two in text (a crashed editor, a bad copy): decoded, and the
        # readers in ``formats`` drop them with a warning naming their lines
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _looks_cp1251(data):
        return data.decode("cp1251"), "cp1251"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 20:
        raise BinaryInputError("this is a binary file, not text", file=name)
    line = data[: utf8_error.start].count(b"\n") + 1
    raise DecodeError(
        f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x}) and not a known legacy encoding;"
        f" convert it to UTF-8{_western_hint(data)}",
        file=name,
        line=line,
    )


_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _western_hint(data: bytes) -> str:
    """How to convert text that reads as Windows-1252/Latin-1 (no UTF-8 sequence in it at all).

    Not decoded that way silently: cp1250 (Polish, Czech) and Mac Roman read as cp1252
    without an error, with other letters, so the user is told how instead.
    """
    sample = data[:65536]
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if _UTF8_PAIR.search(sample):
        return ""
    return (" (it reads as Windows-1252/Latin-1: `iconv -f cp1252 -t utf-8`, or in a .bib a first line"
            " '% Encoding: windows-1252')")


# NUL bytes the first 4 KB may hold and still be text.  Binary formats have many more
# (a PNG's first chunk alone 7, a zip's local header 4-10, compressed data 1 in 256), and
# every other byte of random data fails the UTF-8 and control-character tests below.
_STRAY_NULS = 4


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when one byte of every pair is nearly always the same few values.

    In UTF-16 text of one script the high byte of each code unit barely varies (0x00 for
    ASCII, 0x04 for Cyrillic ...), while binary data varies in both positions.
    """
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        common = Counter(high).most_common(2)
        if 0 in dict(common) and sum(c for _, c in common) >= 0.9 * len(high):
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _looks_cp1251(data: bytes) -> bool:
    """Russian in cp1251: high bytes are letters (0xC0–0xFF, Ёё) and come in runs (words).

    Latin-1 accents (é 0xE9, ß 0xDF) also lie in 0xC0–0xFF but sit alone inside ASCII
    words, so runs of high bytes tell the two apart.
    """
    data = data[:65536]  # a sample decides; a whole 32 MB file would take seconds
    if 4 * len(_UTF8_PAIR.findall(data)) >= sum(b >= 0x80 for b in data):  # pairs: half the high bytes
        # UTF-8 with a stray byte ("Caf\xc3\xa9 \xff"): its letters are lead+continuation
        # pairs, which Russian in cp1251 (letters 0xC0-0xFF in a row) hardly has; read as
        # cp1251 it was mojibake without a word
        return False
    high = letters = in_runs = 0
    prev_high = False
    for i, b in enumerate(data):
        is_high = b >= 0x80
        if is_high:
            high += 1
            if b >= 0xC0 or b in (0xA8, 0xB8):
                letters += 1
            if prev_high or (i + 1 < len(data) and data[i + 1] >= 0x80):
                in_runs += 1
        prev_high = is_high
    return bool(high) and letters / high > 0.6 and in_runs / high > 0.6


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} text at byte {exc.start}", file=name) from exc


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read a text file of unknown encoding, with a size limit, as ``TextFile``."""
    name = str(path)
    data = read_limited(path, max_bytes)
    text, encoding = decode_bytes(data, name)
    # Normalise line ends so line numbers match what editors show.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(name, text, encoding)


def _size(n: float, places: int = 0) -> str:
    """``n`` bytes for a message: MB from one MB up, else bytes (``--max-size 1000`` said "0 MB")."""
    return f"{n / 1e6:.{places}f} MB" if n >= 1e6 else f"{n:.0f} bytes"


def _too_large(name: str, size: float, max_bytes: int, over: bool = False) -> InputTooLargeError:
    what = f"over {_size(max_bytes)}, the limit" if over else \
        f"{_size(size, 1)}, over the limit of {_size(max_bytes)}"
    return InputTooLargeError(f"file is {what} (raise it with --max-size)", file=name)


def read_limited(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of ``path``, at most ``max_bytes`` of them, whatever kind of file it is.

    A regular file is judged by its size before a byte is read.  A device or pipe has no
    size (``/dev/zero``, ``<(curl …)``), so at most one byte over the limit is read and the
    limit is the error: reading to the end of an endless device took all memory.  A named
    pipe is opened without waiting for a writer (``open`` of a FIFO blocks until one
    comes, which may be never); if none is there, nothing can be read, and that is said.
    """
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise NotFoundError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", file=name)
    regular = stat.S_ISREG(st.st_mode)
    if regular and st.st_size > max_bytes:
        raise _too_large(name, st.st_size, max_bytes)
    fifo = stat.S_ISFIFO(st.st_mode)
    try:
        if regular:  # its size is known and within the limit
            return Path(path).read_bytes()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | (os.O_NONBLOCK if fifo else 0))
        if fifo:
            os.set_blocking(fd, True)  # a writer that is there is waited for, as cat would
        with os.fdopen(fd, "rb", buffering=0) as fh:
            data = _read_capped(fh, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes, over=True)
    if fifo and not data:
        raise InputError("a named pipe with nothing written to it (no writer)", file=name)
    return data


def _read_capped(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of ``stream`` (one more tells "over the limit").

    In chunks of 1 MB: ``read(n)`` allocates n bytes at once, and the limit may be huge.
    """
    chunks: list[bytes] = []
    got = 0
    while got <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def argument_text(arg: str) -> str:
    """A command-line argument as the text the user typed.

    Under a locale that is not UTF-8 (``LC_ALL=C`` with ``PYTHONUTF8=0``, a Latin-1
    terminal) Python decodes argv with ``surrogateescape``: "Müller" arrives as
    ``M\\udcc3\\udcbcller``, and every writer stopped on it ("internal error:
    UnicodeEncodeError", exit 70).  The bytes the shell passed are recovered and decoded
    as ``read_text`` decodes a file (UTF-8, else cp1251 ...).
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in arg):
        return arg
    raw = os.fsencode(arg)
    try:
        return decode_bytes(raw, "<argument>")[0]
    except (BinaryInputError, DecodeError):
        return raw.decode("utf-8", "replace")


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Standard input as ``read_text`` reads a file: at most ``max_bytes``, encoding detected.

    ``sys.stdin.read()`` had neither: ``parse -f - < /dev/zero`` read until memory ran out,
    a cp1251 or UTF-16 pipe was decoded in the locale's encoding (``LC_ALL=C``: ASCII), and
    a closed standard input (``<&-``: ``sys.stdin`` is None) was exit 70.
    """
    import sys

    name = "<stdin>"
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is closed", file=name)
    try:
        data = _read_capped(stream, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes, over=True)
    text, encoding = decode_bytes(data, name)
    return TextFile(name, text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


class ExistingFileError(OutputError):
    """A file the user already has would be replaced and the caller did not allow it."""


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no getter)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must change: a symlink's final target, else ``path``.

    Editing a linked .bib (dotfiles managers, a shared library linked into each paper's
    folder) must change the file the link points at and keep the link.
    """
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def atomic_write(path: str | os.PathLike[str], text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old or the new file, never half.

    The text goes to a temporary file beside the target, which is then renamed over it.
    ``mkstemp`` creates that file 0600, so its mode is set before the rename: a replaced
    file keeps its own mode (a 0644 .bib stays 0644), a new file gets ``0666 & ~umask`` as
    ``open()`` would give it.  A symlink is followed: the target is replaced, the link
    stays.  With ``overwrite=False`` an existing file is refused (``ExistingFileError``).
    """
    target = write_target(path)
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError("is a directory, not a file", file=str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        # ``/dev/stdout``, ``/dev/null``, a named pipe, a terminal: written in place.
        # Renaming a file over one would replace the device node (a sweep found
        # ``render -o /dev/full`` leaving a regular file there) or fail in /proc/self/fd.
        _write_in_place(target, text, str(path))
        return
    if st is not None and not overwrite:
        raise ExistingFileError("exists already; not replaced (pass --force to replace it)", file=str(path))
    mode = (st.st_mode & 0o7777) if st is not None else (0o666 & ~_umask())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.chmod(tmp, mode)
            if st is not None and hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None


def _write_in_place(target: Path, text: str, shown: str) -> None:
    """``text`` into an existing device or pipe; a failure (full, closed) is an OutputError."""
    try:
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=shown) from None
