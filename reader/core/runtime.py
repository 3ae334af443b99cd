"""How the analysis uses the process: the cycle collector paused while it builds millions of small
objects, and one BLAS thread for its many small matrix products."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache

from threadpoolctl import ThreadpoolController


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; reference counting still frees everything else.

    Every full collection walks all live objects, and an analysis of many links holds millions (tokens,
    diff operations, marks, the JSON's records) that form no cycles: the collector took about as long as
    the work (12 sources × 300 sentences, 28k links: word diffs 15 → 10 s, framing 17 → 9 s, same peak
    memory; a few hundred objects of cyclic garbage are left for the next collection).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread inside the block: on a busy host a 300 × 300 product took 70 ms with OpenBLAS
    threads and 7 ms on one, and the products here are small (a block of rows at a time)."""
    return _blas().limit(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process' thread pools, looked up once (each lookup walks the loaded libraries)."""
    return ThreadpoolController()
