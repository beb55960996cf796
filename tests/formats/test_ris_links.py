"""RIS link tags (L1/L2/L4) kept losslessly in ``Reference.extra``; files without them
write as before."""

from __future__ import annotations

import json

from citekeeper.formats import csljson, ris

WITH = ("TY  - ELEC\r\nTI  - A page\r\nUR  - https://example.org/a\r\nL1  - https://example.org/a.pdf\r\n"
        "L1  - internal-pdf://123/b.pdf\r\nL2  - https://example.org/full\r\nL4  - https://example.org/fig1.png\r\n"
        "ER  - \r\n")
WITHOUT = "TY  - ELEC\r\nTI  - A page\r\nUR  - https://example.org/a\r\nER  - \r\n"


def test_link_tags_are_kept_in_order() -> None:
    ref = ris.loads(WITH).references[0]
    assert ref.extra["ris.L1"] == ["https://example.org/a.pdf", "internal-pdf://123/b.pdf"]
    assert ref.extra["ris.L2"] == ["https://example.org/full"]
    assert ref.extra["ris.L4"] == ["https://example.org/fig1.png"]
    assert ref.url == "https://example.org/a"


def test_link_tags_round_trip_through_ris_and_csljson() -> None:
    refs = ris.loads(WITH).references
    again = ris.loads(ris.dumps(refs)).references
    assert again[0].extra == refs[0].extra
    via_json = csljson.loads(csljson.dumps(refs))
    assert ris.dumps(via_json) == ris.dumps(refs)


def test_without_link_tags_nothing_changes() -> None:
    refs = ris.loads(WITHOUT).references
    assert not any(k.startswith("ris.") for k in refs[0].extra)
    out = ris.dumps(refs)
    assert "L1  -" not in out and "L2  -" not in out
    assert not any(k.startswith("ris.") for item in json.loads(csljson.dumps(refs)) for k in item)
