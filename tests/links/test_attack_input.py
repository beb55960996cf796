"""Attack harness, part 6: bad input, as ``citekeeper check FILE`` meets it.

Files that are binary, endless, nested beyond reason, in the wrong encoding, full of
NUL bytes or a single huge line; URLs that no parser should accept; config that is
wrong.  Each ends in the documented exit code (2 usage, 3 input) with one line that
names the file, or in a report where every link that could be read is checked --
never a traceback, never a hang.
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Scripted, check, cli_proc, not_found, ok, write_bib


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    s = Scripted({"ok": ok, "gone": not_found}).start()
    yield s
    s.stop()


def input_error(args: list[str], where: Path | str, tmp_path: Path, code: int = 3) -> str:
    run = check(args, cwd=tmp_path)
    assert run.code == code, (run.code, run.err, run.out[:500])
    lines = [line for line in run.err.strip().splitlines() if line]
    assert len(lines) == 1 and str(where) in lines[0], run.err
    return lines[0]


BINARY = {
    "png.bib": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
    "nul.json": b'[{"id": "a", "URL": "http://x.example/"}]' + b"\x00" * 1000,
    "elf.ris": b"\x7fELF\x02\x01\x01" + b"\x00" * 4000,
    "zip.txt": b"PK\x03\x04" + bytes(range(256)) * 12,
    "random.bib": bytes((i * 7919 + 13) % 256 for i in range(8192)),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_files_are_input_errors(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(BINARY[name])
    input_error([str(p), *FAST], p, tmp_path)


DEEP = {
    "deep-arrays.json": "[" * 200_000 + "]" * 200_000,
    "deep-objects.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "deep-in-item.json": '[{"id": "a", "note": ' + "[" * 100_000 + "]" * 100_000 + "}]",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_json_nested_beyond_reason_is_an_input_error(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_text(DEEP[name])
    input_error([str(p), *FAST], p, tmp_path)


@pytest.mark.parametrize(("text", "line", "links"), [
    ('[{"id": "a", "type": "webpage",\n "URL": "http://x.invalid/', 2, 1),
    ('[\n  {"id": "a", "type": "webpage", "URL": "http://x.invalid/"},\n  {"id": "b", "URL": \n', 4, 1),
    ("42", 1, 0),
    ("", 1, 0),
])
def test_json_cut_short_keeps_what_was_read_and_names_the_line(tmp_path: Path, text: str, line: int,
                                                               links: int) -> None:
    p = tmp_path / "refs.json"
    p.write_text(text)
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code == (1 if links else 0), run.err
    assert len(run.rows) == links  # the link written before the cut is still checked (NXDOMAIN: broken)
    assert f"{p}:{line}:" in run.err, run.err


def test_json_that_is_no_bibliography_says_so(tmp_path: Path) -> None:
    p = tmp_path / "package.json"
    p.write_text('{"name": "left-pad", "version": "1.3.0", "dependencies": {}}')
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code == 3 or str(p) in run.err, run.err


@pytest.mark.parametrize("dev", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_stop_at_the_size_limit(tmp_path: Path, dev: str) -> None:
    res = cli_proc([dev, *FAST, "--max-size", "100000"], cwd=tmp_path, timeout=1.5,
                   limits={resource.RLIMIT_AS: 600 << 20})  # what it reads must not take the machine
    assert res.returncode == 3 and dev in res.stderr and "Traceback" not in res.stderr, res.stderr


def test_a_named_pipe_with_no_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "refs.bib"
    os.mkfifo(fifo)
    res = cli_proc([str(fifo), *FAST], cwd=tmp_path, timeout=1.5)
    assert res.returncode in (2, 3) and str(fifo) in res.stderr, res.stderr


def test_a_symlink_loop_and_an_unreadable_file(tmp_path: Path) -> None:
    loop = tmp_path / "loop.bib"
    loop.symlink_to(tmp_path / "loop.bib")
    run = check([str(loop), *FAST], cwd=tmp_path)
    assert run.code in (2, 3) and str(loop) in run.err and "Traceback" not in run.err, run.err
    d = tmp_path / "dir.bib"
    d.mkdir()
    run = check([str(d), *FAST], cwd=tmp_path)
    assert run.code in (2, 3) and "dir.bib" in run.err, run.err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1251", "utf-16-le", "cp1252", "latin-1",
                                      "jabref-cp1252", "jabref-latin-1"])
def test_a_bib_in_another_encoding_is_read_or_refused_by_line(site: Scripted, tmp_path: Path, encoding: str) -> None:
    """Legacy 8-bit text is read when it says what it is (JabRef's ``% Encoding:`` line) or
    can be told apart (Cyrillic); Latin text that says nothing is refused with file:line."""
    title = "Straße für Über-Café" if encoding != "cp1251" else "Научная статья"
    header = ""
    if encoding.startswith("jabref-"):
        encoding = encoding[len("jabref-"):]
        header = f"% Encoding: {'windows-1252' if encoding == 'cp1252' else 'ISO8859_1'}\n\n"
    text = (f"{header}@misc{{a,\n  title = {{{title}}},\n  url = {{{site.url('/ok/enc')}}}\n}}\n\n"
            f"@misc{{b,\n  title = {{{title}}},\n  url = {{{site.url('/gone/enc')}}}\n}}\n")
    p = tmp_path / "refs.bib"
    p.write_bytes(text.encode(encoding))
    run = check([str(p), *FAST], cwd=tmp_path)
    refusable = (encoding in ("cp1252", "latin-1") and not header) or encoding == "utf-16-le"
    if refusable and run.code == 3:  # refused, by name and line, in one line
        assert f"{p}:" in run.err and len(run.err.strip().splitlines()) == 1, run.err
        return
    assert run.code == 1, run.err
    assert [r["status"] for r in run.rows] == ["ok", "broken"], run.rows


def test_invalid_utf8_bytes_in_a_bib_keep_the_links(site: Scripted, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_bytes(b"@misc{a,\n  title = {Bad \xff\xfe bytes \xc3},\n  url = {" + site.url("/gone/bad").encode()
                  + b"}\n}\n")
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code in (1, 3), run.err
    if run.code == 1:
        assert run.rows[0]["status"] == "broken"
    else:
        assert str(p) in run.err


def test_one_huge_line(site: Scripted, tmp_path: Path) -> None:
    """A 350 KB .bib on one line, a 100 KB article paragraph: read, links found, checked."""
    entries = "".join(f"@misc{{k{i}, title={{{'x' * 300}}}, url={{{site.url(f'/ok/line-{i % 50}')}}}}} "
                      for i in range(1_000))
    p = tmp_path / "one-line.bib"
    p.write_text(entries)
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code == 0, run.err
    assert len(run.rows) == 1_000 and {r["status"] for r in run.rows} == {"ok"}
    t = tmp_path / "article.txt"
    t.write_text("Intro.\n\nReferences\n\n" + "Doe, J. (2020). Title. " + "y" * 100_000 + " "
                 + site.url("/ok/article") + "\n")
    run = check([str(t), *FAST], cwd=tmp_path)
    assert run.code in (0, 3), run.err
    if run.code == 3:
        assert str(t) in run.err


def test_nul_bytes_inside_a_csl_json_string(site: Scripted, tmp_path: Path) -> None:
    p = tmp_path / "refs.json"
    p.write_text(json.dumps([{"id": "a\u0000b", "type": "webpage", "title": "T\u0000", "URL": site.url("/gone/nul")},
                             {"id": "c", "type": "webpage", "URL": site.url("/ok/nul") + "\u0000x"}]))
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code in (1, 3), run.err
    before = site.heads[-5:]
    assert not any("\x00" in h for h in before)


def test_control_characters_in_a_cited_url_never_reach_the_wire(site: Scripted, tmp_path: Path) -> None:
    p = tmp_path / "refs.json"
    p.write_text(json.dumps([
        {"id": "crlf", "type": "webpage", "URL": site.url("/ok/a") + "\r\nX-Injected: yes"},
        {"id": "tab", "type": "webpage", "URL": site.url("/ok/b") + "\tc"},
        {"id": "space", "type": "webpage", "URL": site.url("/ok/c") + " d"},
    ]))
    n = len(site.heads)
    run = check([str(p), *FAST], cwd=tmp_path)
    assert run.code in (0, 1), run.err
    assert len(run.rows) == 3
    sent = "".join(site.heads[n:])
    assert "X-Injected" not in sent.split("\r\n\r\n")[0].split("\r\n", 1)[-1] or "\r\nX-Injected" not in sent
    assert "\r\nX-Injected" not in sent and "\t" not in sent.split("\r\n", 1)[0]


@pytest.mark.parametrize("url", [
    "http://xn--/x", "http://xn--zz-/x", "http://" + "a" * 300 + ".example/x", "http://a..b.example/x",
    "http://[::1/x", "http://127.0.0.1:99999/x", "http://:80/x", "http:///x", "https://", "http://host:0/x",
    "http://exa mple.com/x", "http://\u200bexample.com/x", "http://ex\u00adample.com/x", "http://%zz/x",
    "http://example.com:-1/x", "http://[v1.fe]/x", "http://1.2.3.4.5/x", "http://0x100000000/x",
    "http://" + "é" * 70 + ".example/x", "http://example.com/" + "p" * 70_000,
])
def test_urls_no_parser_should_accept_are_a_verdict(tmp_path: Path, url: str) -> None:
    p = tmp_path / "refs.json"
    p.write_text(json.dumps([{"id": "a", "type": "webpage", "title": "T", "URL": url}]))
    run = check([str(p), *[a for a in FAST if a != "--allow-private"], "--timeout", "0.3"], cwd=tmp_path)
    assert run.code in (0, 1), run.err
    assert len(run.rows) <= 1
    for row in run.rows:
        assert row["status"] in ("broken", "skipped", "transient"), row
        assert row["reason"]


@pytest.mark.parametrize(("config", "words"), [
    ("[tool.citekeeper.check]\ntimeoutt = 3\n", "timeoutt"),
    ("[tool.citekeeper.check]\ntimeout = 'soon'\n", "timeout"),
    ("[tool.citekeeper.check\ntimeout = 3\n", "pyproject.toml"),
    ("[tool.citekeeper.check]\nfail-on = ['broken', 'dead']\n", "dead"),
    ("[tool.citekeeper.check.freshness]\nok = 'forever'\n", "forever"),
    ("[tool.citekeeper.check.hosts]\n'example.org' = -1\n", "example.org"),
    ("[tool.citekeeper.check]\nignore = ['(unclosed']\n", "ignore"),
])
def test_bad_config_is_a_usage_error_naming_what(site: Scripted, tmp_path: Path, config: str, words: str) -> None:
    (tmp_path / "pyproject.toml").write_text(config)
    p = write_bib(tmp_path, [site.url("/ok/conf")])
    no_timeout = [a for a in FAST if a not in ("--timeout", "0.6")]  # the file's value is the one used
    run = check([str(p), *no_timeout], cwd=tmp_path)
    assert run.code == 2, (run.code, run.err)
    assert words in run.err and len(run.err.strip().splitlines()) == 1, run.err


@pytest.mark.parametrize("args", [["--fail-on", "broken,dead"], ["--ignore", "(unclosed"], ["--report", "xml:x"],
                                  ["--timeout", "-1"], ["--cache", "/"]])
def test_bad_options_are_usage_errors(site: Scripted, tmp_path: Path, args: list[str]) -> None:
    p = write_bib(tmp_path, [site.url("/ok/opt")])
    n = sum(site.hits.values())
    run = check([str(p), *FAST, *args], cwd=tmp_path)
    assert run.code == 2, (run.code, run.err)
    assert sum(site.hits.values()) == n  # before any request
