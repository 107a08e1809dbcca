"""What chance alone would give: expected role counts and z-scores under R sna's null model."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.brokerage.roles import (
    _COLUMNS,
    _FROM_SNA,
    _as_directed,
    _role_counts,
    _type_codes,
)

# --------------------------------------------------------------------------------------------
# Null model (sna 2.8, brokerage)


def _density(G: nx.DiGraph) -> float:
    """Arcs over ordered pairs (sna's ``m / (N * (N - 1))``); 0 for fewer than two nodes."""
    n: int = G.number_of_nodes()
    if n < 2:
        return 0.0
    arcs = sum(1 for u, v in G.edges() if u != v)
    return arcs / (n * (n - 1.0))


def _choose2(x: np.ndarray) -> np.ndarray:
    return x * (x - 1.0) / 2.0


def _class_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expectation and variance per broker type: two (types x 6) arrays in sna's order."""
    n = sizes.astype(float)
    N = float(n.sum())
    p = d**2 * (1 - d)
    q = d**3 * (1 - d) ** 3
    others_pairs = (n * (n - 1)).sum() - n * (n - 1)
    others_triples = (n * (n - 1) * (n - 2)).sum() - n * (n - 1) * (n - 2)
    others_sum = N - n
    others_sq = (n**2).sum() - n**2

    mean = np.empty((len(n), 6))
    var = np.empty((len(n), 6))
    # w_I, coordinator
    mean[:, 0] = p * (n - 1) * (n - 2)
    var[:, 0] = mean[:, 0] * (1 - p) + 2 * (n - 1) * (n - 2) * (n - 3) * q
    # w_O, consultant (itinerant)
    mean[:, 1] = p * others_pairs
    var[:, 1] = mean[:, 1] * (1 - p) + 2 * others_triples * q
    # b_IO, representative; b_OI, gatekeeper (same moments)
    mean[:, 2] = p * (N - n) * (n - 1)
    var[:, 2] = (
        mean[:, 2] * (1 - p) + 2 * ((n - 1) * _choose2(N - n) + (N - n) * _choose2(n - 1)) * q
    )
    mean[:, 3] = mean[:, 2]
    var[:, 3] = var[:, 2]
    # b_O, liaison
    mean[:, 4] = p * (others_sum**2 - others_sq)
    liaison = n[None, :] * _choose2(N - n[None, :] - n[:, None])  # [broker type, other type]
    np.fill_diagonal(liaison, 0.0)
    var[:, 4] = mean[:, 4] * (1 - p) + 4 * liaison.sum(axis=1) * q
    # t, total
    mean[:, 5] = p * (N - 1) * (N - 2)
    var[:, 5] = mean[:, 5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q
    return mean, var


def _global_moments(sizes: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expectation and variance of the whole-network counts: two length-6 arrays, sna order."""
    n = sizes.astype(float)
    N = float(n.sum())
    p = d**2 * (1 - d)
    q3 = d**3 * (1 - d) ** 3
    q4 = d**4 * (1 - d) ** 2
    q5 = d**5 * (1 - d)
    x, y = n[:, None], n[None, :]

    mean = np.empty(6)
    var = np.empty(6)
    # w_I, coordinator
    mean[0] = p * (n * (n - 1) * (n - 2)).sum()
    var[0] = (
        mean[0] * (1 - p)
        + (n * (n - 1) * (n - 2) * ((4 * n - 10) * q3 - 4 * (n - 3) * q4 + (n - 3) * q5)).sum()
    )
    # w_O, consultant (itinerant)
    mean[1] = p * (n * (N - n) * (n - 1)).sum()
    var[1] = (
        mean[1] * (1 - p)
        + (x * y * (x - 1) * ((2 * x + 2 * y - 6) * q3 + (N - x - 1) * q5)).sum()
        - (n * n * (n - 1) * ((4 * n - 6) * q3 + (N - n - 1) * q5)).sum()
    )
    # b_IO, representative; b_OI, gatekeeper (same moments)
    mean[2] = p * (n * (N - n) * (n - 1)).sum()
    var[2] = mean[2] * (1 - p) + (n * (N - n) * (n - 1) * ((N - 3) * q3 + (n - 2) * q5)).sum()
    mean[3] = mean[2]
    var[3] = var[2]
    # b_O, liaison
    mean[4] = p * ((x * y * (N - x - y)).sum() - (n * n * (N - 2 * n)).sum())
    i, j, k = n[:, None, None], n[None, :, None], n[None, None, :]
    term = (
        i
        * j
        * k
        * (
            (4 * (N - j) - 2 * (i + k + 1)) * q3
            - (4 * (N - k) - 2 * (i + j + 1)) * q4
            + (N - (i + k + 1)) * q5
        )
    )
    types = np.arange(len(n))
    ti, tj, tk = types[:, None, None], types[None, :, None], types[None, None, :]
    distinct = (ti != tj) & (tj != tk) & (ti != tk)
    var[4] = mean[4] * (1 - p) + term[distinct].sum()
    # t, total
    mean[5] = p * N * (N - 1) * (N - 2)
    var[5] = mean[5] * (1 - p) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * q3 - 4 * (N - 3) * q4 + (N - 3) * q5
    )
    return mean, var


def _sd(variance: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        deviation: np.ndarray = np.sqrt(variance)
    return deviation


def _z(observed: np.ndarray, expected: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """(observed - expected) / sd, NaN where sd is 0 (where sna reports NaN)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (observed - expected) / sd
    return np.where(sd > 0, z, np.nan)


def brokerage_expectations(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Expected role counts, their standard deviations and z-scores per organisation.

    Parameters
    ----------
    G : networkx.DiGraph
        The partner network (arcs only; an undirected graph counts both ways).
    attribute : str, default "type"
        Node attribute holding the organisation type.

    Returns
    -------
    pandas.DataFrame
        Indexed by organisation (``list(G)`` order); for each role of :data:`ROLES` and for
        ``total`` three float columns ``<role>_expected``, ``<role>_sd`` and ``<role>_z``.
        A z-score is NaN where the standard deviation is 0 (the role is impossible for that
        organisation's type, or the network is empty or complete).

    See Also
    --------
    ecosystem.analysis.brokerage.brokerage_roles : the observed counts.
    brokerage_summary : the same comparison for the whole network.

    Notes
    -----
    Under the null model arcs are independent with probability d, the density (arcs over
    ordered pairs, self-ties excluded), and types are fixed. An open two-path a -> b -> c
    then has probability d^2 (1 - d), so the expectation for broker b is d^2 (1 - d) times
    the number of ordered (a, c) pairs whose types fit the role; variances are Gould &
    Fernandez's [1]_, as coded in R ``sna::brokerage`` 2.8 [2]_ (``exp.nli``, ``sd.nli``,
    ``z.nli``). Expectations depend only on the broker's type, so organisations of one type
    share them.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6), 1-51; R package ``sna`` 2.8, function ``brokerage``.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> nx.set_node_attributes(G, "trust", "type")
    >>> brokerage_expectations(G).loc["a", ["coordinator_expected", "liaison_expected"]].tolist()
    [0.25, 0.0]
    """
    directed = _as_directed(G)
    codes, sizes = _type_codes(directed, attribute)
    mean, var = _class_moments(sizes, _density(directed))
    expected = mean[codes][:, _FROM_SNA]
    sd = _sd(var[codes][:, _FROM_SNA])
    counts = _role_counts(directed, attribute)
    observed = np.column_stack([counts, counts.sum(axis=1)]).astype(float)
    z = _z(observed, expected, sd)
    columns: dict[str, np.ndarray] = {}
    for position, role in enumerate(_COLUMNS):
        columns[f"{role}_expected"] = expected[:, position]
        columns[f"{role}_sd"] = sd[:, position]
        columns[f"{role}_z"] = z[:, position]
    index = pd.Index(list(G), name="organisation", dtype=object)
    return pd.DataFrame(columns, index=index)


def brokerage_summary(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Whole-network brokerage: observed count, expectation, sd and z-score of each role.

    Parameters
    ----------
    G : networkx.DiGraph
        The partner network (arcs only; an undirected graph counts both ways).
    attribute : str, default "type"
        Node attribute holding the organisation type.

    Returns
    -------
    pandas.DataFrame
        One row per role of :data:`ROLES` and one for ``total`` (index name ``"role"``), with
        columns ``observed`` (int), ``expected``, ``sd`` and ``z`` (floats; z is NaN where
        sd is 0). These are R ``sna::brokerage``'s ``raw.gli``, ``exp.gli``, ``sd.gli`` and
        ``z.gli`` [2]_.

    See Also
    --------
    brokerage_expectations : the same comparison organisation by organisation.
    ecosystem.analysis.brokerage.brokerage_roles : the observed counts of each organisation.

    Notes
    -----
    Same null model as :func:`brokerage_expectations`, Gould and Fernandez's [1]_; the
    whole-network variances include the covariances between brokers that share arcs, so
    they are not the sum of the per-organisation variances.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6), 1-51; R package ``sna`` 2.8, function ``brokerage``.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "council", "b": "hub", "c": "council"}, "type")
    >>> brokerage_summary(G).loc["consultant", "observed"]
    np.int64(1)
    """
    directed = _as_directed(G)
    _, sizes = _type_codes(directed, attribute)
    mean, var = _global_moments(sizes, _density(directed))
    expected = mean[_FROM_SNA]
    sd = _sd(var[_FROM_SNA])
    counts = _role_counts(directed, attribute)
    observed = np.append(counts.sum(axis=0), counts.sum()).astype(np.int64)
    table = pd.DataFrame(
        {
            "observed": observed,
            "expected": expected,
            "sd": sd,
            "z": _z(observed.astype(float), expected, sd),
        },
        index=pd.Index(list(_COLUMNS), name="role"),
    )
    return table
