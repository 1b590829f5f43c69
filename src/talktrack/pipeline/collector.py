"""Fewer garbage-collector passes while a run parses and extracts.

Python's cycle collector walks every tracked object of a generation each
time it runs; a run allocates millions of short-lived objects (tokens,
spans, records), so with the default thresholds it collects every few
hundred allocations and walks the loaded model again and again: about 4%
of an ingest on the sample corpus. Inside `fewer_collections`, what is
alive at the start (the model, the gazetteers, the caller's objects) is
set aside (`gc.freeze`) and the youngest generation is collected 15 times
less often; on exit both are put back, so nothing set aside is lost to the
collector for good. The settings are the process's: blocks that nest, or
overlap in threads (a Dask worker running several batches at once), share
one change, made by the first to enter and undone by the last to leave.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNGEST = 10_000  # allocations between collections of the youngest generation (the default is 700)

_lock = threading.Lock()
_inside = 0  # blocks entered and not yet left, in all threads
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often inside the block, the way a long batch job wants; restore the settings after."""
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(YOUNGEST, _saved[0]), *_saved[1:])
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()
