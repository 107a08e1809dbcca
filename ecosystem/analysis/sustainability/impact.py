"""What a scenario cuts: organisations left alone, kinds of organisation cut off, and pairs
of organisations that lose their only two-step bridge.

Each function compares a network ``before`` a scenario with the network ``after`` it
(:func:`~ecosystem.analysis.sustainability.apply_scenario`); a tie either way counts, and
tie strength does not matter.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from ecosystem.analysis.sustainability.measures import undirected_adjacency
from ecosystem.codebook import UNKNOWN_TYPE, type_order

__all__ = ["BRIDGE_COLUMNS", "isolated", "lost_bridges", "types_cut_off"]

BRIDGE_COLUMNS = ("first", "second", "through")
"""The columns of :func:`lost_bridges`."""


def isolated(before: nx.DiGraph, after: nx.DiGraph) -> tuple[str, ...]:
    """Organisations of ``after`` with no tie that had one in ``before``, in name order.

    >>> isolated(nx.DiGraph([("a", "b"), ("b", "c")]), nx.DiGraph([("a", "b")]))
    ()
    >>> after = nx.DiGraph([("a", "b")]); after.add_node("c")
    >>> isolated(nx.DiGraph([("a", "b"), ("b", "c")]), after)
    ('c',)
    """
    return tuple(
        sorted(
            (node for node in after if after.degree(node) == 0 and before.degree(node) > 0),
            key=str,
        )
    )


def types_cut_off(before: nx.DiGraph, after: nx.DiGraph) -> tuple[str, ...]:
    """Types of organisation (node attribute ``type``) tied to another type in ``before``
    whose every organisation in ``after`` has lost every tie to the other types.

    A type none of whose organisations is left in ``after`` has left, and is not counted as
    cut off. The types come in the codebook's order.

    >>> G = nx.DiGraph([("h", "c"), ("h", "t")])
    >>> nx.set_node_attributes(G, {"h": "hub", "c": "council", "t": "trust"}, "type")
    >>> after = G.copy(); after.remove_node("h")
    >>> types_cut_off(G, after)
    ('trust', 'council')
    """
    before_ties, after_ties = _types_tied_across(before), _types_tied_across(after)
    present = {_type(after, node) for node in after}
    cut = [kind for kind in before_ties if kind in present and kind not in after_ties]
    return tuple(type_order(cut))


def _types_tied_across(graph: nx.DiGraph) -> set[str]:
    """The types with at least one tie to an organisation of another type."""
    tied: set[str] = set()
    for u, v in graph.edges():
        first, second = _type(graph, u), _type(graph, v)
        if first != second:
            tied.update((first, second))
    return tied


def _type(graph: nx.DiGraph, node: object) -> str:
    return str(graph.nodes[node].get("type", UNKNOWN_TYPE))


def lost_bridges(before: nx.DiGraph, after: nx.DiGraph, gone: Iterable[str]) -> pd.DataFrame:
    """Pairs of organisations whose only two-step links went through organisations that left.

    A pair is listed when, in ``before``, its two organisations were not tied to each other
    and every organisation tied to both was one of ``gone`` (they were linked only through
    them), and when, in ``after``, both are still there, still not tied, and have no partner
    in common. ``through`` names the organisation(s) of ``gone`` that linked them
    (``"; "``-joined).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BRIDGE_COLUMNS`, ``first`` before ``second`` in name order, rows in
        name order.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "hub"), ("hub", "b"), ("b", "c")])
    >>> after = G.copy(); after.remove_node("hub")
    >>> lost_bridges(G, after, ["hub"]).values.tolist()
    [['a', 'b', 'hub']]
    """
    nodes = sorted(before, key=str)
    gone_mask = np.isin(np.array(nodes, dtype=object), np.array(list(gone), dtype=object))
    adjacency = undirected_adjacency(before, nodes).astype(np.int64)
    common = adjacency @ adjacency
    through_gone = adjacency[:, gone_mask] @ adjacency[gone_mask, :]
    lost = (common > 0) & (common == through_gone) & (adjacency == 0)
    position = {node: i for i, node in enumerate(nodes)}
    kept = [node for node in nodes if node in after]
    kept_at = np.array([position[node] for node in kept], dtype=np.int64)
    now = undirected_adjacency(after, kept).astype(np.int64)
    still_linked = ((now @ now) > 0) | (now > 0)
    lost = lost[np.ix_(kept_at, kept_at)] & ~still_linked
    rows = []
    gone_names = [node for node, is_gone in zip(nodes, gone_mask, strict=True) if is_gone]
    gone_at = np.flatnonzero(gone_mask)
    for i, j in zip(*np.nonzero(np.triu(lost, k=1)), strict=True):
        first, second = kept_at[i], kept_at[j]
        via = adjacency[first, gone_at] & adjacency[second, gone_at]
        names = [name for name, link in zip(gone_names, via, strict=True) if link]
        rows.append((kept[i], kept[j], "; ".join(names)))
    return pd.DataFrame(rows, columns=list(BRIDGE_COLUMNS))
