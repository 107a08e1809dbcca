"""Counting Gould-Fernandez roles: each open two-path, classed by its three organisations' types."""

from __future__ import annotations

from typing import Final

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.graphs import arc_arrays

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

    Each open two-path a -> b -> c makes *b* a broker, in one of the five roles that Gould
    and Fernandez [1]_ tell apart by the organisation types of *a*, *b* and *c*
    (:data:`ROLES`; the table of :mod:`ecosystem.analysis.brokerage`).

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

    See Also
    --------
    ecosystem.analysis.brokerage.brokerage_expectations : what chance alone would give each
        organisation, and z-scores.
    ecosystem.analysis.brokerage.brokered_pairs : whom the brokers link, by type.
    ecosystem.analysis.centrality.betweenness : standing between others on shortest paths,
        whatever their types.
    ecosystem.analysis.structural_holes.effective_size : partners that are not tied to each
        other.

    Notes
    -----
    Vectorised: each arc (a, b) is joined with every arc (b, c), pairs with a = c or an arc
    a -> c are dropped, and the rest are classified by type and counted per broker. Counts
    equal R ``sna::brokerage``'s ``raw.nli`` [2]_ (columns reordered and renamed: ``w_I`` =
    coordinator, ``w_O`` = consultant, ``b_IO`` = representative, ``b_OI`` = gatekeeper,
    ``b_O`` = liaison, ``t`` = total).

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6), 1-51; R package ``sna`` 2.8, function ``brokerage``.

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
