"""Macro calls of a style checked once, when it is loaded.

A macro that calls itself, directly or through others (``a`` -> ``b`` -> ``a``), recursed
until Python's limit: ``render`` stopped with "internal error: RecursionError" (exit 70)
on the first entry.  A call of a macro the style does not define rendered nothing, so
every entry silently came out empty ("the style leaves them out").  citeproc-js refuses
both as style errors; so do we, naming the line of the call.
"""

from __future__ import annotations

from typing import Any

from .state import _T


def _calls(el: Any) -> list[Any]:
    """The elements under ``el`` (itself included) that call a macro."""
    return [e for e in el.iter() if isinstance(e.tag, str) and e.get("macro") is not None]


def macro_problem(root: Any) -> tuple[int | None, str] | None:
    """``(line, message)`` for the first undefined or recursive macro call, else ``None``."""
    macros = {m.get("name"): m for m in root.iter(_T + "macro")}
    for call in _calls(root):
        if call.get("macro") not in macros:
            return call.sourceline, f"malformed CSL style: call of an undefined macro {call.get('macro')!r}"
    calls = {name: [c.get("macro") for c in _calls(m)] for name, m in macros.items()}
    done: set[str] = set()
    for start in calls:
        if start in done:
            continue
        # iterative depth-first search (a deep chain of macros must not recurse either)
        path: list[str] = [start]
        on_path = {start}
        stack = [iter(calls[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                finished = path.pop()
                done.add(finished)
                on_path.discard(finished)
                continue
            if nxt in on_path:
                cycle = " -> ".join([*path[path.index(nxt):], nxt])
                return macros[nxt].sourceline, f"malformed CSL style: macro {nxt!r} calls itself ({cycle})"
            if nxt not in done:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(calls[nxt]))
    return None
