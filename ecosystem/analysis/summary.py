"""Whole-network measures of one wave: size, cohesion, centralisation and mixing by type.

:func:`network_measures` answers "what does this ecosystem look like as a whole" (how
dense and how reciprocal [3]_, how centred on one organisation: Freeman's centralisation
[1]_; how far ties cross organisation types: Krackhardt and Stern's E-I index [2]_);
:func:`type_mixing` shows which types of organisation are tied to which.

The graph is a :class:`networkx.DiGraph` with arcs in the direction of support, a
``weight`` that is a **strength** (higher = closer) and a node attribute ``type``; it is
never modified. Only :func:`network_measures`' ``mean_tie_weight`` uses weights: the other
measures count arcs.

References
----------
.. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215-239 (centralisation).
.. [2] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational crises:
   an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140 (E-I index).
.. [3] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
   Applications*. Cambridge University Press.
"""

from __future__ import annotations

from typing import Final

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.analysis.centrality import betweenness
from ecosystem.codebook import UNKNOWN_TYPE, type_order
from ecosystem.graphs import arc_arrays, to_igraph

__all__ = ["NETWORK_MEASURES", "network_measures", "type_mixing"]

NETWORK_MEASURES: Final[tuple[str, ...]] = (
    "organisations",
    "ties",
    "density",
    "reciprocity",
    "transitivity",
    "degree_centralisation",
    "betweenness_centralisation",
    "components",
    "largest_component_share",
    "mean_tie_weight",
    "ei_index",
    "within_type_share",
    "response_rate",
)
"""The entries of :func:`network_measures`, in order."""


def network_measures(
    G: nx.DiGraph, weight: str | None = "weight", betweenness_values: pd.Series | None = None
) -> pd.Series:
    """Measures of the whole network of one wave, as one Series (measure -> value).

    A Series, not a one-row table, because it describes one network: values of several
    waves line up as columns with ``pd.concat([...], axis=1)`` and compare by plain
    arithmetic (``later - earlier``). All values are floats (counts are whole numbers), so
    that arithmetic never meets mixed types. The Series is named after the graph's
    ``wave`` attribute when it has one.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave (arcs in the direction of support, node attribute ``type``,
        ``weight`` a strength; graph attribute ``response_rate`` where known).
    weight : str or None, optional
        Edge attribute holding the strength, for ``mean_tie_weight`` (1 where missing).
    betweenness_values : pandas.Series, optional
        Normalised betweenness of every organisation, when already computed (the
        ``betweenness`` column of ``organisation_measures``): reused, not recomputed, as
        betweenness is the costliest measure.

    Returns
    -------
    pandas.Series
        Indexed by :data:`NETWORK_MEASURES`:

        ``organisations``, ``ties``
            Nodes and arcs.
        ``density``
            Arcs / :math:`n(n-1)`, the share of possible arcs present [3]_ (sna ``gden``).
        ``reciprocity``
            Share of arcs whose reverse arc is present (``networkx.overall_reciprocity``;
            sna ``grecip(measure="edgewise")``).
        ``transitivity``
            Share of connected triples that close into triangles, on the **undirected**
            view (a tie either way is a tie): ``networkx.transitivity(G.to_undirected())``,
            0 when there is no connected triple.
        ``degree_centralisation``
            Degree centralisation: Freeman centralisation [1]_ of total degree (in + out):
            the sum of the differences from the highest degree, over its maximum
            :math:`2(n-1)(n-2)` (a star with arcs both ways); 1 for such a star, 0 when all
            are equal (sna ``centralization(g, degree)``).
        ``betweenness_centralisation``
            Betweenness centralisation: Freeman centralisation [1]_ of directed betweenness,
            over its maximum :math:`(n-1)^2(n-2)` (sna ``centralization(g, betweenness)``).
        ``components``, ``largest_component_share``
            Weak components (isolates count as components) and the largest component share:
            the share of organisations in the largest.
        ``mean_tie_weight``
            Mean tie weight: the mean arc weight.
        ``ei_index``, ``within_type_share``
            Krackhardt and Stern's E-I index [2]_ of arcs by organisation ``type``,
            (external - internal) / (external + internal), from -1 (all ties within a type)
            to +1 (all across types); and the within-type share, internal / all arcs.
        ``response_rate``
            Response rate: ``G.graph["response_rate"]``, NaN when absent.

        A measure that is undefined for the graph (density with fewer than 2
        organisations, reciprocity without arcs, centralisation with fewer than 3
        organisations...) is NaN.

    See Also
    --------
    type_mixing : the arcs by the types at their two ends, behind the E-I index.
    ecosystem.analysis.centrality.organisation_measures : the measures of each
        organisation.
    ecosystem.analysis.sustainability.fragmentation : how far the network holds together.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks* 1(3), 215-239.
    .. [2] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123-140.
    .. [3] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press.

    Examples
    --------
    >>> G = nx.DiGraph([("Hub", "Trust"), ("Trust", "Hub"), ("Hub", "Council")])
    >>> nx.set_node_attributes(G, {"Hub": "hub", "Trust": "trust", "Council": "council"}, "type")
    >>> network_measures(G)[["ties", "density", "reciprocity", "ei_index"]].round(4).to_dict()
    {'ties': 3.0, 'density': 0.5, 'reciprocity': 0.6667, 'ei_index': 1.0}
    """
    n = len(G)
    sources, targets, weights = arc_arrays(G, weight)
    m = len(sources)
    types = _types(G, "type")
    internal = int(np.sum(types[sources] == types[targets])) if m else 0
    components = [len(c) for c in nx.weakly_connected_components(G)]
    values = {
        "organisations": n,
        "ties": m,
        "density": m / (n * (n - 1)) if n > 1 else np.nan,
        "reciprocity": _reciprocity(sources, targets, n),
        "transitivity": _transitivity(G),
        "degree_centralisation": _degree_centralisation(sources, targets, n),
        "betweenness_centralisation": _betweenness_centralisation(G, betweenness_values),
        "components": len(components),
        "largest_component_share": max(components) / n if n else np.nan,
        "mean_tie_weight": float(np.mean(weights)) if m else np.nan,
        "ei_index": (m - 2 * internal) / m if m else np.nan,
        "within_type_share": internal / m if m else np.nan,
        "response_rate": G.graph.get("response_rate", np.nan),
    }
    return pd.Series(
        [float(values[key]) for key in NETWORK_MEASURES],
        index=pd.Index(NETWORK_MEASURES, name="measure"),
        name=G.graph.get("wave"),
        dtype=float,
    )


def type_mixing(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Arcs counted by the type of the organisation at each end: who supports whom, by type.

    Rows are the source's type, columns the target's, both listing every type present among
    the organisations (codebook order, then any other values alphabetically, ``"unknown"``
    last), so the table is square and includes types with no arcs. The diagonal holds ties
    within a type; the E-I index of :func:`network_measures` is
    (off-diagonal - diagonal) / total.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave.
    attribute : str, optional
        Node attribute that groups organisations (``"unknown"`` where missing).

    Returns
    -------
    pandas.DataFrame
        Integer counts, index named ``source_type`` and columns ``target_type``.

    See Also
    --------
    network_measures : the E-I index and within-type share of the same arcs.
    ecosystem.analysis.brokerage.brokerage_type_matrix : two-step links through a broker,
        by the types at their ends.

    Examples
    --------
    >>> G = nx.DiGraph([("Hub", "Trust"), ("Trust", "Hub"), ("Hub", "Council")])
    >>> nx.set_node_attributes(G, {"Hub": "hub", "Trust": "trust", "Council": "council"}, "type")
    >>> table = type_mixing(G)
    >>> list(table.index), table.to_numpy().tolist()
    (['hub', 'trust', 'council'], [[0, 1, 1], [1, 0, 0], [0, 0, 0]])
    """
    types = _types(G, attribute)
    order = type_order(types)
    codes = pd.Categorical([str(t) for t in types], categories=order).codes
    sources, targets, _ = arc_arrays(G)
    counts = np.zeros((len(order), len(order)), dtype=np.int64)
    np.add.at(counts, (codes[sources], codes[targets]), 1)
    return pd.DataFrame(
        counts,
        index=pd.Index(order, name="source_type"),
        columns=pd.Index(order, name="target_type"),
    )


def _types(G: nx.DiGraph, attribute: str) -> np.ndarray:
    return np.array([G.nodes[node].get(attribute, UNKNOWN_TYPE) for node in G], dtype=object)


def _reciprocity(sources: np.ndarray, targets: np.ndarray, n: int) -> float:
    if len(sources) == 0:
        return np.nan
    arcs = sp.csr_array((np.ones(len(sources)), (sources, targets)), shape=(n, n))
    arcs.sum_duplicates()
    return float(arcs.multiply(arcs.T).nnz / arcs.nnz)


def _transitivity(G: nx.DiGraph) -> float:
    if G.number_of_edges() == 0:
        return 0.0
    undirected = to_igraph(G).as_undirected(mode="collapse")
    return float(undirected.transitivity_undirected(mode="zero"))


def _degree_centralisation(sources: np.ndarray, targets: np.ndarray, n: int) -> float:
    if n < 3:
        return np.nan
    total = np.bincount(sources, minlength=n) + np.bincount(targets, minlength=n)
    return float(np.sum(total.max() - total) / (2 * (n - 1) * (n - 2)))


def _betweenness_centralisation(G: nx.DiGraph, known: pd.Series | None) -> float:
    n = len(G)
    if n < 3:
        return np.nan
    # betweenness() is already divided by (n-1)(n-2); the maximum total is (n-1)^2 (n-2).
    values = (betweenness(G) if known is None else known).to_numpy(dtype=float)
    return float(np.sum(values.max() - values) / (n - 1))
