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

import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, Final, TypeVar

import igraph as ig
import numpy as np

from ecosystem import graphs
from ecosystem.settings import SETTINGS

__all__ = [
    "MOST_WORKERS",
    "WORKERS_VARIABLE",
    "betweenness_from_sources",
    "enter_foreground",
    "foreground",
    "hurry",
    "leave_foreground",
    "outcome",
    "submit",
    "wait_quietly",
    "wait_until_idle",
    "warm_up",
    "worker_count",
]

WORKERS_VARIABLE: Final = "ECOSYSTEM_WORKERS"
"""The environment variable that sets the number of worker processes (0: none)."""

MOST_WORKERS: Final = SETTINGS.most_workers
"""The most worker processes made by default: beyond four, the network's edge list sent to
each worker and the sums of the parts cost more than the cores gain at programme scale."""

QUIET_BEFORE_BACKGROUND: Final = SETTINGS.quiet_before_background
"""Seconds without a view being drawn before background work starts: on a 2-core machine
a worker busy in the background slows the view being drawn by half."""

WORKER_NICENESS: Final = SETTINGS.worker_niceness
"""How much lower the workers' scheduling priority is than the server's (Unix ``nice``):
work already running in the background then slows a view being drawn much less."""

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
            _pool = ProcessPoolExecutor(
                worker_count(), mp_context=_context(), initializer=_lower_priority
            )
        return _pool


def _lower_priority() -> None:
    """Run the worker at :data:`WORKER_NICENESS` (where the platform has ``nice``)."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _forget_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


@dataclass(eq=False)
class _Work:
    """One computation waiting for, or running on, a worker."""

    function: Callable[..., Any]
    args: tuple[object, ...]
    future: Future[Any]
    urgent: bool = False
    started: bool = False


class _Queue:
    """Work waiting for a worker, the urgent first (a view is waiting for it), then the
    rest in the order submitted.

    Background work starts only when no view has been drawn for
    :data:`QUIET_BEFORE_BACKGROUND` seconds, so a view finds the cores to itself; a view
    that arrives meanwhile waits at most for the pieces already running (a second or so at
    5,000 organisations) before its own urgent work has a worker.
    """

    def __init__(self) -> None:
        self._waiting: list[_Work] = []
        self._running = 0
        self.foreground = 0
        """Views being drawn now."""
        self.quiet_since = 0.0
        """When the last view was drawn (``time.monotonic``)."""
        self._timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def busy(self) -> bool:
        """Whether work waits or runs."""
        with self.lock:
            return bool(self._waiting) or self._running > 0

    def enter(self) -> None:
        """A view starts being drawn."""
        with self.lock:
            self.foreground += 1

    def leave(self) -> None:
        """A view is drawn: the quiet starts now."""
        with self.lock:
            self.foreground -= 1
            self.quiet_since = time.monotonic()
        self.dispatch()

    def claim(self, work: _Work) -> bool:
        """Mark ``work`` started; whether it was not started before (it is the caller's)."""
        with self.lock:
            claimed, work.started = not work.started, True
        return claimed

    def put(self, work: _Work) -> None:
        with self.lock:
            self._waiting.append(work)
        self.dispatch()

    def hurry(self, work: _Work) -> None:
        """Put ``work`` ahead of every background work still waiting."""
        with self.lock:
            work.urgent = True
        self.dispatch()

    def _quiet_for(self) -> float:
        """Seconds the dashboard has drawn nothing (0 while it draws)."""
        return 0.0 if self.foreground else time.monotonic() - self.quiet_since

    def _next(self, workers: int, quiet_for: float) -> _Work | None:
        if self._running >= workers:
            return None
        for work in self._waiting:
            if work.urgent:
                return work
        if quiet_for < QUIET_BEFORE_BACKGROUND:
            return None
        return self._waiting[0] if self._waiting else None

    def dispatch(self) -> None:
        """Start what may start now; wake up later for background work kept waiting."""
        while True:
            pool = _current_pool()
            with self.lock:
                quiet_for = self._quiet_for()
                work = self._next(worker_count(), quiet_for) if pool is not None else None
                if work is None or pool is None:
                    if self._waiting and not self.foreground:
                        self._wake_after(QUIET_BEFORE_BACKGROUND - quiet_for)
                    return
                self._waiting.remove(work)
                work.started = True
                self._running += 1
            try:
                running = pool.submit(work.function, *work.args)
            except (BrokenProcessPool, RuntimeError) as error:
                self._finish(work, None, error)
                continue
            running.add_done_callback(partial(self._finish, work, error=None))

    def _wake_after(self, seconds: float) -> None:
        if seconds > 0 and (self._timer is None or not self._timer.is_alive()):
            self._timer = threading.Timer(seconds + 0.01, self.dispatch)
            self._timer.daemon = True
            self._timer.start()

    def _finish(self, work: _Work, done: Future[Any] | None, error: BaseException | None) -> None:
        with self.lock:
            self._running -= 1
        if done is not None:
            error = BrokenProcessPool("cancelled") if done.cancelled() else done.exception()
        if error is not None:
            work.future.set_exception(error)
        else:
            # without an error, done is the finished future: never None
            work.future.set_result(done.result())  # type: ignore[union-attr]
        self.dispatch()


_queue = _Queue()


def submit(function: Callable[..., T], *args: object) -> Future[T]:
    """Queue ``function(*args)`` for a worker process, as background work; returns at once.

    ``function`` must be importable by name (defined at the top of a module) and its
    arguments and result picklable. Read the result with :func:`outcome`, which makes the
    work urgent; without a pool, :func:`outcome` computes it then, here.
    """
    future: Future[T] = Future()
    work = _Work(function, args, future)
    future.work = work  # type: ignore[attr-defined]  # carried for hurry() and outcome()
    if _current_pool() is not None:
        _queue.put(work)
    return future


def hurry(futures: Iterable[Future[Any]]) -> None:
    """Put the work of ``futures`` ahead of background work, without waiting for it (a view
    that will need several results asks for all of them at once)."""
    for future in futures:
        if not future.done():
            _queue.hurry(future.work)  # type: ignore[attr-defined]  # set by submit()


def enter_foreground() -> None:
    """A view starts being drawn (the dashboard starts answering a request)."""
    _queue.enter()


def leave_foreground() -> None:
    """A view is drawn: background work may start once the dashboard has been quiet for
    :data:`QUIET_BEFORE_BACKGROUND` seconds."""
    _queue.leave()


@contextmanager
def foreground() -> Iterator[None]:
    """While a view is drawn (the dashboard answers a request), and for
    :data:`QUIET_BEFORE_BACKGROUND` seconds after, start no background work (work already
    running goes on): the view has the cores to itself and the workers for what it asks."""
    enter_foreground()
    try:
        yield
    finally:
        leave_foreground()


def wait_until_idle(timeout: float = 600.0) -> bool:
    """Wait until no work waits or runs on the workers (the bench, before a restart);
    ``False`` if ``timeout`` seconds passed first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not _queue.busy():
            return True
        time.sleep(0.05)
    return False


def wait_quietly(futures: Iterable[Future[Any]]) -> None:
    """Wait for ``futures`` without hurrying their work (a background thread does)."""
    wait(list(futures))


def outcome(future: Future[T]) -> T:
    """The result of a :func:`submit`, waited for (the work goes ahead of background work);
    computed here instead without a pool, or if the pool broke."""
    work: _Work = future.work  # type: ignore[attr-defined]  # set by submit()
    if not future.done() and _current_pool() is None:
        _compute_here(work)
    if not future.done():
        _queue.hurry(work)
    try:
        return future.result()
    except BrokenProcessPool:
        pool = _pool
        if pool is not None:
            _forget_pool(pool)
        result: T = work.function(*work.args)  # the function submitted with this future
        return result


def _compute_here(work: _Work) -> None:
    """Compute work no worker took (there is no pool), once, whichever thread asks first."""
    if _queue.claim(work):
        try:
            work.future.set_result(work.function(*work.args))
        except BaseException as error:  # handed to whoever waits, as a worker would
            work.future.set_exception(error)


def _nothing() -> None:
    return None


def warm_up(wait_for_them: bool = False) -> None:
    """Start the worker processes now (a server does this as it starts), so the first
    large network does not also pay for starting them; returns at once unless
    ``wait_for_them`` (the bench waits, so no figure includes starting them)."""
    pool = _current_pool()
    if pool is not None:
        started = [pool.submit(_nothing) for _ in range(worker_count())]
        if wait_for_them:
            wait(started)


_GRAPHS: dict[tuple[int, str], ig.Graph] = {}
"""The graphs a worker made lately, by their size and arcs: the parts of one network's
measures arrive one after another, and making the graph took 70 ms of each."""

_GRAPHS_KEPT: Final = 4


def igraph_from_arcs(n: int, edges: np.ndarray) -> ig.Graph:
    """:func:`ecosystem.graphs.igraph_from_arcs`, made once per process for the same arcs
    (its users never modify it)."""
    arcs = np.ascontiguousarray(edges, dtype=np.int64)
    key = (n, hashlib.sha1(arcs.tobytes()).hexdigest())
    graph = _GRAPHS.get(key)
    if graph is None:
        graph = graphs.igraph_from_arcs(n, arcs)
        while len(_GRAPHS) >= _GRAPHS_KEPT:
            _GRAPHS.pop(next(iter(_GRAPHS)))
        _GRAPHS[key] = graph
    return graph


def betweenness_from_sources(n: int, edges: np.ndarray, sources: Sequence[int]) -> np.ndarray:
    """Unnormalised directed betweenness counting only shortest paths that start at
    ``sources`` (igraph's subset betweenness); summed over a partition of all vertices it
    is the full betweenness."""
    graph = igraph_from_arcs(n, edges)
    values = graph.betweenness(directed=True, weights=None, sources=list(sources))
    return np.asarray(values, dtype=float)


def on_arcs(
    measure: Callable[[ig.Graph, Sequence[int]], np.ndarray],
    n: int,
    edges: np.ndarray,
    vertices: Sequence[int],
) -> np.ndarray:
    """``measure`` of ``vertices`` in the igraph graph made from ``n`` and ``edges``."""
    return measure(igraph_from_arcs(n, edges), vertices)
