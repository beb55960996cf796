"""Reading and writing whole bibliographies without the cyclic garbage collector's passes.

Why: a reader builds tens of thousands of long-lived containers (a ``Reference`` with its
dicts and lists, its ``Name``s and ``Date``s per entry) and frees almost nothing, so
every collection the allocation count triggers walks a growing heap and finds no
garbage.  Measured on the 12,000-entry file of benchmarks/convert/: ``bibtex.loads``
took 1.10 s CPU with the collector on and 0.80 s with it paused.  And the records are
not done with then: left in the youngest generation they are scanned twice more on
their way to the oldest (a generation-0 and a generation-1 pass, 0.1 s each, measured
with ``gc.callbacks`` during ``convert``), so on the way out every object alive is moved
straight to the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``: two list
splices, no scan), where only the next full collection looks at them — as at any
long-lived data.  ``convert`` of that file: 1.23 s -> 1.03 s CPU in the process.

What this costs a caller: garbage cycles it made just before the call are collected at
the next full collection instead of the next young one; nothing is leaked.  The records
hold no reference cycles.  The collector is switched back on only if it was on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The body runs with the cyclic collector off; what it built then joins the oldest generation."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # every tracked object into the permanent generation (no scan) ...
        gc.unfreeze()  # ... and from there into the oldest one
        if was_on:
            gc.enable()
