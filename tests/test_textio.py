"""``atomic_write``: what happens to the file that was there (mode, symlink, umask)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citekeeper.errors import EXIT_OUTPUT
from citekeeper.textio import ExistingFileError, atomic_write, read_text


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    f = tmp_path / "refs.bib"
    f.write_text("old\n", encoding="utf-8")
    f.chmod(0o644)
    atomic_write(f, "new\n")
    assert f.read_text(encoding="utf-8") == "new\n"
    assert f.stat().st_mode & 0o7777 == 0o644


def test_new_file_honours_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        atomic_write(tmp_path / "a.bib", "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.bib").stat().st_mode & 0o777 == 0o664


def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "library.bib"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "paper" / "refs.bib"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(real, link.parent))
    atomic_write(link, "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert real.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["library.bib"]  # no temp file left


def test_chain_of_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.bib"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "one.bib").symlink_to(real)
    (tmp_path / "two.bib").symlink_to(tmp_path / "one.bib")
    atomic_write(tmp_path / "two.bib", "new\n")
    assert (tmp_path / "two.bib").is_symlink() and (tmp_path / "one.bib").is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_overwrite_false_refuses_an_existing_file(tmp_path: Path) -> None:
    f = tmp_path / "refs.bib"
    f.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ExistingFileError) as info:
        atomic_write(f, "theirs\n", overwrite=False)
    assert info.value.exit_code == EXIT_OUTPUT and "refs.bib" in str(info.value)
    assert f.read_text(encoding="utf-8") == "mine\n"
    atomic_write(tmp_path / "new.bib", "ok\n", overwrite=False)
    assert read_text(tmp_path / "new.bib").text == "ok\n"


def test_line_ends_are_written_as_given(tmp_path: Path) -> None:
    f = tmp_path / "crlf.bib"
    atomic_write(f, "a\r\nb\r\n")
    assert f.read_bytes() == b"a\r\nb\r\n"


def test_atomic_write_into_a_device_keeps_the_device() -> None:
    """``-o /dev/null`` (any command, ``check`` too) writes into it, never renames over it."""
    import stat as stat_mod

    atomic_write("/dev/null", "x\n")
    assert stat_mod.S_ISCHR(os.stat("/dev/null").st_mode)


def test_atomic_write_into_a_fifo_and_onto_a_directory(tmp_path: Path) -> None:
    import threading

    from citekeeper.errors import OutputError

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    atomic_write(fifo, "through the pipe\n")
    reader.join(5)
    assert got == ["through the pipe\n"]
    assert not fifo.is_file()
    with pytest.raises(OutputError, match="is a directory"):
        atomic_write(tmp_path, "x")


def test_read_limited_stops_a_device_at_the_limit_and_takes_a_huge_limit(tmp_path) -> None:
    """A device has no size: one byte over the limit is read, never the device's end; and a
    huge limit (``--max-size`` of a terabyte) allocates nothing of its own."""
    import pytest

    from citekeeper.errors import InputTooLargeError
    from citekeeper.textio import read_limited

    with pytest.raises(InputTooLargeError, match="--max-size"):
        read_limited("/dev/zero", 4096)
    p = tmp_path / "a.bib"
    p.write_bytes(b"@misc{a}")
    assert read_limited(p, 10**13) == b"@misc{a}"
    assert read_limited("/dev/null", 10**13) == b""
