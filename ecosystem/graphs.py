"""The one place where graphs cross between networkx and python-igraph.

The network builder returns a :class:`networkx.DiGraph` (the graph users can take away and
the reference the tests compare with); heavy measures run on python-igraph. Every conversion
goes through :func:`to_igraph`, so vertex order always equals ``list(G)``.

Survey weights are **strengths** (higher = closer). Measures that need distances (shortest
paths) take them from :func:`strength_to_distance`, never ad hoc.
"""

from __future__ import annotations

import igraph as ig
import networkx as nx
import numpy as np


def to_igraph(graph: nx.DiGraph, weight: str | None = "weight") -> ig.Graph:
    """Return ``graph`` as a directed igraph Graph with the same vertex order.

    Vertex attribute ``name`` holds the organisation; edge attribute ``weight`` holds the
    strength (1.0 where the arc has none).

    >>> g = nx.DiGraph([("a", "b", {"weight": 3.0}), ("b", "c", {"weight": 1.0})])
    >>> h = to_igraph(g)
    >>> h.vs["name"], h.es["weight"], h.is_directed()
    (['a', 'b', 'c'], [3.0, 1.0], True)
    """
    return igraph_from_arrays(list(graph), *arc_arrays(graph, weight))


def igraph_from_arrays(
    names: list, sources: np.ndarray, targets: np.ndarray, weights: np.ndarray
) -> ig.Graph:
    """:func:`to_igraph` from the arrays :func:`arc_arrays` gave (made once, used twice)."""
    result = igraph_from_arcs(len(names), np.column_stack([sources, targets]))
    result.vs["name"] = names
    result.es["weight"] = weights.tolist()
    return result


def igraph_from_arcs(n: int, arcs: np.ndarray | list[tuple[int, int]]) -> ig.Graph:
    """A directed igraph graph of ``n`` vertices and the arcs ``arcs`` (rows of vertex
    indices), with no attributes: what the measures of paths need, and what a worker
    process is sent.

    >>> igraph_from_arcs(3, np.array([[0, 1], [2, 1]])).get_edgelist()
    [(0, 1), (2, 1)]
    """
    rows = np.asarray(arcs, dtype=np.int64).reshape(-1, 2)
    return ig.Graph(n=n, edges=rows.tolist(), directed=True)


def arc_arrays(
    graph: nx.DiGraph, weight: str | None = "weight"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the arcs as integer index arrays (source, target) and a weight array.

    Indices follow ``list(graph)``; used by vectorised measures (brokerage, structural holes).

    >>> arc_arrays(nx.DiGraph([("a", "b", {"weight": 2.0}), ("b", "a", {})]))
    (array([0, 1]), array([1, 0]), array([2., 1.]))
    """
    index = {name: i for i, name in enumerate(graph)}
    m = graph.number_of_edges()
    sources = np.empty(m, dtype=np.int64)
    targets = np.empty(m, dtype=np.int64)
    weights = np.empty(m, dtype=float)
    for k, (u, v, w) in enumerate(graph.edges(data=weight, default=1.0)):
        sources[k] = index[u]
        targets[k] = index[v]
        weights[k] = w
    return sources, targets, weights


def strength_to_distance(strength: np.ndarray) -> np.ndarray:
    """Turn tie strengths into path lengths (1 / strength), for weighted shortest paths.

    >>> strength_to_distance(np.array([4.0, 1.0]))
    array([0.25, 1.  ])
    """
    return 1.0 / np.asarray(strength, dtype=float)
