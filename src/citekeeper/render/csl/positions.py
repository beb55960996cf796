"""Cite positions (CSL 1.0.2 "Position"): first, subsequent, ibid, ibid-with-locator.
"""

from __future__ import annotations

from typing import Any

from .state import _T


def assign_positions(clusters: list[list], root: Any) -> None:
    """CSL cite positions: first, subsequent, ibid, ibid-with-locator (notes 1, 2, ...)."""
    cit = root.find(_T + "citation")
    near = int(cit.get("near-note-distance", "5")) if cit is not None else 5
    last_note: dict[str, int] = {}
    prev: Any = None
    prev_cluster_len = 0
    for note, cluster in enumerate(clusters, 1):
        for i, c in enumerate(cluster):
            key = c.key
            if key not in last_note:
                pos = "first"
            else:
                same_prev = prev is not None and prev.key == key and (i > 0 or prev_cluster_len == 1)
                if same_prev:
                    loc, ploc = c.get("locator"), prev.get("locator")
                    if loc is None and ploc is None:
                        pos = "ibid"
                    elif loc is None:
                        pos = "subsequent"
                    elif ploc is None or str(loc.identifier) != str(ploc.identifier):
                        pos = "ibid-with-locator"
                    else:
                        pos = "ibid"
                else:
                    pos = "subsequent"
                c.__dict__["near_note"] = note - last_note[key] <= near
            c.__dict__["position"] = pos
            last_note[key] = note
            prev = c
        prev_cluster_len = len(cluster)
