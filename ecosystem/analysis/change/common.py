"""What the measures of change share: the organisations two waves compare, their types, and
the adjacency matrices of a wave over them.

Helpers for this package's modules. Weights are strengths (higher = closer; 1 where an arc
has none); a matrix's diagonal is always 0 (self-ties are not tie variables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import networkx as nx
import numpy as np

from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.errors import OptionError

__all__ = [
    "TOLERANCE",
    "arc_weights",
    "compared",
    "either_way",
    "matrix",
    "pair",
    "pair_arcs",
    "types",
]

TOLERANCE: Final = 1e-9
"""Weights and correlations closer than this count as equal."""


def types(before: nx.DiGraph, after: nx.DiGraph) -> dict[Any, str]:
    """Each organisation's type: the later wave's where it gives one, else the earlier's."""
    found = {node: UNKNOWN_TYPE for graph in (before, after) for node in graph}
    for graph in (before, after):
        found.update(
            {node: str(kind) for node, kind in graph.nodes(data="type") if kind is not None}
        )
    return found


def arc_weights(graph: nx.DiGraph) -> dict[tuple[Any, Any], float]:
    """Each arc's weight (1 where it has none)."""
    return {
        (u, v): 1.0 if w is None else float(w)
        for u, v, w in graph.edges(data="weight", default=1.0)
    }


def pair(u: Any, v: Any) -> tuple[Any, Any]:
    """The unordered pair of two organisations, as a tuple in name order."""
    return (u, v) if str(u) <= str(v) else (v, u)


def pair_arcs(arcs: Iterable[tuple[Any, Any]]) -> dict[tuple[Any, Any], frozenset[tuple[Any, Any]]]:
    """Each pair of organisations -> its arcs (one way, the other, or both)."""
    pairs: dict[tuple[Any, Any], set[tuple[Any, Any]]] = {}
    for arc in arcs:
        pairs.setdefault(pair(*arc), set()).add(arc)
    return {key: frozenset(members) for key, members in pairs.items()}


def compared(
    before: nx.DiGraph, after: nx.DiGraph, organisations: Iterable[str] | None
) -> list[Any]:
    """The organisations whose cells are compared: given, or in both waves (sorted).

    Raises ``OptionError`` for a given organisation missing from either wave.
    """
    if organisations is None:
        return sorted((node for node in before if node in after), key=str)
    names = list(dict.fromkeys(organisations))
    for name in names:
        for graph, which in ((before, "earlier"), (after, "later")):
            if name not in graph:
                raise OptionError(
                    f"organisation '{name}' is not in the {which} wave; only organisations "
                    "present in both waves can be compared"
                )
    return names


def matrix(graph: nx.DiGraph, names: Sequence[Any], weighted: bool) -> np.ndarray:
    """Adjacency matrix over ``names`` (binary, or weights), zero diagonal."""
    index = {name: i for i, name in enumerate(names)}
    cells = np.zeros((len(names), len(names)))
    for u, v, w in graph.edges(data="weight", default=1.0):
        i, j = index.get(u), index.get(v)
        if i is None or j is None or i == j:
            continue
        cells[i, j] = (1.0 if w is None else float(w)) if weighted else 1.0
    return cells


def either_way(graph: nx.DiGraph, names: Sequence[Any]) -> np.ndarray:
    """Boolean matrix over ``names``: an arc either way between the two (absent names: no)."""
    M = matrix(graph, names, weighted=False) > 0
    return M | M.T
