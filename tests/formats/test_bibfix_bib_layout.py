"""bib -> bib keeps the text between blocks byte for byte (issue 11, "nothing lost").

Blank lines between ``@Comment``/``@Preamble`` blocks, trailing spaces, CRLF and mixed
line ends, a BOM in the middle of a file: a sweep over real files found ``convert``
running blocks together and normalising all of these.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citekeeper import formats
from citekeeper.formats import bibtex


def _bib_to_bib(tmp_path: Path, data: bytes, name: str = "in.bib") -> bytes:
    src = tmp_path / name
    src.write_bytes(data)
    return formats.export([src], "biblatex").text.encode("utf-8")


def test_comment_and_preamble_blocks_keep_their_blank_lines(tmp_path):
    data = b'@Comment{a;}\n\n@Comment{b:\n0 x;\n}\n\n@Preamble{"a"}\n\n@Preamble{"b"}\n'
    assert _bib_to_bib(tmp_path, data) == data


def test_mixed_line_ends_trailing_spaces_and_a_stray_bom_are_kept(tmp_path):
    data = ("% JabRef \r\n\r\n@article{a,\r\n  title = {One},\r\n  abstract = {Line one\r\n  line two},\r\n}\r\n"
            "   \r\n\t\n@string{jn = {J}}\n\ufeff@book{b, title = {Two}, journal = jn}  \n\n"
            "% the end\n@misc{c, title = {Three}}").encode("utf-8")
    assert _bib_to_bib(tmp_path, data) == data
    result = formats.read_file(tmp_path / "in.bib")
    a = result.references[0]
    assert a.get("abstract") == bibtex.loads(data.decode("utf-8").replace("\r\n", "\n")).references[0].get("abstract")
    assert all("\r" not in str(v) for r in result.references for v in r.fields.values())
    assert [r.origin.line_start for r in result.references] == [3, 11, 14]
    assert "\r" not in result.text


def test_an_edited_entry_keeps_the_white_space_around_it_and_the_file_line_end(tmp_path):
    data = b"@misc{a,\r\n  title = {One},\r\n}\r\n\r\n\r\n@misc{b,\r\n  title = {Two},\r\n}\r\n"
    src = tmp_path / "crlf.bib"
    src.write_bytes(data)
    result = formats.read_file(src)
    result.references[0].set("DOI", "10.1000/x")
    out = bibtex.dumps(result.references, blocks=result.blocks)
    assert out == "@misc{a,\r\n  title = {One},\r\n  doi = {10.1000/x},\r\n}\r\n\r\n\r\n@misc{b,\r\n  title = {Two},\r\n}\r\n"


def test_lone_cr_line_ends_are_read_as_lines(tmp_path):
    src = tmp_path / "mac.bib"
    src.write_bytes(b"@misc{a,\r  title = {One},\r}\r\r@misc{b,\r  title = {Two}}\r")
    result = formats.read_file(src)
    assert [r.origin.line_start for r in result.references] == [1, 5]
    assert [r.title for r in result.references] == ["One", "Two"]


def test_a_block_bibtexparser_reads_keeps_its_surroundings(tmp_path):
    data = (b"@misc{a, title = {One}}\n\n\n@misc{b, title = {Two} junk}\n  \n@misc{c, title = {Three}}\n"
            b"\n% after\n")
    out = _bib_to_bib(tmp_path, data)
    assert out == data


def test_an_unclosed_last_entry_is_kept_as_written(tmp_path):
    data = b"@misc{a, title = {One}}\r\n \n@misc{u, title = {unclosed}\n\n"
    assert _bib_to_bib(tmp_path, data) == data


def test_the_seam_between_two_files_and_after_a_new_entry_is_one_blank_line(tmp_path):
    (tmp_path / "x.bib").write_bytes(b"\n\n@misc{a, title = {One}}\n\n\n")
    (tmp_path / "y.bib").write_bytes(b"% y\n@misc{b, title = {Two}}")
    out = formats.export([tmp_path / "x.bib", tmp_path / "y.bib"], "biblatex").text
    assert out == "\n\n@misc{a, title = {One}}\n\n% y\n@misc{b, title = {Two}}"
    refs = formats.read_file(tmp_path / "x.bib").references
    refs.append(type(refs[0])(id="new", type="book", fields={"title": "New"}))
    assert bibtex.dumps(refs).endswith("@misc{a, title = {One}}\n\n@book{new,\n  title = {New},\n}\n")


_GAP = st.text(alphabet=" \t\r\n\ufeff", max_size=6)
_BLOCK = st.sampled_from(["@misc{a, title = {A}}", "@Comment{c}", '@Preamble{"p"}', "@string{s = {S}}",
                          "% note", "@article{b,\r\n  title = {B},\r\n  % x = {1},\r\n  year = 2000\r\n}",
                          "@misc{bad, title = {x} y}", "junk text", "@misc(p, title = {P})",
                          "%@online{o, title = {O}}", "@misc{d, title = {1}, title = {2}}", "@misc{,\n title={K}}",
                          "@ x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_GAP, _BLOCK), max_size=6), _GAP)
def test_bib_to_bib_is_byte_for_byte(tmp_path_factory, pieces, tail):
    text = "".join(g + b for g, b in pieces) + tail
    if "\r" in text.replace("\r\n", ""):
        text = text.replace("\r", "")  # lone CRs are read as "\n" (see the test above)
    path = tmp_path_factory.mktemp("p") / "gen.bib"
    path.write_bytes(text.encode("utf-8"))
    result = formats.read_file(path)
    out = bibtex.dumps(result.references, blocks=result.blocks)
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM that starts the file marks its encoding; output is UTF-8 without one
    assert out == (text if text.strip() else "")


def test_entries_written_without_the_blocks_between_them_stay_apart():
    """``extract`` and others dump records alone: the comment that held the white space
    between two entries is not there, so they are joined by a blank line, not glued."""
    result = bibtex.loads("@misc{a, title = {One}}% note\n@misc{b, title = {Two}}\n", file="f.bib")
    assert bibtex.dumps(result.references) == "@misc{a, title = {One}}\n\n@misc{b, title = {Two}}\n"
    again = bibtex.loads("@misc{a, title = {One}}\n\n@misc{b, title = {Two}}\n", file="f.bib")
    assert bibtex.dumps(again.references[::-1]) == "@misc{b, title = {Two}}\n\n@misc{a, title = {One}}\n"
