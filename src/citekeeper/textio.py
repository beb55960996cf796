"""Reading user files robustly and writing results atomically.

Articles arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Word's "Unicode text") or a
legacy Cyrillic code page (cp1251) — the code here decides which, refuses binary
files and oversized inputs with a one-line error, and never leaves a half-written
output file behind (write to a temporary file beside the target, then rename).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return _decode(data, "utf-16-le", name), "utf-16-le"
        if even > len(head) // 4 and odd == 0:
            return _decode(data, "utf-16-be", name), "utf-16-be"
        raise BinaryInputError("this is a binary file, not text", file=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    high = [b for b in data if b >= 0x80]
    cyr = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8))
    if high and cyr / len(high) > 0.6:
        return data.decode("cp1251"), "cp1251"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 20:
        raise BinaryInputError("this is a binary file, not text", file=name)
    line = data[: utf8_error.start].count(b"\n") + 1
    raise DecodeError(
        f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x}) and not a known legacy encoding;"
        " convert it to UTF-8",
        file=name,
        line=line,
    )


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} text at byte {exc.start}", file=name) from exc


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read a text file of unknown encoding, with a size limit, as ``TextFile``."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise NotFoundError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    if p.is_dir():
        raise InputError("is a directory, not a file", file=name)
    if size > max_bytes:
        raise InputTooLargeError(
            f"file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.0f} MB"
            " (raise it with --max-size)",
            file=name,
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    text, encoding = decode_bytes(data, name)
    # Normalise line ends so line numbers match what editors show.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(name, text, encoding)


def atomic_write(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old or the new file, never half."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
