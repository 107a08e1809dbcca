"""Who is linked to whom through a broker: brokered pairs and the type-by-type matrix."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.brokerage.roles import (
    ROLES,
    _arcs,
    _as_directed,
    _open_two_paths,
    _roles_of,
    _type_codes,
)
from ecosystem.codebook import type_order
from ecosystem.errors import OptionError

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
        ``to_type``, ``role`` (the Gould-Fernandez role [1]_ of :data:`ROLES` that the three
        types make) and ``count`` (int). Rows are in display order of broker, from and to
        type: the codebook's order of organisation types, then other values alphabetically,
        ``"unknown"`` last. ``count`` sums to ``brokerage_roles(G)["total"].sum()``, and its
        sum by ``broker_type`` and ``role`` to the role counts of the brokers of that type.

    Raises
    ------
    ValueError
        If an organisation has no ``attribute``.

    See Also
    --------
    ecosystem.analysis.brokerage.brokerage_roles : how much each organisation brokers, role by role.
    brokerage_type_matrix : the same two-paths as a from-type by to-type table.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

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
    brokerage within one type (the coordinator or consultant roles of Gould and Fernandez
    [1]_).

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

    See Also
    --------
    brokered_pairs : the same two-paths with the broker's type and role, one row each.
    ecosystem.analysis.brokerage.brokerage_roles : how much each organisation brokers, role by role.
    ecosystem.analysis.summary.type_mixing : direct arcs by the types at their ends.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

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
