"""Reading and writing whole bibliographies without the cyclic garbage collector's passes.

Why: a reader builds tens of thousands of long-lived containers (a ``Reference`` with its
dicts and lists, its ``Name``s and ``Date``s per entry) and frees almost nothing, so
every collection the allocation count triggers walks a growing heap and finds no
garbage.  Measured on the 12,000-entry file of benchmarks/convert/: ``bibtex.loads``
took 1.10 s CPU with the collector on and 0.80 s with it paused.  The records hold no
reference cycles, so pausing it loses nothing; it is switched back on afterwards (only
if it was on), and the next allocation-triggered pass collects whatever did become
garbage meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The body runs with the cyclic collector off; its earlier state is restored after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
