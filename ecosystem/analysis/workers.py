"""Worker processes for the costliest exact measures of a large network.

Betweenness, closeness, harmonic centrality and Burt's structural holes each walk the whole
network from every organisation; at a few thousand organisations they take seconds, and
python-igraph holds Python's interpreter lock while it runs, so threads cannot share them
out. Processes can: :func:`submit` sends one such computation to a small pool of worker
processes and returns a :class:`~concurrent.futures.Future` at once, so the caller (the
dashboard drawing a network, or another measure) carries on while it runs.

Betweenness itself splits exactly: Brandes' algorithm sums each source's dependencies, so
igraph's betweenness restricted to a subset of sources, summed over a partition of the
sources, is the full betweenness (:func:`betweenness_from_sources`). On a 2-core machine,
5,000 organisations and 50,000 arcs, two halves take 1.1 s against 2.1 s for the whole.

The pool is made on first use: ``forkserver`` processes where the platform has them (a
clean process forked on request, never a copy of a server's threads), ``spawn`` elsewhere.
Its size is the number of cores, at most :data:`MOST_WORKERS`; ``ECOSYSTEM_WORKERS=0`` in
the environment turns it off, and a machine with one core never makes one. Everything here
works without the pool: :func:`submit` then computes on the spot, and a pool that breaks (a
worker killed) is replaced by computing on the spot, never by a wrong or missing result.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Final, TypeVar

import igraph as ig
import numpy as np

__all__ = [
    "MOST_WORKERS",
    "WORKERS_VARIABLE",
    "betweenness_from_sources",
    "outcome",
    "submit",
    "warm_up",
    "worker_count",
]

WORKERS_VARIABLE: Final = "ECOSYSTEM_WORKERS"
"""The environment variable that sets the number of worker processes (0: none)."""

MOST_WORKERS: Final = 4
"""The most worker processes made by default: beyond four, the network's edge list sent to
each worker and the sums of the parts cost more than the cores gain at programme scale."""

T = TypeVar("T")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def worker_count() -> int:
    """How many worker processes the pool has: ``ECOSYSTEM_WORKERS`` if set, else the
    machine's cores up to :data:`MOST_WORKERS`, and none on a machine with one core."""
    setting = os.environ.get(WORKERS_VARIABLE, "").strip()
    if setting:
        try:
            return max(0, int(setting))
        except ValueError:
            return 0
    cores = os.cpu_count() or 1
    return min(cores, MOST_WORKERS) if cores > 1 else 0


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # Workers start with igraph and numpy already imported.
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _current_pool() -> ProcessPoolExecutor | None:
    global _pool
    with _lock:
        if _pool is None and worker_count() > 0:
            _pool = ProcessPoolExecutor(worker_count(), mp_context=_context())
        return _pool


def _forget_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def _done(value: T) -> Future[T]:
    future: Future[T] = Future()
    future.set_result(value)
    return future


def submit(function: Callable[..., T], *args: object) -> Future[T]:
    """Run ``function(*args)`` on a worker process; without a pool, here and now.

    ``function`` must be importable by name (defined at the top of a module) and its
    arguments and result picklable; read the result with :func:`outcome`.
    """
    pool = _current_pool()
    if pool is None:
        return _done(function(*args))
    try:
        future = pool.submit(function, *args)
    except (BrokenProcessPool, RuntimeError):
        _forget_pool(pool)
        return _done(function(*args))
    future.work = (function, args)  # type: ignore[attr-defined]
    return future


def outcome(future: Future[T]) -> T:
    """The result of a :func:`submit`; computed here instead if the pool broke meanwhile."""
    try:
        return future.result()
    except BrokenProcessPool:
        pool = _pool
        if pool is not None:
            _forget_pool(pool)
        function, args = future.work  # type: ignore[attr-defined]
        return function(*args)


def _nothing() -> None:
    return None


def warm_up() -> None:
    """Start the worker processes now (a server does this as it starts), so the first
    large network does not also pay for starting them; returns at once."""
    for _ in range(worker_count()):
        submit(_nothing)


def igraph_from_arcs(n: int, edges: np.ndarray) -> ig.Graph:
    """The directed igraph graph of ``n`` vertices and the ``(k, 2)`` arc array ``edges``."""
    return ig.Graph(n=n, edges=np.asarray(edges, dtype=np.int64).tolist(), directed=True)


def betweenness_from_sources(n: int, edges: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """Unnormalised directed betweenness counting only shortest paths that start at
    ``sources`` (igraph's subset betweenness); summed over a partition of all vertices it
    is the full betweenness."""
    graph = igraph_from_arcs(n, edges)
    values = graph.betweenness(directed=True, weights=None, sources=list(sources))
    return np.asarray(values, dtype=float)


def on_arcs(measure: Callable[[ig.Graph], np.ndarray], n: int, edges: np.ndarray) -> np.ndarray:
    """``measure`` of the igraph graph made from ``n`` and ``edges``, on a worker."""
    return measure(igraph_from_arcs(n, edges))
