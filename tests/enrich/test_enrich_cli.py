"""``citekeeper enrich`` end to end: --fix writes only what it found, every format,
settings, endpoints from the environment, offline and slow registries."""

from __future__ import annotations

import json
import os
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from lookalike import Lookalike

from citekeeper.cli import cli
from citekeeper.errors import CitekeeperError
from citekeeper.formats.bibtex import reference_to_fields
from citekeeper.model import Reference

ENTRY = """% comments, alignment and field order are kept
@Article{lecun2015,
  author       = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title        = {Deep Learning},
  journal      = {Nature},
  year         = 2015,
}

@article{watson1953,
  author = {Watson, J. D. and Crick, F. H. C.},
  title = {Molecular structure of nucleic acids},
  journal = {Nature},
  year = {1953},
  doi = {10.1038/171737a0},
  volume = {999},
}
"""


def _pages(value: str) -> str:
    """Pages as the BibTeX writer writes them (``convert``'s choice is ``--fix``'s)."""
    ref = Reference(type="article-journal", fields={"page": value})
    return dict(reference_to_fields(ref, "bibtex")[1])["pages"]


def env_for(r: Lookalike) -> dict[str, str]:
    return {"CITEKEEPER_CROSSREF_API": r.url("crossref"), "CITEKEEPER_DATACITE_API": r.url("datacite"),
            "CITEKEEPER_OPENALEX_API": r.url("openalex"), "CITEKEEPER_DOI_API": r.url("handle")}


def run(env: dict[str, str], *args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        res = runner.invoke(cli, ["enrich", *args, "--allow-private", "--no-cache", "--timeout", "1"], env=env)
    finally:
        os.chdir(old)
    if isinstance(res.exception, CitekeeperError):  # what main() maps to an exit code
        return res.exception.exit_code, res.stdout, res.stderr + str(res.exception)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.stdout, res.stderr


def test_without_fix_nothing_is_written(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_bytes(ENTRY.encode())
    code, out, _ = run(env_for(registry), str(p))
    assert code == 0
    assert "doi:10.1038/nature14539" in out and "enrich/doi-found" in out
    assert p.read_bytes() == ENTRY.encode()


def test_fix_adds_doi_and_missing_fields_and_nothing_else(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_bytes(ENTRY.replace("\n", "\r\n").encode())
    code, _, err = run(env_for(registry), str(p), "--fix")
    assert code == 0, err
    new = p.read_bytes().decode()
    assert "wrote:" in err and "[crossref" in err
    first, second = new.split("@article{watson1953,")
    added = [line for line in first.split("\r\n") if line not in ENTRY.split("\n")]
    # The BibTeX flavour of the entry (journal/year): issue as number, pages as the writer writes them.
    assert sorted(added) == sorted([
        "  doi = {10.1038/nature14539},", "  volume = {521},", "  number = {7553},",
        f"  pages = {{{_pages('436-444')}}},", "  publisher = {Springer Science and Business Media LLC},",
        "  issn = {0028-0836},", "  language = {en},", "  langid = {english},",
    ])
    added2 = [line for line in second.split("\r\n") if line not in ENTRY.split("\n")]
    assert sorted(added2) == sorted([
        "  number = {4356},", f"  pages = {{{_pages('737-738')}}},", "  publisher = {Springer Science and Business Media LLC},",
        "  issn = {0028-0836},", "  language = {en},", "  langid = {english},",
    ])
    assert "doi = {10.1038/nature14539}" in new
    # Every original line is still there, in order, with its CRLF.
    lines = new.split("\r\n")
    it = iter(lines)
    assert all(any(x == orig for x in it) for orig in ENTRY.split("\n"))
    # The user's (wrong) volume of Watson & Crick is not replaced.
    assert "volume = {999}" in new and "volume = {171}" not in new
    # A second run changes nothing more.
    before = p.read_bytes()
    run(env_for(registry), str(p), "--fix")
    assert p.read_bytes() == before


def test_fix_dry_run_writes_nothing(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    code, _, err = run(env_for(registry), str(p), "--fix", "--dry-run")
    assert code == 0 and "would write:" in err and "doi = 10.1038/nature14539" in err
    assert p.read_text(encoding="utf-8") == ENTRY


def test_overwrite_replaces_a_wrong_doi_only_when_asked(registry: Lookalike, tmp_path: Path) -> None:
    text = ("@article{i, author = {Ioannidis, John}, title = {Why Most Published Research Findings Are False},"
            " journal = {PLoS Medicine}, year = {2005}, doi = {10.1371/journal.pmed.0020125}}\n")
    p = tmp_path / "refs.bib"
    p.write_text(text, encoding="utf-8")
    code, out, _ = run(env_for(registry), str(p), "--fix")
    assert code == 1 and "enrich/doi-mismatch" in out
    assert p.read_text(encoding="utf-8") == text
    run(env_for(registry), str(p), "--fix", "--overwrite")
    assert p.read_text(encoding="utf-8") == text.replace("0020125", "0020124")


def test_json_per_entry(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    _code, out, _ = run(env_for(registry), str(p), "--format", "json")
    data = json.loads(out)
    assert data["version"] == 1
    lecun, watson = data["entries"]
    assert lecun["action"] == "found" and lecun["doi"] == "10.1038/nature14539" and lecun["score"] > 0.9
    assert lecun["completed"]["volume"] == {"value": "521", "source": "crossref:10.1038/nature14539"}
    assert any(f["rule"] == "enrich/doi-found" for f in lecun["findings"])
    assert watson["action"] == "verified" and watson["doi_given"] == "10.1038/171737a0"
    assert data["summary"]["actions"] == {"found": 1, "verified": 1}


def test_other_formats(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text("@article{w, author = {Wakefield, AJ}, title = {Ileal-lymphoid-nodular hyperplasia, non-specific"
                 " colitis, and pervasive developmental disorder in children}, journal = {Lancet}, year = {1998},"
                 " doi = {10.1016/S0140-6736(97)11096-0}}\n", encoding="utf-8")
    env = env_for(registry)
    code, out, _ = run(env, str(p), "--format", "github")
    assert code == 1 and out.startswith("::error file=") and "enrich/retracted" in out
    _, out, _ = run(env, str(p), "--format", "junit")
    root = ET.fromstring(out)
    assert root.get("failures") == "1"
    _, out, _ = run(env, str(p), "--format", "markdown")
    assert out.startswith("## citekeeper enrich") and "| error | enrich/retracted |" in out
    code, _, _ = run(env, str(p), "--fail-on", "none")
    assert code == 0


def test_polite_user_agent_and_mailto(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    registry.reset_counts()
    run(env_for(registry), str(p), "--mailto", "me@example.org")
    assert any("mailto:me@example.org" in a for a in registry.agents)
    assert any(q.get("mailto") == "me@example.org" for s, q in registry.queries if s == "crossref")
    code, _, _err = run(env_for(registry), str(p), "--mailto", "not-an-address")
    assert code == 2


def test_settings_table_and_unknown_key(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.citekeeper.enrich]\nservices = ['crossref']\nrate = 200\n")
    code, _, _ = run(env_for(registry), str(p), cwd=tmp_path)
    assert code == 0
    (tmp_path / "pyproject.toml").write_text("[tool.citekeeper.enrich]\nmail_to = 'x@y.org'\n")
    code, _, err = run(env_for(registry), str(p), cwd=tmp_path)
    assert code == 2 and "unknown setting 'mail_to'" in err


def test_command_line_endpoint_wins_over_environment(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    env = {**env_for(registry), "CITEKEEPER_CROSSREF_API": "http://127.0.0.1:9"}
    code, out, _ = run(env, str(p), "--crossref-api", registry.url("crossref"), "--format", "json")
    assert json.loads(out)["entries"][0]["doi"] == "10.1038/nature14539"
    code, _, _ = run(env, str(p), "--crossref-api", "ftp://x")
    assert code == 2


def _refused_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


def test_offline_warns_and_changes_nothing(tmp_path: Path) -> None:
    dead = _refused_url()
    env = {"CITEKEEPER_CROSSREF_API": dead, "CITEKEEPER_DATACITE_API": dead,
           "CITEKEEPER_OPENALEX_API": dead, "CITEKEEPER_DOI_API": dead + "/api/handles"}
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY, encoding="utf-8")
    code, out, err = run(env, str(p), "--fix", "--retries", "0")
    assert "offline: no registry answered" in err
    assert code == 0  # nothing is wrong with the bibliography; it could not be checked
    assert p.read_text(encoding="utf-8") == ENTRY
    assert "2 unchecked" in out


def test_slow_record_is_unchecked_not_wrong(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text("@article{s, author = {Slow, Sam}, title = {A record that answers slowly}, year = {2020},"
                 " doi = {10.5555/slow.1}}\n", encoding="utf-8")
    code, out, _err = run(env_for(registry), str(p), "--retries", "0", "--timeout", "0.3", "--format", "json")
    e = json.loads(out)["entries"][0]
    assert e["action"] == "unchecked" and code == 0


@pytest.mark.parametrize("suffix", [".json", ".ris"])
def test_other_inputs_are_read_and_never_written(registry: Lookalike, tmp_path: Path, suffix: str) -> None:
    p = tmp_path / f"refs{suffix}"
    if suffix == ".json":
        p.write_text(json.dumps([{"id": "a", "type": "article-journal", "title": "Deep learning",
                                  "author": [{"family": "LeCun", "given": "Yann"}],
                                  "container-title": "Nature", "issued": {"date-parts": [[2015]]}}]))
    else:
        p.write_text("TY  - JOUR\nAU  - LeCun, Yann\nTI  - Deep learning\nT2  - Nature\nPY  - 2015\nER  - \n")
    before = p.read_bytes()
    _code, out, err = run(env_for(registry), str(p), "--fix", "--format", "json")
    assert json.loads(out)["entries"][0]["doi"] == "10.1038/nature14539"
    assert "writes .bib files only" in err
    assert p.read_bytes() == before


def test_help_has_examples() -> None:
    res = CliRunner().invoke(cli, ["enrich", "--help"])
    assert res.exit_code == 0 and "Examples:" in res.output and "--crossref-api" in res.output


def test_bad_input_and_output(registry: Lookalike, tmp_path: Path) -> None:
    env = env_for(registry)
    code, _, err = run(env, str(tmp_path / "missing.bib"))
    assert code == 3 and "missing.bib" in err
    p = tmp_path / "refs.bib"
    p.write_text(ENTRY + "\n@article{broken,\n  title = {unclosed\n", encoding="utf-8")
    code, out, err = run(env, str(p), "--format", "json")
    assert code == 0 and "refs.bib:18: cannot parse" in err  # file:line named, the others looked up
    assert [e["key"] for e in json.loads(out)["entries"]] == ["lecun2015", "watson1953"]
    code, _, err = run(env, str(p), "-o", str(p / "r.txt"))  # a file where a folder should be
    assert code == 4


def test_check_retractions(registry: Lookalike, tmp_path: Path) -> None:
    p = tmp_path / "refs.bib"
    p.write_text("@article{w, author = {Wakefield, AJ}, title = {Ileal-lymphoid-nodular hyperplasia}, year = {1998},"
                 " doi = {10.1016/S0140-6736(97)11096-0}}\n"
                 "@article{ok, author = {LeCun, Y}, title = {Deep learning}, year = {2015}, doi = {10.1038/nature14539}}\n",
                 encoding="utf-8")
    runner = CliRunner()
    base = ["check", str(p), "--allow-private", "--no-cache", "--timeout", "1"]
    res = runner.invoke(cli, [*base, "--retractions"], env=env_for(registry))
    assert res.exit_code == 1, res.output
    assert "[w]: error: doi:10.1016/s0140-6736(97)11096-0 was retracted" in res.stdout
    assert "[ok]" not in res.stdout.split("retractions")[-1]
    res = runner.invoke(cli, base, env=env_for(registry))  # without the option: the link check only
    assert res.exit_code == 0 and "retract" not in res.stdout
    res = runner.invoke(cli, [*base, "--retractions", "--format", "json"], env=env_for(registry))
    json.loads(res.stdout)  # still one JSON document; the notices went to stderr
    assert "was retracted" in res.stderr
