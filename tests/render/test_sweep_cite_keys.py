"""``cite`` finds keyless entries (RIS records, CSL-JSON items without id) by the key
``export`` gives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main

RIS = """TY  - JOUR
AU  - Harrison, Jane
TI  - Editorial notes on rivers
PY  - 2001
JO  - River Studies
ER  -

TY  - BOOK
AU  - Okafor, Chidi
TI  - Markets of the delta
PY  - 1998
PB  - Heinemann
ER  -
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_cite_ris_by_exported_key(capsys, tmp_path: Path) -> None:
    ris = tmp_path / "lib.ris"
    ris.write_text(RIS, encoding="utf-8")
    code, out, _ = run(capsys, "export", str(ris), "--to", "csl-json", "-q")
    assert code == 0
    keys = [item["id"] for item in json.loads(out)]
    assert len(keys) == 2 and all(keys)
    code, out, err = run(capsys, "cite", str(ris), keys[0], ",".join(keys), "-s", "apa")
    assert code == 0, err
    assert out.splitlines() == ["(Harrison, 2001)", "(Harrison, 2001; Okafor, 1998)"]
    code, out, err = run(capsys, "render", str(ris), "-s", "apa")
    assert code == 0 and out.count("\n") == 2 and "given" not in err  # built keys are no news


def test_duplicate_keys_are_named_and_citable(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@book{k, author={Roe, Ann}, title={One}, year=2001}\n"
                   "@book{k, author={Poe, Bo}, title={Two}, year=2002}\n", encoding="utf-8")
    code, out, err = run(capsys, "cite", str(bib), "k-2", "-s", "apa")
    assert code == 0 and out.strip() == "(Poe, 2002)"
    assert "key 'k' is already used" in err


def test_unknown_key_names_the_file_and_closest(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@book{roe2001, author={Roe, Ann}, title={One}, year=2001}\n", encoding="utf-8")
    code, _, err = run(capsys, "cite", str(bib), "roe2010", "-s", "apa")
    assert code == 2
    assert err.strip() == (f"citekeeper: error: {bib}: no item with key 'roe2010' among 1 entries; "
                           "closest: roe2001")


@pytest.mark.parametrize("doi", ["http://dx.doi.org/10.1016/j.actamat.2016.09.019",
                                 "https://doi.org/10.1016/j.actamat.2016.09.019", "doi:10.1016/j.actamat.2016.09.019"])
def test_doi_written_as_url_renders_once(capsys, tmp_path: Path, doi: str) -> None:
    bib = tmp_path / "a.bib"
    entry = ("@article{g, author={Ghosh, C.}, title={Phase separation}, journal={Acta Materialia},"
             " volume=121, pages={310--324}, year=2016, doi={DOI}}\n").replace("DOI", doi)
    bib.write_text(entry, encoding="utf-8")
    code, out, _ = run(capsys, "render", str(bib), "-s", "apa")
    assert code == 0
    assert out.rstrip().endswith(" https://doi.org/10.1016/j.actamat.2016.09.019")


SETS = """@set{pair, entryset = {roe2001,poe2002}, annotation = {Two works.}}
@book{roe2001, author={Roe, Ann}, title={One}, publisher={P}, year=2001}
@book{poe2002, author={Poe, Bo}, title={Two}, publisher={P}, year=2002}
"""


def test_biblatex_set_is_its_members(capsys, tmp_path: Path) -> None:
    bib = tmp_path / "sets.bib"
    bib.write_text(SETS, encoding="utf-8")
    code, out, _ = run(capsys, "render", str(bib), "-s", "apa")
    assert code == 0 and out.count("\n") == 2 and "n.d." not in out  # no empty line for the set
    code, out, _ = run(capsys, "cite", str(bib), "pair", "-s", "apa")
    assert code == 0 and out.strip() == "(Poe, 2002; Roe, 2001)"
