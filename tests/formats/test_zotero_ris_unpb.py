"""RIS types other programs write that Zotero's table misses: UNPB (the RIS spec's unpublished
work, written by EndNote, JabRef and Mendeley) is a manuscript, MULTI a video recording."""

from __future__ import annotations

from pathlib import Path

from citekeeper.formats import dumps, read_file

RIS = """TY  - UNPB
AU  - Roe, Ann
TI  - Draft on rivers
PY  - 2019
ER  -

TY  - MULTI
TI  - Rivers, a film
PY  - 2004
ER  -
"""


def test_unpb_is_a_manuscript_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "lib.ris"
    path.write_text(RIS, encoding="utf-8")
    draft, film = read_file(path).references
    assert draft.type == "manuscript" and film.type == "motion_picture"
    out = dumps([draft, film], "ris")
    assert "TY  - MANSCPT" in out and "TY  - MPCT" in out  # the TYs Zotero reads back as such
