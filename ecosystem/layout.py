"""Node positions shared by several networks, so an organisation stays put across waves.

A partner map is read by comparing pictures: the hub's ecosystem in the formative wave
against the summative wave, or one hub against another. That only works when each
organisation sits in the same place in every picture, so :func:`stable_layout` lays out the
**union** of the organisations (and ties) of several graphs once, and every figure of those
graphs takes its positions from the result.

How the positions are found
---------------------------
* Organisations with at least one tie in any of the graphs are placed by a force-directed
  algorithm on the union of the ties, directions ignored: Kamada and Kawai (1989) up to
  :data:`KAMADA_KAWAI_UP_TO` tied organisations (a hub's ecosystem: even spacing, the
  best-connected organisations, such as the hub and the ICB, near the middle), and the
  faster Fruchterman and Reingold (1991) above, both as python-igraph implements them.
* Positions follow the pattern of ties (who is tied to whom in any wave), not their
  weights: the figures show strength by line width, and a layout pulled by weights
  packed the strongly tied core of a hub's ecosystem into a knot.
* Organisations with no tie in any of the graphs (isolates) are spread evenly, in name
  order, on a ring just outside the others: visible, never piled up.
* The start positions come from a seeded random generator and igraph's own random steps
  (Fruchterman-Reingold takes some) are drawn from a generator seeded the same way, so the
  same graphs give the same positions whatever order their organisations or ties were
  added in (names and pairs are sorted first).
* Coordinates are centred and scaled uniformly (the shape is kept) into [-1, 1].

Speed (2-core machine): a hub's ecosystem of 20-70 organisations takes a few
milliseconds; 5,000 organisations and 50,000 arcs (:mod:`ecosystem.synthetic`) about 1 s
(igraph's grid-accelerated Fruchterman-Reingold, 300 iterations).

References
----------
Kamada, T. and Kawai, S. (1989). An algorithm for drawing general undirected graphs.
*Information Processing Letters* 31(1), 7-15.

Fruchterman, T. M. J. and Reingold, E. M. (1991). Graph drawing by force-directed placement.
*Software: Practice and Experience* 21(11), 1129-1164.

Csardi, G. and Nepusz, T. (2006). The igraph software package for complex network research.
*InterJournal Complex Systems* 1695.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

import igraph as ig
import networkx as nx
import numpy as np

from ecosystem.graphs import igraph_from_arcs
from ecosystem.settings import SETTINGS

__all__ = ["ISOLATE_RING", "KAMADA_KAWAI_UP_TO", "stable_layout"]

ISOLATE_RING: Final = 1.12
"""Radius of the ring of isolates, relative to the farthest tied organisation (before scaling)."""

KAMADA_KAWAI_UP_TO: Final = 500
"""Kamada-Kawai for up to this many tied organisations; Fruchterman-Reingold above."""

_GRID_ABOVE: Final = 1000
"""Above this many tied organisations, Fruchterman-Reingold uses igraph's grid variant."""

_FR_ITERATIONS: Final = 300

_RNG_LOCK = threading.Lock()


@contextmanager
def _seeded_igraph_rng(seed: int) -> Iterator[None]:
    """Let igraph draw its random numbers from ``random.Random(seed)`` for one call.

    igraph's Fruchterman-Reingold adds random steps of its own, drawn from a process-wide
    generator (Python's ``random`` module unless changed). A lock keeps two layouts from
    sharing the seeded generator, and igraph's default is put back afterwards.
    """
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def _union_pairs(graphs: Sequence[nx.DiGraph]) -> list[tuple[str, str]]:
    """Every pair tied in any of the graphs, either way, as sorted (name, name) tuples."""
    pairs: set[tuple[str, str]] = set()
    for graph in graphs:
        for u, v in graph.edges():
            if u != v:
                pairs.add((u, v) if str(u) <= str(v) else (v, u))
    return sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1])))


def _force_layout(names: list[str], pairs: list[tuple[str, str]], seed: int) -> np.ndarray:
    """Force-directed positions of ``names`` (sorted), one row per name (see module notes)."""
    # The union of the ties as igraph, arcs in name order (as a networkx graph of them
    # would list them), made directly: a networkx graph of 50,000 pairs cost a fifth of
    # the layout.
    index = {name: k for k, name in enumerate(names)}
    g = igraph_from_arcs(len(names), [(index[u], index[v]) for u, v in pairs])
    n = len(names)
    start = (np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)).tolist()
    with _seeded_igraph_rng(seed):
        if n <= KAMADA_KAWAI_UP_TO:
            layout = g.layout_kamada_kawai(seed=start, maxiter=50 * n)
        else:
            layout = g.layout_fruchterman_reingold(
                seed=start, niter=_FR_ITERATIONS, grid="grid" if n > _GRID_ABOVE else "nogrid"
            )
    return np.asarray(layout.coords, dtype=float).reshape(n, 2)


def stable_layout(
    graphs: Sequence[nx.DiGraph], seed: int = SETTINGS.seed
) -> dict[str, tuple[float, float]]:
    """Positions for every organisation of several graphs, the same in each of them.

    Parameters
    ----------
    graphs : sequence of networkx.DiGraph
        The networks to be drawn with shared positions (e.g. both waves of one hub's
        ecosystem). Never modified; arc weights are not used.
    seed : int, optional
        Seeds the start positions and igraph's random steps.

    Returns
    -------
    dict
        Organisation -> ``(x, y)``, for the union of the organisations of ``graphs``, with
        every coordinate in [-1, 1] and no two organisations at the same place. The layout
        is centred on the tied organisations; isolates lie on an outer ring.

    Notes
    -----
    See the module docstring for the method (Kamada and Kawai 1989, or Fruchterman and
    Reingold 1991 for large networks, as python-igraph implements them) and its speed.

    Examples
    --------
    >>> formative = nx.DiGraph([("Hub", "Trust"), ("Trust", "ICB")])
    >>> summative = nx.DiGraph([("Hub", "ICB")])
    >>> summative.add_node("Council")
    >>> positions = stable_layout([formative, summative])
    >>> sorted(positions)
    ['Council', 'Hub', 'ICB', 'Trust']
    >>> positions == stable_layout([summative, formative])
    True
    >>> all(-1 <= c <= 1 for xy in positions.values() for c in xy)
    True
    """
    everyone = sorted({name for graph in graphs for name in graph}, key=str)
    if not everyone:
        return {}
    pairs = _union_pairs(graphs)
    tied = sorted({name for pair in pairs for name in pair}, key=str)
    tied_set = set(tied)
    isolates = [name for name in everyone if name not in tied_set]

    coords: dict[str, np.ndarray] = {}
    radius = 0.0
    if tied:
        points = _force_layout(tied, pairs, seed)
        points -= (points.max(axis=0) + points.min(axis=0)) / 2.0
        radius = float(np.sqrt((points**2).sum(axis=1)).max())
        if radius > 0:
            points /= radius
            radius = 1.0
        coords.update(zip(tied, points, strict=True))
    ring = ISOLATE_RING * radius if radius > 0 else 1.0
    for k, name in enumerate(isolates):
        if len(everyone) == 1:
            coords[name] = np.zeros(2)
            break
        angle = math.pi / 2 - 2 * math.pi * k / len(isolates)
        coords[name] = np.array([ring * math.cos(angle), ring * math.sin(angle)])

    extent = max(float(np.abs(xy).max()) for xy in coords.values())
    scale = 1.0 / extent if extent > 0 else 1.0
    return {
        name: (round(float(coords[name][0]) * scale, 6), round(float(coords[name][1]) * scale, 6))
        for name in everyone
    }
