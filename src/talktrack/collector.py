"""Fewer garbage-collector passes while a run parses and extracts.

Python's cycle collector walks every tracked object of a generation each
time it runs; a run allocates millions of short-lived objects (tokens,
spans, records), so with the default thresholds it collects every few
hundred allocations and walks the loaded model again and again: about 4%
of an ingest on the sample corpus. Inside `fewer_collections`, what is
alive at the start (the model, the gazetteers, the caller's objects) is
set aside (`gc.freeze`) and the youngest generation is collected 15 times
less often; on exit both are put back, so nothing set aside is lost to the
collector for good.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNGEST = 10_000  # allocations between collections of the youngest generation (the default is 700)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often inside the block, the way a long batch job wants; restore the settings after."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(YOUNGEST, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
