"""Encodings: never mojibake without a word, never U+FFFD without a word.

Before: UTF-8 text with one stray byte (``Caf\\xc3\\xa9 \\xff``) was taken for cp1251 and
read as "CafГ© я" silently; a ``% Encoding: UTF-8`` line over Latin-1 bytes read every
accent as U+FFFD silently; a cp1251 guess was not said.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citekeeper.errors import DecodeError
from citekeeper.formats import read_file
from citekeeper.textio import decode_bytes

RUSSIAN = "Иванов И. И. Научная статья // Журнал. 2019. Т. 5, № 3. С. 10–20. Ёлка, съезд.\n" * 20


def test_utf8_with_a_stray_byte_is_refused_by_line_not_read_as_cp1251() -> None:
    data = "@book{a,\n  title = {Café Müller},\n}\n".encode() + b"@book{b, title={\xff}}\n"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, "refs.bib")
    assert info.value.line == 4 and "byte 0xff" in info.value.message


def test_russian_in_cp1251_is_still_read_and_the_guess_is_said(tmp_path: Path) -> None:
    assert decode_bytes(RUSSIAN.encode("cp1251"))[1] == "cp1251"
    path = tmp_path / "ru.bib"
    path.write_bytes(("@book{a, title={" + RUSSIAN + "}}\n").encode("cp1251"))
    result = read_file(path)
    assert result.references[0].title.startswith("Иванов И. И. Научная статья")
    assert result.warnings[0] == f"{path}: not UTF-8; read as cp1251 (guessed from its bytes)"


def test_latin1_is_refused_with_how_to_convert_it() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes("Title\n\nThe café near the Straße.\n".encode("latin-1"), "a.txt")
    assert info.value.line == 3 and "iconv -f cp1252 -t utf-8" in info.value.message
    assert "% Encoding: windows-1252" in info.value.message


def test_an_encoding_line_that_does_not_fit_the_bytes_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(b"% Encoding: UTF-8\n\n@book{a, title={Caf\xe9}}\n")
    with pytest.raises(DecodeError) as info:
        read_file(path)
    assert info.value.line == 3 and "'% Encoding:' line" in info.value.message
    path.write_bytes(b"% Encoding: windows-1252\n\n@book{a, title={Caf\xe9}}\n")  # when it fits, it is used
    assert read_file(path).references[0].title == "Café"
