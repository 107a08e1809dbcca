"""Burt's structural holes: constraint and effective size of each organisation's partners.

An organisation spans a *structural hole* when its partners are not tied to one another: it
is then the bridge through which information and resources pass between them, which is the
report's "catalysing partnerships" function of a hub. Burt [1]_ measures this from the
organisation's own ties and the ties among its partners:

* **constraint** is high (up to about 1, more for tight cliques) when an organisation's time
  and energy go to few partners who are strongly tied to each other, so that it has little
  room to broker; a hub that spans holes has low constraint;
* **effective size** is the number of partners less their redundancy: how many
  non-overlapping contacts the organisation really has (Borgatti [2]_ unpacks the
  redundancy into simpler terms).

Both measures treat a tie as undirected and use its strength: the **mutual weight** of a
pair is :math:`z_{ij} = w_{ij} + w_{ji}` (the sum of the weights of both arcs, 0 when there
is none), so a reciprocated tie counts twice as much as a one-way one. Weights are
**strengths** (higher = closer; the survey's frequency code by default) and must not be
negative. From the mutual weights,

* :math:`p_{ij} = z_{ij} / \\sum_k z_{ik}` is the share of *i*'s relations invested in *j*;
* :math:`m_{ij} = z_{ij} / \\max_k z_{ik}` is *i*'s tie to *j* relative to *i*'s strongest tie.

The neighbours :math:`N(i)` of *i* are the organisations with :math:`z_{ij} > 0`, whatever
the direction of the arcs: an organisation that only *receives* ties still has partners.
An arc of weight 0 (possible under the relevance weighting) is therefore no tie here, as in
networkx's matrix path for constraint. Self-loops are ignored. An organisation with no tie
of positive weight has neither measure (NaN).

Both are computed with sparse matrices (scipy), in time proportional to the number of
two-paths, so they stay fast on networks of thousands of organisations.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press.
.. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
   *Connections* 20(1), 35-38.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ecosystem.graphs import arc_arrays

__all__ = ["constraint", "effective_size", "structural_holes_from_arcs"]


def constraint(G: nx.DiGraph, weight: str | None = "weight") -> pd.Series:
    r"""Burt's constraint on each organisation: how far its partners are tied to each other.

    .. math::

       c(u) = \sum_{v \in N(u)} \Big(p_{uv} + \sum_{w \in N(u)} p_{uw}\, p_{wv}\Big)^2
            = \sum_{v \in N(u)} \big(P + P P\big)_{uv}^2

    with :math:`p` the mutual weights of the module docstring, normalised by their row sums,
    as Burt defines it [1]_. A hub lead reads it as the opposite of room to broker: an
    organisation whose few partners all work closely with one another (and so could bypass
    it) is constrained; one whose partners are otherwise unconnected is not. A single
    partner gives 1.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave. Arcs are directed; ``weight`` is a strength.
    weight : str or None, optional
        Edge attribute holding the strength; an arc without it (or ``None``) weighs 1.

    Returns
    -------
    pandas.Series
        Constraint indexed by organisation, in ``list(G)`` order; NaN for an organisation
        with no tie of positive weight.

    See Also
    --------
    effective_size : the partners that are not redundant.
    ecosystem.analysis.centrality.betweenness : standing between others across the network.
    ecosystem.analysis.brokerage.brokerage_roles : the pairs an organisation brokers, by type.

    Notes
    -----
    Equal (to rounding) to ``networkx.constraint(G, weight=weight)`` as networkx 3.6
    computes it for directed graphs with scipy installed, including its treatment of arcs of
    weight 0 (left out of :math:`N(u)`). Where networkx's dense path lets an organisation
    whose ties all weigh 0 spread NaN to its neighbours, this function does not.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press, ch. 2.

    Examples
    --------
    A partner tied to no-one else constrains fully; two unconnected partners half as much
    each, squared:

    >>> G = nx.DiGraph([("hub", "a"), ("a", "hub"), ("hub", "b")])
    >>> constraint(G).round(4).to_dict()
    {'hub': 0.5556, 'a': 1.0, 'b': 1.0}
    """
    values, _ = _structural_holes(G, weight, want_effective_size=False)
    return pd.Series(values, index=_index(G), name="constraint", dtype=float)


def effective_size(G: nx.DiGraph, weight: str | None = "weight") -> pd.Series:
    r"""Burt's effective size of each organisation's set of partners: partners less redundancy.

    .. math::

       e(u) = \sum_{v \in N(u)} \Big(1 - \sum_{w \in N(u)} p_{uw}\, m_{vw}\Big)
            = |N(u)| - \sum_{v \in N(u)} \big(P M^{\top}\big)_{uv}

    with :math:`p` normalised by row sums and :math:`m` by row maxima (module docstring),
    as Burt defines it [1]_. A hub lead reads it as "how many separate circles do we
    reach": five partners who all work with each other count for little more than one; five
    who do not, for five.

    Parameters
    ----------
    G : networkx.DiGraph
        The network of one wave. Arcs are directed; ``weight`` is a strength.
    weight : str or None, optional
        Edge attribute holding the strength; an arc without it (or ``None``) weighs 1.

    Returns
    -------
    pandas.Series
        Effective size indexed by organisation, in ``list(G)`` order; NaN for an
        organisation with no tie of positive weight.

    See Also
    --------
    constraint : how far the partners are tied to each other, weighted by investment.
    ecosystem.analysis.brokerage.brokerage_roles : the pairs an organisation brokers, by type.

    Notes
    -----
    This is Burt's definition as networkx 3.6 writes it in its per-node loop
    (``effective_size(G, nodes=...)``: redundancy with ``norm=max``), with two deliberate
    differences:

    * networkx's loop gives NaN to an organisation with no *outgoing* arc
      (``len(G[v]) == 0``) even when others name it; here it has partners, so it gets the
      value of the same formula over all its neighbours, in or out. (Mutual weights ignore
      direction, so this equals networkx's loop on the reversed graph.)
    * an arc of weight 0 is no tie, as for :func:`constraint`; networkx's loop would count
      its end as a fully non-redundant partner.

    networkx's matrix path (``effective_size(G)`` with scipy) is not used as a reference: it
    scales :math:`m_{vw}` by the maximum of *w*'s row instead of *v*'s and so differs from
    Burt's definition and from its own loop whenever mutual weights are unequal.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press, ch. 2.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections* 20(1), 35-38.

    Examples
    --------
    Of the hub's three partners, two work together, so they are partly redundant
    (Borgatti's shortcut for binary ties [2]_: 3 - 2 x 1 / 3). Partner "b" only receives arcs
    and still has its two partners:

    >>> G = nx.DiGraph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> effective_size(G).round(4).to_dict()
    {'hub': 2.3333, 'a': 1.0, 'b': 1.0, 'c': 1.0}
    """
    _, values = _structural_holes(G, weight, want_effective_size=True)
    return pd.Series(values, index=_index(G), name="effective_size", dtype=float)


def _index(G: nx.DiGraph) -> pd.Index:
    return pd.Index(list(G), name="organisation")


def _structural_holes(
    G: nx.DiGraph, weight: str | None, want_effective_size: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    sources, targets, weights = arc_arrays(G, weight)
    return structural_holes_from_arcs(
        sources, targets, weights, len(G), want_effective_size=want_effective_size
    )


def structural_holes_from_arcs(
    sources: np.ndarray,
    targets: np.ndarray,
    weights: np.ndarray,
    n: int,
    want_effective_size: bool = True,
    rows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Constraint and effective size from arc index arrays (as :func:`arc_arrays` gives).

    Shared by the two public functions and by the table of organisation measures, which
    converts the graph once. Returns ``(constraint, effective_size)``; the second is
    ``None`` unless ``want_effective_size``. With ``rows`` (organisation indices), the
    values of those organisations only, in that order: each depends on its own partners
    alone, so a large network's are computed in parts on several processes.
    """
    rows = np.arange(n) if rows is None else np.asarray(rows, dtype=np.int64)
    constraint_values = np.full(len(rows), np.nan)
    effective_values = np.full(len(rows), np.nan) if want_effective_size else None
    if n == 0 or not len(rows):
        return constraint_values, effective_values
    keep = sources != targets
    arcs = sp.coo_array(
        (np.asarray(weights, dtype=float)[keep], (sources[keep], targets[keep])), shape=(n, n)
    )
    mutual = (arcs + arcs.T).tocsr()  # z_ij = w_ij + w_ji (duplicates summed)
    mutual.eliminate_zeros()  # a pair whose arcs all weigh 0 is no tie
    row_sums = np.asarray(mutual.sum(axis=1)).ravel()
    tied = (row_sums > 0)[rows]

    shares = _scale_rows(mutual, row_sums)  # p_ij
    mine = shares[rows]  # the rows asked for
    indirect = mine @ shares  # sum_w p_uw p_wv
    local = (mine + indirect.multiply(mine != 0)).tocsr()  # restricted to N(u)
    local.data **= 2
    constraint_values[tied] = np.asarray(local.sum(axis=1)).ravel()[tied]

    if effective_values is not None:
        row_max = mutual.max(axis=1).toarray().ravel()
        relative = _scale_rows(mutual, row_max)  # m_ij
        redundancy = (mine @ relative.T).multiply(mine != 0)  # (P M^T)_uv on N(u)
        partners = np.diff(mutual.indptr)[rows]
        totals = np.asarray(redundancy.sum(axis=1)).ravel()
        effective_values[tied] = (partners - totals)[tied]
    return constraint_values, effective_values


def _scale_rows(matrix: sp.csr_array, scale: np.ndarray) -> sp.csr_array:
    """Divide each row by its scale (rows with scale 0 are empty and stay so)."""
    inverse = np.zeros_like(scale, dtype=float)
    np.divide(1.0, scale, out=inverse, where=scale != 0)
    return (sp.diags_array(inverse) @ matrix).tocsr()
