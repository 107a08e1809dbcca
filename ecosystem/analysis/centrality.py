"""Centrality of each organisation in a partner network: who is central, and in what sense.

One measure per public function, each returning a :class:`pandas.Series` indexed by
organisation (in ``list(G)`` order), and :func:`organisation_measures`, the table of all of
them that the dashboard shows and that joins cleanly across waves.

Conventions, for every function here:

* the graph is a :class:`networkx.DiGraph` whose arcs follow the direction of support and
  whose ``weight`` is a **strength** (higher = closer); it is never modified;
* shortest paths (betweenness, closeness, harmonic) count **arcs**, ignoring weights:
  survey weights say how close a tie is, not how long, and turning them into lengths would
  add an arbitrary choice;
* closeness and harmonic centrality use **incoming** paths (how easily others reach the
  organisation), as networkx does for directed graphs;
* values equal networkx's (the reference in the tests); python-igraph does the heavy
  computing, through :func:`ecosystem.graphs.to_igraph`.

The measures are the classic ones: degree, betweenness and closeness as Freeman sets them
out [1]_, closeness scaled as Wasserman and Faust propose for networks that are not
connected [2]_, harmonic centrality [3]_, PageRank [4]_, and Burt's constraint and
effective size [5]_ (:mod:`ecosystem.analysis.structural_holes`).

References
----------
.. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215-239.
.. [2] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
   Applications*. Cambridge University Press.
.. [3] Marchiori, M. and Latora, V. (2000). Harmony in the small-world. *Physica A*
   285(3-4), 539-546.
.. [4] Brin, S. and Page, L. (1998). The anatomy of a large-scale hypertextual Web search
   engine. *Computer Networks and ISDN Systems* 30(1-7), 107-117.
.. [5] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.structural_holes import structural_holes_from_arcs
from ecosystem.codebook import UNKNOWN_TYPE
from ecosystem.graphs import arc_arrays, to_igraph

__all__ = [
    "DEGREE_COLUMNS",
    "ORGANISATION_COLUMNS",
    "betweenness",
    "closeness",
    "degree_arrays",
    "harmonic",
    "in_degree",
    "in_strength",
    "organisation_measures",
    "organisation_types",
    "out_degree",
    "out_strength",
    "pagerank",
]

ORGANISATION_COLUMNS: Final[tuple[str, ...]] = (
    "type",
    "in_degree",
    "out_degree",
    "in_strength",
    "out_strength",
    "betweenness",
    "closeness",
    "harmonic",
    "pagerank",
    "constraint",
    "effective_size",
)
"""The columns of :func:`organisation_measures`, in order."""


def organisation_measures(G: nx.DiGraph, weight: str | None = "weight") -> pd.DataFrame:
    """All organisation-level measures of one network, one row per organisation.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave: node attribute ``type`` (organisation type key;
        ``"unknown"`` where missing), arcs in the direction of support, ``weight`` a strength.
    weight : str or None, optional
        Edge attribute holding the strength; an arc without it (or ``None``) weighs 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``organisation`` in ``list(G)`` order, with the columns of
        :data:`ORGANISATION_COLUMNS`: ``type``; ``in_degree``, ``out_degree`` (arcs);
        ``in_strength``, ``out_strength`` (sums of weights); ``betweenness``, ``closeness``,
        ``harmonic``, ``pagerank`` (see the functions of the same names) and ``constraint``,
        ``effective_size`` (:mod:`ecosystem.analysis.structural_holes`).

    See Also
    --------
    in_degree, out_degree, in_strength, out_strength, betweenness, closeness, harmonic, pagerank
    ecosystem.analysis.structural_holes.constraint
    ecosystem.analysis.structural_holes.effective_size
    ecosystem.analysis.summary.network_measures : the measures of the whole network.

    Notes
    -----
    The graph is converted once, and each measure computed in compiled code (igraph,
    scipy.sparse), so the table costs little more than igraph's own calls for the same
    measures; betweenness dominates on large networks.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([("Hub", {"type": "hub"}), ("Trust", {"type": "trust"})])
    >>> G.add_edge("Hub", "Trust", weight=4.0)
    >>> table = organisation_measures(G)
    >>> table.loc["Trust", ["type", "in_degree", "in_strength", "betweenness"]].to_dict()
    {'type': 'trust', 'in_degree': 1, 'in_strength': 4.0, 'betweenness': 0.0}
    >>> table["pagerank"].round(3).to_dict()
    {'Hub': 0.351, 'Trust': 0.649}
    """
    g = to_igraph(G, weight)
    sources, targets, weights = arc_arrays(G, weight)
    n = len(G)
    constraint_values, effective_values = structural_holes_from_arcs(sources, targets, weights, n)
    columns = {
        "type": organisation_types(G),
        **dict(zip(DEGREE_COLUMNS, degree_arrays(sources, targets, weights, n), strict=True)),
        "betweenness": _betweenness(g),
        "closeness": _closeness(g),
        "harmonic": _harmonic(g),
        "pagerank": _pagerank(g),
        "constraint": constraint_values,
        "effective_size": effective_values,
    }
    return pd.DataFrame(columns, index=_index(G))[list(ORGANISATION_COLUMNS)]


DEGREE_COLUMNS: Final = ("in_degree", "out_degree", "in_strength", "out_strength")
"""The columns of :func:`degree_arrays`, in order."""


def organisation_types(G: nx.DiGraph) -> pd.Series:
    """Each organisation's type key (``"unknown"`` where missing), in ``list(G)`` order."""
    types = [G.nodes[node].get("type", UNKNOWN_TYPE) for node in G]
    return pd.Series(types, index=_index(G), dtype="str")


def degree_arrays(
    sources: np.ndarray, targets: np.ndarray, weights: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """In- and out-degree (arcs) and in- and out-strength (sums of weights) of ``n``
    organisations, from arc index arrays (:func:`ecosystem.graphs.arc_arrays`).

    >>> [a.tolist() for a in degree_arrays(np.array([0, 2]), np.array([1, 1]),
    ...                                    np.array([2.0, 3.0]), 3)]
    [[0, 2, 0], [1, 0, 1], [0.0, 5.0, 0.0], [2.0, 0.0, 3.0]]
    """
    return (
        np.bincount(targets, minlength=n).astype(np.int64),
        np.bincount(sources, minlength=n).astype(np.int64),
        np.bincount(targets, weights=weights, minlength=n).astype(float),
        np.bincount(sources, weights=weights, minlength=n).astype(float),
    )


def in_degree(G: nx.DiGraph) -> pd.Series:
    """Number of arcs into each organisation: how many say they support it, or it names.

    Shown as "Supporters".

    For a hub lead: how many partners direct support to this organisation. On a network
    whose arcs are choices, Wasserman and Faust read it as the organisation's prestige
    (degree prestige) [1]_.

    See Also
    --------
    out_degree : the arcs out of each organisation.
    in_strength : the same arcs, added up by weight.
    pagerank : in-degree that counts where the arcs come from.

    References
    ----------
    .. [1] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, ch. 5.

    Examples
    --------
    >>> in_degree(nx.DiGraph([("a", "b"), ("c", "b")])).to_dict()
    {'a': 0, 'b': 2, 'c': 0}
    """
    _, targets, _ = arc_arrays(G)
    return _series(G, np.bincount(targets, minlength=len(G)).astype(np.int64), "in_degree")


def out_degree(G: nx.DiGraph) -> pd.Series:
    """Number of arcs out of each organisation: how many partners it supports.

    Shown as "Partners supported".

    See Also
    --------
    in_degree : the arcs into each organisation.
    out_strength : the same arcs, added up by weight.

    Examples
    --------
    >>> out_degree(nx.DiGraph([("a", "b"), ("a", "c")])).to_dict()
    {'a': 2, 'b': 0, 'c': 0}
    """
    sources, _, _ = arc_arrays(G)
    return _series(G, np.bincount(sources, minlength=len(G)).astype(np.int64), "out_degree")


def in_strength(G: nx.DiGraph, weight: str | None = "weight") -> pd.Series:
    """Sum of the weights of the arcs into each organisation (weighted in-degree).

    Shown as "Support received".

    With the default weighting it adds up how often partners interact with it in support
    of it: many frequent ties score high, a few occasional ones low. It is what Barrat and
    colleagues call a node's strength [1]_, counted on the arcs in.

    See Also
    --------
    in_degree : the same arcs, counted.
    out_strength : the weights of the arcs out.
    pagerank : weighted arcs in, counted by where they come from.

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R. and Vespignani, A. (2004). The
       architecture of complex weighted networks. *Proceedings of the National Academy of
       Sciences* 101(11), 3747-3752.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b", {"weight": 4}), ("c", "b", {"weight": 1})])
    >>> in_strength(G).to_dict()
    {'a': 0.0, 'b': 5.0, 'c': 0.0}
    """
    _, targets, weights = arc_arrays(G, weight)
    values = np.bincount(targets, weights=weights, minlength=len(G)).astype(float)
    return _series(G, values, "in_strength")


def out_strength(G: nx.DiGraph, weight: str | None = "weight") -> pd.Series:
    """Sum of the weights of the arcs out of each organisation (weighted out-degree).

    Shown as "Support given". It is a node's strength as Barrat and colleagues define it
    [1]_, counted on the arcs out.

    See Also
    --------
    out_degree : the same arcs, counted.
    in_strength : the weights of the arcs in.

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R. and Vespignani, A. (2004). The
       architecture of complex weighted networks. *Proceedings of the National Academy of
       Sciences* 101(11), 3747-3752.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b", {"weight": 4}), ("a", "c", {"weight": 1})])
    >>> out_strength(G).to_dict()
    {'a': 5.0, 'b': 0.0, 'c': 0.0}
    """
    sources, _, weights = arc_arrays(G, weight)
    values = np.bincount(sources, weights=weights, minlength=len(G)).astype(float)
    return _series(G, values, "out_strength")


def betweenness(G: nx.DiGraph) -> pd.Series:
    """Share of the shortest directed paths between other organisations that pass through each.

    For a hub lead: how far an organisation sits *between* others, so that support flowing
    from one partner to another has to go through it (the report's "front door" and
    information-dissemination functions). Paths follow arcs and count arcs: weights are
    ignored, because survey weights are strengths, not lengths.

    Returns
    -------
    pandas.Series
        Equal to ``networkx.betweenness_centrality(G, normalized=True)`` for a directed
        graph: the raw count (each pair's shortest paths shared equally) divided by
        :math:`(n-1)(n-2)`, the number of ordered pairs of other organisations (no scaling
        for :math:`n \\le 2`).

    See Also
    --------
    ecosystem.analysis.brokerage.brokerage_roles : the open two-paths an organisation
        brokers, by the organisation types of the pair it links.
    ecosystem.analysis.structural_holes.constraint : room to broker among its own partners.
    closeness, harmonic : nearness along the same paths.

    Notes
    -----
    Betweenness is Freeman's [1]_: an organisation's share of the shortest paths between
    each pair of others, summed over the pairs. python-igraph counts it with Brandes'
    algorithm [2]_, in time proportional to organisations times arcs.

    An undirected tie entered as arcs both ways is counted for both orders of each pair, so
    the raw directed value is twice the undirected betweenness of UCINET or sna.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35-41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25(2), 163-177.

    Examples
    --------
    >>> betweenness(nx.DiGraph([("a", "b"), ("b", "c")])).to_dict()
    {'a': 0.0, 'b': 0.5, 'c': 0.0}
    """
    return _series(G, _betweenness(to_igraph(G)), "betweenness")


def closeness(G: nx.DiGraph) -> pd.Series:
    """How near each organisation is to the others that can reach it, by incoming paths.

    For a hub lead: an organisation that others reach in few steps hears early of what they
    do. Paths follow arcs into the organisation and count arcs (weights ignored).

    Returns
    -------
    pandas.Series
        Equal to ``networkx.closeness_centrality(G)``: with :math:`r` the number of other
        organisations that can reach *u* and :math:`S` the sum of their distances to *u*,

        .. math:: C(u) = \\frac{r}{S} \\cdot \\frac{r}{n - 1},

        the Wasserman-Faust scaling [2]_, so that an organisation reached by few others is
        not made to look central. 0 when no-one reaches *u* (an isolate, say).

    See Also
    --------
    harmonic : nearness that copes with organisations that cannot be reached.
    betweenness : standing between others on the same paths.

    Notes
    -----
    Closeness is Freeman's [1]_ (the inverse of the mean distance), counted here on the
    paths into each organisation. igraph's ``closeness(mode="in", normalized=True)`` gives
    :math:`r / S` (others that cannot reach *u* left out, NaN when there are none); this
    multiplies by :math:`r / (n - 1)`, counting :math:`r` from the strongly connected
    components.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks* 1(3), 215-239.
    .. [2] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press, p. 201.

    Examples
    --------
    >>> closeness(nx.DiGraph([("a", "b"), ("b", "c")])).round(4).to_dict()
    {'a': 0.0, 'b': 0.5, 'c': 0.6667}
    """
    return _series(G, _closeness(to_igraph(G)), "closeness")


def harmonic(G: nx.DiGraph) -> pd.Series:
    """Harmonic centrality: mean of the inverse incoming distances from every other
    organisation (0 if unreached).

    For a hub lead: like closeness, but an organisation that some cannot reach at all is
    not penalised out of proportion, so it reads well on fragmented networks. The sum of
    inverse distances is Marchiori and Latora's harmonic mean of distances [1]_; Boldi and
    Vigna argue that it is the form of closeness that suits networks that are not
    connected [2]_.

    Returns
    -------
    pandas.Series
        ``networkx.harmonic_centrality(G)`` divided by :math:`n - 1`, so that values lie in
        [0, 1] and compare across networks of different sizes (networkx gives the sum);
        0 for a lone organisation.

    See Also
    --------
    closeness : nearness by the mean distance, among those that reach the organisation.

    References
    ----------
    .. [1] Marchiori, M. and Latora, V. (2000). Harmony in the small-world. *Physica A*
       285(3-4), 539-546.
    .. [2] Boldi, P. and Vigna, S. (2014). Axioms for centrality. *Internet Mathematics*
       10(3-4), 222-262.

    Examples
    --------
    >>> harmonic(nx.DiGraph([("a", "b"), ("b", "c")])).to_dict()
    {'a': 0.0, 'b': 0.5, 'c': 0.75}
    """
    return _series(G, _harmonic(to_igraph(G)), "harmonic")


def pagerank(G: nx.DiGraph, weight: str | None = "weight", alpha: float = 0.85) -> pd.Series:
    """PageRank: the share of time a random walker following weighted arcs spends at each.

    For a hub lead: an organisation that receives strong support from organisations that
    themselves receive a lot scores high; an arc from a well-supported partner counts more
    than one from an isolated one. This is Page and Brin's ranking of the Web [1]_ [2]_,
    read on the arcs of support.

    Returns
    -------
    pandas.Series
        Equal to ``networkx.pagerank(G, alpha=alpha, weight=weight)``: each step follows an
        out-arc with probability proportional to its weight, or with probability
        ``1 - alpha`` jumps to a uniformly chosen organisation; an organisation with no
        out-arc of positive weight sends the walker to a uniformly chosen one. Sums to 1.

    See Also
    --------
    in_degree : the arcs into each organisation, wherever they come from.
    in_strength : the weights of the arcs in.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the Web. Technical report 1999-66, Stanford InfoLab.
    .. [2] Brin, S. and Page, L. (1998). The anatomy of a large-scale hypertextual Web search
       engine. *Computer Networks and ISDN Systems* 30(1-7), 107-117.

    Examples
    --------
    >>> pagerank(nx.DiGraph([("a", "b")])).round(4).to_dict()
    {'a': 0.3509, 'b': 0.6491}
    """
    return _series(G, _pagerank(to_igraph(G, weight), alpha), "pagerank")


def _index(G: nx.DiGraph) -> pd.Index:
    return pd.Index(list(G), name="organisation")


def _series(G: nx.DiGraph, values: np.ndarray, name: str) -> pd.Series:
    return pd.Series(values, index=_index(G), name=name)


def _betweenness(g: ig.Graph) -> np.ndarray:
    n = g.vcount()
    raw = np.asarray(g.betweenness(directed=True, weights=None), dtype=float)
    return raw / ((n - 1) * (n - 2)) if n > 2 else raw


def _closeness(g: ig.Graph, vertices: Sequence[int] | None = None) -> np.ndarray:
    """Closeness of every vertex, or of ``vertices`` only (in that order)."""
    n = g.vcount()
    chosen = np.arange(n) if vertices is None else np.asarray(vertices, dtype=np.int64)
    if n < 2:
        return np.zeros(len(chosen))
    among_reached = np.asarray(
        g.closeness(vertices=chosen.tolist(), mode="in", weights=None, normalized=True), float
    )
    reached_by = _reached_by(g)[chosen]
    values = np.zeros(len(chosen))
    ok = reached_by > 0
    values[ok] = among_reached[ok] * reached_by[ok] / (n - 1)
    return values


def _reached_by(g: ig.Graph) -> np.ndarray:
    """Number of other vertices from which each vertex can be reached along arcs.

    Strongly connected: everyone. Otherwise count on the condensation (one vertex per
    strongly connected component, arcs between components), where each component gets
    ``size - 1`` stand-in vertices pointing into it, so that counting the vertices that
    reach a component counts organisations; one breadth-first search per component, in C.
    """
    n = g.vcount()
    components = g.connected_components(mode="strong")
    if len(components) == 1:
        return np.full(n, n - 1)
    membership = np.asarray(components.membership, dtype=np.int64)
    sizes = np.asarray(components.sizes(), dtype=np.int64)
    k = len(sizes)
    arcs = membership[np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)]
    arcs = np.unique(arcs[arcs[:, 0] != arcs[:, 1]], axis=0)
    stand_ins = np.column_stack([np.arange(k, n), np.repeat(np.arange(k), sizes - 1)])
    condensed = ig.Graph(n=n, edges=np.vstack([arcs, stand_ins]).tolist(), directed=True)
    reach = np.asarray(condensed.neighborhood_size(vertices=range(k), order=n, mode="in"))
    return reach[membership] - 1


def _harmonic(g: ig.Graph, vertices: Sequence[int] | None = None) -> np.ndarray:
    """Harmonic centrality of every vertex, or of ``vertices`` only (in that order)."""
    chosen = range(g.vcount()) if vertices is None else [int(v) for v in vertices]
    if g.vcount() < 2:
        return np.zeros(len(chosen))
    values = g.harmonic_centrality(vertices=chosen, mode="in", weights=None, normalized=True)
    return np.asarray(values, float)


def _pagerank(g: ig.Graph, alpha: float = 0.85) -> np.ndarray:
    if g.vcount() == 0:
        return np.zeros(0)
    values = g.pagerank(directed=True, damping=alpha, weights="weight", implementation="prpack")
    return np.asarray(values, dtype=float)
