"""``citekeeper extract`` end to end on bad input: what a user sees when the file is wrong.

Every case runs the real console entry point in a child process (``python -m
citekeeper``), because what matters here is the whole path a user meets: click's
parsing, ``citekeeper.cli.main``'s mapping of errors to exit codes, and that nothing
prints a traceback.  The contract (``src/citekeeper/cli/__init__.py``,
``src/citekeeper/errors.py``): exit 3 for input errors, 4 for output errors, one line
on stderr that names the file, and output files written atomically (no half-written
file, no leftover temporary file).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from citekeeper.errors import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pichkhun-yuok-2024.txt"

# A short Russian article in GOST style: numbered footnotes ("1. ...", since cp1251 has
# no superscript digits) and a "Список литературы".  Every character is in cp1251.
RUSSIAN_ARTICLE = """\
Сотрудничество России и Камбоджи

Иванов И. И.

Отношения двух стран развивались постепенно. В последние годы они заметно окрепли.

1. Малетин Н. П. Внешняя политика Камбоджи 1953–1998 : учебное пособие. Москва : МГИМО-Университет, 2004. 250 с.
2. Бектимирова Н. Н. Камбоджа в XXI веке // Юго-Восточная Азия: актуальные проблемы развития. 2015. № 4. С. 12–25.

Список литературы

Бектимирова Н. Н. Камбоджа в XXI веке: современные политические процессы. Саарбрюккен : LAP LAMBERT, 2016. 320 с.

Богатуров А. Д. Великие державы на Тихом океане. Москва : Конверт-МОНФ, 1997. 352 с.
"""

REFERENCES_ONLY = """\
A short note on method

Body text that cites Smith (2020) and Doe and Roe (2019) in the author-date way.

References

Smith, J. (2020). A title of an article. *Journal of Things*, 1(2), 3–4.

Doe, A., & Roe, B. (2019). *A book about things*. Moscow: Nauka.
"""

FOOTNOTES_ONLY = """\
A short note on method

Body text with a footnote.¹ And another one.²

¹ Maletin N. P. Cambodia's Foreign Policy 1953–1998 : Student Book. Moscow : MGIMO Universitet publ., 2004. (In Russian).
² Belouza A. Leaders of Russia and ASEAN Countries Adopt Statement // Rossiyskaya Gazeta. November 14, 2018. URL: https://rg.ru/2018/11/14/x.html (accessed: 05.02.2024).
"""

PROSE_ONLY = """\
On nothing in particular

This article has paragraphs, a year such as 2019, and even a URL https://example.org/page,
but neither a reference list nor footnotes.

1. A numbered point in the argument, with no citation in it.
2. Another numbered point.
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_extract(*args: str | os.PathLike[str], cwd: Path, preexec_fn=None) -> Run:
    """Run ``python -m citekeeper extract ARGS`` in ``cwd`` the way a user's shell would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "citekeeper", "extract", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
        preexec_fn=preexec_fn,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(run: Run, code: int, name: str) -> None:
    """The error contract: the documented exit code, one stderr line naming the file."""
    assert "Traceback" not in run.output, run.output
    assert run.code == code, run.output
    lines = run.stderr_lines()
    assert len(lines) == 1, run.stderr
    assert name in lines[0], lines[0]
    assert lines[0].startswith("citekeeper: error: "), lines[0]


def leftovers(root: Path) -> list[Path]:
    """Temporary files ``atomic_write`` might leave behind (``.NAME.XXXX.tmp``)."""
    return sorted(p for p in root.rglob("*") if p.name.endswith(".tmp") or p.name.startswith("."))


# -- input errors: exit 3 ------------------------------------------------------------


def test_missing_file(tmp_path):
    run = run_extract("no-such-article.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "no-such-article.txt")
    assert "no such file" in run.stderr
    assert not (tmp_path / "out").exists()


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    run = run_extract("empty.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "empty.txt")
    assert not (tmp_path / "out").exists()


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.txt").write_text("\n\n   \n\t\n", encoding="utf-8")
    run = run_extract("blank.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "blank.txt")


def test_png_file(tmp_path):
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
        + bytes(range(256)) * 8
    )
    (tmp_path / "figure.png").write_bytes(png)
    run = run_extract("figure.png", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "figure.png")
    assert "binary" in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_bytes_with_nuls(tmp_path, seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(20_000))
    assert b"\x00" in data
    (tmp_path / "noise.bin").write_bytes(data)
    run = run_extract("noise.bin", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "noise.bin")


def test_text_with_one_nul_byte_midway(tmp_path):
    """A NUL far into a text file (past the sniffed head) must not crash the pipeline."""
    text = EXAMPLE.read_text(encoding="utf-8")
    cut = len(text) // 2
    (tmp_path / "nul.txt").write_bytes((text[:cut] + "\x00" + text[cut:]).encode("utf-8"))
    run = run_extract("nul.txt", "--out", "out", cwd=tmp_path)
    assert "Traceback" not in run.output
    assert run.code in (EXIT_OK, EXIT_INPUT), run.output


def test_undecodable_latin1_text(tmp_path):
    """Latin-1 text is neither UTF-8 nor Cyrillic: refused with the line of the first bad byte."""
    body = "Title\n\nThe café near the Straße was très bien.\n\nReferences\n\nSmith, J. (2020). Title. Publisher.\n"
    (tmp_path / "latin1.txt").write_bytes(body.encode("latin-1"))
    run = run_extract("latin1.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "latin1.txt:3")
    assert "UTF-8" in run.stderr


def test_no_reference_list_and_no_footnotes(tmp_path):
    (tmp_path / "prose.txt").write_text(PROSE_ONLY, encoding="utf-8")
    run = run_extract("prose.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "prose.txt")
    assert "no reference list" in run.stderr and "footnotes" in run.stderr
    assert not (tmp_path / "out").exists()


def test_larger_than_max_size(tmp_path):
    run = run_extract(EXAMPLE, "--out", "out", "--max-size", "1000", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, str(EXAMPLE))
    assert "--max-size" in run.stderr
    assert not (tmp_path / "out").exists()


def test_fifty_megabytes_refused_before_reading(tmp_path):
    """50 MB (a sparse file: no disk used) is over the default limit; refused from its size."""
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1000 * 1000)
    run = run_extract("huge.txt", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "huge.txt")
    assert "50.0 MB" in run.stderr


def test_max_size_exactly_the_file_size_is_accepted(tmp_path):
    size = EXAMPLE.stat().st_size
    run = run_extract(EXAMPLE, "--out", "out", "--max-size", str(size), cwd=tmp_path)
    assert run.code == EXIT_OK, run.output


def test_directory_as_article(tmp_path):
    (tmp_path / "chapter").mkdir()
    run = run_extract("chapter", "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_INPUT, "chapter")


def test_directory_as_article_never_tracebacks(tmp_path):
    """Whatever the exit code, a directory never crashes and the message names it."""
    (tmp_path / "chapter").mkdir()
    run = run_extract("chapter", "--out", "out", cwd=tmp_path)
    assert "Traceback" not in run.output
    assert run.code in (2, EXIT_INPUT)
    assert "chapter" in run.stderr and "directory" in run.stderr


# -- encodings: decoded and extracted, not rejected ---------------------------------


def test_cp1251_russian_article(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN_ARTICLE.encode("cp1251"))
    run = run_extract("ru.txt", "--out", "out", "--csl-json", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "Traceback" not in run.output
    assert "cp1251" in run.stdout  # the user is told how the file was read
    assert "2 references, 2 citations in 2 footnotes" in run.stdout
    refs = (tmp_path / "out" / "references.bib").read_text(encoding="utf-8")
    notes = (tmp_path / "out" / "footnotes" / "footnotes.bib").read_text(encoding="utf-8")
    assert "Богатуров" in refs and "Великие державы на Тихом океане" in refs
    assert "Малетин" in notes and "Юго-Восточная Азия" in notes
    assert "footnote = {2}" in notes


def test_cp1251_output_matches_utf8_output(tmp_path):
    """The encoding of the input must not change a single byte of what is extracted."""
    (tmp_path / "utf8.txt").write_text(RUSSIAN_ARTICLE, encoding="utf-8")
    (tmp_path / "cp.txt").write_bytes(RUSSIAN_ARTICLE.encode("cp1251"))
    assert run_extract("utf8.txt", "--out", "a", cwd=tmp_path).code == EXIT_OK
    assert run_extract("cp.txt", "--out", "b", cwd=tmp_path).code == EXIT_OK
    for rel in ("references.bib", "footnotes/footnotes.bib"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-8-sig", "")],
)
def test_utf16_example_with_and_without_bom(tmp_path, encoding, label):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "article.txt").write_bytes(text.encode(encoding))
    run = run_extract("article.txt", "--out", "out", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "24 references, 42 citations in 41 footnotes" in run.stdout
    if label:
        assert f"decoded as {label}" in run.stdout
    reference = tmp_path / "utf8"
    assert run_extract(EXAMPLE, "--out", reference, cwd=tmp_path).code == EXIT_OK
    assert (tmp_path / "out" / "references.bib").read_text(encoding="utf-8") == (
        reference / "references.bib"
    ).read_text(encoding="utf-8")


def test_utf16_with_bom_russian(tmp_path):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN_ARTICLE.encode("utf-16"))
    run = run_extract("ru.txt", "--out", "out", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "2 references, 2 citations in 2 footnotes" in run.stdout


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_russian(tmp_path, encoding):
    (tmp_path / "ru.txt").write_bytes(RUSSIAN_ARTICLE.encode(encoding))
    run = run_extract("ru.txt", "--out", "out", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "2 references, 2 citations in 2 footnotes" in run.stdout


def test_crlf_and_cr_line_ends(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "cr.txt").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    for name in ("crlf.txt", "cr.txt"):
        run = run_extract(name, "--out", f"out-{name}", cwd=tmp_path)
        assert run.code == EXIT_OK, run.output
        assert "24 references, 42 citations in 41 footnotes" in run.stdout


# -- one of the two parts missing: works, warns ---------------------------------------


def test_reference_list_without_footnotes_works(tmp_path):
    (tmp_path / "refs.txt").write_text(REFERENCES_ONLY, encoding="utf-8")
    run = run_extract("refs.txt", "--out", "out", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "Traceback" not in run.output
    assert "2 references, 0 citations in 0 footnotes" in run.stdout
    bib = (tmp_path / "out" / "references.bib").read_text(encoding="utf-8")
    assert bib.count("\n@") + bib.startswith("@") == 2
    assert (tmp_path / "out" / "footnotes" / "footnotes.bib").exists()


def test_reference_list_without_footnotes_warns(tmp_path):
    (tmp_path / "refs.txt").write_text(REFERENCES_ONLY, encoding="utf-8")
    run = run_extract("refs.txt", "--out", "out", cwd=tmp_path)
    warnings = [line for line in run.stderr_lines() if line.startswith("warning:")]
    assert any("refs.txt" in w and "footnote" in w for w in warnings), run.stderr


def test_footnotes_without_reference_list_works_and_warns(tmp_path):
    (tmp_path / "notes.txt").write_text(FOOTNOTES_ONLY, encoding="utf-8")
    run = run_extract("notes.txt", "--out", "out", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "0 references, 2 citations in 2 footnotes" in run.stdout
    warnings = [line for line in run.stderr_lines() if line.startswith("warning:")]
    assert any("notes.txt" in w and "no reference list" in w for w in warnings), run.stderr


# -- output errors: exit 4, atomic writes ------------------------------------------------


def test_out_below_a_regular_file(tmp_path):
    """``--out report.txt/refs``: the directory cannot be created."""
    (tmp_path / "report.txt").write_text("not a directory\n", encoding="utf-8")
    run = run_extract(EXAMPLE, "--out", "report.txt/refs", cwd=tmp_path)
    assert_one_line_error(run, EXIT_OUTPUT, "report.txt/refs")
    assert leftovers(tmp_path) == []


def test_target_file_is_a_directory(tmp_path):
    """``OUT/references.bib`` is a directory: the rename fails, the temporary file is removed."""
    (tmp_path / "out" / "references.bib").mkdir(parents=True)
    run = run_extract(EXAMPLE, "--out", "out", "--force", cwd=tmp_path)
    assert_one_line_error(run, EXIT_OUTPUT, "references.bib")
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["references.bib"]


def test_footnotes_dir_is_a_file(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "footnotes").write_text("in the way\n", encoding="utf-8")
    run = run_extract(EXAMPLE, "--out", "out", cwd=tmp_path)
    assert_one_line_error(run, EXIT_OUTPUT, "footnotes.bib")
    assert leftovers(tmp_path) == []
    assert (tmp_path / "out" / "footnotes").read_text(encoding="utf-8") == "in the way\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores directory permissions"
)
def test_read_only_out_dir(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        run = run_extract(EXAMPLE, "--out", "out", cwd=tmp_path)
    finally:
        out.chmod(0o755)
    assert_one_line_error(run, EXIT_OUTPUT, "out")
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE semantics")
def test_disk_full_mid_write_keeps_the_old_file(tmp_path):
    """A write that fails half-way (file size limit: EFBIG, like a full disk) leaves the
    previous ``references.bib`` untouched and no temporary file beside it."""
    import resource

    out = tmp_path / "out"
    (out / "footnotes").mkdir(parents=True)
    (out / "references.bib").write_text("% previous run\n", encoding="utf-8")

    def limit_file_size() -> None:  # runs in the child; CPython ignores SIGXFSZ
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    run = run_extract(EXAMPLE, "--out", "out", "--force", cwd=tmp_path, preexec_fn=limit_file_size)
    assert_one_line_error(run, EXIT_OUTPUT, "references.bib")
    assert (out / "references.bib").read_text(encoding="utf-8") == "% previous run\n"
    assert leftovers(tmp_path) == []
    assert list((out / "footnotes").iterdir()) == []


def test_successful_run_leaves_no_temporary_files(tmp_path):
    run = run_extract(EXAMPLE, "--out", "out", "--csl-json", "--ris", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert leftovers(tmp_path) == []
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.*")) == [
        "footnotes/footnotes.bib",
        "footnotes/footnotes.json",
        "footnotes/footnotes.ris",
        "references.bib",
        "references.json",
        "references.ris",
    ]


# -- a user's files are never replaced silently ------------------------------------------


def test_existing_hand_made_bib_is_refused(tmp_path):
    """The default ``--out .`` in a paper's folder must not eat its ``references.bib``."""
    mine = "% my own, hand-kept\n@book{me, title = {Mine}}\n"
    (tmp_path / "references.bib").write_text(mine, encoding="utf-8")
    run = run_extract(EXAMPLE, cwd=tmp_path)
    assert_one_line_error(run, EXIT_OUTPUT, "references.bib")
    assert "--force" in run.stderr
    assert (tmp_path / "references.bib").read_text(encoding="utf-8") == mine
    assert not (tmp_path / "footnotes").exists()  # refused before anything was written


def test_force_replaces_and_keeps_mode(tmp_path):
    out = tmp_path / "out"
    (out / "footnotes").mkdir(parents=True)
    (out / "references.bib").write_text("% old\n", encoding="utf-8")
    (out / "references.bib").chmod(0o640)
    run = run_extract(EXAMPLE, "--out", "out", "--force", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert "replaced out/references.bib" in run.stdout and "wrote out/footnotes/footnotes.bib" in run.stdout
    assert (out / "references.bib").read_text(encoding="utf-8").startswith("@")
    assert (out / "references.bib").stat().st_mode & 0o777 == 0o640


def test_new_files_honour_the_umask(tmp_path):
    def umask_027() -> None:
        os.umask(0o027)

    run = run_extract(EXAMPLE, "--out", "out", cwd=tmp_path, preexec_fn=umask_027)
    assert run.code == EXIT_OK, run.output
    assert (tmp_path / "out" / "references.bib").stat().st_mode & 0o777 == 0o640


def test_force_through_a_symlink_writes_the_target(tmp_path):
    shared = tmp_path / "library" / "refs.bib"
    shared.parent.mkdir()
    shared.write_text("% old\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "references.bib").symlink_to(shared)
    run = run_extract(EXAMPLE, "--out", "out", "--force", cwd=tmp_path)
    assert run.code == EXIT_OK, run.output
    assert (tmp_path / "out" / "references.bib").is_symlink()
    assert shared.read_text(encoding="utf-8").startswith("@")
