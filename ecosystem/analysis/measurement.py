"""Every measure of one network, each family computed once and only when first asked for.

The dashboard's network view needs the measure that sizes the organisations and the few
that hover shows; the profile, the organisations table and the brokerage view need them
all. A :class:`Measurement` computes each family of measures (degrees, betweenness,
closeness, ...) the first time a column of it is asked for, and keeps it. On a large
network (:data:`PARALLEL_FROM` organisations or more) :meth:`Measurement.start` sends the
costly families to worker processes at once (:mod:`ecosystem.compute.workers`), the
betweenness split by sources, so they run while the caller lays out and draws the network;
asking for a column then waits only for what is still running.

The values are exactly those of :func:`ecosystem.analysis.centrality.organisation_measures`
and :func:`ecosystem.analysis.brokerage.brokerage_roles` (the tests compare them), in the
same table: :attr:`Measurement.organisations` is
:func:`ecosystem.analysis.tables.organisation_table`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from functools import cached_property
from typing import Any, Final

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis import centrality
from ecosystem.analysis.brokerage import ROLES, brokerage_roles
from ecosystem.analysis.structural_holes import structural_holes_from_arcs
from ecosystem.analysis.summary import network_measures
from ecosystem.compute import workers
from ecosystem.graphs import arc_arrays, igraph_from_arrays
from ecosystem.settings import SETTINGS

__all__ = ["FAMILIES", "PARALLEL_FROM", "Measurement", "family_of"]

PARALLEL_FROM: Final = SETTINGS.parallel_from
"""Organisations from which the costly families run on worker processes. Below it they
take a few hundredths of a second, less than sending the network to a worker."""

FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "context": ("type", "hubs", "responded"),
    "degrees": centrality.DEGREE_COLUMNS,
    "betweenness": ("betweenness",),
    "closeness": ("closeness",),
    "harmonic": ("harmonic",),
    "pagerank": ("pagerank",),
    "holes": ("constraint", "effective_size"),
    "brokerage": (*ROLES, "brokerage"),
}
"""Each family of measures computed together, and its columns, in the table's order."""

_COSTLY: Final = ("betweenness", "closeness", "harmonic", "holes")
"""The families that walk the whole network: on worker processes for a large network."""


def family_of(column: str) -> str:
    """The family that computes ``column``.

    >>> family_of("effective_size"), family_of("liaison")
    ('holes', 'brokerage')
    """
    for family, columns in FAMILIES.items():
        if column in columns:
            return family
    raise KeyError(f"no measure {column!r}; measures: {', '.join(_all_columns())}")


def _all_columns() -> list[str]:
    return [column for columns in FAMILIES.values() for column in columns]


class Measurement:
    """The measures of one network, computed by family as they are asked for.

    Safe to share between threads (a dashboard's callbacks run in several): each family is
    computed once. The graph is never modified.

    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    >>> G.add_edge("Hub", "Trust", weight=4.0)
    >>> m = Measurement(G)
    >>> m.columns(["in_degree", "betweenness"]).loc["Trust"].to_dict()
    {'in_degree': 1.0, 'betweenness': 0.0}
    >>> sorted(m.computed)
    ['betweenness', 'degrees']
    >>> list(m.organisations.columns[:4])
    ['type', 'hubs', 'responded', 'in_degree']
    """

    def __init__(self, graph: nx.DiGraph, weight: str = "weight") -> None:
        self.graph = graph
        self._weight = weight
        self._lock = threading.Lock()
        self._family_locks = {family: threading.Lock() for family in FAMILIES}
        self._values: dict[str, pd.DataFrame] = {}
        self._running: dict[str, Callable[[], pd.DataFrame]] = {}
        self._futures: dict[str, list[Future[Any]]] = {}
        self._arcs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._converted: ig.Graph | None = None
        self._overall: pd.Series | None = None
        self.completion: threading.Thread | None = None
        """The thread :meth:`when_complete` started, if any (join it to wait for it)."""

    @classmethod
    def of_table(
        cls, graph: nx.DiGraph, organisations: pd.DataFrame, overall: pd.Series
    ) -> Measurement:
        """The measurement of ``graph`` whose every measure is already known (read back
        from where it was kept): nothing is computed again."""
        measurement = cls(graph)
        for family, columns in FAMILIES.items():
            measurement._values[family] = organisations[list(columns)]
        measurement._overall = overall
        return measurement

    @cached_property
    def index(self) -> pd.Index:
        """The organisations, in ``list(graph)`` order: every family's index."""
        return pd.Index(list(self.graph), name="organisation")

    @property
    def computed(self) -> set[str]:
        """The families computed so far."""
        return set(self._values)

    @property
    def parallel(self) -> bool:
        """Whether the costly families run on worker processes (a large network)."""
        return self.graph.number_of_nodes() >= PARALLEL_FROM and workers.worker_count() > 0

    def start(self) -> Measurement:
        """Send the costly families to worker processes now, for a large network (else do
        nothing): they run while the caller does other work. Returns ``self``."""
        if not self.parallel:
            return self
        with self._lock:
            for family in _COSTLY:
                if family not in self._values and family not in self._running:
                    self._running[family], self._futures[family] = self._submitted(family)
        return self

    def expect(self, names: Iterable[str]) -> None:
        """Say that the columns ``names`` will be asked for soon: work on worker processes
        for them goes ahead of background work now, while the caller does something else."""
        families = {family_of(name) for name in names}
        with self._lock:
            waiting = [self._futures[f] for f in families if f in self._futures]
        workers.hurry(future for futures in waiting for future in futures)

    def columns(self, names: Iterable[str]) -> pd.DataFrame:
        """The table's columns ``names``, indexed by organisation in ``list(graph)`` order."""
        names = list(dict.fromkeys(names))
        families = list(dict.fromkeys(family_of(name) for name in names))
        self.expect(names)
        # What is computed here first, while the workers go on with theirs.
        for family in sorted(families, key=lambda family: family in self._running):
            self._family(family)
        parts = [self._values[family] for family in families]
        return pd.concat(parts, axis=1)[names] if parts else pd.DataFrame(index=self.index)

    @property
    def organisations(self) -> pd.DataFrame:
        """Every measure of every organisation: the organisation table (see the module)."""
        self.start()
        return self.columns(_all_columns())

    @property
    def overall(self) -> pd.Series:
        """The network-level measures (:func:`ecosystem.analysis.summary.network_measures`),
        reusing the betweenness computed here."""
        if self._overall is None:
            betweenness = self.columns(["betweenness"])["betweenness"]
            self._overall = network_measures(
                self.graph, weight=self._weight, betweenness_values=betweenness
            )
        return self._overall

    def when_complete(self, callback: Callable[[Measurement], object]) -> None:
        """Compute every measure on a background thread, then call ``callback(self)`` (the
        dashboard keeps a large network's measures so a restart reads them). The work on
        workers is waited for in the background's turn, not hurried. A failure there is
        not raised: a view that asks for the measure meets it itself."""

        def complete() -> None:
            with self._lock:
                running = [future for futures in self._futures.values() for future in futures]
            workers.wait_quietly(running)  # in the background's turn, not hurried
            try:
                self.organisations  # noqa: B018 (computes every family)
                self.overall  # noqa: B018
                callback(self)
            except Exception:  # keeping is a courtesy (see the docstring)
                return

        self.completion = threading.Thread(target=complete, name="measures", daemon=True)
        self.completion.start()

    # ---------------------------------------------------------------------------------

    def _family(self, family: str) -> pd.DataFrame:
        """One family's values: kept, or waited for, or computed here (once, whichever
        thread asks first; the others wait for that family alone)."""
        if family in self._values:
            return self._values[family]
        with self._family_locks[family]:
            if family not in self._values:
                with self._lock:
                    running = self._running.pop(family, None)
                frame = running() if running is not None else self._compute(family)
                self._values[family] = frame
        return self._values[family]

    def _arc_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._arcs is None:
            self._arcs = arc_arrays(self.graph, self._weight)
        return self._arcs

    def _igraph(self) -> ig.Graph:
        """The network as igraph, converted once for every family computed here."""
        if self._converted is None:
            self._converted = igraph_from_arrays(list(self.graph), *self._arc_arrays())
        return self._converted

    def _frame(self, family: str, *values: object) -> pd.DataFrame:
        return pd.DataFrame(dict(zip(FAMILIES[family], values, strict=True)), index=self.index)

    def _compute(self, family: str) -> pd.DataFrame:
        """One family, computed here (the serial path of ``organisation_measures``)."""
        G = self.graph
        if family == "context":
            return self._frame(
                family,
                centrality.organisation_types(G).set_axis(self.index),
                [G.nodes[n].get("hubs", "") for n in G],
                [bool(G.nodes[n].get("responded", False)) for n in G],
            )
        if family == "degrees":
            return self._frame(family, *centrality.degree_arrays(*self._arc_arrays(), len(G)))
        if family == "brokerage":
            roles = brokerage_roles(G, attribute="type").rename(columns={"total": "brokerage"})
            return roles.set_axis(self.index)[list(FAMILIES[family])]
        if family == "pagerank":
            return self._frame(family, centrality._pagerank(self._igraph()))
        if family == "holes":
            return self._frame(family, *structural_holes_from_arcs(*self._arc_arrays(), len(G)))
        measure = {
            "betweenness": centrality._betweenness,
            "closeness": centrality._closeness,
            "harmonic": centrality._harmonic,
        }[family]
        return self._frame(family, measure(self._igraph()))

    def _submitted(self, family: str) -> tuple[Callable[[], pd.DataFrame], list[Future[Any]]]:
        """Send one costly family to the workers, in as many parts as there are workers
        (each a share of the organisations, interleaved: the popular ones spread); returns
        what waits for its values, and the parts' futures."""
        sources, targets, weights = self._arc_arrays()
        n = len(self.graph)
        edges = np.column_stack([sources, targets])
        shares = max(workers.worker_count(), 1)
        parts = [np.arange(k, n, shares) for k in range(shares)]
        futures: list[Future[Any]]
        if family == "betweenness":
            futures = [workers.submit(workers.betweenness_from_sources, n, edges, p) for p in parts]
            return lambda: self._frame(family, _normalised_betweenness(futures, n)), futures
        if family == "holes":
            futures = [
                workers.submit(structural_holes_from_arcs, sources, targets, weights, n, True, p)
                for p in parts
            ]
        else:
            measure = centrality._closeness if family == "closeness" else centrality._harmonic
            futures = [workers.submit(workers.on_arcs, measure, n, edges, p) for p in parts]

        def assembled() -> pd.DataFrame:
            columns = [np.full(n, np.nan) for _ in FAMILIES[family]]
            for rows, future in zip(parts, futures, strict=True):
                values = workers.outcome(future)
                values = values if family == "holes" else (values,)
                for column, part in zip(columns, values, strict=True):
                    column[rows] = part
            return self._frame(family, *columns)

        return assembled, futures


def _normalised_betweenness(parts: list[Future[Any]], n: int) -> np.ndarray:
    """The summed betweenness of the source partition, normalised as
    :func:`ecosystem.analysis.centrality.betweenness` is."""
    raw: np.ndarray = np.sum([workers.outcome(part) for part in parts], axis=0)
    return raw / ((n - 1) * (n - 2)) if n > 2 else raw
