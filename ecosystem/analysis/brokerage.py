"""Gould & Fernandez brokerage by organisation type, as R's ``sna::brokerage`` computes it.

An organisation *b* brokers the ordered pair (*a*, *c*) when there are arcs a -> b and
b -> c but no arc a -> c (*a*, *b* and *c* distinct). Each such open two-path is given one of
five roles according to the organisation types of the three organisations:

==============  =====================  ==================================
role            types                  R ``sna`` column (UCINET name)
==============  =====================  ==================================
coordinator     G(a) = G(b) = G(c)     ``w_I``
gatekeeper      G(a) != G(b) = G(c)    ``b_OI``
representative  G(a) = G(b) != G(c)    ``b_IO``
consultant      G(a) = G(c) != G(b)    ``w_O`` (itinerant broker)
liaison         all three differ       ``b_O``
==============  =====================  ==================================

For a hub this separates "brings partners of its own kind together" (coordinator) from
"lets outsiders reach its own kind" (gatekeeper), "speaks for its own kind to others"
(representative), "links two partners of another kind" (consultant) and "links two different
kinds, neither its own" (liaison): the report's "catalysing partnerships" function.

Only arcs count: tie weights are ignored, and a self-tie brokers nothing. An undirected tie
counts as arcs both ways, so each brokered unordered pair counts twice, as in ``sna``.

The null model (``brokerage_expectations``, ``brokerage_summary``) is ``sna``'s: arcs present
independently with probability equal to the density, types held fixed; expectations and
standard deviations are Gould & Fernandez's closed forms as coded in ``sna`` 2.8.

References
----------
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software*
24(6); R package ``sna`` 2.8, function ``brokerage``.
"""

from __future__ import annotations

from typing import Final

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.codebook import type_order
from ecosystem.errors import OptionError
from ecosystem.graphs import arc_arrays

__all__ = [
    "ROLES",
    "brokerage_expectations",
    "brokerage_roles",
    "brokerage_summary",
    "brokerage_type_matrix",
    "brokered_pairs",
]

ROLES: Final[tuple[str, ...]] = (
    "coordinator",
    "gatekeeper",
    "representative",
    "consultant",
    "liaison",
)
"""The five Gould-Fernandez roles, in the column order of :func:`brokerage_roles`."""

_COLUMNS: Final[tuple[str, ...]] = (*ROLES, "total")

# sna's column order (w_I, w_O, b_IO, b_OI, b_O, t), written in our role names.
_SNA_ORDER: Final[tuple[str, ...]] = (
    "coordinator",
    "consultant",
    "representative",
    "gatekeeper",
    "liaison",
    "total",
)
# Position in sna's order of each of our columns.
_FROM_SNA: Final[list[int]] = [_SNA_ORDER.index(column) for column in _COLUMNS]

_COORDINATOR, _GATEKEEPER, _REPRESENTATIVE, _CONSULTANT, _LIAISON = range(len(ROLES))


# --------------------------------------------------------------------------------------------
# Preparation


def _as_directed(G: nx.Graph) -> nx.DiGraph:
    """Return ``G`` itself when directed; otherwise a new digraph with each edge both ways."""
    return G if G.is_directed() else G.to_directed()


def _type_codes(G: nx.Graph, attribute: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer type code per organisation (in ``list(G)`` order) and the size of each type.

    Codes follow first appearance, like R's ``match(cl, unique(cl))``; missing values
    (``None``/NaN) form one type of their own.
    """
    data = G.nodes
    missing = [node for node in G if attribute not in data[node]]
    if missing:
        shown = ", ".join(repr(node) for node in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise ValueError(
            f"brokerage needs every organisation's '{attribute}'; it is missing for {shown}{more}"
        )
    values = pd.Series([data[node][attribute] for node in G], dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    codes = np.asarray(codes, dtype=np.int64)
    sizes = np.bincount(codes, minlength=len(uniques)).astype(np.int64)
    return codes, sizes


def _arcs(G: nx.DiGraph) -> tuple[np.ndarray, np.ndarray]:
    """Source and target indices of the arcs, self-ties dropped."""
    sources, targets, _ = arc_arrays(G)
    keep = sources != targets
    return sources[keep], targets[keep]


def _open_two_paths(
    sources: np.ndarray, targets: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (a, b, c) with a -> b -> c, a != c and no arc a -> c, as three index arrays.

    Each arc (a, b) is joined with every arc leaving b: arcs are sorted by source into a
    compressed row layout, and the arc (a, b) is repeated out-degree(b) times.
    """
    order = np.argsort(sources, kind="stable")
    heads = targets[order]  # targets of the arcs, grouped by source
    out_degree = np.bincount(sources, minlength=n)
    row_start = np.concatenate(([0], np.cumsum(out_degree)[:-1])) if n else out_degree

    counts = out_degree[targets]  # arc k = (a, b) is followed by out-degree(b) arcs
    total = int(counts.sum())
    a = np.repeat(sources, counts)
    b = np.repeat(targets, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    offset = np.arange(total, dtype=np.int64) - first
    c = heads[np.repeat(row_start[targets], counts) + offset]

    keep = a != c
    a, b, c = a[keep], b[keep], c[keep]
    # Drop the pairs that are already tied: encode arcs as a * n + c and look them up.
    arc_keys = np.unique(sources * np.int64(n) + targets)
    path_keys = a * np.int64(n) + c
    position = np.searchsorted(arc_keys, path_keys)
    position = np.minimum(position, max(len(arc_keys) - 1, 0))
    tied = arc_keys[position] == path_keys if len(arc_keys) else np.zeros(len(a), dtype=bool)
    open_ = ~tied
    return a[open_], b[open_], c[open_]


# --------------------------------------------------------------------------------------------
# Counts


def _role_counts(G: nx.Graph, attribute: str) -> np.ndarray:
    """An n x 5 integer array of role counts, columns in :data:`ROLES` order."""
    directed = _as_directed(G)
    codes, _ = _type_codes(directed, attribute)
    n = directed.number_of_nodes()
    sources, targets = _arcs(directed)
    a, b, c = _open_two_paths(sources, targets, n)
    role = _roles_of(codes[a], codes[b], codes[c])
    counts = np.bincount(b * len(ROLES) + role, minlength=n * len(ROLES))
    return counts.reshape(n, len(ROLES)).astype(np.int64)


def brokerage_roles(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Count the Gould-Fernandez brokerage roles each organisation plays.

    Parameters
    ----------
    G : networkx.DiGraph
        The partner network. Only arcs count (weights are ignored); an undirected graph is
        read as arcs both ways. Self-ties are ignored.
    attribute : str, default "type"
        Node attribute holding the organisation type; every organisation must have one.

    Returns
    -------
    pandas.DataFrame
        Indexed by organisation (index name ``"organisation"``, in ``list(G)`` order), with
        integer columns ``coordinator, gatekeeper, representative, consultant, liaison`` and
        ``total``. Isolates and organisations that broker nothing get zeros.

    Raises
    ------
    ValueError
        If an organisation has no ``attribute``.

    Notes
    -----
    Vectorised: each arc (a, b) is joined with every arc (b, c), pairs with a = c or an arc
    a -> c are dropped, and the rest are classified by type and counted per broker. Counts
    equal R ``sna::brokerage``'s ``raw.nli`` (columns reordered and renamed: ``w_I`` =
    coordinator, ``w_O`` = consultant, ``b_IO`` = representative, ``b_OI`` = gatekeeper,
    ``b_O`` = liaison, ``t`` = total).

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

    Examples
    --------
    A hub passes a university's requests on to a trust:

    >>> G = nx.DiGraph([("university", "hub"), ("hub", "trust")])
    >>> nx.set_node_attributes(G, {"university": "academic", "hub": "hub", "trust": "NHS"}, "type")
    >>> brokerage_roles(G).loc["hub"].tolist()  # coordinator ... liaison, total
    [0, 0, 0, 0, 1, 1]
    """
    counts = _role_counts(G, attribute)
    table = np.column_stack([counts, counts.sum(axis=1)])
    index = pd.Index(list(G), name="organisation", dtype=object)
    return pd.DataFrame(table, index=index, columns=list(_COLUMNS)).astype(np.int64)


# --------------------------------------------------------------------------------------------
# Null model (sna 2.8, brokerage)


def _density(G: nx.DiGraph) -> float:
    """Arcs over ordered pairs (sna's ``m / (N * (N - 1))``); 0 for fewer than two nodes."""
    n = G.number_of_nodes()
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
        return np.sqrt(variance)


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

    Notes
    -----
    Under the null model arcs are independent with probability d, the density (arcs over
    ordered pairs, self-ties excluded), and types are fixed. An open two-path a -> b -> c
    then has probability d^2 (1 - d), so the expectation for broker b is d^2 (1 - d) times
    the number of ordered (a, c) pairs whose types fit the role; variances are Gould &
    Fernandez's, as coded in R ``sna::brokerage`` 2.8 (``exp.nli``, ``sd.nli``, ``z.nli``).
    Expectations depend only on the broker's type, so organisations of one type share them.

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

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
        ``z.gli``.

    Notes
    -----
    Same null model as :func:`brokerage_expectations`; the whole-network variances include
    the covariances between brokers that share arcs, so they are not the sum of the
    per-organisation variances.

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

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


# --------------------------------------------------------------------------------------------
# Whom the brokers connect: open two-paths by the types at their ends


def _type_values(G: nx.DiGraph, attribute: str) -> tuple[np.ndarray, list[object]]:
    """Type code per organisation (as :func:`_type_codes`) and the type value of each code."""
    codes, _ = _type_codes(G, attribute)
    nodes = list(G)
    _, first = np.unique(codes, return_index=True)
    return codes, [G.nodes[nodes[i]][attribute] for i in first]


def _display_order(types: list[object]) -> list[int]:
    """Codes of ``types`` in display order: the codebook's, then others alphabetically.

    As in :func:`ecosystem.analysis.summary.type_mixing`, ``"unknown"`` comes last, so the
    two type-by-type tables read the same way.
    """
    position = {value: rank for rank, value in enumerate(type_order(types))}
    return sorted(range(len(types)), key=lambda code: position[str(types[code])])


def _roles_of(ga: np.ndarray, gb: np.ndarray, gc: np.ndarray) -> np.ndarray:
    """Role index (position in :data:`ROLES`) of open two-paths with these type codes."""
    return np.select(
        [
            (ga == gb) & (gb == gc),
            (ga == gb) & (gb != gc),
            (ga != gb) & (gb == gc),
            (ga == gc) & (ga != gb),
        ],
        [_COORDINATOR, _REPRESENTATIVE, _GATEKEEPER, _CONSULTANT],
        default=_LIAISON,
    ).astype(np.int64)


def _open_two_path_types(
    G: nx.Graph, attribute: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[object]]:
    """Type codes of a, b and c for every open two-path a -> b -> c, and the types by code."""
    directed = _as_directed(G)
    codes, types = _type_values(directed, attribute)
    sources, targets = _arcs(directed)
    a, b, c = _open_two_paths(sources, targets, directed.number_of_nodes())
    return codes[a], codes[b], codes[c], types


def brokered_pairs(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Count open two-paths by the types of the broker and of the two organisations it links.

    Where :func:`brokerage_roles` says how much each organisation brokers, this says whom
    brokerage connects: for every open two-path a -> b -> c (arcs a -> b and b -> c, no arc
    a -> c, all three distinct) it records the types of the broker *b*, of *a* (whose
    support reaches the broker: ``from_type``) and of *c* (whom the broker supports:
    ``to_type``), and counts the two-paths of each combination.

    Parameters
    ----------
    G : networkx.DiGraph
        The partner network. Only arcs count (weights are ignored); an undirected graph is
        read as arcs both ways. Self-ties are ignored.
    attribute : str, default "type"
        Node attribute holding the organisation type; every organisation must have one.

    Returns
    -------
    pandas.DataFrame
        One row per combination that occurs, with columns ``broker_type``, ``from_type``,
        ``to_type``, ``role`` (the Gould-Fernandez role of :data:`ROLES` that the three
        types make) and ``count`` (int). Rows are in display order of broker, from and to
        type: the codebook's order of organisation types, then other values alphabetically,
        ``"unknown"`` last. ``count`` sums to ``brokerage_roles(G)["total"].sum()``, and its
        sum by ``broker_type`` and ``role`` to the role counts of the brokers of that type.

    Raises
    ------
    ValueError
        If an organisation has no ``attribute``.

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

    Examples
    --------
    Two universities reach a charity only through the hub:

    >>> G = nx.DiGraph([("Uni A", "Hub"), ("Uni B", "Hub"), ("Hub", "Charity")])
    >>> types = {"Uni A": "university", "Uni B": "university", "Hub": "hub", "Charity": "VCSE"}
    >>> nx.set_node_attributes(G, types, "type")
    >>> print(brokered_pairs(G).to_string(index=False))
    broker_type  from_type to_type    role  count
            hub university    VCSE liaison      2
    """
    ga, gb, gc, types = _open_two_path_types(G, attribute)
    k = max(len(types), 1)
    keys, counts = np.unique((gb * k + ga) * k + gc, return_counts=True)
    broker, rest = np.divmod(keys, k * k)
    source, target = np.divmod(rest, k)
    position = np.empty(len(types), dtype=np.int64)
    position[_display_order(types)] = np.arange(len(types))
    order = np.lexsort((position[target], position[source], position[broker]))
    broker, source, target, counts = broker[order], source[order], target[order], counts[order]
    roles = _roles_of(source, broker, target)
    return pd.DataFrame(
        {
            "broker_type": pd.Series([types[i] for i in broker], dtype=object),
            "from_type": pd.Series([types[i] for i in source], dtype=object),
            "to_type": pd.Series([types[i] for i in target], dtype=object),
            "role": pd.Series([ROLES[i] for i in roles], dtype=object),
            "count": counts.astype(np.int64),
        }
    )


def brokerage_type_matrix(
    G: nx.DiGraph, attribute: str = "type", broker_type: str | None = None
) -> pd.DataFrame:
    """Brokered two-paths counted by the type they start from and the type they reach.

    Cell (row *X*, column *Y*) counts the open two-paths a -> b -> c (a -> b, b -> c, no
    arc a -> c, all distinct) with *a* of type *X* and *c* of type *Y*: how often a broker
    passes support from an organisation of type *X* on to one of type *Y* that *X* does
    not support directly. With ``broker_type`` only brokers of that type count, so a hub
    lead reads the hubs' matrix as "the hub links universities to VCSEs 12 times": the
    catalysing of partnerships between kinds of organisation that the evaluation asks
    about, and, in the empty cells, the kinds it does not yet connect. The diagonal holds
    brokerage within one type (coordinator or consultant roles).

    Parameters
    ----------
    G : networkx.DiGraph
        The partner network. Only arcs count (weights are ignored); an undirected graph is
        read as arcs both ways. Self-ties are ignored.
    attribute : str, default "type"
        Node attribute holding the organisation type; every organisation must have one.
    broker_type : str, optional
        Count only the brokers of this type; ``None`` (default) counts every broker.

    Returns
    -------
    pandas.DataFrame
        Square integer matrix, index named ``from_type`` and columns ``to_type``, listing
        every type present among the organisations (whether or not it is brokered) in the
        codebook's order, then other values alphabetically, ``"unknown"`` last. Its total
        equals ``brokerage_roles(G)["total"]`` summed over the brokers counted.

    Raises
    ------
    ValueError
        If an organisation has no ``attribute``.
    OptionError
        If ``broker_type`` is not the type of any organisation in ``G``.

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

    Examples
    --------
    >>> G = nx.DiGraph([("Uni A", "Hub"), ("Uni B", "Hub"), ("Hub", "Charity")])
    >>> types = {"Uni A": "university", "Uni B": "university", "Hub": "hub", "Charity": "VCSE"}
    >>> nx.set_node_attributes(G, types, "type")
    >>> matrix = brokerage_type_matrix(G, broker_type="hub")
    >>> int(matrix.loc["university", "VCSE"]), int(matrix.to_numpy().sum())
    (2, 2)
    >>> list(matrix.index), list(matrix.columns)
    (['hub', 'university', 'VCSE'], ['hub', 'university', 'VCSE'])
    """
    ga, gb, gc, types = _open_two_path_types(G, attribute)
    k = len(types)
    if broker_type is not None:
        wanted = [code for code, value in enumerate(types) if _same_type(value, broker_type)]
        if not wanted:
            present = ", ".join(str(types[code]) for code in _display_order(types)) or "none"
            raise OptionError(
                f"no organisation in this network is of type '{broker_type}'; types: {present}"
            )
        keep = gb == wanted[0]
        ga, gc = ga[keep], gc[keep]
    counts = np.bincount(ga * k + gc, minlength=k * k).reshape(k, k).astype(np.int64)
    order = _display_order(types)
    labels = [types[code] for code in order]
    return pd.DataFrame(
        counts[np.ix_(order, order)],
        index=pd.Index(labels, name="from_type", dtype=object),
        columns=pd.Index(labels, name="to_type", dtype=object),
    )


def _same_type(value: object, wanted: object) -> bool:
    """Type equality that never compares across kinds (a string with a number, say)."""
    if isinstance(value, str) or isinstance(wanted, str):
        return isinstance(value, str) and isinstance(wanted, str) and value == wanted
    return bool(value == wanted)
