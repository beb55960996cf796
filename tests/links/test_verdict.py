"""Outcome values: what crosses process boundaries comes back the same."""

from __future__ import annotations

import dataclasses
import pickle

from citekeeper.links.verdict import Citation, Result, Status


def test_results_and_citations_survive_pickling_field_for_field() -> None:
    results = [Result("url", "https://ex.org/é", Status.OK, "HTTP 200", 200, "https://ex.org/x", None, 0,
                      1.5, False, 0, {"elapsed_s": 0.05, "chain": [[301, "https://ex.org/a"]]}),
               Result("doi", "10.1/x", Status.BROKEN, "DOI not registered", None, None, "s", 3, 2.0, True, 4, {})]
    citations = [Citation("k1", "refs.bib", 3, "URL", "2021-11-30", "2020"), Citation("k2", None, None, "DOI")]
    for obj in results + citations:
        for protocol in (2, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(obj, protocol=protocol))
            assert type(back) is type(obj) and back == obj and repr(back) == repr(obj)
            assert dataclasses.astuple(back) == dataclasses.astuple(obj)
    assert hash(pickle.loads(pickle.dumps(citations[0]))) == hash(citations[0])
    back = pickle.loads(pickle.dumps(results[0]))
    assert back.details == results[0].details and back.with_(reason="x").reason == "x"
    try:
        back.reason = "changed"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a rebuilt result must stay frozen")
