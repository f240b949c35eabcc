"""Run many requests through one engine, on every core.

Workers are forked from the process that holds the engine, so they share its compiled rule base
without reloading or pickling it; small batches run in-process, where forking would cost more than
it saves.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Optional, Sequence

_ENGINE = None  # the engine forked workers evaluate with
_FN: Optional[Callable] = None


def _work(chunk):
    return [_FN(_ENGINE, item) for item in chunk]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("COMITY_REPORT_WORKERS", "0")) or os.cpu_count() or 1))


def run_all(engine, fn: Callable, items: Sequence, workers: Optional[int] = None, min_parallel: int = 400) -> list:
    """[fn(engine, item) for item in items], in order, spread over `workers` processes."""
    global _ENGINE, _FN
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(items) < min_parallel or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(engine, item) for item in items]
    _ENGINE, _FN = engine, fn
    try:
        size = max(50, len(items) // (workers * 8))
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [x for part in pool.map(_work, chunks) for x in part]
    finally:
        _ENGINE, _FN = None, None
