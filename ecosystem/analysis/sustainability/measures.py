"""How far a network holds together: Borgatti's fragmentation, distance-weighted
fragmentation and reach [1]_.

Each measure reads the network as **undirected and unweighted**: a tie either way joins two
organisations, and its strength does not matter (what a departure cuts is whether two
organisations can still reach each other, not how often they meet). Every organisation
counts, isolates included.

References
----------
.. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory* 12(1), 21-34.
"""

from __future__ import annotations

from collections.abc import Iterable

import igraph as ig
import networkx as nx
import numpy as np

from ecosystem.errors import OptionError
from ecosystem.graphs import arc_arrays, to_igraph

__all__ = [
    "distance_fragmentation",
    "fragmentation",
    "reach",
    "undirected_adjacency",
    "undirected_distance_fragmentation",
]


def fragmentation(graph: nx.DiGraph) -> float:
    """Borgatti's fragmentation: the share of pairs of organisations that cannot reach each
    other at all.

    .. math:: F = 1 - \\frac{\\sum_k s_k (s_k - 1)}{n (n - 1)}

    over the weak components :math:`k` of sizes :math:`s_k` (a tie either way connects;
    isolates are components of size 1), with :math:`n` every organisation. 0 when every
    organisation can reach every other, 1 when no organisation has a tie; 0.0 for fewer than
    two organisations. Tie strength is ignored (Borgatti [1]_, equation 4).

    See Also
    --------
    distance_fragmentation : that also counts how far apart the others are.
    ecosystem.analysis.sustainability.key_players : the organisations whose removal
        fragments the network most.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.

    Examples
    --------
    >>> fragmentation(nx.DiGraph([("a", "b"), ("c", "d")]))
    0.6666666666666667
    >>> fragmentation(nx.DiGraph([("a", "b"), ("b", "c")]))
    0.0
    """
    n = graph.number_of_nodes()
    if n < 2:
        return 0.0
    sizes = np.array([len(c) for c in nx.weakly_connected_components(graph)], dtype=float)
    return float(1.0 - np.sum(sizes * (sizes - 1.0)) / (n * (n - 1.0)))


def distance_fragmentation(graph: nx.DiGraph) -> float:
    """Distance-weighted fragmentation: fragmentation that also counts how far apart the
    organisations that can reach each other are.

    .. math:: D F = 1 - \\frac{\\sum_{i \\ne j} 1 / d_{ij}}{n (n - 1)}

    with :math:`d_{ij}` the number of steps between :math:`i` and :math:`j` on the
    undirected, unweighted network (a pair that cannot reach each other adds 0). 0 when every
    organisation is tied to every other, 1 when none has a tie; 0.0 for fewer than two
    organisations (Borgatti [1]_, equation 9).

    See Also
    --------
    fragmentation : counts only the pairs that cannot reach each other at all.
    ecosystem.analysis.centrality.harmonic : the same inverse distances, per organisation.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.

    Examples
    --------
    >>> round(distance_fragmentation(nx.DiGraph([("a", "b"), ("b", "c")])), 4)
    0.1667
    >>> distance_fragmentation(nx.DiGraph([("a", "b"), ("b", "a")]))
    0.0
    """
    return undirected_distance_fragmentation(to_igraph(graph).as_undirected(mode="collapse"))


def undirected_distance_fragmentation(undirected: ig.Graph) -> float:
    """:func:`distance_fragmentation` of an undirected igraph Graph (for searches that
    remove organisations from one igraph copy many times).

    >>> round(undirected_distance_fragmentation(ig.Graph([(0, 1), (1, 2)])), 4)
    0.1667
    """
    n = undirected.vcount()
    if n < 2:
        return 0.0
    distances = np.asarray(undirected.distances(), dtype=float)
    np.fill_diagonal(distances, np.inf)
    return float(1.0 - np.sum(1.0 / distances) / (n * (n - 1.0)))


def reach(graph: nx.DiGraph, players: Iterable[str], steps: int = 1) -> float:
    """The share of the other organisations within ``steps`` steps of at least one player.

    Borgatti's m-reach for KPP-Pos [1]_, as a share: of the organisations not among the
    ``players``, the share that a player can reach in at most ``steps`` steps along ties
    taken either way. 0.0 when there are no other organisations.

    Raises ``OptionError`` for a player not in the network or ``steps`` below 1.

    See Also
    --------
    ecosystem.analysis.sustainability.key_players : the set of organisations whose reach
        is largest.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       *Computational and Mathematical Organization Theory* 12(1), 21-34.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> reach(G, ["b"]), reach(G, ["b"], steps=2)
    (0.6666666666666666, 1.0)
    """
    if steps < 1:
        raise OptionError(f"steps must be 1 or more, not {steps}")
    chosen = set(players)
    missing = sorted(str(p) for p in chosen if p not in graph)
    if missing:
        raise OptionError(f"'{missing[0]}' is not in the network")
    others: int = graph.number_of_nodes() - len(chosen)
    if others == 0:
        return 0.0
    undirected = graph.to_undirected(as_view=True)
    reached: set[str] = set()
    for player in chosen:
        reached.update(nx.single_source_shortest_path_length(undirected, player, cutoff=steps))
    return len(reached - chosen) / others


def undirected_adjacency(graph: nx.DiGraph, nodes: list[str]) -> np.ndarray:
    """The boolean adjacency matrix of ``graph`` over ``nodes``, a tie either way counting,
    with no self-ties (for this package's vectorised searches).

    >>> undirected_adjacency(nx.DiGraph([("a", "b")]), ["b", "a"]).astype(int).tolist()
    [[0, 1], [1, 0]]
    """
    index = {node: i for i, node in enumerate(nodes)}
    order = [index[node] for node in graph]
    sources, targets, _ = arc_arrays(graph)
    matrix = np.zeros((len(nodes), len(nodes)), dtype=bool)
    if len(sources):
        rows, columns = np.asarray(order)[sources], np.asarray(order)[targets]
        matrix[rows, columns] = True
        matrix[columns, rows] = True
    np.fill_diagonal(matrix, False)
    return matrix
